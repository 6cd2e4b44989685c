"""The Vakkanjers Markt floor: which juror goes to which stand next, and views per stand.
Never commits.

A stand counts as seen by a juror once they submitted its rubric. A claim blocks the stand for
other jurors until the juror submits its rubric or gives it back (no timeout: a visit takes as
long as it takes); a stand reported absent is not offered for `ABSENT_MINUTES`. The fixed
round plan (events.market.services) says where each juror goes in each round.
"""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from challenges.auth.models import User
from challenges.database import lock_rows, utcnow
from challenges.errors import DomainError
from challenges.events.market.services import StoredPlan, jurors, market_teams, stored_plan
from challenges.events.models import Event
from challenges.events.volunteers.services import conflicting_school_ids
from challenges.extensions import db
from challenges.judging.dispatch import (
    Stand,
    Visit,
    dispatch,
    seen_everything,
    short_of_jurors,
)
from challenges.judging.entries import end_claim, open_claim
from challenges.judging.models import ClaimEnd, RubricEntry, RubricStatus, StandClaim
from challenges.registration.models import Team

ABSENT_MINUTES = 5
UNDO_MINUTES = 5
UNDOABLE = {ClaimEnd.GIVEN_BACK, ClaimEnd.AWAY}  # not a judged stand, nor one the advisor freed


class LeavingUnjudged(DomainError):
    """'Done here' while the stand's rubric is not submitted: the juror is asked first."""

    def __init__(self) -> None:
        super().__init__(_("You have not submitted the jury form of this stand yet."), status=409)


@dataclass
class Floor:
    stands: list[Stand]
    teams: dict[int, Team]
    short: list[int]  # stand numbers seen by fewer than two jurors
    claim: StandClaim | None  # the juror's open claim
    undoable: StandClaim | None  # the juror's last release, if recent
    plan: StoredPlan | None
    planned: int | None  # the juror's stand number in the current round of the plan
    seen_all: bool  # the juror has seen every stand they may judge

    def number_of(self, team_id: int) -> int | None:
        return next((stand.number for stand in self.stands if stand.team == team_id), None)

    def round_time(self) -> datetime | None:
        return _round_time(self.plan)


def _round_time(plan: StoredPlan | None) -> datetime | None:
    """When the current round of the plan started (None outside the plan)."""
    if plan is None or plan.current > len(plan.rounds):
        return None
    return plan.times[plan.current - 1]


def open_claims(event: Event) -> list[StandClaim]:
    return list(
        db.session.scalars(
            select(StandClaim)
            .where(StandClaim.event_id == event.id, StandClaim.released_at.is_(None))
            .order_by(StandClaim.claimed_at, StandClaim.id)
        )
    )


def _absent_teams(event: Event) -> set[int]:
    since = utcnow() - timedelta(minutes=ABSENT_MINUTES)
    return set(
        db.session.scalars(
            select(StandClaim.team_id).where(
                StandClaim.event_id == event.id,
                StandClaim.ended == ClaimEnd.AWAY,
                StandClaim.released_at > since,
            )
        )
    )


def seen_by(event: Event) -> dict[int, set[int]]:
    """Team -> the jurors whose submitted rubric of it counts."""
    seen: dict[int, set[int]] = {}
    for team_id, judge_id in db.session.execute(
        select(RubricEntry.team_id, RubricEntry.judge_id).where(
            RubricEntry.event_id == event.id,
            RubricEntry.current.is_(True),
            RubricEntry.status == RubricStatus.SUBMITTED,
        )
    ):
        seen.setdefault(team_id, set()).add(judge_id)
    return seen


def _this_round(plan: StoredPlan | None) -> dict[int, int]:
    """Juror -> team planned in the current round."""
    if plan is None or plan.current > len(plan.rounds):
        return {}
    return {juror: stand.team.id for juror, stand in plan.rounds[plan.current - 1].items()}


def stands(
    event: Event, juror: User | None = None, plan: StoredPlan | None = None
) -> tuple[list[Stand], dict[int, Team]]:
    """The numbered stands with who has seen them, whether they are busy or absent now and
    whether the plan holds them for another juror this round."""
    seen = seen_by(event)
    busy = {
        claim.team_id for claim in open_claims(event) if juror is None or claim.judge_id != juror.id
    }
    absent = _absent_teams(event)
    reserved = {
        team
        for planned_juror, team in _this_round(plan).items()
        if (juror is None or planned_juror != juror.id) and planned_juror not in seen.get(team, ())
    }
    found, teams = [], {}
    for placed, team in market_teams(event):
        if placed.stand is None:
            continue
        teams[team.id] = team
        found.append(
            Stand(
                placed.stand,
                team.id,
                team.school_id,
                frozenset(seen.get(team.id, ())),
                busy=team.id in busy,
                absent=team.id in absent,
                reserved=team.id in reserved,
            )
        )
    return found, teams


def _last_release(event: Event, juror: User) -> StandClaim | None:
    return db.session.scalar(
        select(StandClaim)
        .where(
            StandClaim.event_id == event.id,
            StandClaim.judge_id == juror.id,
            StandClaim.released_at.is_not(None),
        )
        .order_by(StandClaim.released_at.desc(), StandClaim.id.desc())
        .limit(1)
    )


def _undoable(event: Event, juror: User) -> StandClaim | None:
    """The juror's last give-back of the last few minutes, unless they went back to it since
    (a submitted jury form or the judge advisor's release is no give-back)."""
    last = _last_release(event, juror)
    if last is None or last.ended not in UNDOABLE:
        return None
    if last.released_at <= utcnow() - timedelta(minutes=UNDO_MINUTES):
        return None
    current = open_claim(event, juror)
    return last if current is None or current.claimed_at >= last.released_at else None


def _planned_number(plan: StoredPlan | None, found: list[Stand], juror: User) -> int | None:
    team = _this_round(plan).get(juror.id)
    return next((stand.number for stand in found if stand.team == team), None)


def floor(event: Event, juror: User) -> Floor:
    plan = stored_plan(event)
    found, teams = stands(event, juror, plan)
    conflicts = conflicting_school_ids([juror.id])[juror.id]
    return Floor(
        found,
        teams,
        short_of_jurors(found),
        open_claim(event, juror),
        _undoable(event, juror),
        plan,
        _planned_number(plan, found, juror),
        bool(found) and seen_everything(juror.id, found, conflicts),
    )


def lock_floor(event: Event) -> None:
    """Every action that reads the claims and then writes them waits for the event's row
    first, so two jurors (or one double tap) take turns and the second sees the first."""
    lock_rows(db.session, Event, [event.id])


def judged(event: Event, juror: User, team_id: int) -> bool:
    """The juror's current rubric of the team is submitted."""
    return juror.id in seen_by(event).get(team_id, set())


def claim_next(event: Event, juror: User, confirmed: bool = False) -> Visit:
    """Done here: release the juror's open claim and send them to their next stand. Leaving a
    stand whose rubric is not submitted needs `confirmed` (it can be undone)."""
    lock_floor(event)
    claim = open_claim(event, juror)
    judged_here = claim is not None and judged(event, juror, claim.team_id)
    if claim is not None and not confirmed and not judged_here:
        raise LeavingUnjudged()
    left = _end_claim(event, juror, ClaimEnd.JUDGED if judged_here else ClaimEnd.GIVEN_BACK)
    plan = stored_plan(event)
    found, _teams = stands(event, juror, plan)
    if left is not None:  # the stand just left is not offered again right away
        found = [replace(s, busy=True) if s.team == left.team_id else s for s in found]
    if not found:
        raise DomainError(_("The stands have no numbers yet; ask the event manager."), status=409)
    last = _last_release(event, juror)
    by_team = {stand.team: stand.number for stand in found}
    conflicts = conflicting_school_ids([juror.id])[juror.id]
    visit = dispatch(
        juror.id,
        found,
        conflicts,
        _planned_number(plan, found, juror),
        by_team.get(last.team_id) if last else None,
    )
    if visit is None:
        raise DomainError(_no_stand_message(juror, found, conflicts), status=409)
    db.session.add(StandClaim(event_id=event.id, team_id=visit.stand.team, judge_id=juror.id))
    db.session.flush()
    return visit


def _no_stand_message(juror: User, found: list[Stand], conflicts: set[int]) -> str:
    if seen_everything(juror.id, found, conflicts):
        return _("You have seen every stand you may judge. Thank you: your part is done.")
    return _(
        "No stand is free for you right now: the stands you have not seen are being judged by "
        "another juror or their team is away. Try again when a juror is done."
    )


def release(event: Event, juror: User, absent: bool) -> StandClaim | None:
    """The juror gives their stand back; `absent` reports the team away from its stand."""
    lock_floor(event)
    return _end_claim(event, juror, ClaimEnd.AWAY if absent else ClaimEnd.GIVEN_BACK)


def _end_claim(event: Event, juror: User, why: ClaimEnd) -> StandClaim | None:
    claim = open_claim(event, juror)
    if claim is not None:
        end_claim(claim, why)
        db.session.flush()
    return claim


def release_for(event: Event, juror_id: int) -> StandClaim:
    """The judge advisor gives a juror's stand back (the juror left, their phone died): no
    timeout does it for them."""
    lock_floor(event)
    juror = db.session.get(User, juror_id)
    claim = open_claim(event, juror) if juror is not None else None
    if claim is None:
        raise DomainError(_("This juror is not at a stand."), status=409)
    return _end_claim(event, juror, ClaimEnd.FREED)


def undo(event: Event, juror: User) -> StandClaim:
    """Take back a release of the last few minutes: that stand is the juror's again (and a
    stand claimed since is given back)."""
    lock_floor(event)
    last = _undoable(event, juror)
    if last is None:
        raise DomainError(_("There is nothing to undo."), status=409)
    taken = [c for c in open_claims(event) if c.team_id == last.team_id and c.judge_id != juror.id]
    if taken:
        raise DomainError(_("Another juror has claimed that stand meanwhile."), status=409)
    _end_claim(event, juror, ClaimEnd.GIVEN_BACK)
    last.released_at = None
    last.ended = None
    db.session.flush()
    return last


@dataclass(frozen=True)
class JurorPlace:
    juror: User
    claim: StandClaim | None  # where the juror is now, and since when
    planned: int | None  # their stand number in the current round of the plan
    judged: int  # stands whose jury form counts


@dataclass(frozen=True)
class LiveStand:
    stand: Stand
    team: Team
    entries: list[RubricEntry]  # the jury forms that count, oldest first
    at: list[User]  # jurors there now
    short: bool  # seen by fewer jurors than every stand needs


@dataclass
class Live:
    """The whole floor for the event manager and the judge advisor."""

    plan: StoredPlan | None
    jurors: list[JurorPlace]
    stands: list[LiveStand]
    numbers: dict[int, int]  # team -> stand number

    def round_time(self) -> datetime | None:
        return _round_time(self.plan)


def _submitted(event: Event) -> list[RubricEntry]:
    return list(
        db.session.scalars(
            select(RubricEntry)
            .where(
                RubricEntry.event_id == event.id,
                RubricEntry.current.is_(True),
                RubricEntry.status == RubricStatus.SUBMITTED,
            )
            .order_by(RubricEntry.submitted_at, RubricEntry.id)
        )
    )


def live(event: Event) -> Live:
    plan = stored_plan(event)
    found, teams = stands(event, None, plan)
    numbers = {stand.team: stand.number for stand in found}
    claims = {claim.judge_id: claim for claim in open_claims(event)}
    planned = _this_round(plan)
    submitted = _submitted(event)
    people = jurors(event)
    by_id = {person.id: person for person in people}
    places = [
        JurorPlace(
            person,
            claims.get(person.id),
            numbers.get(planned.get(person.id, 0)),
            sum(entry.judge_id == person.id for entry in submitted),
        )
        for person in people
    ]
    short = set(short_of_jurors(found))
    rows = [
        LiveStand(
            stand,
            teams[stand.team],
            [entry for entry in submitted if entry.team_id == stand.team],
            [
                by_id[c.judge_id]
                for c in claims.values()
                if c.team_id == stand.team and c.judge_id in by_id
            ],
            stand.number in short,
        )
        for stand in found
    ]
    return Live(plan, places, rows, numbers)


def judged_pairs(event: Event) -> set[tuple[int, int]]:
    """The (team, juror) pairs with a submitted rubric or an open claim of the stand."""
    submitted = select(RubricEntry.team_id, RubricEntry.judge_id).where(
        RubricEntry.event_id == event.id,
        RubricEntry.current.is_(True),
        RubricEntry.status == RubricStatus.SUBMITTED,
    )
    claimed = select(StandClaim.team_id, StandClaim.judge_id).where(
        StandClaim.event_id == event.id, StandClaim.released_at.is_(None)
    )
    return set(db.session.execute(submitted).all()) | set(db.session.execute(claimed).all())
