"""A referee's sheet arrives: checked, scored and stored once per client key (the same key
again is answered with the stored sheet). Never commits."""

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from challenges import tablets
from challenges.auth.models import User
from challenges.auth.policies import HEAD_REFEREE
from challenges.database import lock_rows
from challenges.errors import DomainError
from challenges.events.models import Conflict, Event, ScheduleEntry
from challenges.extensions import db
from challenges.i18n import current_language
from challenges.registration.models import Team
from challenges.robot_game.definitions import SeasonDefinition
from challenges.robot_game.evaluator import Evaluation, evaluate
from challenges.robot_game.match_sheets import match_of, season_of, verified_sheet
from challenges.robot_game.messages import problem_message
from challenges.robot_game.models import ClosedRound, ScoreSheet
from challenges.robot_game.rounds import is_closed
from challenges.robot_game.sheet_input import SheetInput, SheetRefused

# The columns of a score sheet that say which match it is for.
MATCH_FIELDS = ("event_id", "match_id", "team_id", "round_kind", "round", "table")


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
    sheet = new_sheet(season, entry, given, user)
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
    verified = verified_sheet(event, entry.team_id, entry.kind, entry.round)
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


def new_sheet(
    season: SeasonDefinition, entry: ScheduleEntry, given: SheetInput, user: User
) -> ScoreSheet:
    """A new sheet for the match, scored; refused with every problem found."""
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
        **match_fields(entry),
        **scored_fields(season, result),
        referee_name=name,
        team_confirmation=confirmation,
        submitted_by_id=user.id,
        device_time=given.device_time,
    )


def match_fields(entry: ScheduleEntry) -> dict[str, Any]:
    """The match of a sheet for this schedule entry."""
    values = (entry.event_id, entry.id, entry.team_id, entry.kind, entry.round, entry.place)
    return dict(zip(MATCH_FIELDS, values, strict=True))


def same_match(sheet: ScoreSheet) -> dict[str, Any]:
    """The match `sheet` is for, as a newer version of it keeps it."""
    return {name: getattr(sheet, name) for name in MATCH_FIELDS}


def scored_fields(season: SeasonDefinition, result: Evaluation) -> dict[str, Any]:
    return {
        "season_key": season.key,
        "answers": result.answers,
        "score": result.score,
        "gp": result.answers.get("gp"),
    }
