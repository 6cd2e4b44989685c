"""Judging rooms (panels), who sits in them and which teams they see. Never commits."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from challenges.auth.models import User
from challenges.auth.policies import JUDGE_ADVISORS
from challenges.errors import DomainError
from challenges.events.market.services import jurors
from challenges.events.models import Attendance, Event, EventTeam, ScheduleEntry
from challenges.events.volunteers.services import conflicting_school_ids
from challenges.extensions import db
from challenges.judging.models import PanelMember
from challenges.judging.programme import is_market
from challenges.registration.models import Team

JUDGING = "judging"


@dataclass(frozen=True)
class Session:
    entry: ScheduleEntry
    team: Team
    conflict: bool  # the judge declared a conflict with the team's school
    no_show: bool


def rooms(event: Event) -> list[str]:
    """The judging rooms of the schedule, else as many as the event has."""
    places = set(
        db.session.scalars(
            select(ScheduleEntry.place).where(
                ScheduleEntry.event_id == event.id, ScheduleEntry.kind == JUDGING
            )
        )
    )
    if not places:
        places = {f"room {number}" for number in range(1, (event.rooms or 0) + 1)}
    return sorted(places, key=lambda place: (len(place), place))


def judges(event: Event) -> list[User]:
    return jurors(event)


def seating(event: Event) -> dict[int, str]:
    """Judge (user id) -> room."""
    members = db.session.scalars(select(PanelMember).where(PanelMember.event_id == event.id))
    return {member.user_id: member.room for member in members}


def seat(event: Event, assignments: dict[int, str | None]) -> None:
    """Put judges in rooms (None: no room); only judges of this event, only its rooms."""
    allowed_judges = {judge.id for judge in judges(event)}
    allowed_rooms = set(rooms(event))
    current = {
        m.user_id: m
        for m in db.session.scalars(select(PanelMember).where(PanelMember.event_id == event.id))
    }
    for user_id, room in assignments.items():
        if user_id not in allowed_judges:
            raise DomainError(_("Only judges of this event can sit in its rooms."), status=404)
        if room is not None and room not in allowed_rooms:
            raise DomainError(_("This event has no room %(room)s.", room=room))
        member = current.get(user_id)
        if room is None and member is not None:
            db.session.delete(member)
        elif room is not None and member is None:
            db.session.add(PanelMember(event_id=event.id, user_id=user_id, room=room))
        elif member is not None:
            member.room = room


def is_advisor(event: Event, user: User) -> bool:
    return JUDGE_ADVISORS.allows(user, {"event_id": event.id})


def sessions(event: Event, user: User, room: str | None = None) -> list[Session]:
    """The judging sessions of one room in schedule order (the judge's own room by default)."""
    room = room or seating(event).get(user.id)
    if room is None:
        return []
    rows = db.session.execute(
        select(ScheduleEntry, Team, EventTeam.attendance)
        .join(Team, Team.id == ScheduleEntry.team_id)
        .join(
            EventTeam,
            (EventTeam.team_id == Team.id) & (EventTeam.event_id == ScheduleEntry.event_id),
            isouter=True,
        )
        .where(
            ScheduleEntry.event_id == event.id,
            ScheduleEntry.kind == JUDGING,
            ScheduleEntry.place == room,
        )
        .order_by(ScheduleEntry.starts_at, Team.number)
    ).all()
    conflicts = conflicting_school_ids([user.id])[user.id]
    return [
        Session(entry, team, team.school_id in conflicts, attendance == Attendance.NO_SHOW)
        for entry, team, attendance in rows
    ]


def check_may_judge(event: Event, user: User, team: Team) -> None:
    """A judge judges the teams of their room (at a market: any stand), never one of a school
    they are linked to."""
    placed = db.session.scalar(
        select(EventTeam).where(EventTeam.event_id == event.id, EventTeam.team_id == team.id)
    )
    if placed is None:
        raise DomainError(_("This team does not take part in this event."), "team", 404)
    if team.school_id in conflicting_school_ids([user.id])[user.id]:
        raise DomainError(
            _("You declared a conflict of interest with this team's school."), "team", 403
        )
    if is_advisor(event, user) or is_market(event):
        return  # a market: every juror may judge every stand they are not linked to
    room = seating(event).get(user.id)
    if room is None or not any(s.team.id == team.id for s in sessions(event, user, room)):
        raise DomainError(_("This team is not judged in your room."), "team", 403)
