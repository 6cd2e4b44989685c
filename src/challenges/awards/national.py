"""The national final: wildcards chosen by one national panel (each with its reason, on top
of the regional quotas), and the overview of its finalists per category: where each comes
from, why, and whether the coach accepted. Never commits."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from challenges.auth.models import User
from challenges.awards.awarding import short_reason
from challenges.awards.models import Advancement, AdvancementKind, AdvancementStatus
from challenges.awards.tickets import Confirmed, place_and_mail
from challenges.database import lock_rows
from challenges.errors import DomainError
from challenges.events.models import Attendance, Event, EventKind, EventTeam
from challenges.extensions import db
from challenges.registration.models import Team
from challenges.seasons.models import Category


def wildcard_candidates(national: Event) -> list[tuple[Team, Event]]:
    """Teams present at a regional final that feeds this national final, without a ticket
    that stands (invited or accepted; a declined one can be followed by a wildcard)."""
    advancing = select(Advancement.team_id).where(
        Advancement.to_event_id == national.id,
        Advancement.status != AdvancementStatus.DECLINED,
    )
    rows = db.session.execute(
        select(Team, Event)
        .join(EventTeam, EventTeam.team_id == Team.id)
        .join(Event, Event.id == EventTeam.event_id)
        .where(
            Event.feeds_into_id == national.id,
            EventTeam.attendance != Attendance.NO_SHOW,
            Team.id.not_in(advancing),
        )
        .order_by(Team.number, Team.name)
    ).all()
    return [(team, regional) for team, regional in rows]


def add_wildcard(national: Event, team_id: int, reason: str, user: User) -> Confirmed:
    """A wildcard chosen by the national panel, with its reason. Under the national final's
    lock: a second click waits and then finds the team advancing already."""
    lock_rows(db.session, Event, [national.id])
    if national.kind is not EventKind.NATIONAL:
        raise DomainError(_("Wildcards are given for a national final."), status=409)
    if not team_id:
        raise DomainError(_("Choose a team."), "team")
    found = {team.id: (team, regional) for team, regional in wildcard_candidates(national)}
    if team_id not in found:
        raise DomainError(
            _(
                "This team did not take part in a regional final of this national final, or "
                "already advances."
            ),
            "team",
            409,
        )
    team, regional = found[team_id]
    ticket = Advancement(
        from_event=regional,
        to_event=national,
        category_id=team.category_id,
        team=team,
        kind=AdvancementKind.WILDCARD,
        reason=short_reason(reason),
        decided_by=user.name,
    )
    return Confirmed(1, place_and_mail(ticket, user))


@dataclass
class Finalist:
    team: Team
    origin: Event | None  # the regional final it comes from
    ticket: Advancement | None  # None: placed at the national final by an organiser


@dataclass
class CategoryFinalists:
    category: Category
    finalists: list[Finalist]


def finalists(national: Event) -> list[CategoryFinalists]:
    """Per category (in the season's order) every team with a ticket to this final, declined
    ones included, and every team placed here without one; by status, origin and number."""
    tickets = list(
        db.session.scalars(select(Advancement).where(Advancement.to_event_id == national.id))
    )
    placed = list(
        db.session.scalars(
            select(Team)
            .join(EventTeam, EventTeam.team_id == Team.id)
            .where(EventTeam.event_id == national.id, Team.id.not_in([t.team_id for t in tickets]))
        )
    )
    regionals = dict(
        db.session.execute(
            select(EventTeam.team_id, Event)
            .join(Event, Event.id == EventTeam.event_id)
            .where(
                EventTeam.event_kind == EventKind.REGIONAL,
                EventTeam.team_id.in_([team.id for team in placed]),
            )
        ).all()
    )
    found = [Finalist(t.team, t.from_event, t) for t in tickets]
    found += [Finalist(team, regionals.get(team.id), None) for team in placed]
    order = [AdvancementStatus.ACCEPTED, AdvancementStatus.CONFIRMED, AdvancementStatus.DECLINED]
    found.sort(
        key=lambda f: (
            order.index(f.ticket.status) if f.ticket else 1,
            f.origin.name if f.origin else "",
            f.team.number or 0,
            f.team.name,
        )
    )
    return [
        CategoryFinalists(category, [f for f in found if f.team.category_id == category.id])
        for category in national.season.categories
        if any(f.team.category_id == category.id for f in found)
    ]
