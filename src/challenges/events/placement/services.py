"""Apply the placement rule to a season's teams; move teams by hand. Never commits."""

import logging
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from challenges.auth.models import User
from challenges.errors import DomainError
from challenges.events import scoreboard_version
from challenges.events.models import Event, EventKind, EventTeam
from challenges.events.placement.rules import Placement, Reason, TeamWish, place_teams
from challenges.events.schedule.services import team_schedule
from challenges.extensions import db
from challenges.mail.services import mail_each
from challenges.registration.models import Team
from challenges.registration.services import audit
from challenges.registration.status import TeamStatus
from challenges.seasons.models import Season

log = logging.getLogger(__name__)


@dataclass
class Proposal:
    placement: Placement
    teams: dict[int, Team]
    events: dict[int, Event]
    capacity: dict[int, int]


def regional_finals(season: Season) -> list[Event]:
    return list(
        db.session.scalars(
            select(Event)
            .where(Event.season_id == season.id, Event.kind == EventKind.REGIONAL)
            .order_by(Event.starts_on, Event.name)
        )
    )


def propose(season: Season) -> Proposal:
    """What 'place teams' would do for the season's confirmed teams (changes nothing)."""
    events = {event.id: event for event in regional_finals(season)}
    teams = {
        team.id: team
        for team in db.session.scalars(
            select(Team)
            .where(Team.season_id == season.id, Team.status == TeamStatus.CONFIRMED)
            .options(selectinload(Team.school))
            .order_by(Team.registered_at, Team.id)
        )
    }
    placed = dict(
        db.session.execute(
            select(EventTeam.team_id, EventTeam.event_id).where(
                EventTeam.event_kind == EventKind.REGIONAL, EventTeam.team_id.in_(teams)
            )
        ).all()
    )
    wishes = [
        TeamWish(
            team.id,
            order,
            team.first_choice_event_id,
            team.second_choice_event_id,
            placed.get(team.id),
        )
        for order, team in enumerate(teams.values())
    ]
    capacity = {event.id: event.capacity or 0 for event in events.values()}
    return Proposal(place_teams(wishes, capacity), teams, events, capacity)


def apply(season: Season, user: User) -> int:
    proposal = propose(season)
    count = 0
    for team_id, (event_id, reason) in proposal.placement.places.items():
        if reason is not Reason.KEPT:
            put(proposal.teams[team_id], proposal.events[event_id], user)
            count += 1
    log.info("%d teams placed for %s", count, season.key)
    return count


def teams_at(event: Event) -> int:
    return db.session.scalar(select(func.count()).where(EventTeam.event_id == event.id))


def put(team: Team, event: Event, user: User, notify: bool = True) -> bool:
    """Place a team at an event, or move it from another event of the same kind; `notify`
    mails the coaches.

    Returns False when the event was already full (the organiser is warned, not refused).
    """
    if team.season_id != event.season_id:
        raise DomainError(_("This event is of another season."), status=409)
    if team.status is TeamStatus.WITHDRAWN:
        raise DomainError(_("A withdrawn team cannot be placed."), status=409)
    current = db.session.scalar(
        select(EventTeam).where(EventTeam.team_id == team.id, EventTeam.event_kind == event.kind)
    )
    if current and current.event_id == event.id:
        return True
    fits = event.capacity is None or teams_at(event) < event.capacity
    if current:
        scoreboard_version.bump(current.event_id)
        current.event_id = event.id
    else:
        db.session.add(EventTeam(event_id=event.id, team_id=team.id, event_kind=event.kind))
    scoreboard_version.bump(event.id)
    db.session.flush()
    audit(user, "placed", team, event.slug)
    mail_each(
        team.coaches if notify else [],
        _l("%(team)s goes to %(event)s", team=team.name, event=event.name),
        "team_placed",
        "coach",
        team=team,
        event=event,
    )
    return fits


def remove(team: Team, event: Event, user: User) -> None:
    placed = db.session.scalar(
        select(EventTeam).where(EventTeam.team_id == team.id, EventTeam.event_id == event.id)
    )
    if placed is None:
        raise DomainError(_("This team is not placed at this event."), status=404)
    db.session.delete(placed)
    scoreboard_version.bump(event.id)
    audit(user, "unplaced", team, event.slug)


def placements_of(team: Team) -> list[Event]:
    return list(
        db.session.scalars(
            select(Event)
            .join(EventTeam, EventTeam.event_id == Event.id)
            .where(EventTeam.team_id == team.id)
            .order_by(Event.starts_on)
        )
    )


def for_team_page(team: Team) -> dict[str, Any]:
    """What the team's page shows of its events: where it is placed and its schedule."""
    return {"events": placements_of(team), "schedule": team_schedule(team)}
