"""Tickets to the national final: the proposal per category, the ties that still decide a
ticket (the jury orders them, with a reason), the organiser's confirmation (the team joins
the national final and its coaches are mailed), the coach's answer, declines and publication.
Wildcards and the national final's overview: `national.py`. Never commits."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from challenges.auth.models import User
from challenges.awards import awarding
from challenges.awards.advancement_order import Ticket, proposal
from challenges.awards.awarding import short_reason, ticket_reason
from challenges.awards.models import (
    Advancement,
    AdvancementKind,
    AdvancementStatus,
    AwardWinner,
    TieBreak,
)
from challenges.awards.results import CategoryResults, EventResults, event_results
from challenges.awards.ticket_mail import mail_coaches
from challenges.awards.ties import Tie, order_from_places
from challenges.database import lock_rows, utcnow
from challenges.errors import DomainError
from challenges.events.models import Event, EventKind, EventTeam
from challenges.events.placement import services as placement_service
from challenges.extensions import db
from challenges.judging.rubrics import Award
from challenges.labels import team_label
from challenges.registration.models import Team
from challenges.seasons.models import Category


@dataclass
class CategoryAdvancement:
    category: Category
    quota: int
    teams: dict[int, Team]
    proposed: list[Ticket]
    tie: Tie | None = None  # the quota line cuts this tie: the jury orders it first
    confirmed: list[Advancement] = field(default_factory=list)  # invited or accepted
    declined: list[Advancement] = field(default_factory=list)


@dataclass(frozen=True)
class OpenTie:
    """A tie the quota line cuts, which the jury has not ordered yet."""

    category: Category
    tie: Tie
    teams: dict[int, Team]


TICKETS = "tickets"  # the list a tie-break orders (the only one so far)


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


def going(event: Event) -> list[Advancement]:
    """The tickets of an event that stand (invited or accepted), for the results."""
    return [t for t in tickets(event) if t.status is not AdvancementStatus.DECLINED]


def first_award(results: EventResults) -> Award | None:
    """The award whose places advance first: the Champion's Award, or the jury prize."""
    return next((award for award in results.rubric_set.awards if award.judged), None)


def front(award: Award | None, given: list[AwardWinner]) -> list[tuple[int, int]]:
    """(team, place) of the first award that go first, best place first: the Champion's
    winner (its finalists follow the Champion's order), or every place of a jury prize."""
    if award is None:
        return []
    mine = [w for w in given if w.award == award.id]
    if award.places_are == "finalists":
        mine = [w for w in mine if w.place == 1]
    return [(w.team_id, w.place) for w in sorted(mine, key=lambda w: (w.place, w.id))]


def ticket_ranking(category: CategoryResults, fll: bool) -> list[tuple[int, int]]:
    """(team, position) in the order tickets follow. FLL keeps the Champion's tie-breakers
    (the Core Values rank, then the team number: docs/judging.md); elsewhere teams with equal
    results share a position, for the jury to order (never the team number, silently)."""
    if fll:
        return [(row.team, row.position) for row in category.ranking]
    found: list[tuple[int, int]] = []
    for index, row in enumerate(category.ranking):
        shares = index > 0 and category.ranking[index - 1].total == row.total
        found.append((row.team, found[-1][1] if shares else index + 1))
    return found


def overview(event: Event, results: EventResults) -> list[CategoryAdvancement]:
    quotas = {quota.category_id: quota.advancing for quota in event.quotas}
    found = tickets(event)
    given = awarding.winners(event)
    breaks = tie_breaks(event)
    award = first_award(results)
    overviews = []
    for category in results.categories:
        key = category.category.id
        mine = [t for t in found if t.category_id == key]
        confirmed = [t for t in mine if t.status is not AdvancementStatus.DECLINED]
        ranked = [t for t in confirmed if t.kind is not AdvancementKind.WILDCARD]
        quota = quotas.get(key, 0)
        proposed = proposal(
            front(award, [w for w in given if w.category_id == key]),
            ticket_ranking(category, results.rubric_set.has_core_values),
            quota - len(ranked),
            {t.team_id for t in mine},
            [b.teams for b in breaks if b.category_id == key and b.subject == TICKETS],
        )
        overviews.append(
            CategoryAdvancement(
                category=category.category,
                quota=quota,
                teams=category.teams,
                proposed=proposed.tickets,
                tie=proposed.tie,
                confirmed=confirmed,
                declined=[t for t in mine if t.status is AdvancementStatus.DECLINED],
            )
        )
    return overviews


def proposed_teams(event: Event, results: EventResults, category_id: int) -> list[int]:
    """The team ids proposed now in one category, in order (what `confirm` expects)."""
    found = next((o for o in overview(event, results) if o.category.id == category_id), None)
    return [ticket.team for ticket in found.proposed] if found else []


def tie_breaks(event: Event) -> list[TieBreak]:
    return list(
        db.session.scalars(
            select(TieBreak).where(TieBreak.event_id == event.id).order_by(TieBreak.id.desc())
        )
    )


def open_ties(event: Event, results: EventResults) -> list[OpenTie]:
    """Every tie that still decides a ticket, per category. (A prize never waits on a tie:
    the jury gives each judged award's places itself, with a reason, and the robot-game
    ranking's places are shared as the FLL rules say.)"""
    return [
        OpenTie(item.category, item.tie, item.teams)
        for item in overview(event, results)
        if item.tie is not None
    ]


def tie_text(found: OpenTie) -> str:
    """ "#1002 Team 1, #1003 Team 2 tie for place 2 in Explorer"."""
    names = ", ".join(team_label(found.teams[team]) for team in found.tie.teams)
    return _(
        "%(teams)s tie for place %(position)s in %(category)s",
        teams=names,
        position=found.tie.position,
        category=found.category.name,
    )


@dataclass(frozen=True, kw_only=True)
class TieOrder:
    """The jury's order of an open tie: a place for each team, and the reason."""

    category_id: int
    places: Mapping[int, int | None]
    reason: str


def break_tie(event: Event, results: EventResults, given: TieOrder, user: User) -> TieBreak:
    """The jury orders the teams of an open tie (a place for each), with a reason."""
    lock_rows(db.session, Event, [event.id])  # a second click finds the tie broken
    found = next(
        (t for t in open_ties(event, results) if t.category.id == given.category_id),
        None,
    )
    if found is None:
        raise DomainError(_("There is no such tie (any more)."), status=404)
    order = order_from_places(found.tie, given.places)
    if order is None:
        raise DomainError(
            _(
                "Give every tied team its own place, from 1 to %(count)s.",
                count=len(found.tie.teams),
            ),
            "order",
        )
    decided = TieBreak(
        event_id=event.id,
        category_id=given.category_id,
        subject=TICKETS,
        teams=order,
        reason=short_reason(given.reason),
        decided_by=user.name,
    )
    db.session.add(decided)
    return decided


@dataclass
class Confirmed:
    """What a confirmation did: the tickets given and the mails actually queued."""

    tickets: int = 0
    mails: int = 0


def confirm(
    event: Event, results: EventResults, category_id: int, seen: Sequence[int], user: User
) -> Confirmed:
    """Confirm the proposed teams of one category, exactly the `seen` team ids that the
    organiser was shown: each is placed at the national final and its coaches are mailed.
    Under the event's lock: a second click waits, then finds the proposal changed."""
    lock_rows(db.session, Event, [event.id])
    national = national_final(event)
    found = next((o for o in overview(event, results) if o.category.id == category_id), None)
    if found is None:
        raise DomainError(_("This event has no such category."), status=404)
    if [ticket.team for ticket in found.proposed] != list(seen):
        raise DomainError(_("The proposals have changed meanwhile; look again."), status=409)
    if not found.proposed and found.tie is not None:
        tie = OpenTie(found.category, found.tie, found.teams)
        raise DomainError(
            _(
                "A tie decides the next ticket: %(tie)s. The jury breaks it first, with a reason.",
                tie=tie_text(tie),
            ),
            status=409,
        )
    if not found.proposed:
        raise DomainError(_("There is nobody to confirm: the quota is full or nobody is ranked."))
    award = first_award(results)
    done = Confirmed()
    for proposed in found.proposed:
        kind = AdvancementKind(proposed.kind)
        ticket = Advancement(
            from_event=event,
            to_event=national,
            category_id=category_id,
            team=found.teams[proposed.team],
            kind=kind,
            award=award.id if award is not None and kind is AdvancementKind.WINNER else None,
            position=proposed.position,
            decided_by=user.name,
        )
        done.tickets += 1
        done.mails += place_and_mail(ticket, user)
    return done


def place_and_mail(ticket: Advancement, user: User) -> int:
    """Place the ticket's team at the national final and mail its coaches: how many mails."""
    db.session.add(ticket)
    db.session.flush()
    placement_service.put(ticket.team, ticket.to_event, user, notify=False)
    return mail_coaches(ticket, user)


def decline(event: Event, ticket_id: int, reason: str, user: User) -> Advancement:
    """The team gives up its place: it leaves the national final; the next team is proposed.
    Under the event's lock, so that two declines (or a decline and a confirmation) at once
    see each other."""
    lock_rows(db.session, Event, [event.id])
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


def answer(ticket: Advancement, accept: bool, reason: str, coach: User) -> Advancement:
    """The team's coach says whether the team comes; a decline passes the place on."""
    lock_rows(db.session, Event, [ticket.from_event_id])  # the status is read again
    if ticket.status is AdvancementStatus.DECLINED:
        raise DomainError(
            _("This ticket was declined; the place has passed to another team."), status=409
        )
    if accept:
        ticket.status = AdvancementStatus.ACCEPTED
    else:
        decline(ticket.from_event, ticket.id, reason, coach)
    ticket.answered_at = utcnow()
    return ticket


def publish(event: Event, publish: bool) -> None:
    """Publish (or hide) the results; publishing waits until no tie decides a ticket."""
    if publish:
        ties = open_ties(event, event_results(event)) if event.season.rubric_set_key else []
        if ties:
            raise DomainError(
                _(
                    "The results cannot be published yet: %(tie)s. The jury breaks this tie "
                    "first, with a reason, on the awards page.",
                    tie=tie_text(ties[0]),
                ),
                status=409,
            )
    event.results_published_at = utcnow() if publish else None


def for_team_page(team: Team) -> dict[str, Any]:
    """What the team's page shows of its tickets to the national final, the newest first."""
    tickets_of_team = db.session.scalars(
        select(Advancement)
        .where(Advancement.team_id == team.id)
        .order_by(Advancement.decided_at.desc(), Advancement.id.desc())
    )
    return {"tickets": list(tickets_of_team), "ticket_reason": ticket_reason}
