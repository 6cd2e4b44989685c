"""The Vakkanjers Markt floor: which juror goes to which stand next, and views per stand.
Never commits.

A stand counts as seen by a juror once they submitted its rubric. A claim blocks the stand for
other jurors for `BUSY_MINUTES`; a stand reported absent is not offered for `ABSENT_MINUTES`.
"""

from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from challenges.auth.models import User
from challenges.database import utcnow
from challenges.errors import DomainError
from challenges.events.markets import market_teams
from challenges.events.models import Event
from challenges.events.volunteers import conflicting_school_ids
from challenges.extensions import db
from challenges.judging.dispatch import Stand, next_stand, short_of_jurors
from challenges.judging.models import RubricEntry, RubricStatus, StandClaim
from challenges.registration.models import Team

BUSY_MINUTES = 5
ABSENT_MINUTES = 5
UNDO_MINUTES = 5


@dataclass
class Floor:
    stands: list[Stand]
    teams: dict[int, Team]
    short: list[int]  # stand numbers seen by fewer than two jurors
    claim: StandClaim | None  # the juror's open claim
    undoable: StandClaim | None  # the juror's last release, if recent


def _claims(event: Event) -> list[StandClaim]:
    return list(
        db.session.scalars(
            select(StandClaim)
            .where(StandClaim.event_id == event.id)
            .order_by(StandClaim.claimed_at, StandClaim.id)
        )
    )


def stands(event: Event, juror: User | None = None) -> tuple[list[Stand], dict[int, Team]]:
    """The numbered stands with who has seen them and whether they are busy or absent now."""
    now = utcnow()
    seen: dict[int, set[int]] = {}
    for team_id, judge_id in db.session.execute(
        select(RubricEntry.team_id, RubricEntry.judge_id).where(
            RubricEntry.event_id == event.id,
            RubricEntry.current.is_(True),
            RubricEntry.status == RubricStatus.SUBMITTED,
        )
    ):
        seen.setdefault(team_id, set()).add(judge_id)
    busy, absent = set(), set()
    for claim in _claims(event):
        if claim.released_at is None and claim.claimed_at > now - timedelta(minutes=BUSY_MINUTES):
            if juror is None or claim.judge_id != juror.id:
                busy.add(claim.team_id)
        elif claim.absent and claim.released_at > now - timedelta(minutes=ABSENT_MINUTES):
            absent.add(claim.team_id)
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
            )
        )
    return found, teams


def open_claim(event: Event, juror: User) -> StandClaim | None:
    return db.session.scalar(
        select(StandClaim).where(
            StandClaim.event_id == event.id,
            StandClaim.judge_id == juror.id,
            StandClaim.released_at.is_(None),
        )
    )


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
    """The juror's last release, if it happened in the last few minutes."""
    last = _last_release(event, juror)
    recent = last is not None and last.released_at > utcnow() - timedelta(minutes=UNDO_MINUTES)
    return last if recent else None


def floor(event: Event, juror: User) -> Floor:
    found, teams = stands(event, juror)
    return Floor(
        found, teams, short_of_jurors(found), open_claim(event, juror), _undoable(event, juror)
    )


def claim_next(event: Event, juror: User) -> StandClaim:
    """Release the juror's open claim (done) and send them to the next stand."""
    release(event, juror, absent=False)
    found, _teams = stands(event, juror)
    if not found:
        raise DomainError(_("The stands have no numbers yet; ask the event manager."), status=409)
    last = _last_release(event, juror)
    by_team = {stand.team: stand.number for stand in found}
    conflicts = conflicting_school_ids([juror.id])[juror.id]
    chosen = next_stand(juror.id, found, conflicts, by_team.get(last.team_id) if last else None)
    if chosen is None:
        raise DomainError(
            _(
                "No stand is free for you right now: you saw every stand you may judge, or the "
                "others are busy. Try again in a minute."
            ),
            status=409,
        )
    claim = StandClaim(event_id=event.id, team_id=chosen.team, judge_id=juror.id)
    db.session.add(claim)
    db.session.flush()
    return claim


def release(event: Event, juror: User, absent: bool) -> StandClaim | None:
    """End the juror's open claim; `absent` reports the team away from its stand."""
    claim = open_claim(event, juror)
    if claim is not None:
        claim.released_at = utcnow()
        claim.absent = absent
        db.session.flush()
    return claim


def undo(event: Event, juror: User) -> StandClaim:
    """Take back a mis-tap: the last release of the last few minutes becomes open again."""
    last = _undoable(event, juror)
    if last is None or open_claim(event, juror) is not None:
        raise DomainError(_("There is nothing to undo."), status=409)
    last.released_at = None
    last.absent = False
    return last
