"""An event's scoreboard version changes exactly when something its public scoreboard shows
changes, in the transaction of that change; two changes at the same moment both count."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.events import scoreboard_version
from challenges.events import services as events
from challenges.events.models import Attendance, Event
from challenges.events.placement import services as placement_service
from challenges.extensions import db
from challenges.registration import services as registration
from challenges.robot_game import reviewing, rounds, standings
from challenges.robot_game.sheet_input import SheetInput
from tests.concurrency import at_the_same_moment
from tests.factories import make_event, make_user
from tests.robot_game.conftest import answers, make_arena, submitted_sheet

NOW = datetime(2026, 1, 10, tzinfo=UTC)


def version(event_id: int) -> int:
    return db.session.scalar(select(Event.scoreboard_version).where(Event.id == event_id))


def match_of(arena, kind: str = "ranking") -> int:
    return arena.matches[(0, kind, 1)]


def correct(arena, found, verify=True):
    reviewing.edit(arena.event, found, answers(m00_inspection=True), arena.head_referee, verify)


def late(arena, kind="ranking"):
    given = SheetInput(f"late-{kind}", match_of(arena, kind), answers(), "Rita", "AB")
    reviewing.late_arrival(arena.event, given, arena.referee, arena.head_referee)


# (what is there before, the change, whether the public scoreboard changes)
CHANGES = {
    "a sheet arrives": (None, lambda a, s: submitted_sheet(a, key="other"), False),
    "a ranking sheet is verified": ("submitted", lambda a, s: reviewing.verify(s, "Henk"), True),
    "a practice sheet is verified": (
        "practice",
        lambda a, s: reviewing.verify(s, "Henk"),
        False,
    ),
    "a waiting sheet is rejected": (
        "submitted",
        lambda a, s: reviewing.reject(s, "Henk", "Wrong team"),
        False,
    ),
    "a verified sheet is corrected": ("verified", lambda a, s: correct(a, s), True),
    "a waiting sheet is corrected (and so verified)": (
        "submitted",
        lambda a, s: correct(a, s),
        True,
    ),
    "a waiting sheet is settled (stays waiting)": (
        "submitted",
        lambda a, s: correct(a, s, verify=False),
        False,
    ),
    "a no-show in a ranking round": (
        "submitted",
        lambda a, s: reviewing.mark_no_show(a.event, match_of(a), a.head_referee),
        True,
    ),
    "a no-show in the practice round": (
        None,
        lambda a, s: reviewing.mark_no_show(a.event, match_of(a, "practice"), a.head_referee),
        False,
    ),
    "a verified match is re-run": (
        "verified",
        lambda a, s: reviewing.rerun(a.event, match_of(a), a.head_referee, "Table wobbled"),
        True,
    ),
    "a waiting match is re-run": (
        "submitted",
        lambda a, s: reviewing.rerun(a.event, match_of(a), a.head_referee, "Table wobbled"),
        False,
    ),
    "a late sheet replaces a verified one": ("verified", lambda a, s: late(a), True),
    "a late sheet replaces a waiting one": ("submitted", lambda a, s: late(a), False),
    "a round is closed": (
        None,
        lambda a, s: rounds.close_round(a.event, "ranking", 1, a.head_referee),
        False,
    ),
    "the scoreboard is frozen": (
        None,
        lambda a, s: standings.freeze(a.event, a.head_referee),
        True,
    ),
}


@pytest.mark.parametrize("name", CHANGES)
def test_the_version_changes_exactly_with_the_public_scores(app, name):
    before_change, change, public = CHANGES[name]
    arena = make_arena()
    found = None
    if before_change:
        kind = "practice" if before_change == "practice" else "ranking"
        found = submitted_sheet(arena, kind=kind, verify=before_change == "verified")
    before = version(arena.event.id)
    with app.test_request_context():
        change(arena, found)
    db.session.commit()
    assert (version(arena.event.id) != before) is public


def test_unfreezing_changes_the_version(app, arena):
    standings.freeze(arena.event, arena.head_referee)
    db.session.commit()
    before = version(arena.event.id)
    standings.unfreeze(arena.event)
    db.session.commit()
    assert version(arena.event.id) == before + 1


def test_a_change_that_is_rolled_back_leaves_the_version(app, arena):
    found = submitted_sheet(arena)
    before = version(arena.event.id)
    reviewing.verify(found, "Henk")
    db.session.rollback()
    assert version(arena.event.id) == before


def event_values(event: Event, **changes) -> dict:
    values = {name: getattr(event, name) for name in events.EVENT_FIELDS}
    return values | {"kind": event.kind.value, "feeds_into_id": None} | changes


@pytest.mark.parametrize(
    ("changes", "public"),
    [
        ({"published": False}, True),
        ({"name": "Regiofinale Zwolle"}, True),
        ({"slug": "zwolle"}, True),
        ({"venue": "Sporthal De Marslanden"}, False),
    ],
)
def test_publishing_and_renaming_the_event_change_the_version(app, changes, public):
    event = make_event()
    before = version(event.id)
    events.save_event(event, event_values(event, **changes), {})
    db.session.commit()
    assert (version(event.id) != before) is public


def test_a_team_that_does_not_come_leaves_the_scoreboard(app, arena):
    before = version(arena.event.id)
    user = arena.head_referee
    events.set_attendance(arena.event, arena.teams[0].id, Attendance.PRESENT, user)
    db.session.commit()
    assert version(arena.event.id) == before
    events.set_attendance(arena.event, arena.teams[1].id, Attendance.NO_SHOW, user)
    db.session.commit()
    assert version(arena.event.id) == before + 1


def test_placing_and_renaming_a_team_change_the_scoreboards_it_is_on(app, arena):
    team, organiser = arena.teams[0], make_user(roles=(Role.ORGANISER,))
    other = make_event(season=arena.event.season)
    before, elsewhere = version(arena.event.id), version(other.id)
    details = registration.TeamDetails("De Nieuwe Naam", team.category_id, 5, team.school_id)
    registration.update_team(team, details, organiser, NOW)
    db.session.commit()
    assert (version(arena.event.id), version(other.id)) == (before + 1, elsewhere)
    details.pupil_count = 6
    registration.update_team(team, details, organiser, NOW)
    db.session.commit()
    assert version(arena.event.id) == before + 1
    placement_service.put(team, other, organiser, notify=False)  # moved: both boards change
    db.session.commit()
    assert (version(arena.event.id), version(other.id)) == (before + 2, elsewhere + 1)
    placement_service.remove(team, other, organiser)
    db.session.commit()
    assert version(other.id) == elsewhere + 2


def test_two_bumps_at_the_same_moment_both_count(app):
    event_id = make_event().id

    def bump() -> None:
        with app.test_request_context(method="POST"):  # a writing request, as in production
            scoreboard_version.bump(event_id)
            db.session.commit()
            db.session.remove()

    results = at_the_same_moment(*[bump] * 8)
    assert results == [None] * 8
    db.session.expire_all()
    assert version(event_id) == 8
