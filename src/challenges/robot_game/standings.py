"""The robot-game ranking of an event and its public scoreboard (frozen or live)."""

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from challenges.auth.models import User
from challenges.database import utcnow
from challenges.errors import DomainError
from challenges.events import scoreboard_version
from challenges.events.models import Attendance, Event, EventTeam
from challenges.extensions import db
from challenges.registration.models import Team
from challenges.robot_game.models import ScoreboardState, ScoreSheet, SheetStatus
from challenges.robot_game.ranking import rank

DEFAULT_RANKING_ROUNDS = 3


def ranking_rounds(event: Event) -> tuple[dict[int, list[int | None]], dict[int, list], int]:
    """Per team present, the verified ranking-round scores and GP ratings (None where none
    yet), and the number of ranking rounds. Two queries."""
    verified = db.session.execute(
        select(ScoreSheet.team_id, ScoreSheet.round, ScoreSheet.score, ScoreSheet.gp).where(
            ScoreSheet.event_id == event.id,
            ScoreSheet.round_kind == "ranking",
            ScoreSheet.current.is_(True),
            ScoreSheet.status == SheetStatus.VERIFIED,
        )
    ).all()
    present = db.session.scalars(
        select(EventTeam.team_id)
        .join(Team, Team.id == EventTeam.team_id)
        .where(EventTeam.event_id == event.id, EventTeam.attendance != Attendance.NO_SHOW)
        .order_by(Team.number, Team.name)
    ).all()
    rounds = max([DEFAULT_RANKING_ROUNDS, *(row.round for row in verified)])
    scores: dict[int, list[int | None]] = {team: [None] * rounds for team in present}
    ratings: dict[int, list] = {team: [None] * rounds for team in present}
    for row in verified:
        if row.team_id in scores:
            scores[row.team_id][row.round - 1] = row.score
            ratings[row.team_id][row.round - 1] = row.gp
    return scores, ratings, rounds


def live(event: Event) -> dict[str, Any]:
    """Standings from verified ranking-round scores only; three queries whatever the size."""
    scores, _ratings, rounds = ranking_rounds(event)
    teams = db.session.execute(
        select(Team.id, Team.number, Team.name).where(Team.id.in_(scores))
    ).all()
    labels = {team.id: (team.number, team.name) for team in teams}
    return {
        "event": {"id": event.id, "slug": event.slug, "name": event.name},
        "rounds": rounds,
        "frozen": False,
        "frozen_at": None,
        "teams": [
            {
                "team_id": standing.team,
                "rank": standing.rank,
                "shared": standing.shared,
                "number": labels[standing.team][0],
                "name": labels[standing.team][1],
                "scores": list(standing.scores),
                "best": standing.best,
            }
            for standing in rank(scores, rounds)
        ],
    }


def state_of(event: Event) -> ScoreboardState | None:
    return db.session.get(ScoreboardState, event.id)


def public(event: Event) -> dict[str, Any]:
    """What the public sees: the frozen snapshot while the head referee keeps it frozen."""
    state = state_of(event)
    if state is not None and state.frozen_at is not None and state.snapshot is not None:
        return state.snapshot
    return live(event)


def public_scores_of(event: Event, team: Team) -> list[int | None]:
    """A team's ranking-round scores as the public scoreboard shows them (frozen or live)."""
    for row in public(event)["teams"]:
        if row.get("team_id") == team.id:  # snapshots frozen before team ids were kept: none
            return row["scores"]
    return []


def freeze(event: Event, user: User) -> None:
    state = state_of(event) or ScoreboardState(event_id=event.id)
    if state.frozen_at is not None:
        raise DomainError(_("The scoreboard is already frozen."), status=409)
    state.frozen_at = utcnow()
    state.frozen_by = user.name
    state.snapshot = live(event) | {"frozen": True, "frozen_at": state.frozen_at.isoformat()}
    db.session.add(state)
    scoreboard_version.bump(event.id)


def unfreeze(event: Event) -> None:
    state = state_of(event)
    if state is None or state.frozen_at is None:
        raise DomainError(_("The scoreboard is not frozen."), status=409)
    state.frozen_at = None
    state.frozen_by = None
    state.snapshot = None
    scoreboard_version.bump(event.id)
