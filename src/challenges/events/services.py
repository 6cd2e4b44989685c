"""Events: change and log, never commit; and reads about events."""

import logging
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from challenges.auth.models import EventRole, User
from challenges.auth.policies import may_see_event
from challenges.auth.roles import EVENT_ROLES, Role
from challenges.database import utcnow
from challenges.errors import DomainError
from challenges.events import scoreboard_version
from challenges.events.models import AdvancementQuota, Attendance, Event, EventKind, EventTeam
from challenges.extensions import db
from challenges.inputs import InputError, parse_id
from challenges.registration.models import Team
from challenges.registration.services import audit
from challenges.seasons.models import Season

log = logging.getLogger(__name__)
EVENT_FIELDS = (
    "season_id",
    "name",
    "slug",
    "venue",
    "address",
    "town",
    "host",
    "starts_on",
    "start_time",
    "end_time",
    "capacity",
    "tables",
    "rooms",
    "published",
    "normalise_min_teams",
    "normalised_ranks",
)


def crew_by_role(event: Event) -> dict[Role, list[str]]:
    """Names of the people holding each event role, in the order of EVENT_ROLES."""
    grants = db.session.scalars(
        select(EventRole).where(EventRole.event_id == event.id).options(joinedload(EventRole.user))
    )
    crew: dict[Role, list[str]] = {role: [] for role in EVENT_ROLES}
    for grant in grants:
        crew[grant.role].append(grant.user.name)
    return {role: sorted(names) for role, names in crew.items()}


def save_event(event: Event, values: dict[str, Any], quotas: dict[int, int]) -> None:
    season = db.session.get(Season, values["season_id"])
    if season is None:
        raise DomainError(_("Choose a season."), field="season_id")
    with db.session.no_autoflush:
        taken = db.session.scalar(
            select(Event.id).where(Event.slug == values["slug"], Event.id != (event.id or -1))
        )
    if taken:
        raise DomainError(_("Another event already has this short name."), field="slug")
    feeds_into = db.session.get(Event, values["feeds_into_id"]) if values["feeds_into_id"] else None
    if feeds_into and (
        feeds_into.season_id != season.id or feeds_into.kind is not EventKind.NATIONAL
    ):
        raise DomainError(
            _("Teams advance to the national final of the same season."), field="feeds_into_id"
        )
    shown = None if event.id is None else _on_scoreboard(event)
    for name in EVENT_FIELDS:
        setattr(event, name, values[name] if values[name] != "" else None)
    event.kind = EventKind(values["kind"])
    event.feeds_into = feeds_into
    save_quotas(event, season, quotas)
    db.session.add(event)
    db.session.flush()
    if shown is not None and shown != _on_scoreboard(event):
        scoreboard_version.bump(event.id)
    log.info("Event %s saved", event.slug)


def _on_scoreboard(event: Event) -> tuple:
    """What of the event itself its public scoreboard shows (or whether it shows at all)."""
    return (event.name, event.slug, event.published)


def save_quotas(event: Event, season: Season, quotas: dict[int, int]) -> None:
    categories = {category.id for category in season.categories}
    if set(quotas) - categories:
        raise DomainError(_("A quota names a category of another season."))
    if any(number < 0 for number in quotas.values()):
        raise DomainError(_("A quota cannot be negative."))
    event.quotas = [
        AdvancementQuota(category_id=category, advancing=number)
        for category, number in sorted(quotas.items())
    ]


def events_with_team_counts(season_key: str | None = None) -> list[tuple[Event, int]]:
    teams = (
        select(EventTeam.event_id, func.count().label("teams"))
        .group_by(EventTeam.event_id)
        .subquery()
    )
    query = (
        select(Event, func.coalesce(teams.c.teams, 0))
        .outerjoin(teams, teams.c.event_id == Event.id)
        .join(Event.season)
        .options(joinedload(Event.season).joinedload(Season.programme))
        .order_by(Event.starts_on, Event.name)
    )
    if season_key:
        query = query.where(Season.key == season_key)
    return [(event, count) for event, count in db.session.execute(query)]


def check_in_list(event: Event) -> list[tuple[EventTeam, Team]]:
    return list(
        db.session.execute(
            select(EventTeam, Team)
            .join(Team, Team.id == EventTeam.team_id)
            .where(EventTeam.event_id == event.id)
            .order_by(Team.number, Team.name)
        ).all()
    )


def set_attendance(event: Event, team_id: int, attendance: Attendance, user: User) -> Team:
    placed = db.session.scalar(
        select(EventTeam).where(EventTeam.event_id == event.id, EventTeam.team_id == team_id)
    )
    if placed is None:
        raise DomainError(_("This team is not placed at this event."), status=404)
    if Attendance.NO_SHOW in (placed.attendance, attendance) and placed.attendance != attendance:
        scoreboard_version.bump(event.id)  # no-shows at check-in are not on the scoreboard
    placed.attendance = attendance
    placed.checked_in_at = utcnow() if attendance is not Attendance.EXPECTED else None
    team = db.session.get(Team, team_id)
    audit(user, f"attendance:{attendance.value}", team, event.slug)
    return team


def find_event(reference: str) -> Event | None:
    """An event by its id or its slug (as `challenges events list` shows them), with its
    season (one query)."""
    try:
        found = Event.id == parse_id(reference)
    except InputError:
        found = Event.slug == reference
    return db.session.scalar(select(Event).where(found).options(joinedload(Event.season)))


def find_visible_event(reference: str, user: User) -> Event | None:
    """The event, unless it is unpublished and the user may not see it yet."""
    event = find_event(reference)
    return event if event is not None and may_see_event(user, event) else None
