"""Sheets that arrive at the same moment: on PostgreSQL in CI (the suite's second run)."""

import threading
import time

import pytest
from sqlalchemy import func, select, text

from challenges.auth.models import User
from challenges.errors import DomainError
from challenges.events.models import Event
from challenges.extensions import db
from challenges.robot_game import desk, rounds, submitting
from challenges.robot_game.models import ScoreSheet
from challenges.robot_game.sheet_input import SheetInput
from tests.robot_game.conftest import answers


def at_the_same_moment(app, arena, keys: list[str], teams: list[int] | None = None) -> list:
    """Each key is submitted from its own thread (own session, own connection) at once, in a
    POST request as the tablets send them; key i for the match of team `teams[i]` (team 0)."""
    matches = [arena.matches[(team, "ranking", 1)] for team in teams or [0] * len(keys)]
    event_id, user_id = arena.event.id, arena.referee.id
    start = threading.Barrier(len(keys))
    outcomes: list = []

    def submit(key: str, match: int) -> None:
        given = SheetInput(key, match, answers(), "Rita", "AB")
        start.wait()
        with app.test_request_context(method="POST"):
            try:
                event = db.session.get(Event, event_id)
                user = db.session.get(User, user_id)
                _sheet, created = submitting.submit(event, given, user)
                db.session.commit()
                outcomes.append((key, created))
            except Exception as error:  # reported by the assertion below
                outcomes.append((key, error))
            finally:
                db.session.remove()

    threads = [
        threading.Thread(target=submit, args=(key, match))
        for key, match in zip(keys, matches, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_referees_at_the_same_moment_are_both_stored_and_flagged(app, arena):
    outcomes = at_the_same_moment(app, arena, ["key-left-0001", "key-right-002"])
    assert sorted(outcomes) == [("key-left-0001", True), ("key-right-002", True)]
    db.session.expire_all()
    assert db.session.scalar(select(func.count(ScoreSheet.id))) == 2
    assert [len(group) for group in desk.overview(arena.event).conflicts] == [2]


def test_the_same_sheet_twice_at_the_same_moment_is_stored_once(app, arena):
    outcomes = at_the_same_moment(app, arena, ["key-same-0001"] * 4)
    assert sorted(created for _key, created in outcomes) == [False, False, False, True]
    db.session.expire_all()
    assert db.session.scalar(select(func.count(ScoreSheet.id))) == 1


def test_one_key_for_two_teams_at_the_same_moment_stores_one_and_refuses_the_other(app, arena):
    """Keys are random per sheet, so this is a broken tablet: one sheet is stored, the other is
    refused with a message (never a 500, never two sheets with one key)."""
    outcomes = at_the_same_moment(app, arena, ["key-twice-0001"] * 2, teams=[0, 1])
    stored = [outcome for _key, outcome in outcomes if outcome is True]
    refused = [outcome for _key, outcome in outcomes if isinstance(outcome, DomainError)]
    assert (len(stored), len(refused)) == (1, 1), outcomes
    assert refused[0].status in (400, 409)
    db.session.expire_all()
    assert db.session.scalar(select(func.count(ScoreSheet.id))) == 1


def waiting_for_a_lock() -> bool:
    """A session of this database waits for a row lock (PostgreSQL's own view of it). A new
    connection each time: within one transaction PostgreSQL keeps showing the same snapshot."""
    with db.engine.connect() as connection:
        return bool(
            connection.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            )
        )


def test_a_round_closed_while_a_sheet_is_on_its_way_waits_for_it(app, arena, monkeypatch):
    """The sheet has found its round open and is not stored yet; the head referee closes the
    round. Closing waits for the sheet (the sheet's share lock on the event), so no sheet is
    ever stored in a round that closed before it. On SQLite writers take turns anyway."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("row locks: SQLite lets one writer at a time")
    checked, release = threading.Event(), threading.Event()
    committed: list[str] = []
    may_score = submitting._check_may_score

    def paused_after_the_check(*args) -> None:
        may_score(*args)
        checked.set()
        release.wait(30)

    monkeypatch.setattr(submitting, "_check_may_score", paused_after_the_check)
    match = arena.matches[(0, "ranking", 1)]
    event_id, referee_id, head_id = arena.event.id, arena.referee.id, arena.head_referee.id

    def send_sheet() -> None:
        with app.test_request_context(method="POST"):
            event, user = db.session.get(Event, event_id), db.session.get(User, referee_id)
            given = SheetInput("key-on-its-way-1", match, answers(), "Rita", "AB")
            submitting.submit(event, given, user)
            db.session.commit()
            committed.append("sheet")
            db.session.remove()

    def close_the_round() -> None:
        with app.test_request_context(method="POST"):
            event, user = db.session.get(Event, event_id), db.session.get(User, head_id)
            desk.close_round(event, "ranking", 1, user)
            db.session.commit()
            committed.append("close")
            db.session.remove()

    sheet, close = threading.Thread(target=send_sheet), threading.Thread(target=close_the_round)
    sheet.start()
    assert checked.wait(30)
    close.start()
    for _ in range(1500):  # until closing waits for the lock (at most 30 s)
        if waiting_for_a_lock() or not close.is_alive():
            break
        time.sleep(0.02)
    release.set()
    sheet.join(30)
    close.join(30)
    assert committed == ["sheet", "close"]
    db.session.expire_all()
    assert db.session.scalar(select(func.count(ScoreSheet.id))) == 1
    assert rounds.is_closed(arena.event, "ranking", 1)
