"""Deliberation: candidate lists per award and category, and the winners the judge advisor
records (with a reason; an override of the one-award rule keeps its own reason). Never commits.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from challenges.auth.models import User
from challenges.awards.models import Advancement, AdvancementKind, AwardWinner
from challenges.awards.results import CategoryResults, EventResults
from challenges.awards.rules import Candidate, Holding, candidates, problems, proposal
from challenges.database import lock_rows
from challenges.errors import DomainError
from challenges.events.models import Event
from challenges.extensions import db
from challenges.i18n import current_language
from challenges.judging.entries import rubric_set_of
from challenges.judging.rubrics import Award
from challenges.judging.scoring import ROBOT_GAME


@dataclass
class AwardList:
    award: Award
    candidates: list[Candidate]
    winners: list[AwardWinner]
    proposed: int | None = None
    automatic: bool = False  # follows the robot-game ranking; shared places stay shared

    def places(self) -> list[tuple[int, int]]:
        """(place, team) as decided, or as the ranking gives them for an automatic award."""
        if self.automatic:
            return [(c.rank, c.team) for c in self.candidates if c.rank <= self.award.places]
        return [(winner.place, winner.team_id) for winner in self.winners]


REASON_LENGTH = 300


def short_reason(text: str) -> str:
    """Every decision keeps a short reason; refuse an empty or an overlong one."""
    reason = text.strip()
    if not reason or len(reason) > REASON_LENGTH:
        raise DomainError(
            _("Give a short reason (at most %(max)d characters).", max=REASON_LENGTH), "reason"
        )
    return reason


def winners(event: Event) -> list[AwardWinner]:
    return list(
        db.session.scalars(
            select(AwardWinner)
            .where(AwardWinner.event_id == event.id)
            .order_by(AwardWinner.award, AwardWinner.place, AwardWinner.id)
        )
    )


def candidate_list(award: Award, category: CategoryResults) -> list[Candidate]:
    positions = {row.team: row.position for row in category.ranking}
    if award.basis == "ranking":
        return candidates(positions, {row.team: row.total for row in category.ranking})
    if award.area is not None or award.basis == ROBOT_GAME:
        area = award.area or ROBOT_GAME
        return candidates(category.ranks.get(area, {}), category.scores.get(area, {}))
    if award.basis == "nomination":
        last = len(category.teams) + 1
        return candidates({team: positions.get(team, last) for team in category.teams}, {})
    return candidates(positions, {})  # the judges' choice among the ranked teams


def award_lists(event: Event, results: EventResults) -> dict[int, list[AwardList]]:
    """Per category id, every award with its candidates, winners and a proposal."""
    given = winners(event)
    lists: dict[int, list[AwardList]] = {}
    for category in results.categories:
        key = category.category.id
        mine = [w for w in given if w.category_id == key]
        holdings = [Holding(w.team_id, w.award, w.place) for w in mine]
        awards = [a for a in results.rubric_set.awards if a.basis != "public_vote"]
        found = {award.id: candidate_list(award, category) for award in awards}
        suggested = proposal(awards, found, holdings)
        lists[key] = [
            AwardList(
                award,
                found[award.id],
                [w for w in mine if w.award == award.id],
                suggested.get(award.id),
                automatic=award.basis == ROBOT_GAME,
            )
            for award in awards
        ]
    return lists


@dataclass(frozen=True, kw_only=True)
class Decision:
    """What the judge advisor decides: a place of an award for a team of a category."""

    award_id: str
    category_id: int
    team_id: int
    place: int
    reason: str
    override_reason: str = ""


def give(event: Event, results: EventResults, decision: Decision, user: User) -> AwardWinner:
    """Record a place, under the event's lock: a second click waits and then finds the first
    decision, so a place is never stored twice."""
    lock_rows(db.session, Event, [event.id])
    awards = {award.id: award for award in results.rubric_set.awards}
    award = awards.get(decision.award_id)
    category = next((c for c in results.categories if c.category.id == decision.category_id), None)
    if award is None or award.basis in (ROBOT_GAME, "public_vote") or category is None:
        raise DomainError(_("This award cannot be given here."), "award", 404)
    if decision.team_id not in category.teams:
        raise DomainError(_("This team is not a team of this event and category."), "team", 404)
    reason = short_reason(decision.reason)
    override = decision.override_reason
    override_reason = short_reason(override) if override.strip() else ""
    held = [
        Holding(w.team_id, w.award, w.place)
        for w in winners(event)
        if w.category_id == decision.category_id
    ]
    eligible = any(row.team == decision.team_id for row in category.ranking)
    found = problems(award, decision.team_id, decision.place, held, awards, eligible)
    if found == ["one_judged_award"] and override_reason:
        found = []
    if found:
        raise DomainError(problem_text(found[0]), "team", 409)
    winner = AwardWinner(
        event_id=event.id,
        category_id=decision.category_id,
        award=award.id,
        team_id=decision.team_id,
        place=decision.place,
        reason=reason,
        override_reason=override_reason or None,
        decided_by=user.name,
    )
    db.session.add(winner)
    return winner


def place_label(award: Award, place: int) -> str:
    """ "Winner"/"Finalist", "2nd place", or "Winner" for awards with several equal winners."""
    if award.places_are == "finalists":
        return _("Winner") if place == 1 else _("Finalist")
    if award.places_are == "ordinal":
        return _("%(place)s. place", place=place)
    return _("Winner")


def problem_text(code: str) -> str:
    return {
        "not_eligible": _(
            "This team is not ranked in every part (robot game and all judged areas), so it "
            "cannot win a judged award."
        ),
        "place_out_of_range": _("This award has no such place."),
        "place_taken": _("This place is already given; remove that decision first."),
        "second_place": _(
            "This team already holds a place of this award in this category. A team holds one "
            "place of an award at most: remove that decision first."
        ),
        "one_judged_award": _(
            "This team already has a judged award. A team gets one judged award, unless you "
            "override with a reason."
        ),
    }[code]


def withdraw(event: Event, winner_id: int) -> None:
    lock_rows(db.session, Event, [event.id])  # a second click finds the decision gone
    winner = db.session.get(AwardWinner, winner_id)
    if winner is None or winner.event_id != event.id:
        raise DomainError(_("There is no such decision."), status=404)
    db.session.delete(winner)


def reason_label(
    kind: str,
    award: Award | None,
    position: int | None,
    reason: str | None = None,
    internal: bool = False,
) -> str:
    """Why a team advances, in the reader's language: "Juryprijs: 2e plaats", "Plaats 3 in
    de rangschikking", "Wildcard". The panel's own words for a wildcard only when `internal`
    (the organisers' pages); the public and the coaches read "Wildcard"."""
    if kind == AdvancementKind.WILDCARD:
        if internal and reason:
            return _("Wildcard: %(reason)s", reason=reason)
        return _("Wildcard")
    if kind == AdvancementKind.WINNER:
        if award is None:
            return _("Winner")
        name = award.name.get(current_language()) or award.name["en"]
        return _("%(award)s: %(place)s", award=name, place=place_label(award, position or 1))
    return _("Place %(position)s in the ranking", position=position)


def ticket_reason(ticket: Advancement, internal: bool = False) -> str:
    """A stored ticket's reason (`reason_label`): every page, print and mail uses this."""
    award = None
    if ticket.kind is AdvancementKind.WINNER and ticket.award is not None:
        awards = {found.id: found for found in rubric_set_of(ticket.from_event).awards}
        award = awards.get(ticket.award)
    return reason_label(ticket.kind, award, ticket.position, ticket.reason, internal)
