"""An FLL event with the 2024 rubrics, four teams judged in two rooms, two judges and an advisor;
a Vakkanjers Markt with four stands and three jurors."""

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.events.market.services import assign_stands
from challenges.events.models import EventTeam, ScheduleEntry
from challenges.extensions import db
from challenges.judging import entries, panels
from challenges.judging.assessment import FilledRubric
from challenges.judging.models import StandClaim
from challenges.judging.rubrics import load
from challenges.robot_game.models import ScoreSheet, SheetStatus
from tests.factories import (
    grant_event_role,
    make_event,
    make_open_season,
    make_placed_teams,
    make_school,
    make_user,
)

RUBRICS = "fll-challenge-2024"


@dataclass
class Panel:
    event: object
    teams: list  # teams 0 and 2 in room 1, 1 and 3 in room 2
    judge: object  # room 1
    other_judge: object  # room 2
    advisor: object


def make_panel(teams: int = 4) -> Panel:
    season = make_open_season()
    season.rubric_set_key = RUBRICS
    season.programme.has_robot_game = True
    db.session.commit()
    event = make_event(season=season)
    placed = make_placed_teams(event, teams)
    start = datetime(2026, 1, 24, 9, 0, tzinfo=UTC)
    for index, team in enumerate(placed):
        at = start + timedelta(minutes=40 * (index // 2))
        db.session.add(
            ScheduleEntry(
                event_id=event.id,
                team_id=team.id,
                kind="judging",
                round=1,
                place=f"room {index % 2 + 1}",
                starts_at=at,
                ends_at=at + timedelta(minutes=30),
            )
        )
    judge = make_user(name="Janna Jurylid")
    other = make_user(name="Otto Jurylid")
    advisor = make_user(name="Anna Advisor")
    grant_event_role(judge, event, Role.JUDGE)
    grant_event_role(other, event, Role.JUDGE)
    grant_event_role(advisor, event, Role.JUDGE_ADVISOR)
    panels.seat(event, {judge.id: "room 1", other.id: "room 2"})
    db.session.commit()
    return Panel(event, placed, judge, other, advisor)


@pytest.fixture
def panel(app) -> Panel:
    return make_panel()


def levels(rubric: str = "innovation_project", level: int | None = 3, **changes) -> dict:
    rows = load(RUBRICS).rubric(rubric).rows
    return {row.id: level for row in rows} | changes


def body(team, key: str = "key-00000001", status: str = "submitted", **fields) -> dict:
    return {
        "client_key": key,
        "team": team.id,
        "rubric": "innovation_project",
        "levels": levels(),
        "notes": {},
        "went_well": "Clear research",
        "think_about": "Test the prototype with users",
        "status": status,
        "device_time": "2026-01-24T09:31:00Z",
    } | fields


def send(client, event, payload):
    token = client.csrf_token(f"/events/{event.id}/judging")
    return client.post(
        f"/api/v1/events/{event.id}/rubrics",
        data=json.dumps(payload) if not isinstance(payload, str) else payload,
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )


def rubric(panel, judge, team, rubric_id, level):
    notes = {row: "Well beyond" for row in levels(rubric_id)} if level == 4 else {}
    given = entries.RubricInput(
        uuid.uuid4().hex, team.id, rubric_id, FilledRubric(levels(rubric_id, level), notes), True
    )
    entries.save(panel.event, given, judge)


def verified(panel, team, scores, gp=None):
    for number, score in enumerate(scores, start=1):
        if score is None:
            continue
        db.session.add(
            ScoreSheet(
                client_key=uuid.uuid4().hex,
                event_id=panel.event.id,
                team_id=team.id,
                round_kind="ranking",
                round=number,
                table="table 1",
                season_key="fll-2025-unearthed",
                answers={},
                score=score,
                gp=gp,
                referee_name="Rita",
                status=SheetStatus.VERIFIED,
            )
        )


@pytest.fixture
def judged(app):
    """Four teams, worked out by hand in the comments."""
    panel = make_panel()
    panel.event.season.programme.has_robot_game = True
    t0, t1, t2, t3 = panel.teams
    rubric(panel, panel.judge, t0, "innovation_project", 3)
    rubric(panel, panel.advisor, t0, "innovation_project", 4)  # T0 IP 35 (rows average 3.5)
    rubric(panel, panel.other_judge, t1, "innovation_project", 2)  # 20
    rubric(panel, panel.judge, t2, "innovation_project", 3)  # 30
    rubric(panel, panel.other_judge, t3, "innovation_project", 3)  # 30
    rubric(panel, panel.judge, t0, "robot_design", 2)  # 20
    rubric(panel, panel.other_judge, t1, "robot_design", 4)  # 40
    rubric(panel, panel.judge, t2, "robot_design", 3)  # 30
    rubric(panel, panel.other_judge, t3, "robot_design", 3)  # 30
    verified(panel, t0, [200, 150, None])
    verified(panel, t1, [100])
    verified(panel, t2, [200, 150, 0], gp=4)
    verified(panel, t3, [250])
    db.session.commit()
    return panel


@pytest.fixture
def market(app):
    season = make_open_season()
    season.rubric_set_key = "vakkanjers-jury"
    season.programme.name = "Vakkanjers"
    season.programme.has_robot_game = False
    event = make_event(season=season)
    teams = make_placed_teams(event, 4)
    teams[3].school = make_school(name="Eigen School")
    assign_stands(event)
    jurors = [make_user(name=name) for name in ("Anouk", "Bas", "Cem")]
    for juror in jurors:
        grant_event_role(juror, event, Role.JUDGE)
    db.session.commit()
    stands = {
        placed.team_id: placed.stand
        for placed in db.session.scalars(select(EventTeam).where(EventTeam.event_id == event.id))
    }
    return event, teams, jurors, stands


def act(client, event, do):
    url = f"/events/{event.id}/judging/market"
    return client.submit(f"{url}/{do}", {}, page=url, follow_redirects=True)


def claimed(juror) -> int | None:
    return db.session.scalar(
        select(StandClaim.team_id).where(
            StandClaim.judge_id == juror.id, StandClaim.released_at.is_(None)
        )
    )


def jury_rubric(team, key):
    levels = {row: 3 for row in ("idea", "process", "prototype", "client_fit", "presentation")}
    return {
        "client_key": key,
        "team": team.id,
        "rubric": "jury",
        "levels": levels,
        "notes": {},
        "status": "submitted",
    }
