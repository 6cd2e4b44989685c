"""Referee sheets: submit (idempotent), review (verify, reject, edit), no-show, re-run, close."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from challenges import tablets
from challenges.auth.models import User
from challenges.auth.policies import HEAD_REFEREE
from challenges.database import lock_rows, utcnow
from challenges.errors import DomainError
from challenges.events import scoreboard_version
from challenges.events.models import Conflict, Event, ScheduleEntry
from challenges.extensions import db
from challenges.i18n import current_language
from challenges.inputs import InputError, json_id
from challenges.registration.models import Team
from challenges.robot_game.definitions import SeasonDefinition, UnknownSeason, load
from challenges.robot_game.evaluator import Evaluation, evaluate
from challenges.robot_game.messages import problem_message
from challenges.robot_game.models import ClosedRound, ScoreSheet, SheetStatus

MATCH_KINDS = ("practice", "ranking")
ACTIVE = (SheetStatus.SUBMITTED, SheetStatus.VERIFIED)


class SheetRefused(DomainError):
    """A sheet with problems: `problems` maps question ids (or fields) to messages."""

    def __init__(self, problems: dict[str, str], status: int = 422) -> None:
        message = _("The sheet was not saved: check the marked answers.")
        super().__init__(message, status=status, problems=problems)


@dataclass
class SheetInput:
    client_key: str
    match_id: int
    answers: dict[str, Any]
    referee_name: str
    team_confirmation: str = ""
    device_time: datetime | None = None


def input_from_json(payload: Any) -> SheetInput:
    """The tablet's JSON body; anything malformed is refused before it reaches the database."""
    if not isinstance(payload, dict):
        raise DomainError(_("The request holds no sheet (a JSON object was expected)."))
    answers = payload.get("answers")
    if not isinstance(answers, dict):
        raise SheetRefused({"answers": _("The sheet holds no answers.")}, 400)
    try:
        match_id = json_id(payload.get("match"))
    except InputError:
        raise SheetRefused({"match": _("Choose a match.")}, 400) from None
    return SheetInput(
        client_key=str(payload.get("client_key") or ""),
        match_id=match_id,
        answers=answers,
        referee_name=str(payload.get("referee_name") or ""),
        team_confirmation=str(payload.get("team_confirmation") or ""),
        device_time=tablets.device_time(payload.get("device_time")),
    )


def season_of(event: Event) -> SeasonDefinition:
    try:
        return load(event.season.robot_game_key or "")
    except UnknownSeason:
        raise DomainError(_("This event's season has no robot game sheet.")) from None


def tables(event: Event) -> list[str]:
    places = db.session.scalars(
        select(ScheduleEntry.place)
        .where(ScheduleEntry.event_id == event.id, ScheduleEntry.kind.in_(MATCH_KINDS))
        .distinct()
    )
    return sorted(places, key=lambda place: (len(place), place))


def table_matches(event: Event, table: str) -> list[tuple[ScheduleEntry, Team, str | None]]:
    """The table's matches in schedule order, each with the status of its current sheet."""
    rows = db.session.execute(
        select(ScheduleEntry, Team)
        .join(Team, Team.id == ScheduleEntry.team_id)
        .where(
            ScheduleEntry.event_id == event.id,
            ScheduleEntry.place == table,
            ScheduleEntry.kind.in_(MATCH_KINDS),
        )
        .order_by(ScheduleEntry.starts_at)
    ).all()
    statuses = {
        sheet.match_key: sheet.status for sheet in current_sheets(event) if sheet.status in ACTIVE
    }
    return [
        (entry, team, statuses.get((entry.team_id, entry.kind, entry.round)))
        for entry, team in rows
    ]


def match_of(event: Event, match_id: int) -> ScheduleEntry:
    entry = db.session.get(ScheduleEntry, match_id)
    if entry is None or entry.event_id != event.id or entry.kind not in MATCH_KINDS:
        raise DomainError(_("This match is not a robot-game match of this event."), "match")
    return entry


def current_sheets(event: Event) -> list[ScoreSheet]:
    return list(
        db.session.scalars(
            select(ScoreSheet)
            .where(ScoreSheet.event_id == event.id, ScoreSheet.current.is_(True))
            .order_by(ScoreSheet.received_at, ScoreSheet.id)
        )
    )


def submit(event: Event, given: SheetInput, user: User) -> tuple[ScoreSheet, bool]:
    """Store a referee's sheet; the same client key again returns the stored one (False).

    The team's row is locked first, so a sheet and a head-referee action on the same match
    never interleave; the same key with other content is refused with the stored version.
    """
    if not tablets.CLIENT_KEY.match(given.client_key or ""):
        raise _invalid_key()
    season = season_of(event)
    stored = _stored(given.client_key)
    if stored is None:
        entry = match_of(event, given.match_id)
        [team] = lock_rows(db.session, Team, [entry.team_id], forget=(ScoreSheet,))  # its sheets
        # Closing a round locks the event: it waits for this sheet, or this sheet sees it.
        lock_rows(db.session, Event, [event.id], forget=(ClosedRound,), shared=True)
        stored = _stored(given.client_key)
    if stored is not None:
        return _same_sheet(stored, event, season, given), False
    _check_may_score(event, entry, team, user)
    sheet = _new_sheet(season, entry, given, user)
    db.session.add(sheet)
    try:
        db.session.flush()
    except IntegrityError:  # the same key for another team at the same moment (the caller
        # rolls back): a tablet's keys are random, so this is a broken or hostile tablet
        raise _invalid_key() from None
    return sheet, True


def _invalid_key() -> SheetRefused:
    return SheetRefused({"client_key": _("The sheet has no valid key; reload the page.")}, 400)


def _stored(client_key: str) -> ScoreSheet | None:
    found = db.session.scalar(select(ScoreSheet.id).where(ScoreSheet.client_key == client_key))
    return None if found is None else db.session.get(ScoreSheet, found, populate_existing=True)


class DifferentContent(DomainError):
    """A key that was stored before, now with other content: the stored version wins."""

    def __init__(self, stored: ScoreSheet) -> None:
        super().__init__(
            _(
                "A sheet with this key was stored before with other content "
                "(%(score)d points); it was not changed.",
                score=stored.score,
            ),
            status=409,
        )
        self.stored = stored


def _same_sheet(
    sheet: ScoreSheet, event: Event, season: SeasonDefinition, given: SheetInput
) -> ScoreSheet:
    if sheet.event_id != event.id:
        raise SheetRefused({"client_key": _("This sheet belongs to another event.")}, 409)
    same = (
        sheet.match_id in (given.match_id, None)  # None: a new schedule unlinked its match
        and sheet.answers == evaluate(season, given.answers).answers
        and sheet.referee_name == given.referee_name.strip()
        and sheet.team_confirmation == given.team_confirmation.strip()
    )
    if not same:
        raise DifferentContent(sheet)
    return sheet


def _check_may_score(event: Event, entry: ScheduleEntry, team: Team, user: User) -> None:
    if is_closed(event, entry.kind, entry.round):
        raise DomainError(_("This round is closed; ask the head referee."), "match", 409)
    verified = _verified(event, entry.team_id, entry.kind, entry.round)
    if verified is not None and verified.no_show:
        raise DomainError(
            _("This team was marked as a no-show for this match; ask the head referee."),
            "match",
            409,
        )
    if verified is not None:
        raise DomainError(
            _("This match already has a verified score; ask the head referee."), "match", 409
        )
    referee_only = not HEAD_REFEREE.allows(user, {"event_id": event.id})
    if referee_only and team.school_id and db.session.get(Conflict, (user.id, team.school_id)):
        raise DomainError(
            _("You declared a conflict of interest with this team's school."), "match", 403
        )


def _new_sheet(
    season: SeasonDefinition, entry: ScheduleEntry, given: SheetInput, user: User
) -> ScoreSheet:
    result = evaluate(season, given.answers)
    problems = {p.question: problem_message(season, p, current_language()) for p in result.problems}
    name = (given.referee_name or "").strip()
    if not name:
        problems["referee_name"] = _("Enter your name.")
    elif len(name) > 120:
        problems["referee_name"] = _("At most %(max)d characters.", max=120)
    confirmation = (given.team_confirmation or "").strip()
    if not confirmation:
        problems["team_confirmation"] = _("The team confirms the sheet (initials or a tick).")
    elif len(confirmation) > 40:
        problems["team_confirmation"] = _("At most %(max)d characters.", max=40)
    if problems:
        raise SheetRefused(problems)
    return ScoreSheet(
        client_key=given.client_key,
        **_match_fields(entry),
        **_scored_fields(season, result),
        referee_name=name,
        team_confirmation=confirmation,
        submitted_by_id=user.id,
        device_time=given.device_time,
    )


def _match_fields(entry: ScheduleEntry) -> dict[str, Any]:
    return {
        "event_id": entry.event_id,
        "match_id": entry.id,
        "team_id": entry.team_id,
        "round_kind": entry.kind,
        "round": entry.round,
        "table": entry.place,
    }


def _scored_fields(season: SeasonDefinition, result: Evaluation) -> dict[str, Any]:
    return {
        "season_key": season.key,
        "answers": result.answers,
        "score": result.score,
        "gp": result.answers.get("gp"),
    }


def current_for(event_id: int, team_id: int, kind: str, number: int) -> list:
    """The conditions that select the current sheets of one team in one round."""
    return [
        ScoreSheet.event_id == event_id,
        ScoreSheet.team_id == team_id,
        ScoreSheet.round_kind == kind,
        ScoreSheet.round == number,
        ScoreSheet.current.is_(True),
    ]


def _verified(event: Event, team_id: int, kind: str, number: int) -> ScoreSheet | None:
    conditions = current_for(event.id, team_id, kind, number)
    return db.session.scalar(
        select(ScoreSheet).where(*conditions, ScoreSheet.status == SheetStatus.VERIFIED)
    )


def is_closed(event: Event, kind: str, number: int) -> bool:
    return db.session.get(ClosedRound, (event.id, kind, number)) is not None


def rivals(sheet: ScoreSheet) -> list[ScoreSheet]:
    """Other current, active sheets for the same team and round: a conflict when any."""
    return list(
        db.session.scalars(
            select(ScoreSheet).where(
                *current_for(sheet.event_id, sheet.team_id, sheet.round_kind, sheet.round),
                ScoreSheet.status.in_(ACTIVE),
                ScoreSheet.id != sheet.id,
            )
        )
    )


def sheet_of(event: Event, sheet_id: int) -> ScoreSheet:
    sheet = db.session.get(ScoreSheet, sheet_id)
    if sheet is None or sheet.event_id != event.id:
        raise DomainError(_("There is no such sheet at this event."), status=404)
    return sheet


def changed_meanwhile() -> DomainError:
    return DomainError(_("This sheet changed meanwhile; look again."), status=409)


def _reviewable(sheet: ScoreSheet) -> None:
    if not sheet.current:
        raise changed_meanwhile()


def verify(sheet: ScoreSheet, reviewer: str) -> None:
    _reviewable(sheet)
    if sheet.status is not SheetStatus.SUBMITTED:
        raise changed_meanwhile()
    if rivals(sheet):
        raise DomainError(
            _("Two sheets for this team in this round: reject the wrong one first."), status=409
        )
    _review(sheet, SheetStatus.VERIFIED, reviewer, None)


def reject(sheet: ScoreSheet, reviewer: str, reason: str) -> None:
    _reviewable(sheet)
    if not (reason or "").strip():
        raise DomainError(_("Give a reason for the rejection."), "reason")
    if sheet.status is not SheetStatus.SUBMITTED:
        raise changed_meanwhile()
    _review(sheet, SheetStatus.REJECTED, reviewer, reason.strip()[:300])


def _review(sheet: ScoreSheet, status: SheetStatus, reviewer: str, reason: str | None) -> None:
    """Every change of a sheet's status passes here; one that gives or takes a verified
    ranking-round score changes the public scoreboard."""
    gives_or_takes = sheet.status is not status and SheetStatus.VERIFIED in (sheet.status, status)
    if gives_or_takes and sheet.round_kind == "ranking":
        scoreboard_version.bump(sheet.event_id)
    sheet.status = status
    sheet.reviewed_by = reviewer
    sheet.reviewed_at = utcnow()
    sheet.review_reason = reason


def edit(
    event: Event, sheet: ScoreSheet, answers: dict[str, Any], user: User, verify: bool = True
) -> ScoreSheet:
    """The head referee's correction: a new version (verified, unless `verify` is False: then
    it keeps the old version's status); the old one stays as it was."""
    _reviewable(sheet)
    if sheet.no_show:
        raise DomainError(_("A no-show has no answers to edit; re-run the match instead."))
    season = season_of(event)
    result = evaluate(season, answers)
    if result.problems:
        raise SheetRefused(
            {p.question: problem_message(season, p, current_language()) for p in result.problems}
        )
    for rival in rivals(sheet) if verify else []:
        _review(rival, SheetStatus.REJECTED, user.name, "replaced_by_edit")
    sheet.current = False
    db.session.flush()  # before the new version: the database allows one current verified
    version = ScoreSheet(
        client_key=f"edit-{sheet.id}-{utcnow():%Y%m%d%H%M%S%f}",
        event_id=event.id,
        match_id=sheet.match_id,
        team_id=sheet.team_id,
        round_kind=sheet.round_kind,
        round=sheet.round,
        table=sheet.table,
        **_scored_fields(season, result),
        referee_name=user.name,
        team_confirmation=sheet.team_confirmation,
        version=sheet.version + 1,
        supersedes_id=sheet.id,
        submitted_by_id=user.id,
    )
    if verify or sheet.status is SheetStatus.VERIFIED:
        _review(version, SheetStatus.VERIFIED, user.name, None)
    db.session.add(version)
    return version


def history(sheet: ScoreSheet) -> list[ScoreSheet]:
    """Every version of this sheet, newest first."""
    versions = []
    current: ScoreSheet | None = db.session.scalar(
        select(ScoreSheet).where(ScoreSheet.supersedes_id == sheet.id)
    )
    while current is not None:  # newer versions
        versions.insert(0, current)
        current = db.session.scalar(
            select(ScoreSheet).where(ScoreSheet.supersedes_id == current.id)
        )
    current = sheet
    while current is not None:
        versions.append(current)
        current = (
            db.session.get(ScoreSheet, current.supersedes_id) if current.supersedes_id else None
        )
    return versions


def mark_no_show(event: Event, match_id: int, user: User) -> ScoreSheet:
    entry = match_of(event, match_id)
    if _verified(event, entry.team_id, entry.kind, entry.round) is not None:
        raise DomainError(_("This match already has a verified score."), status=409)
    for sheet in _active(event, entry):
        _review(sheet, SheetStatus.VOID, user.name, "did_not_come")
    sheet = ScoreSheet(
        client_key=f"no-show-{entry.id}-{utcnow():%Y%m%d%H%M%S%f}",
        **_match_fields(entry),
        season_key=season_of(event).key,
        answers={},
        score=0,
        gp=None,
        no_show=True,
        referee_name=user.name,
        submitted_by_id=user.id,
    )
    _review(sheet, SheetStatus.VERIFIED, user.name, "no_show")
    db.session.add(sheet)
    return sheet


def rerun(event: Event, match_id: int, user: User, reason: str) -> int:
    """Set the match's sheets aside so it can be played and scored again."""
    entry = match_of(event, match_id)
    if not (reason or "").strip():
        raise DomainError(_("Give a reason for the re-run."), "reason")
    sheets = _active(event, entry)
    if not sheets:
        raise DomainError(_("This match has no sheet yet; there is nothing to re-run."))
    for sheet in sheets:
        _review(sheet, SheetStatus.VOID, user.name, reason.strip()[:300])
    return len(sheets)


def late_arrival(event: Event, given: SheetInput, sender: User, user: User) -> ScoreSheet:
    """The head referee takes a sheet that was refused on arrival: it sets the match's sheets
    aside (closed round or not) and waits for review like any other sheet."""
    entry = match_of(event, given.match_id)
    for sheet in _active(event, entry):
        _review(sheet, SheetStatus.VOID, user.name, "replaced_by_late_sheet")
    sheet = _new_sheet(season_of(event), entry, given, sender)
    db.session.add(sheet)
    return sheet


def score_as_sent(season: SeasonDefinition, payload: dict[str, Any]) -> int | None:
    """The score of a refused sheet as the tablet sent it; None when it cannot be scored."""
    answers = payload.get("answers")
    if not isinstance(answers, dict):
        return None
    result = evaluate(season, answers)
    return None if result.problems else result.score


def _active(event: Event, entry: ScheduleEntry) -> list[ScoreSheet]:
    return list(
        db.session.scalars(
            select(ScoreSheet).where(
                *current_for(event.id, entry.team_id, entry.kind, entry.round),
                ScoreSheet.status.in_(ACTIVE),
            )
        )
    )


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
        if sheet.status in ACTIVE:
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


def state_token(event: Event) -> str:
    """Changes whenever a sheet of the event arrives or is reviewed."""
    row = db.session.execute(
        select(
            func.count(ScoreSheet.id),
            func.max(ScoreSheet.received_at),
            func.max(ScoreSheet.reviewed_at),
        ).where(ScoreSheet.event_id == event.id)
    ).one()
    return "-".join(str(part) for part in row)
