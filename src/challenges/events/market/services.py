"""A Vakkanjers Markt at an event: stand numbers and the jury rounds. Never commits.

The round plan is fixed when the market starts and stored; only making it again (after a
no-show, a juror more or less) changes it, and then only the rounds that have not started.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, select

from challenges.auth.models import EventRole, User
from challenges.auth.roles import Role
from challenges.database import lock_rows, utcnow
from challenges.errors import DomainError
from challenges.events.market.models import MarketPlan, PlannedVisit
from challenges.events.market.rounds import (
    PER_STAND,
    ROUND_MINUTES,
    JuryPlan,
    NoJuryPossible,
    Stand,
    current_round,
    number_stands,
    plan_jury_rounds,
    round_start,
)
from challenges.events.models import Attendance, Event, EventTeam
from challenges.events.volunteers.services import conflicting_school_ids
from challenges.extensions import db
from challenges.registration.models import Team
from challenges.seasons.models import Category

# Which juror has judged or is judging which team is judging's, which builds on events: judging
# names it when the app starts (`know_judged_pairs_with`).
_judged_pairs: list[Callable[[Event], set[tuple[int, int]]]] = []


def know_judged_pairs_with(*judged_pairs: Callable[[Event], set[tuple[int, int]]]) -> None:
    """Name the functions that give an event's (team, juror) pairs with a submitted rubric or
    an open claim of the stand."""
    _judged_pairs[:] = judged_pairs


def market_teams(event: Event) -> list[tuple[EventTeam, Team]]:
    return list(
        db.session.execute(
            select(EventTeam, Team)
            .join(Team, Team.id == EventTeam.team_id)
            .join(Category, Category.id == Team.category_id)
            .where(EventTeam.event_id == event.id, EventTeam.attendance != Attendance.NO_SHOW)
            .order_by(EventTeam.stand, Category.position, Team.name)
        ).all()
    )


def stand_order(stand: int | None) -> tuple[bool, int]:
    """A sort key: by stand where numbered, the teams without one after them."""
    return stand is None, stand or 0


def assign_stands(event: Event) -> int:
    """Number the stands by category, then team name (no-shows get none); not once the market
    has started (the jurors' plan and the printed round plan name stands by number)."""
    lock_rows(db.session, Event, [event.id])  # not while the market is being started
    if db.session.get(MarketPlan, event.id) is not None:
        raise DomainError(
            _("The market has started: the stand numbers stay as they are."), status=409
        )
    rows = sorted(market_teams(event), key=lambda row: (row[1].category.position, row[1].name))
    numbers = number_stands([team.id for _placed, team in rows])
    for placed, team in rows:
        placed.stand = numbers[team.id]
    return len(numbers)


def jurors(event: Event) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(EventRole, EventRole.user_id == User.id)
            .where(EventRole.event_id == event.id, EventRole.role == Role.JUDGE)
            .order_by(User.name)
        )
    )


@dataclass(frozen=True)
class PlannedStand:
    number: int | None  # the team's stand number now
    team: Team
    no_show: bool


@dataclass
class StoredPlan:
    """The fixed plan as the pages and the print show it."""

    plan: MarketPlan
    rounds: list[dict[int, PlannedStand]]  # per round (1, 2, ...): juror -> stand
    times: list[datetime]  # when each round starts
    current: int  # the round running now (beyond the last: the plan is over)

    def ends_at(self) -> datetime:
        return round_start(self.plan.starts_at, self.plan.round_minutes, len(self.rounds) + 1)


def stored_plan(event: Event) -> StoredPlan | None:
    """The fixed round plan, or None before the market starts. Never plans anything."""
    plan = db.session.get(MarketPlan, event.id)
    if plan is None:
        return None
    rows = db.session.execute(
        select(PlannedVisit, EventTeam, Team)
        .join(Team, Team.id == PlannedVisit.team_id)
        .join(
            EventTeam,
            (EventTeam.team_id == Team.id) & (EventTeam.event_id == PlannedVisit.event_id),
        )
        .where(PlannedVisit.event_id == event.id)
        .order_by(PlannedVisit.round)
    ).all()
    count = max((visit.round for visit, _placed, _team in rows), default=0)
    rounds: list[dict[int, PlannedStand]] = [{} for _ in range(count)]
    for visit, placed, team in rows:
        no_show = placed.attendance == Attendance.NO_SHOW
        rounds[visit.round - 1][visit.judge_id] = PlannedStand(placed.stand, team, no_show)
    times = [round_start(plan.starts_at, plan.round_minutes, n) for n in range(1, count + 1)]
    now = current_round(plan.starts_at, plan.round_minutes, utcnow())
    return StoredPlan(plan, rounds, times, now)


def _planned(event: Event, seen: dict[int, set[int]], last: dict[int, int]) -> JuryPlan:
    """Rounds for the present, numbered stands; DomainError when the jury is too small."""
    stands = [
        Stand(placed.stand, team.id, team.school_id)
        for placed, team in market_teams(event)
        if placed.stand is not None
    ]
    if not stands:
        raise DomainError(_("Number the stands first."), status=409)
    judges = [judge.id for judge in jurors(event)]
    if len(judges) < PER_STAND:
        raise DomainError(
            _(
                "%(needed)d jurors are needed; this event has %(count)d.",
                needed=PER_STAND,
                count=len(judges),
            )
        )
    try:
        return plan_jury_rounds(
            stands, judges, conflicting_school_ids(judges), PER_STAND, seen, last
        )
    except NoJuryPossible as problem:
        raise DomainError(
            _("The jury rounds cannot be planned: %(problem)s", problem=str(problem))
        ) from None


def _store_rounds(event: Event, plan: JuryPlan, first: int) -> None:
    teams = {placed.stand: team.id for placed, team in market_teams(event)}
    for offset, round_ in enumerate(plan.rounds):
        for judge_id, number in round_.items():
            db.session.add(
                PlannedVisit(
                    event_id=event.id,
                    round=first + offset,
                    judge_id=judge_id,
                    team_id=teams[number],
                )
            )
    db.session.flush()


def fix_plan(event: Event, user: User, round_minutes: int = ROUND_MINUTES) -> MarketPlan:
    """Start the market: plan the rounds from now and store them. A second start at the same
    moment waits for the event's row and is then refused."""
    lock_rows(db.session, Event, [event.id])
    if db.session.get(MarketPlan, event.id) is not None:
        raise DomainError(
            _("The market has started already: its round plan is fixed; make it again instead."),
            status=409,
        )
    rounds = _planned(event, {}, {})
    plan = MarketPlan(
        event_id=event.id,
        starts_at=utcnow().replace(second=0, microsecond=0),
        round_minutes=round_minutes,
        made_by_id=user.id,
    )
    db.session.add(plan)
    db.session.flush()
    _store_rounds(event, rounds, 1)
    return plan


def _seen_so_far(event: Event, keep: int) -> tuple[dict[int, set[int]], dict[int, int]]:
    """Stand number -> jurors who submitted its rubric, are at it now or are planned there in
    a round that has started; juror -> the stand of their last started round."""
    numbers = {placed.team_id: placed.stand for placed, _team in market_teams(event)}
    pairs: set[tuple[int, int]] = set().union(*(judged(event) for judged in _judged_pairs))
    last: dict[int, int] = {}
    for visit in db.session.scalars(
        select(PlannedVisit)
        .where(PlannedVisit.event_id == event.id, PlannedVisit.round <= keep)
        .order_by(PlannedVisit.round)
    ):
        if visit.team_id in numbers:
            last[visit.judge_id] = numbers[visit.team_id]
            if visit.round == keep:
                pairs.add((visit.team_id, visit.judge_id))
    seen: dict[int, set[int]] = {}
    for team_id, judge_id in pairs:
        if team_id in numbers and judge_id is not None:
            seen.setdefault(numbers[team_id], set()).add(judge_id)
    return seen, last


def remake_plan(event: Event, user: User) -> int:
    """Plan the rounds that have not started again (a no-show, a juror more or less); the
    started rounds stay as they were. Returns the number of the first new round."""
    lock_rows(db.session, Event, [event.id])  # two at once: the second plans after the first
    plan = db.session.get(MarketPlan, event.id)
    if plan is None:
        raise DomainError(_("The round plan is not fixed yet."), status=409)
    keep = current_round(plan.starts_at, plan.round_minutes, utcnow())
    seen, last = _seen_so_far(event, keep)
    rounds = _planned(event, seen, last)
    db.session.execute(
        delete(PlannedVisit).where(PlannedVisit.event_id == event.id, PlannedVisit.round > keep)
    )
    _store_rounds(event, rounds, keep + 1)
    plan.version += 1
    plan.made_at = utcnow()
    plan.made_by_id = user.id
    return keep + 1
