"""The scoreboard is made once per change of its version: a 304 costs one query and no
standings work, several workers on one database never serve an old board, and the headers let
proxies share what is the same for everyone."""

import re

import pytest

from challenges import create_app
from challenges.extensions import db
from challenges.robot_game import standings
from challenges.robot_game.scoreboard_cache import ScoreboardCache
from tests.concurrency import at_the_same_moment
from tests.factories import FormClient, IsolatedClient, app_config
from tests.robot_game.conftest import submitted_sheet
from tests.robot_game.test_scoreboard import count_queries

PUBLIC = "public, max-age=5, stale-while-revalidate=30"


def urls(event) -> dict[str, str]:
    return {
        "json": f"/api/v1/events/{event.slug}/scoreboard",
        "phone": f"/events/{event.slug}/scoreboard",
        "screen": f"/events/{event.slug}/scoreboard/screen",
    }


def no_standings_work(monkeypatch) -> None:
    def fail(event):
        raise AssertionError("the standings were computed")

    monkeypatch.setattr(standings, "live", fail)
    monkeypatch.setattr(standings, "public", fail)


@pytest.mark.parametrize("view", ["json", "phone", "screen"])
def test_a_304_costs_one_query_and_no_standings_work(client, board, monkeypatch, view):
    url = urls(board.event)[view]
    etag = client.get(url).headers["ETag"]
    no_standings_work(monkeypatch)
    replies = []
    queries = count_queries(
        lambda: replies.append(client.get(url, headers={"If-None-Match": etag}))
    )
    assert replies[0].status_code == 304
    assert replies[0].headers["ETag"] == etag
    assert replies[0].headers["Cache-Control"] == PUBLIC
    assert queries == 1  # the event, with its season and its scoreboard version


@pytest.mark.parametrize("view", ["json", "phone", "screen"])
def test_a_board_made_once_is_served_again_without_standings_work(client, board, monkeypatch, view):
    url = urls(board.event)[view]
    first = client.get(url)
    no_standings_work(monkeypatch)
    again = []
    assert count_queries(lambda: again.append(client.get(url))) == 1
    assert again[0].status_code == 200
    assert again[0].data == first.data


def test_a_verification_ends_the_304_on_every_view(client, board, app):
    tags = {view: client.get(url).headers["ETag"] for view, url in urls(board.event).items()}
    with app.test_request_context():
        submitted_sheet(board, 1, verify=True)
    for view, url in urls(board.event).items():
        changed = client.get(url, headers={"If-None-Match": tags[view]})
        assert changed.status_code == 200, view
        assert changed.headers["ETag"] != tags[view]
    numbers = [row["number"] for row in client.get(urls(board.event)["json"]).json["teams"]]
    assert numbers[:2] == [1001, 1002]  # both verified 60s share the first rank


def test_a_draft_leaves_the_304(client, board, app):
    url = urls(board.event)["json"]
    etag = client.get(url).headers["ETag"]
    with app.test_request_context():
        submitted_sheet(board, 1)  # waits for the head referee
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


@pytest.fixture
def second_worker(app, database_url):
    """Another app on the same database, as another gunicorn worker or server would be."""
    other = create_app(app_config(database_url))
    other.test_client_class = IsolatedClient
    yield FormClient(other.test_client())
    with other.app_context():
        db.engine.dispose()


def test_two_workers_never_serve_an_old_board(client, board, second_worker, app):
    url = urls(board.event)["json"]
    page = urls(board.event)["phone"]
    etag = client.get(url).headers["ETag"]
    assert second_worker.get(url).headers["ETag"] == etag  # the same tag, made elsewhere
    assert second_worker.get(url, headers={"If-None-Match": etag}).status_code == 304
    page_tag = second_worker.get(page).headers["ETag"]
    head = FormClient(app.test_client())
    head.log_in(board.head_referee.email)
    token = head.csrf_token(f"/events/{board.event.id}/head-referee")
    sheet = submitted_sheet(board, 1)
    verified = head.post(
        f"/events/{board.event.id}/head-referee/sheets/{sheet.id}/verify",
        data={"csrf_token": token},
    )
    assert verified.status_code == 302
    for worker in (client, second_worker):
        fresh = worker.get(url, headers={"If-None-Match": etag})
        assert fresh.status_code == 200
        assert [row["best"] for row in fresh.json["teams"]][:2] == [60, 60]
    assert second_worker.get(page, headers={"If-None-Match": page_tag}).status_code == 200


def test_headers_of_a_published_board(client, board):
    json_ = client.get(urls(board.event)["json"])
    assert json_.headers["Cache-Control"] == PUBLIC
    assert json_.headers["ETag"].startswith(f'W/"{board.event.id}-')
    for view in ("phone", "screen"):
        page = client.get(urls(board.event)[view])
        assert page.headers["Cache-Control"] == PUBLIC
        assert page.headers["Vary"] == "Cookie"  # the language is a cookie
        assert "Set-Cookie" not in page.headers  # nobody's session, nobody's CSRF token
        assert not re.search(r'name="csrf_token" value="[^"]', page.text)


def test_a_logged_in_visitor_gets_their_own_page_and_the_shared_json(client, board):
    client.log_in(board.referee.email)
    page = client.get(urls(board.event)["phone"])
    assert page.headers["Cache-Control"] == "no-store"
    assert "ETag" not in page.headers
    assert f"/events/{board.event.id}/referee" in page.text  # the crew's link
    assert client.get(urls(board.event)["json"]).headers["Cache-Control"] == PUBLIC


def test_a_visitor_with_a_message_waiting_gets_their_own_page(client, board):
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Tot ziens!")]
    page = client.get(urls(board.event)["phone"])
    assert "Tot ziens!" in page.text
    assert page.headers["Cache-Control"] == "no-store"
    assert "Tot ziens!" not in client.get(urls(board.event)["phone"]).text


def test_an_unpublished_board_stays_private(client, board):
    board.event.published = False
    db.session.commit()
    client.log_in(board.referee.email)
    json_ = client.get(urls(board.event)["json"])
    assert json_.headers["Cache-Control"] == "private, no-cache"
    again = client.get(urls(board.event)["json"], headers={"If-None-Match": json_.headers["ETag"]})
    assert again.status_code == 304
    assert again.headers["Cache-Control"] == "private, no-cache"
    assert client.get(urls(board.event)["phone"]).headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("config_overrides", [{"SCOREBOARD_MAX_AGE": 2}])
def test_the_max_age_is_a_setting(client, board):
    cache_control = client.get(urls(board.event)["json"]).headers["Cache-Control"]
    assert cache_control == "public, max-age=2, stale-while-revalidate=30"


def test_dutch_and_english_pages_are_kept_apart(client, board):
    url = urls(board.event)["phone"]
    dutch = client.get(url)
    assert 'lang="nl"' in dutch.text
    assert 'lang="en"' in client.get(f"{url}?lang=en").text
    client.set_cookie("language", "en")
    english = client.get(url)
    assert 'lang="en"' in english.text
    assert english.headers["ETag"] != dutch.headers["ETag"]
    assert client.get(url, headers={"If-None-Match": dutch.headers["ETag"]}).status_code == 200


@pytest.mark.parametrize("tag", ['"nonsense"', "W/", "*, ,", "\x00" * 3, 'W/"1-0-json"' * 50])
def test_hostile_etags_are_answered_calmly(client, board, tag):
    answer = client.get(urls(board.event)["json"], headers={"If-None-Match": tag})
    assert answer.status_code in (200, 304)


def test_two_verifications_at_the_same_moment_both_change_the_board(app, board):
    desks = []
    for _ in range(2):
        desk = FormClient(app.test_client())
        desk.log_in(board.head_referee.email)
        desks.append((desk, desk.csrf_token(f"/events/{board.event.id}/head-referee")))
    base = f"/events/{board.event.id}/head-referee/sheets"
    before = board.event.scoreboard_version
    for number in (1, 2):
        ids = tuple(submitted_sheet(board, team, number=number).id for team in (1, 2))
        results = at_the_same_moment(
            *[
                lambda desk=desk, token=token, sheet_id=sheet_id: desk.post(
                    f"{base}/{sheet_id}/verify", data={"csrf_token": token}
                )
                for (desk, token), sheet_id in zip(desks, ids, strict=True)
            ]
        )
        assert [response.status_code for response in results] == [302, 302]
        db.session.expire_all()
    assert board.event.scoreboard_version == before + 4


def test_the_cache_keeps_the_most_recently_used_boards():
    cache, made = ScoreboardCache(size=2), []

    def make(name):
        return lambda: made.append(name) or name

    for name in ("a", "b", "a", "c", "a", "b"):
        assert cache.get(name, make(name)) == name
    assert made == ["a", "b", "c", "b"]  # b was the least recently used when c came
