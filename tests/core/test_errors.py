import pytest

from challenges import create_app
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

    world = build_world()  # results published, but the teams lack rubrics
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
