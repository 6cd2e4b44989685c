"""The public scoreboard answered in front of the app: what the app marked public is given
again without running the app while the board's version holds; everything else reaches it."""

import pytest
from sqlalchemy.exc import OperationalError
from werkzeug.http import parse_cookie
from werkzeug.test import EnvironBuilder

from challenges.events import scoreboard_version
from challenges.extensions import db
from challenges.logs import current_request_id
from challenges.robot_game.scoreboard_front import Versions, has_it
from tests.factories import make_user
from tests.robot_game.conftest import submitted_sheet
from tests.robot_game.test_scoreboard_cache import urls

PER_RESPONSE = {"Date", "X-Request-ID"}


@pytest.fixture
def app_requests(app) -> list[str]:
    """The requests the app itself handled (its hooks ran)."""
    handled: list[str] = []
    app.before_request(lambda: handled.append(app.name))
    return handled


def header_names(response) -> set[str]:
    return {name for name, _value in response.headers} - PER_RESPONSE


@pytest.mark.parametrize("view", ["json", "phone", "screen"])
def test_the_second_visitor_gets_the_apps_answer_without_the_app(client, board, app_requests, view):
    url = urls(board.event)[view]
    first = client.get(url)
    second = client.get(url)
    unchanged = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert len(app_requests) == 1
    assert second.status_code == 200
    assert second.data == first.data
    assert header_names(second) == header_names(first)
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["X-Request-ID"] != first.headers["X-Request-ID"]
    assert unchanged.status_code == 304
    assert unchanged.data == b""
    assert unchanged.headers["Cache-Control"] == first.headers["Cache-Control"]
    # what guides the visitor's cache, and nothing it already holds (RFC 9110, 15.4.5)
    assert header_names(unchanged) == {"ETag", "Cache-Control", "Vary"}
    assert unchanged.headers["ETag"] == first.headers["ETag"]


def test_a_visitor_with_the_board_gets_a_304_even_from_a_new_process(client, board, app_requests):
    """After a restart the front keeps nothing, and the phones all send If-None-Match."""
    url = urls(board.event)["json"]
    etag = client.get(url).headers["ETag"]
    app_requests.clear()
    client.application.wsgi_app.kept = type(client.application.wsgi_app.kept)()  # a restart
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert len(app_requests) == 1


def test_a_verified_score_reaches_the_app_and_the_new_board_is_given(
    client, board, app, app_requests
):
    url = urls(board.event)["json"]
    before = client.get(url)
    with app.test_request_context():
        submitted_sheet(board, 1, verify=True)
    after = client.get(url, headers={"If-None-Match": before.headers["ETag"]})
    again = client.get(url)
    assert after.status_code == 200
    assert after.headers["ETag"] != before.headers["ETag"]
    assert again.data == after.data
    assert len(app_requests) == 2


def test_a_logged_in_visitor_always_reaches_the_app(client, board, app_requests):
    url = urls(board.event)["phone"]
    client.get(url)
    referee = board.referee.email
    client.log_in(referee)
    app_requests.clear()
    page = client.get(url)
    assert len(app_requests) == 1
    assert page.headers["Cache-Control"] == "no-store"


def test_an_unpublished_event_is_not_given_from_the_front(client, board, app_requests):
    url = urls(board.event)["json"]
    assert client.get(url).status_code == 200
    board.event.published = False
    scoreboard_version.bump(board.event.id)  # as saving the event does (events.services)
    db.session.commit()
    assert client.get(url).status_code == 404


def test_only_get_reaches_the_front(client, board, app_requests):
    url = urls(board.event)["json"]
    client.get(url)
    app_requests.clear()
    assert client.head(url).status_code == 200
    assert client.post(url).status_code in {400, 405}
    assert len(app_requests) == 2


def test_a_session_cookie_of_any_kind_reaches_the_app(client, board, app_requests):
    """A visitor with a session may have messages waiting, or a log-in."""
    make_user(email="kijker@example.nl")
    url = urls(board.event)["phone"]
    client.get(url)
    client.submit("/account/login", {"email": "kijker@example.nl", "password": "not it"})
    app_requests.clear()
    client.get(url)
    assert len(app_requests) == 1


def test_the_version_is_read_again_only_once_it_is_older_than_its_ttl():
    reads: list[int] = []

    def read(event_id: int) -> tuple[int, bool]:
        reads.append(event_id)
        return (len(reads), True)

    kept_a_minute = Versions(read, ttl=60)
    assert kept_a_minute.current(7) == kept_a_minute.current(7) == (1, True)
    assert kept_a_minute.current(8) == (2, True)
    always = Versions(read, ttl=0)
    assert always.current(7) != always.current(7)
    assert reads == [7, 8, 7, 7]


def test_a_season_without_its_robot_game_is_not_given_from_the_front(client, board):
    url = urls(board.event)["json"]
    assert client.get(url).status_code == 200
    board.event.season.robot_game_key = None  # changes no scoreboard version
    db.session.commit()
    assert client.get(url).status_code == 404


def test_the_request_that_ran_the_app_carries_the_apps_request_id(client, board, app):
    ids: list[str] = []
    app.before_request(lambda: ids.append(current_request_id()))
    first = client.get(urls(board.event)["json"])
    assert first.headers["X-Request-ID"] == ids[0]


def test_the_front_keys_on_what_the_page_depends_on(client, board, app_requests):
    url = urls(board.event)["phone"]
    dutch = client.get(url, headers={"Accept-Language": "en-GB,en"})
    again = client.get(url, headers={"Accept-Language": "de-DE"})  # the app ignores it
    client.raw.set_cookie("language", "en")
    english = client.get(url)
    assert len(app_requests) == 2
    assert again.data == dutch.data
    assert 'lang="en"' in english.get_data(as_text=True)
    assert 'lang="nl"' in dutch.get_data(as_text=True)


@pytest.mark.parametrize(
    "cookie", ["session =x", "session\t=x", "remember_token=x", "a=1; session=x"]
)
def test_any_spelling_of_a_session_cookie_reaches_the_app(client, board, cookie):
    """As Werkzeug reads cookies (the test client sends only the cookies it set itself)."""
    url = urls(board.event)["json"]
    front = client.application.wsgi_app
    plain = EnvironBuilder(path=url).get_environ()
    with_session = EnvironBuilder(path=url, headers={"Cookie": cookie}).get_environ()
    assert front.for_everyone(plain, parse_cookie(plain))
    assert not front.for_everyone(with_session, parse_cookie(with_session))


def test_when_the_version_cannot_be_read_the_app_answers(client, board, app_requests):
    url = urls(board.event)["json"]
    client.get(url)
    front = client.application.wsgi_app

    def unreadable(event_id: int):
        raise OperationalError("SELECT", {}, Exception("the database went away"))

    front.versions.read = unreadable
    assert client.get(url).status_code == 200
    assert len(app_requests) == 2


@pytest.mark.parametrize(
    ("if_none_match", "holds"),
    [
        ('"b-7-3"', True),  # what a phone sends back: the tag it was given
        ('W/"b-7-3"', True),
        ('"b-7-2", "b-7-3"', True),
        ("*", True),
        ('"b-7-2"', False),
        ("b-7-3", True),  # unquoted: werkzeug's parser takes it too, as before
        ("", False),
        (None, False),
    ],
)
def test_a_visitor_holds_the_board_when_one_of_their_tags_is_its_tag(if_none_match, holds):
    assert has_it(if_none_match, "b-7-3") is holds
