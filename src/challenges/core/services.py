"""What the dashboard shows each kind of user (reads only)."""

from dataclasses import dataclass

from sqlalchemy import func, select

from challenges.auth.models import EventRole, User
from challenges.events.models import Event
from challenges.extensions import db
from challenges.registration.models import Team
from challenges.schools.models import School
from challenges.seasons.models import Season


@dataclass(frozen=True)
class Overview:
    seasons: int
    schools: int
    teams: int
    events: int
    users: int


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def organiser_overview() -> Overview:
    return Overview(count(Season), count(School), count(Team), count(Event), count(User))


def event_assignments(user: User) -> list[EventRole]:
    """The user's event roles, soonest event first."""
    return sorted(user.event_roles, key=lambda grant: (grant.event.starts_on, grant.event.name))


def published_events() -> list[Event]:
    return list(
        db.session.scalars(
            select(Event).where(Event.published).order_by(Event.starts_on, Event.name)
        )
    )
