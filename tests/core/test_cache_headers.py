"""Personal pages and files are never cached; HSTS is sent when cookies are HTTPS-only."""

import pytest

from challenges.auth.roles import Role
from challenges.extensions import db
from tests.factories import make_teacher, make_user
from tests.judging.conftest import judged  # noqa: F401 (a fixture)

HSTS = "max-age=31536000; includeSubDomains"
SHARED_BRIEFLY = "public, max-age=5, stale-while-revalidate=30"  # SCOREBOARD_MAX_AGE


@pytest.fixture
def published(judged):  # noqa: F811 (the fixture imported above)
    """The judged event with a Robot Game and published results; a coach of its first team."""
    judged.event.season.robot_game_key = "fll-2025-unearthed"
    judged.event.results_published_at = judged.event.season.registration_opens_at
    judged.coach = make_teacher(school=judged.teams[0].school, email="coach@school.nl")
    judged.teams[0].coaches.append(judged.coach)
    db.session.commit()
    return judged


def test_a_coach_gets_personal_pages_and_files_with_no_store(client, published):
    client.log_in(published.coach.email)
    team, event = published.teams[0].id, published.event.id
    for url in (
        f"/teams/{team}",
        f"/teams/{team}/feedback/{event}",
        f"/teams/{team}/feedback/{event}.pdf",
        f"/teams/{team}/certificates/{event}",
        "/dashboard",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url


def test_exports_are_no_store(client, published):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    for url in (
        "/admin/registrations/export.csv",
        "/admin/registrations/export.xlsx",
        "/admin/registrations/coaches.txt",
        f"/events/{published.event.id}/schedule.csv",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url


def test_a_login_redirect_from_a_personal_page_is_no_store(client, published):
    response = client.get(f"/teams/{published.teams[0].id}")
    assert response.status_code == 302
    assert response.headers["Cache-Control"] == "no-store"


def test_public_pages_are_cacheable_until_someone_logs_in(client, published):
    assert "Cache-Control" not in client.get("/").headers
    client.log_in(published.coach.email)
    assert client.get("/").headers["Cache-Control"] == "no-store"  # it names the coach


@pytest.mark.parametrize("page", ["/account/reset/some-token", "/account/welcome/some-token"])
def test_pages_behind_a_secret_link_are_no_store(client, page):
    assert client.get(page).headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_scoreboard_and_static_files_keep_their_own_caching(client, published, logged_in):
    if logged_in:
        client.log_in(published.coach.email)
    board = client.get(f"/api/v1/events/{published.event.slug}/scoreboard")
    assert board.headers["Cache-Control"] == SHARED_BRIEFLY  # the same for everyone
    assert board.headers["ETag"]
    again = client.get(
        f"/api/v1/events/{published.event.slug}/scoreboard",
        headers={"If-None-Match": board.headers["ETag"]},
    )
    assert again.status_code == 304
    static = client.get("/static/css/app.css")
    assert static.status_code == 200
    assert "no-store" not in static.headers.get("Cache-Control", "")
    static.close()


def test_the_public_scoreboard_pages_are_shared_until_someone_logs_in(client, published):
    pages = [
        f"/events/{published.event.slug}/scoreboard",
        f"/events/{published.event.slug}/scoreboard/screen",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == SHARED_BRIEFLY
        assert response.headers["Vary"] == "Cookie"  # Dutch or English: the language cookie
        assert "Set-Cookie" not in response.headers
    client.log_in(published.coach.email)
    for page in pages:
        assert client.get(page).headers["Cache-Control"] == "no-store"  # it names the coach


def test_an_unpublished_scoreboard_stays_out_of_shared_caches(client, published):
    published.event.published = False
    db.session.commit()
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    board = client.get(f"/api/v1/events/{published.event.slug}/scoreboard")
    assert board.headers["Cache-Control"] == "private, no-cache"
    page = client.get(f"/events/{published.event.slug}/scoreboard")
    assert page.headers["Cache-Control"] == "no-store"


def test_hsts_when_cookies_are_secure(client):
    assert client.get("/").headers["Strict-Transport-Security"] == HSTS


@pytest.mark.parametrize("config_overrides", [{"SESSION_COOKIE_SECURE": False}])
def test_no_hsts_over_plain_http(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
