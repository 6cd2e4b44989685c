"""A Vakkanjers Markt at an event: stand numbers and the jury rounds. Never commits."""

from flask_babel import gettext as _
from sqlalchemy import select

from challenges.auth.models import EventRole, User
from challenges.auth.roles import Role
from challenges.errors import DomainError
from challenges.events.market import (
    JuryPlan,
    NoJuryPossible,
    Stand,
    number_stands,
    plan_jury_rounds,
)
from challenges.events.models import Attendance, Event, EventTeam
from challenges.events.volunteers import conflicting_school_ids
from challenges.extensions import db
from challenges.registration.models import Team
from challenges.seasons.models import Category


def market_teams(event: Event) -> list[tuple[EventTeam, Team]]:
    return list(
        db.session.execute(
            select(EventTeam, Team)
            .join(Team, Team.id == EventTeam.team_id)
            .join(Category, Category.id == Team.category_id)
            .where(EventTeam.event_id == event.id, EventTeam.attendance != Attendance.NO_SHOW)
            .order_by(EventTeam.stand, Category.position, Team.name)
        ).all()
    )


def assign_stands(event: Event) -> int:
    """Number the stands by category, then team name (no-shows get none)."""
    rows = sorted(market_teams(event), key=lambda row: (row[1].category.position, row[1].name))
    numbers = number_stands([team.id for _placed, team in rows])
    for placed, team in rows:
        placed.stand = numbers[team.id]
    return len(numbers)


def jurors(event: Event) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(EventRole, EventRole.user_id == User.id)
            .where(EventRole.event_id == event.id, EventRole.role == Role.JUDGE)
            .order_by(User.name)
        )
    )


def jury_plan(event: Event, per_stand: int = 2) -> JuryPlan | None:
    """None while stands have no numbers yet; DomainError when the jury is too small."""
    stands = [
        Stand(placed.stand, team.id, team.school_id)
        for placed, team in market_teams(event)
        if placed.stand is not None
    ]
    judges = [judge.id for judge in jurors(event)]
    if not stands:
        return None
    if len(judges) < per_stand:
        raise DomainError(
            _(
                "%(needed)d jurors are needed; this event has %(count)d.",
                needed=per_stand,
                count=len(judges),
            )
        )
    try:
        return plan_jury_rounds(stands, judges, conflicting_school_ids(judges), per_stand)
    except NoJuryPossible as problem:
        raise DomainError(
            _("The jury rounds cannot be planned: %(problem)s", problem=str(problem))
        ) from None
