"""Sheets that arrive at the same moment: on PostgreSQL in CI (the suite's second run)."""

import threading

from sqlalchemy import func, select

from challenges.extensions import db
from challenges.robot_game import sheets
from challenges.robot_game.models import ScoreSheet
from tests.robot_game.conftest import answers


def at_the_same_moment(app, arena, keys: list[str]) -> list:
    """Each key is submitted from its own thread (own session, own connection) at once."""
    match = arena.matches[(0, "ranking", 1)]
    event_id, user_id = arena.event.id, arena.referee.id
    start = threading.Barrier(len(keys))
    outcomes: list = []

    def submit(key: str) -> None:
        with app.test_request_context():
            event = db.session.get(sheets.Event, event_id)
            user = db.session.get(sheets.User, user_id)
            given = sheets.SheetInput(key, match, answers(), "Rita", "AB")
            start.wait()
            try:
                _sheet, created = sheets.submit(event, given, user)
                db.session.commit()
                outcomes.append((key, created))
            except Exception as error:  # reported by the assertion below
                outcomes.append((key, error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit, args=(key,)) for key in keys]
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
    assert [len(group) for group in sheets.overview(arena.event).conflicts] == [2]


def test_the_same_sheet_twice_at_the_same_moment_is_stored_once(app, arena):
    outcomes = at_the_same_moment(app, arena, ["key-same-0001"] * 4)
    assert sorted(created for _key, created in outcomes) == [False, False, False, True]
    db.session.expire_all()
    assert db.session.scalar(select(func.count(ScoreSheet.id))) == 1
