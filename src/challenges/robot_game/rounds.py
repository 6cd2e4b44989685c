"""Closing a robot-game round: no referee's sheet is taken for it until it opens again."""

from flask_babel import gettext as _
from sqlalchemy import select

from challenges.auth.models import User
from challenges.errors import DomainError
from challenges.events.models import Event, ScheduleEntry
from challenges.extensions import db
from challenges.robot_game.match_sheets import MATCH_KINDS
from challenges.robot_game.models import ClosedRound


def is_closed(event: Event, kind: str, number: int) -> bool:
    return db.session.get(ClosedRound, (event.id, kind, number)) is not None


def close_round(event: Event, kind: str, number: int, user: User) -> None:
    if kind not in MATCH_KINDS or number < 1:
        raise DomainError(_("There is no such round."), status=404)
    if not is_closed(event, kind, number):
        db.session.add(
            ClosedRound(event_id=event.id, round_kind=kind, round=number, closed_by=user.name)
        )


def reopen_round(event: Event, kind: str, number: int) -> None:
    closed = db.session.get(ClosedRound, (event.id, kind, number))
    if closed is not None:
        db.session.delete(closed)


def closed_rounds(event: Event) -> set[tuple[str, int]]:
    rows = db.session.execute(
        select(ClosedRound.round_kind, ClosedRound.round).where(ClosedRound.event_id == event.id)
    )
    return {(kind, number) for kind, number in rows}


def rounds(event: Event) -> list[tuple[str, int]]:
    rows = db.session.execute(
        select(ScheduleEntry.kind, ScheduleEntry.round)
        .where(ScheduleEntry.event_id == event.id, ScheduleEntry.kind.in_(MATCH_KINDS))
        .distinct()
    )
    return sorted(rows, key=lambda row: (MATCH_KINDS.index(row[0]), row[1]))
