"""What the home page and the dashboard show each kind of user (reads only)."""

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from challenges.auth.models import EventRole, User
from challenges.events.models import Event
from challenges.extensions import db
from challenges.registration.models import Team
from challenges.registration.rules import registration_is_open
from challenges.schools.models import School
from challenges.seasons.models import Programme, Season
from challenges.seasons.services import to_amsterdam

PAST_FINALS_SHOWN = 12


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


class RegistrationState(enum.StrEnum):
    OPEN = "open"
    SOON = "soon"
    CLOSED = "closed"


@dataclass(frozen=True)
class Registration:
    """Whether a programme's teams can register now, for which season, and until when."""

    programme: Programme
    season: Season
    state: RegistrationState

    @property
    def first_day(self) -> date | None:
        opens = self.season.registration_opens_at
        return to_amsterdam(opens).date() if opens else None

    @property
    def last_day(self) -> date | None:
        """The last day (in Amsterdam) on which a team can register: a deadline at midnight
        belongs to the day before it."""
        closes = self.season.registration_closes_at
        return to_amsterdam(closes - timedelta(microseconds=1)).date() if closes else None


def registration_of(seasons: Iterable[Season], now: datetime) -> Registration | None:
    """The season a programme's visitors look for: the one open now, else the next to open,
    else the last one to close."""
    seasons = [s for s in seasons if s.registration_opens_at and s.registration_closes_at]
    open_now = [
        s
        for s in seasons
        if registration_is_open(s.registration_opens_at, s.registration_closes_at, now)
    ]
    if open_now:
        season = min(open_now, key=lambda s: s.registration_closes_at)
        return Registration(season.programme, season, RegistrationState.OPEN)
    coming = [s for s in seasons if s.registration_opens_at > now]
    if coming:
        season = min(coming, key=lambda s: s.registration_opens_at)
        return Registration(season.programme, season, RegistrationState.SOON)
    if seasons:
        season = max(seasons, key=lambda s: s.registration_closes_at)
        return Registration(season.programme, season, RegistrationState.CLOSED)
    return None


def registrations(now: datetime) -> list[Registration]:
    """Per programme with a published season, where registration stands."""
    seasons = db.session.scalars(
        select(Season).where(Season.published).options(joinedload(Season.programme))
    ).all()
    per_programme: dict[int, list[Season]] = {}
    for season in seasons:
        per_programme.setdefault(season.programme_id, []).append(season)
    found = (registration_of(group, now) for group in per_programme.values())
    return sorted(filter(None, found), key=lambda r: r.programme.name)


@dataclass(frozen=True)
class Finals:
    upcoming: list[Event]  # soonest first
    past: list[Event]  # latest first, at most PAST_FINALS_SHOWN


def finals(now: datetime) -> Finals:
    """Published finals: those from today on, and the latest ones before today."""
    today = to_amsterdam(now).date()
    events = db.session.scalars(
        select(Event)
        .where(Event.published)
        .options(joinedload(Event.season).joinedload(Season.programme))
        .order_by(Event.starts_on, Event.name)
    ).all()
    past = [event for event in events if event.starts_on < today]
    return Finals(
        upcoming=[event for event in events if event.starts_on >= today],
        past=past[::-1][:PAST_FINALS_SHOWN],
    )
