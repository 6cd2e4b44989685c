"""Reads about events."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from challenges.auth.models import EventRole
from challenges.auth.roles import EVENT_ROLES, Role
from challenges.events.models import Event
from challenges.extensions import db


def crew_by_role(event: Event) -> dict[Role, list[str]]:
    """Names of the people holding each event role, in the order of EVENT_ROLES."""
    grants = db.session.scalars(
        select(EventRole).where(EventRole.event_id == event.id).options(joinedload(EventRole.user))
    )
    crew: dict[Role, list[str]] = {role: [] for role in EVENT_ROLES}
    for grant in grants:
        crew[grant.role].append(grant.user.name)
    return {role: sorted(names) for role, names in crew.items()}
