"""The public scoreboard: verified scores only, ETag/304, frozen snapshot, constant queries."""

import pytest
from sqlalchemy import event as sqlalchemy_event

from challenges.errors import DomainError
from challenges.extensions import db
from challenges.robot_game import desk, match_sheets, reviewing, standings, submitting
from challenges.robot_game.sheet_input import SheetInput
from tests.robot_game.conftest import answers, make_arena


def submit(arena, index, number, key, verify=True, **changes):
    entry = match_sheets.match_of(arena.event, arena.matches[(index, "ranking", number)])
    sheet, _ = submitting.submit(
        arena.event,
        SheetInput(key, entry.id, answers(**changes), "Rita", "AB"),
        arena.referee,
    )
    db.session.flush()
    if verify:
        reviewing.verify(sheet, "Henk")
    db.session.commit()
    return sheet


@pytest.fixture
def board(app, arena):
    with app.test_request_context():
        submit(arena, 0, 1, "key-t0r1-x", m13_statue_raised=True)  # 90
        submit(arena, 1, 1, "key-t1r1-x", m05_floor_upright=True)  # 90
        submit(arena, 1, 2, "key-t1r2-x", m00_inspection=True)  # 80
        submit(arena, 2, 1, "key-t2r1-x", verify=False, m00_inspection=True)  # unverified
    return arena


def test_only_verified_scores_reach_the_public(client, board):
    data = client.get(f"/api/v1/events/{board.event.id}/scoreboard").json
    rows = {row["number"]: row for row in data["teams"]}
    assert rows[1002]["rank"] == 1
    assert rows[1002]["scores"] == [90, 80, None]
    assert rows[1001]["rank"] == 2
    assert rows[1001]["best"] == 90
    assert rows[1003]["rank"] is None
    assert rows[1003]["scores"] == [None, None, None]
    assert data["frozen"] is False
    assert data["rounds"] == 3


def test_the_slug_works_too_and_pages_render(client, board):
    assert client.get(f"/api/v1/events/{board.event.slug}/scoreboard").status_code == 200
    phone = client.get(f"/events/{board.event.slug}/scoreboard").get_data(as_text=True)
    assert "#1002" in phone
    assert "90" in phone
    screen = client.get(f"/events/{board.event.id}/scoreboard/screen")
    assert screen.status_code == 200
    assert "#1002" in screen.text
    assert f"/api/v1/events/{board.event.slug}/scoreboard" in screen.text  # what it follows


def test_ties_are_shown_as_shared(client, app, arena):
    with app.test_request_context():
        submit(arena, 0, 1, "key-aaaa", m13_statue_raised=True)
        submit(arena, 1, 1, "key-bbbb", m05_floor_upright=True)
    rows = client.get(f"/api/v1/events/{arena.event.id}/scoreboard").json["teams"]
    assert [(r["rank"], r["shared"]) for r in rows[:2]] == [(1, True), (1, True)]
    page = client.get(f"/events/{arena.event.id}/scoreboard").get_data(as_text=True)
    assert "gedeeld" in page


def test_an_unchanged_scoreboard_costs_a_304(client, board, app):
    url = f"/api/v1/events/{board.event.id}/scoreboard"
    first = client.get(url)
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "public, max-age=5, stale-while-revalidate=30"
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    with app.test_request_context():
        reviewing.verify(desk.overview(board.event).unverified[0], "Henk")
    db.session.commit()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_a_frozen_scoreboard_shows_the_standings_of_that_moment(client, board, app):
    url = f"/api/v1/events/{board.event.id}/scoreboard"
    standings.freeze(board.event, board.head_referee)
    db.session.commit()
    with app.test_request_context():
        reviewing.verify(desk.overview(board.event).unverified[0], "Henk")
    db.session.commit()
    frozen = client.get(url).json
    assert frozen["frozen"] is True
    assert {r["number"]: r["best"] for r in frozen["teams"]}[1003] is None
    assert "bevroren" in client.get(f"/events/{board.event.id}/scoreboard").get_data(as_text=True)
    with pytest.raises(DomainError):
        standings.freeze(board.event, board.head_referee)
    standings.unfreeze(board.event)
    db.session.commit()
    live = client.get(url).json
    assert live["frozen"] is False
    assert {r["number"]: r["best"] for r in live["teams"]}[1003] == 80


def test_no_shows_at_check_in_are_not_on_the_board(client, app):
    from challenges.events.models import Attendance, EventTeam

    arena = make_arena(teams=3)
    placed = db.session.query(EventTeam).filter_by(team_id=arena.teams[2].id).one()
    placed.attendance = Attendance.NO_SHOW
    db.session.commit()
    numbers = [r["number"] for r in standings.live(arena.event)["teams"]]
    assert numbers == [1001, 1002]


def test_an_unpublished_event_has_no_public_scoreboard(client, app):
    arena = make_arena(teams=2)
    arena.event.published = False
    db.session.commit()
    assert client.get(f"/api/v1/events/{arena.event.id}/scoreboard").status_code == 404
    assert client.get(f"/events/{arena.event.id}/scoreboard").status_code == 404
    client.log_in(arena.referee.email)
    assert client.get(f"/events/{arena.event.id}/scoreboard").status_code == 200
    board = client.get(f"/api/v1/events/{arena.event.id}/scoreboard")
    assert board.headers["Cache-Control"] == "private, no-cache"  # never in a shared cache


def count_queries(action) -> int:
    statements = []

    def record(*_args, **_kwargs):
        statements.append(1)

    sqlalchemy_event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        sqlalchemy_event.remove(db.engine, "before_cursor_execute", record)
    return len(statements)


def test_the_scoreboard_costs_the_same_queries_for_6_and_60_teams(app):
    small, large = make_arena(teams=6), make_arena(teams=60)
    with app.test_request_context():
        for arena in (small, large):
            for index in range(len(arena.teams)):
                submit(
                    arena,
                    index,
                    1,
                    f"key-{arena.event.id}-{index:04d}",
                    m00_inspection=index % 2 == 0,
                )
    costs = []
    for arena in (small, large):
        db.session.expire_all()
        event = arena.event
        costs.append(count_queries(lambda event=event: standings.public(event)))
    assert costs[0] == costs[1] <= 5
    assert len(standings.live(large.event)["teams"]) == 60


def test_the_public_team_page_shows_what_the_frozen_scoreboard_shows(client, board, app):
    team = board.teams[2]  # its 80 waits unverified
    page = f"/events/{board.event.slug}/teams/{team.id}"
    standings.freeze(board.event, board.head_referee)
    db.session.commit()
    with app.test_request_context():
        reviewing.verify(desk.overview(board.event).unverified[0], "Henk")
    db.session.commit()
    assert "Wedstrijdronde 1: 80" not in client.get(page).text
    standings.unfreeze(board.event)
    db.session.commit()
    assert "Wedstrijdronde 1: 80" in client.get(page).text
