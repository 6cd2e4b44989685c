"""The head referee's review: verify, reject, edit (a new version), no-show, re-run, and
a sheet refused on arrival taken after all. Never commits."""

from typing import Any

from flask_babel import gettext as _

from challenges.auth.models import User
from challenges.database import utcnow
from challenges.errors import DomainError
from challenges.events import scoreboard_version
from challenges.events.models import Event
from challenges.extensions import db
from challenges.i18n import current_language
from challenges.robot_game.evaluator import evaluate
from challenges.robot_game.match_sheets import (
    active_sheets,
    match_of,
    rivals,
    season_of,
    verified_sheet,
)
from challenges.robot_game.messages import problem_message
from challenges.robot_game.models import ScoreSheet, SheetStatus
from challenges.robot_game.sheet_input import SheetInput, SheetRefused
from challenges.robot_game.submitting import match_fields, new_sheet, same_match, scored_fields


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
        **same_match(sheet),
        **scored_fields(season, result),
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


def mark_no_show(event: Event, match_id: int, user: User) -> ScoreSheet:
    entry = match_of(event, match_id)
    if verified_sheet(event, entry.team_id, entry.kind, entry.round) is not None:
        raise DomainError(_("This match already has a verified score."), status=409)
    for sheet in active_sheets(event, entry):
        _review(sheet, SheetStatus.VOID, user.name, "did_not_come")
    sheet = ScoreSheet(
        client_key=f"no-show-{entry.id}-{utcnow():%Y%m%d%H%M%S%f}",
        **match_fields(entry),
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
    sheets = active_sheets(event, entry)
    if not sheets:
        raise DomainError(_("This match has no sheet yet; there is nothing to re-run."))
    for sheet in sheets:
        _review(sheet, SheetStatus.VOID, user.name, reason.strip()[:300])
    return len(sheets)


def late_arrival(event: Event, given: SheetInput, sender: User, user: User) -> ScoreSheet:
    """The head referee takes a sheet that was refused on arrival: it sets the match's sheets
    aside (closed round or not) and waits for review like any other sheet."""
    entry = match_of(event, given.match_id)
    for sheet in active_sheets(event, entry):
        _review(sheet, SheetStatus.VOID, user.name, "replaced_by_late_sheet")
    sheet = new_sheet(season_of(event), entry, given, sender)
    db.session.add(sheet)
    return sheet
