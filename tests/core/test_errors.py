import pytest
from flask import abort
from flask_babel import gettext as _
from sqlalchemy import delete
from werkzeug.exceptions import TooManyRequests

from challenges import create_app
from challenges.extensions import db
from challenges.judging.models import RubricEntry
from tests.factories import app_config


def test_404_is_a_friendly_dutch_page(client):
    response = client.get("/does-not-exist")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert 'lang="nl"' in html
    assert "Pagina niet gevonden" in html


def test_404_in_english_after_choosing_english(client):
    client.submit("/language", {"language": "en"}, page="/")
    html = client.get("/does-not-exist").get_data(as_text=True)
    assert "Page not found" in html


def test_api_paths_get_json_errors(client):
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404
    assert response.json["error"]


def test_405_for_wrong_method(client):
    response = client.get("/account/logout")
    assert response.status_code == 405
    assert "Error code 405" in response.get_data(
        as_text=True
    ) or "Foutcode 405" in response.get_data(as_text=True)


@pytest.fixture
def failing_app(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path))
    app = create_app(app_config(database_url))

    def broken():
        raise RuntimeError("boom")

    app.add_url_rule("/broken", "broken", broken)
    return app


def test_500_page_hides_the_stack_trace(failing_app):
    response = failing_app.test_client().get("/broken")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "boom" not in html
    assert "Traceback" not in html
    assert "Er ging iets mis" in html


def test_too_large_request_is_413(client, app):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.raw.post("/account/login", data={"email": "x" * 5000})
    assert response.status_code == 413


def test_a_refusal_while_printing_shows_its_own_reason(app, client):
    from tests.auth.world import ORGANISER, build_world

    world = build_world()  # results published; without the world's one rubric, no results
    db.session.execute(delete(RubricEntry))
    db.session.commit()
    client.log_in(world.users[ORGANISER].email)
    page = client.get(f"/events/{world.params['event_ref']}/results.pdf")
    assert page.status_code == 409
    assert "nog geen uitslag" in page.text
    assert "onverwacht" not in page.text


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_LOGIN_ACCOUNT": "1 per minute"}])
def test_too_many_attempts_is_said_in_dutch(client):
    attempts = [
        client.submit("/account/login", {"email": "x@school.nl", "password": "fout"})
        for _ in range(2)
    ]
    assert attempts[-1].status_code == 429
    assert "Te veel pogingen" in attempts[-1].text
    assert "per 1 minute" not in attempts[-1].text


def test_a_text_given_to_abort_is_shown_not_the_generic_one(app, client):
    """A view's abort(404, text) shows its text, in the reader's language, as a page and as
    JSON (issue #22: eleven calls showed the generic page)."""

    @app.get("/test-abort-with-text")
    def aborted_with_text():
        abort(404, _("This match is not a robot-game match of this event."))

    @app.get("/api/test-abort-with-text")
    def aborted_with_text_json():
        abort(409, _("This match is not a robot-game match of this event."))

    page = client.get("/test-abort-with-text")
    assert page.status_code == 404
    assert "Dit is geen robotwedstrijd van dit evenement." in page.get_data(as_text=True)
    assert "Pagina niet gevonden" in page.get_data(as_text=True)  # the title stays
    answer = client.get("/api/test-abort-with-text")
    assert answer.status_code == 409
    assert answer.json["message"] == "Dit is geen robotwedstrijd van dit evenement."


class LibraryError(TooManyRequests):
    """Another library's error, as Flask-Limiter's: its description is the limit."""


def test_a_bare_abort_and_library_errors_keep_the_friendly_text(app, client):
    @app.get("/test-abort-bare")
    def aborted_bare():
        abort(404)

    @app.get("/test-library-error")
    def library_error():
        raise LibraryError("5 per 1 minute")

    html = client.get("/test-abort-bare").get_data(as_text=True)
    assert "Deze pagina bestaat niet (meer). Controleer het adres." in html
    assert "requested URL" not in html
    limited = client.get("/test-library-error")
    assert limited.status_code == 429
    assert "5 per 1 minute" not in limited.get_data(as_text=True)
    assert "Te veel pogingen" in limited.get_data(as_text=True)
