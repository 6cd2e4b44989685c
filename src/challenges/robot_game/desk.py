"""The head referee's desk: the event's sheets grouped for review, and the actions on them.
Every action first locks the team (or, for rounds and the
scoreboard, the event), then looks at the sheets as they are now: two tablets or a double tap
never fork a sheet's history; the second is told the sheet changed meanwhile. Never commits."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from challenges.auth.models import User
from challenges.database import lock_rows
from challenges.errors import DomainError
from challenges.events.models import Event, ScheduleEntry
from challenges.extensions import db
from challenges.registration.models import Team
from challenges.robot_game import match_sheets, pairs, reviewing, rounds, sheet_input, standings
from challenges.robot_game.models import ScoreSheet, SheetStatus
from challenges.tablets import refused
from challenges.tablets.models import Kind, Outcome, RefusedItem


def _locked_sheet(event: Event, sheet_id: int) -> ScoreSheet:
    lock_rows(db.session, Team, [match_sheets.sheet_of(event, sheet_id).team_id])
    return match_sheets.sheet_of(event, sheet_id)


def verify(event: Event, sheet_id: int, user: User) -> None:
    """Verified only when no other sheet competes and the paired table agrees."""
    sheet = _locked_sheet(event, sheet_id)
    pairs.check_agrees(event, sheet)
    reviewing.verify(sheet, user.name)


def reject(event: Event, sheet_id: int, user: User, reason: str) -> None:
    reviewing.reject(_locked_sheet(event, sheet_id), user.name, reason)


def correct(event: Event, sheet_id: int, answers: dict[str, Any], user: User) -> ScoreSheet:
    return reviewing.edit(event, _locked_sheet(event, sheet_id), answers, user)


def settle(event: Event, sheet_id: int, values: dict[str, Any], user: User) -> int:
    """Both teams of the pair are locked: the partner's sheet changes too."""
    sheet = match_sheets.sheet_of(event, sheet_id)
    pair = pairs.disagreement(event, match_sheets.season_of(event), sheet)
    lock_rows(db.session, Team, [sheet.team_id] + ([pair.partner.team_id] if pair else []))
    return pairs.settle(event, match_sheets.sheet_of(event, sheet_id), values, user)


def no_show(event: Event, match_id: int, user: User) -> ScoreSheet:
    lock_rows(db.session, Team, [match_sheets.match_of(event, match_id).team_id])
    return reviewing.mark_no_show(event, match_id, user)


def rerun(event: Event, match_id: int, user: User, reason: str) -> int:
    lock_rows(db.session, Team, [match_sheets.match_of(event, match_id).team_id])
    return reviewing.rerun(event, match_id, user, reason)


def close_round(event: Event, kind: str, number: int, user: User) -> None:
    lock_rows(db.session, Event, [event.id])
    rounds.close_round(event, kind, number, user)


def reopen_round(event: Event, kind: str, number: int) -> None:
    lock_rows(db.session, Event, [event.id])
    rounds.reopen_round(event, kind, number)


def freeze(event: Event, user: User) -> None:
    lock_rows(db.session, Event, [event.id])
    standings.freeze(event, user)


def unfreeze(event: Event) -> None:
    lock_rows(db.session, Event, [event.id])
    standings.unfreeze(event)


def state_token(event: Event) -> str:
    """Changes whenever a sheet arrives, is reviewed or is refused on arrival."""
    return f"{_sheets_state(event)}-{len(refused.waiting(event.id, Kind.SHEET))}"


@dataclass
class Overview:
    conflicts: list[list[ScoreSheet]]
    unverified: list[ScoreSheet]
    verified: list[ScoreSheet]
    set_aside: list[ScoreSheet]  # rejected or void (re-run)


def overview(event: Event) -> Overview:
    """Every current sheet of the event, grouped for the head referee's desk."""
    by_match: dict[tuple, list[ScoreSheet]] = {}
    result = Overview([], [], [], [])
    for sheet in db.session.scalars(
        select(ScoreSheet)
        .options(joinedload(ScoreSheet.team))
        .where(ScoreSheet.event_id == event.id, ScoreSheet.current.is_(True))
        .order_by(ScoreSheet.received_at, ScoreSheet.id)
    ):
        if sheet.status in match_sheets.ACTIVE:
            by_match.setdefault(sheet.match_key, []).append(sheet)
        else:
            result.set_aside.append(sheet)
    for group in by_match.values():
        if len(group) > 1:
            result.conflicts.append(group)
        elif group[0].status is SheetStatus.VERIFIED:
            result.verified.append(group[0])
        else:
            result.unverified.append(group[0])
    return result


def _sheets_state(event: Event) -> str:
    """Changes whenever a sheet of the event arrives or is reviewed."""
    row = db.session.execute(
        select(
            func.count(ScoreSheet.id),
            func.max(ScoreSheet.received_at),
            func.max(ScoreSheet.reviewed_at),
        ).where(ScoreSheet.event_id == event.id)
    ).one()
    return "-".join(str(part) for part in row)


@dataclass
class LateSheet:
    item: RefusedItem
    match: ScheduleEntry | None  # None when the schedule changed since
    score: int | None  # as sent; None when it cannot be scored


def refused_sheets(event: Event) -> list[LateSheet]:
    """Sheets refused on arrival that wait for a decision."""
    season = match_sheets.season_of(event)
    late = []
    for item in refused.waiting(event.id, Kind.SHEET):
        match_id = _match_id(item)
        match = db.session.get(ScheduleEntry, match_id) if match_id else None
        late.append(LateSheet(item, match, sheet_input.score_as_sent(season, item.payload)))
    return late


def _match_id(item: RefusedItem) -> int | None:
    try:
        return sheet_input.input_from_json(item.payload).match_id
    except DomainError:
        return None


def accept_refused(event: Event, item_id: int, user: User) -> ScoreSheet:
    """The late sheet replaces the match's sheets and waits for review like any other."""
    lock_rows(db.session, Team, [refused.undecided(event.id, Kind.SHEET, item_id).team_id])
    item = refused.undecided(event.id, Kind.SHEET, item_id)
    sender = db.session.get(User, item.sent_by_id) if item.sent_by_id else None
    sheet = reviewing.late_arrival(
        event, sheet_input.input_from_json(item.payload), sender or user, user
    )
    refused.decide(item, Outcome.ACCEPTED, user)
    return sheet


def set_aside_refused(event: Event, item_id: int, user: User) -> None:
    lock_rows(db.session, Team, [refused.undecided(event.id, Kind.SHEET, item_id).team_id])
    refused.decide(refused.undecided(event.id, Kind.SHEET, item_id), Outcome.SET_ASIDE, user)


def team_of_match(event: Event, match_id: int) -> int | None:
    """For keeping a refused sheet: the team of the match it names, if the match exists."""
    try:
        return match_sheets.match_of(event, match_id).team_id
    except DomainError:
        return None
