"""The head referee's desk. Every action first locks the team (or, for rounds and the
scoreboard, the event), then looks at the sheets as they are now: two tablets or a double tap
never fork a sheet's history; the second is told the sheet changed meanwhile. Never commits."""

from dataclasses import dataclass
from typing import Any

from challenges.auth.models import User
from challenges.database import lock_rows
from challenges.errors import DomainError
from challenges.events.models import Event, ScheduleEntry
from challenges.extensions import db
from challenges.registration.models import Team
from challenges.robot_game import pairs, sheets, standings
from challenges.robot_game.models import ScoreSheet
from challenges.tablets import refused
from challenges.tablets.models import Kind, Outcome, RefusedItem


def _locked_sheet(event: Event, sheet_id: int) -> ScoreSheet:
    lock_rows(db.session, Team, [sheets.sheet_of(event, sheet_id).team_id])
    return sheets.sheet_of(event, sheet_id)


def verify(event: Event, sheet_id: int, user: User) -> None:
    """Verified only when no other sheet competes and the paired table agrees."""
    sheet = _locked_sheet(event, sheet_id)
    pairs.check_agrees(event, sheet)
    sheets.verify(sheet, user.name)


def reject(event: Event, sheet_id: int, user: User, reason: str) -> None:
    sheets.reject(_locked_sheet(event, sheet_id), user.name, reason)


def correct(event: Event, sheet_id: int, answers: dict[str, Any], user: User) -> ScoreSheet:
    return sheets.edit(event, _locked_sheet(event, sheet_id), answers, user)


def settle(event: Event, sheet_id: int, values: dict[str, Any], user: User) -> int:
    """Both teams of the pair are locked: the partner's sheet changes too."""
    sheet = sheets.sheet_of(event, sheet_id)
    pair = pairs.disagreement(event, sheets.season_of(event), sheet)
    lock_rows(db.session, Team, [sheet.team_id] + ([pair.partner.team_id] if pair else []))
    return pairs.settle(event, sheets.sheet_of(event, sheet_id), values, user)


def no_show(event: Event, match_id: int, user: User) -> ScoreSheet:
    lock_rows(db.session, Team, [sheets.match_of(event, match_id).team_id])
    return sheets.mark_no_show(event, match_id, user)


def rerun(event: Event, match_id: int, user: User, reason: str) -> int:
    lock_rows(db.session, Team, [sheets.match_of(event, match_id).team_id])
    return sheets.rerun(event, match_id, user, reason)


def close_round(event: Event, kind: str, number: int, user: User) -> None:
    lock_rows(db.session, Event, [event.id])
    sheets.close_round(event, kind, number, user)


def reopen_round(event: Event, kind: str, number: int) -> None:
    lock_rows(db.session, Event, [event.id])
    sheets.reopen_round(event, kind, number)


def freeze(event: Event, user: User) -> None:
    lock_rows(db.session, Event, [event.id])
    standings.freeze(event, user)


def unfreeze(event: Event) -> None:
    lock_rows(db.session, Event, [event.id])
    standings.unfreeze(event)


def state_token(event: Event) -> str:
    """Changes whenever a sheet arrives, is reviewed or is refused on arrival."""
    return f"{sheets.state_token(event)}-{len(refused.waiting(event.id, Kind.SHEET))}"


@dataclass
class LateSheet:
    item: RefusedItem
    match: ScheduleEntry | None  # None when the schedule changed since
    score: int | None  # as sent; None when it cannot be scored


def refused_sheets(event: Event) -> list[LateSheet]:
    """Sheets refused on arrival that wait for a decision."""
    season = sheets.season_of(event)
    late = []
    for item in refused.waiting(event.id, Kind.SHEET):
        match_id = _match_id(item)
        match = db.session.get(ScheduleEntry, match_id) if match_id else None
        late.append(LateSheet(item, match, sheets.score_as_sent(season, item.payload)))
    return late


def _match_id(item: RefusedItem) -> int | None:
    try:
        return sheets.input_from_json(item.payload).match_id
    except DomainError:
        return None


def accept_refused(event: Event, item_id: int, user: User) -> ScoreSheet:
    """The late sheet replaces the match's sheets and waits for review like any other."""
    lock_rows(db.session, Team, [refused.undecided(event.id, Kind.SHEET, item_id).team_id])
    item = refused.undecided(event.id, Kind.SHEET, item_id)
    sender = db.session.get(User, item.sent_by_id) if item.sent_by_id else None
    sheet = sheets.late_arrival(event, sheets.input_from_json(item.payload), sender or user, user)
    refused.decide(item, Outcome.ACCEPTED, user)
    return sheet


def set_aside_refused(event: Event, item_id: int, user: User) -> None:
    lock_rows(db.session, Team, [refused.undecided(event.id, Kind.SHEET, item_id).team_id])
    refused.decide(refused.undecided(event.id, Kind.SHEET, item_id), Outcome.SET_ASIDE, user)


def team_of_match(event: Event, match_id: int) -> int | None:
    """For keeping a refused sheet: the team of the match it names, if the match exists."""
    try:
        return sheets.match_of(event, match_id).team_id
    except DomainError:
        return None
