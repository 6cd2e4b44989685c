"""An FLL event with UNEARTHED sheets, four teams, a schedule, a referee and a head referee."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from challenges.auth.roles import Role
from challenges.events.models import ScheduleEntry
from challenges.extensions import db
from challenges.robot_game import reviewing, submitting
from challenges.robot_game.definitions import load
from challenges.robot_game.models import ScoreSheet
from challenges.robot_game.sheet_input import SheetInput
from tests.factories import (
    grant_event_role,
    make_event,
    make_open_season,
    make_placed_teams,
    make_user,
)

SEASON = "fll-2025-unearthed"


@dataclass
class Arena:
    event: object
    teams: list
    matches: dict  # (team index, kind, round) -> ScheduleEntry id
    referee: object
    head_referee: object


def schedule_matches(event, teams) -> dict:
    """A practice round and three ranking rounds, the teams on tables 1-2 one after another."""
    start = datetime(2026, 1, 24, 8, 0, tzinfo=UTC)
    matches = {}
    slot = 0
    for kind, number in (("practice", 1), ("ranking", 1), ("ranking", 2), ("ranking", 3)):
        for index, team in enumerate(teams):
            at = start + timedelta(minutes=8 * slot)
            entry = ScheduleEntry(
                event_id=event.id,
                team_id=team.id,
                kind=kind,
                round=number,
                place=f"table {index % 2 + 1}",
                starts_at=at,
                ends_at=at + timedelta(minutes=3),
            )
            db.session.add(entry)
            db.session.flush()
            matches[(index, kind, number)] = entry.id
            slot += index % 2
    db.session.commit()
    return matches


def make_arena(teams: int = 4) -> Arena:
    season = make_open_season()
    season.robot_game_key = SEASON
    db.session.commit()
    event = make_event(season=season)
    placed = make_placed_teams(event, teams)
    referee = make_user(name="Rita Referee")
    head = make_user(name="Henk Hoofdscheidsrechter")
    grant_event_role(referee, event, Role.REFEREE)
    grant_event_role(head, event, Role.HEAD_REFEREE)
    return Arena(event, placed, schedule_matches(event, placed), referee, head)


@pytest.fixture
def arena(app) -> Arena:
    return make_arena()


def answers(**changes) -> dict:
    """A complete UNEARTHED sheet: the start sheet (60 points) with these answers changed."""
    sheet = {question.id: False for question in load(SEASON).questions if question.type == "yesno"}
    sheet |= {q.id: 0 for q in load(SEASON).questions if q.type == "count"}
    sheet |= load(SEASON).start_sheet()
    return sheet | changes


def payload(match: int, key: str = "key-0001", **changes) -> dict:
    return {
        "client_key": key,
        "match": match,
        "answers": answers(**changes),
        "referee_name": "Rita",
        "team_confirmation": "AB",
        "device_time": "2026-01-24T09:12:00Z",
    }


def submitted_sheet(
    arena,
    index: int = 0,
    kind: str = "ranking",
    number: int = 1,
    verify: bool = False,
    key: str = "key",
) -> ScoreSheet:
    """A complete sheet for the arena's team `index` in that round, verified if asked (another
    `key`: another tablet's sheet for the same match)."""
    match = arena.matches[(index, kind, number)]
    given = SheetInput(f"{key}-{kind}-{index}-{number}", match, answers(), "Rita", "AB")
    sheet, _created = submitting.submit(arena.event, given, arena.referee)
    db.session.flush()
    if verify:
        reviewing.verify(sheet, "Henk")
    db.session.commit()
    return sheet


@pytest.fixture
def board(app) -> Arena:
    """An arena whose scoreboard shows one verified score."""
    arena = make_arena()
    submitted_sheet(arena, 0, verify=True)
    return arena
