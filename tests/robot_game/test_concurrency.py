"""Sheets that arrive at the same moment: on PostgreSQL in CI (the suite's second run)."""

import threading

from sqlalchemy import func, select

from challenges.errors import DomainError
from challenges.extensions import db
from challenges.robot_game import sheets
from challenges.robot_game.models import ScoreSheet
from tests.robot_game.conftest import answers


def at_the_same_moment(app, arena, keys: list[str], teams: list[int] | None = None) -> list:
    """Each key is submitted from its own thread (own session, own connection) at once, in a
    POST request as the tablets send them; key i for the match of team `teams[i]` (team 0)."""
    matches = [arena.matches[(team, "ranking", 1)] for team in teams or [0] * len(keys)]
    event_id, user_id = arena.event.id, arena.referee.id
    start = threading.Barrier(len(keys))
    outcomes: list = []

    def submit(key: str, match: int) -> None:
        given = sheets.SheetInput(key, match, answers(), "Rita", "AB")
        start.wait()
        with app.test_request_context(method="POST"):
            try:
                event = db.session.get(sheets.Event, event_id)
                user = db.session.get(sheets.User, user_id)
                _sheet, created = sheets.submit(event, given, user)
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
    assert [len(group) for group in sheets.overview(arena.event).conflicts] == [2]


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
