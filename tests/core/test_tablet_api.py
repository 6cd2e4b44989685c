"""What tablets lean on when the wifi drops or the log-in expires: JSON 401s on the API (never a
redirect to a page), the session check with a fresh CSRF token, and the service worker served
from the site root."""

import json

import pytest
from sqlalchemy import delete

from challenges.auth.models import LoginSession
from challenges.extensions import db
from tests.factories import make_user
from tests.robot_game.conftest import make_arena, payload

LOGIN = "/account/login"


@pytest.fixture
def arena(app):
    return make_arena()


def send_sheet(client, arena, token: str):
    match = arena.matches[(0, "ranking", 1)]
    return client.post(
        f"/api/v1/events/{arena.event.id}/sheets",
        data=json.dumps(payload(match)),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )


def test_an_anonymous_api_request_gets_a_json_401_with_the_log_in_address(client, arena):
    token = client.csrf_token(LOGIN)
    response = send_sheet(client, arena, token)
    assert response.status_code == 401
    assert response.json["login"] == LOGIN
    assert response.json["message"]
    assert response.json["error"]


def test_an_expired_log_in_gets_a_json_401_on_the_api_and_the_log_in_page_elsewhere(client, arena):
    client.log_in(arena.referee.email)
    token = client.get("/api/v1/session").json["csrf"]
    db.session.execute(delete(LoginSession))
    db.session.commit()
    assert send_sheet(client, arena, token).status_code == 401
    assert client.get("/api/v1/session").status_code == 401
    page = client.get(f"/events/{arena.event.id}/referee")
    assert page.status_code == 302
    assert page.location.startswith(LOGIN)


def test_the_session_check_names_the_user_and_gives_a_csrf_token_the_api_accepts(client, arena):
    client.log_in(arena.referee.email)
    response = client.get("/api/v1/session")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.json["user"] == "Rita Referee"
    assert response.json["id"] == arena.referee.id
    assert send_sheet(client, arena, response.json["csrf"]).status_code == 201


def test_a_refused_api_request_is_json_too(client, arena):
    stranger = make_user()
    client.log_in(stranger.email)
    response = send_sheet(client, arena, client.get("/api/v1/session").json["csrf"])
    assert response.status_code == 403
    assert response.json["message"]


def test_the_service_worker_is_served_from_the_site_root_and_checked_every_time(client):
    with client.get("/service-worker.js") as response:
        assert response.status_code == 200
        assert response.mimetype == "text/javascript"
        assert response.headers["Cache-Control"] == "no-cache"
        assert b'addEventListener("fetch"' in response.data


def test_the_match_list_names_the_service_worker_and_the_sheets_to_keep(client, arena):
    client.log_in(arena.referee.email)
    html = client.get(f"/events/{arena.event.id}/referee/matches?table=table+1").text
    assert 'data-worker="/service-worker.js"' in html
    assert html.count("data-keep") == len(arena.matches) // 2


def test_the_offline_page_is_public_and_the_logged_in_page_needs_a_log_in(client):
    assert "niet op deze tablet" in client.get("/tablet/offline").text
    assert client.get("/tablet/logged-in").status_code == 302
    client.log_in(make_user().email)
    assert "tabblad sluiten" in client.get("/tablet/logged-in").text


def test_the_log_in_page_forgets_the_pages_kept_for_offline_use(client):
    html = client.get(LOGIN).text
    assert "data-forget-pages" in html
    assert "js/offline.js" in html
