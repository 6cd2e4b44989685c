"""Tickets to the national final: the proposal per category, the organiser's confirmation
(the team joins the national final and its coaches are mailed), declines and wildcards.
Never commits."""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from challenges.auth.models import User
from challenges.awards.advancement import Ticket, proposal
from challenges.awards.awarding import short_reason
from challenges.awards.models import Advancement, AdvancementKind, AdvancementStatus, AwardWinner
from challenges.database import utcnow
from challenges.errors import DomainError
from challenges.events import placing
from challenges.events.models import Attendance, Event, EventKind, EventTeam
from challenges.extensions import db
from challenges.i18n import current_language as language
from challenges.judging.results import EventResults
from challenges.judging.rubrics import Award
from challenges.mail.services import mail_each
from challenges.registration.models import Team
from challenges.seasons.models import Category


@dataclass
class CategoryAdvancement:
    category: Category
    quota: int
    teams: dict[int, Team]
    proposed: list[Ticket]
    confirmed: list[Advancement] = field(default_factory=list)
    declined: list[Advancement] = field(default_factory=list)


def national_final(event: Event) -> Event:
    if event.kind is not EventKind.REGIONAL or event.feeds_into is None:
        raise DomainError(_("This regional final feeds no national final yet."), status=409)
    return event.feeds_into


def tickets(event: Event) -> list[Advancement]:
    return list(
        db.session.scalars(
            select(Advancement)
            .where(Advancement.from_event_id == event.id)
            .order_by(Advancement.decided_at, Advancement.id)
        )
    )


def first_award(results: EventResults) -> Award | None:
    """The award whose winner advances first: the Champion's Award, or the jury prize."""
    return next((award for award in results.rubric_set.awards if award.judged), None)


def _first_award_winner(event: Event, award: Award | None, category_id: int) -> int | None:
    return db.session.scalar(
        select(AwardWinner.team_id).where(
            AwardWinner.event_id == event.id,
            AwardWinner.category_id == category_id,
            AwardWinner.award == (award.id if award else None),
            AwardWinner.place == 1,
        )
    )


def overview(event: Event, results: EventResults) -> list[CategoryAdvancement]:
    quotas = {quota.category_id: quota.advancing for quota in event.quotas}
    found = tickets(event)
    overviews = []
    for category in results.categories:
        mine = [t for t in found if t.category_id == category.category.id]
        confirmed = [t for t in mine if t.status is AdvancementStatus.CONFIRMED]
        ranked = [t for t in confirmed if t.kind is not AdvancementKind.WILDCARD]
        quota = quotas.get(category.category.id, 0)
        ranking = [(row.team, row.position) for row in category.ranking]
        taken = {t.team_id for t in mine}
        champion = _first_award_winner(event, first_award(results), category.category.id)
        overviews.append(
            CategoryAdvancement(
                category=category.category,
                quota=quota,
                teams=category.teams,
                proposed=proposal(ranking, champion, quota - len(ranked), taken),
                confirmed=confirmed,
                declined=[t for t in mine if t.status is AdvancementStatus.DECLINED],
            )
        )
    return overviews


def confirm(event: Event, results: EventResults, category_id: int, user: User) -> int:
    """Confirm the proposed teams of one category; returns how many advanced."""
    national = national_final(event)
    found = next((o for o in overview(event, results) if o.category.id == category_id), None)
    if found is None:
        raise DomainError(_("This event has no such category."), status=404)
    if not found.proposed:
        raise DomainError(_("There is nobody to confirm: the quota is full or nobody is ranked."))
    award = first_award(results)
    for ticket in found.proposed:
        kind = AdvancementKind(ticket.kind)
        reason = (
            _("Winner: %(award)s", award=award.name[language()])
            if kind is AdvancementKind.WINNER and award is not None
            else _("Place %(position)s in the ranking", position=ticket.position)
        )
        _advance(
            event,
            national,
            found.teams[ticket.team],
            category_id,
            kind,
            reason,
            user,
            ticket.position,
        )
    return len(found.proposed)


def _advance(
    event: Event,
    national: Event,
    team: Team,
    category_id: int,
    kind: AdvancementKind,
    reason: str,
    user: User,
    position: int | None = None,
) -> Advancement:
    ticket = Advancement(
        from_event_id=event.id,
        to_event_id=national.id,
        category_id=category_id,
        team_id=team.id,
        kind=kind,
        position=position,
        reason=reason,
        decided_by=user.name,
    )
    db.session.add(ticket)
    placing.put(team, national, user, notify=False)
    mail_each(
        team.coaches,
        _l("%(team)s advances to %(event)s", team=team.name, event=national.name),
        "team_advances",
        "coach",
        team=team,
        event=national,
        regional=event,
        reason=reason,
    )
    return ticket


def decline(event: Event, ticket_id: int, reason: str, user: User) -> Advancement:
    """The team gives up its place: it leaves the national final; the next team is proposed."""
    ticket = db.session.get(Advancement, ticket_id)
    if ticket is None or ticket.from_event_id != event.id:
        raise DomainError(_("There is no such ticket."), status=404)
    if ticket.status is AdvancementStatus.DECLINED:
        raise DomainError(_("This team has already declined."), status=409)
    reason = short_reason(reason)
    ticket.status = AdvancementStatus.DECLINED
    ticket.declined_reason = reason
    placed = db.session.scalar(
        select(EventTeam).where(
            EventTeam.team_id == ticket.team_id, EventTeam.event_id == ticket.to_event_id
        )
    )
    if placed is not None:
        db.session.delete(placed)
    return ticket


def wildcard_candidates(national: Event) -> list[tuple[Team, Event]]:
    """Teams present at a regional final that feeds this national final, without a ticket."""
    advancing = select(Advancement.team_id).where(
        Advancement.to_event_id == national.id,
        Advancement.status == AdvancementStatus.CONFIRMED,
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


def add_wildcard(national: Event, team_id: int, reason: str, user: User) -> Advancement:
    """A wildcard chosen by the national panel, with its reason."""
    if national.kind is not EventKind.NATIONAL:
        raise DomainError(_("Wildcards are given for a national final."), status=409)
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
    reason = short_reason(reason)
    team, regional = found[team_id]
    return _advance(
        regional, national, team, team.category_id, AdvancementKind.WILDCARD, reason, user
    )


def wildcards(national: Event) -> list[Advancement]:
    return list(
        db.session.scalars(
            select(Advancement)
            .where(
                Advancement.to_event_id == national.id,
                Advancement.kind == AdvancementKind.WILDCARD,
            )
            .order_by(Advancement.decided_at)
        )
    )


def publish(event: Event, publish: bool) -> None:
    event.results_published_at = utcnow() if publish else None
