"""Referee tablets and the head referee's desk."""

import json
import uuid
from collections import Counter
from typing import Any

from flask import (
    Blueprint,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import FileStorage

from challenges.actions import attempt, run_action, run_json_action
from challenges.auth.access import require
from challenges.auth.policies import HEAD_REFEREE, REFEREES
from challenges.backups.views import backup_first
from challenges.converters import request_json
from challenges.errors import DomainError, found_or_404, input_problem
from challenges.events.models import Event, ScheduleEntry
from challenges.extensions import db
from challenges.forms import FORM_ERROR_STATUS, ConfirmForm, confirmed_or_400
from challenges.i18n import current_language
from challenges.inputs import JSON_MAX_BYTES, InputError, load_json
from challenges.labels import team_label
from challenges.registration.models import Team
from challenges.robot_game import (
    desk,
    match_sheets,
    pairs,
    rounds,
    sheet_input,
    standings,
    submitting,
)
from challenges.robot_game.evaluator import answers_from_strings
from challenges.robot_game.messages import browser_texts, review_reason
from challenges.robot_game.sheet_input import SheetInput
from challenges.tablets import refused
from challenges.tablets.models import Kind

bp = Blueprint("robot_game", __name__, url_prefix="/events/<int:event_id>")
api = Blueprint("robot_game_api", __name__, url_prefix="/api/v1/events/<int:event_id>")

TABLE_COOKIE = "robot-game-table-{event_id}"
ONE_YEAR = 365 * 24 * 3600


@bp.get("/referee")
@require(REFEREES)
def referee(event_id: int):
    event = db.get_or_404(Event, event_id)
    tables = match_sheets.tables(event)
    remembered = request.cookies.get(TABLE_COOKIE.format(event_id=event.id))
    if remembered in tables and "change" not in request.args:
        return redirect(url_for("robot_game.matches", event_id=event.id, table=remembered))
    return render_template("robot_game/tables.html", event=event, tables=tables)


@bp.get("/referee/matches")
@require(REFEREES)
def matches(event_id: int):
    event = db.get_or_404(Event, event_id)
    table = request.args.get("table", "")
    if table not in match_sheets.tables(event):
        return redirect(url_for("robot_game.referee", event_id=event.id, change=1))
    response = make_response(
        render_template(
            "robot_game/matches.html",
            event=event,
            table=table,
            rows=match_sheets.table_matches(event, table),
            may_review=HEAD_REFEREE.allows(current_user, {"event_id": event.id}),
            form=ConfirmForm(),
        )
    )
    response.set_cookie(
        TABLE_COOKIE.format(event_id=event.id), table, max_age=ONE_YEAR, samesite="Lax"
    )
    return response


def _match_or_404(event: Event, match_id: int) -> tuple[ScheduleEntry, Team]:
    entry = found_or_404(lambda: match_sheets.match_of(event, match_id))
    return entry, db.session.get(Team, entry.team_id)


def sheet_page(
    event: Event, team: Team, answers: dict, problems: dict, status: int = 200, **context: Any
):
    """The scoring form: a referee's (`entry` given) or the head referee's edit (`sheet`)."""
    season = match_sheets.season_of(event)
    language = current_language()
    return render_template(
        "robot_game/sheet.html",
        event=event,
        team=team,
        season=season,
        language=language,
        answers=answers,
        problems=problems,
        client_key=request.form.get("client_key") or uuid.uuid4().hex,
        season_json=json.dumps(season.document),
        texts_json=json.dumps(browser_texts(season, language)),
        form=ConfirmForm(),
        **context,
    ), status


@bp.route("/referee/matches/<int:match_id>", methods=["GET", "POST"])
@require(REFEREES)
def score(event_id: int, match_id: int):
    event = db.get_or_404(Event, event_id)
    entry, team = _match_or_404(event, match_id)
    season = match_sheets.season_of(event)
    if request.method == "GET":
        return sheet_page(event, team, season.start_sheet(), {}, entry=entry)
    confirmed_or_400()
    answers = answers_from_strings(season, request.form)
    given = SheetInput(
        client_key=request.form.get("client_key", ""),
        match_id=entry.id,
        answers=answers,
        referee_name=request.form.get("referee_name", ""),
        team_confirmation=request.form.get("team_confirmation", ""),
    )
    outcome = attempt(lambda: submitting.submit(event, given, current_user))
    if isinstance(outcome, DomainError):
        problems = outcome.problems or {"match": outcome.message}
        return sheet_page(event, team, answers, problems, outcome.status, entry=entry)
    sheet, _created = outcome
    flash(
        _(
            "Sheet saved: %(team)s, %(score)d points.",
            team=team_label(team),
            score=sheet.score,
        ),
        "success",
    )
    for warning in pairs.warnings(event, sheet).values():
        flash(warning, "info")
    return redirect(url_for("robot_game.matches", event_id=event.id, table=entry.place))


@bp.get("/head-referee")
@require(HEAD_REFEREE)
def head_referee(event_id: int):
    event = db.get_or_404(Event, event_id)
    return render_template(
        "robot_game/head_referee.html",
        event=event,
        groups=desk.overview(event),
        refused=desk.refused_sheets(event),
        rounds=rounds.rounds(event),
        closed=rounds.closed_rounds(event),
        pairs=pairs.disagreements(event),
        season=match_sheets.season_of(event),
        language=current_language(),
        state=standings.state_of(event),
        board=standings.live(event),
        form=ConfirmForm(),
        review_reason=review_reason,
    )


@bp.get("/head-referee/state")
@require(HEAD_REFEREE)
def head_referee_state(event_id: int):
    """A token that changes whenever a sheet arrives or is reviewed: the desk then fetches
    itself again and updates what changed (static/js/robot-game/desk.js)."""
    event = db.get_or_404(Event, event_id)
    return jsonify(token=desk.state_token(event))


def _back(event: Event):
    return redirect(url_for("robot_game.head_referee", event_id=event.id))


def _desk_action(event_id: int, action, success: str | None = None, backup: str | None = None):
    """A desk button: `backup` names the automatic backup made first, for risky actions."""
    event = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        if backup:
            backup_first(backup)
        run_action(lambda: action(event), success)
    return _back(event)


@bp.post("/head-referee/sheets/<int:sheet_id>/settle")
@require(HEAD_REFEREE)
def settle(event_id: int, sheet_id: int):
    """The shared mission's value for both tables of a pair, as the head referee settles it."""
    event = db.get_or_404(Event, event_id)
    season = match_sheets.season_of(event)
    given = {
        question: request.form[f"value-{question}"]
        for question in season.shared_questions
        if f"value-{question}" in request.form
    }
    values = answers_from_strings(season, given)
    return _desk_action(
        event_id,
        lambda event: desk.settle(event, sheet_id, values, current_user),
        _("Settled: both tables have the same value now."),
    )


@bp.post("/head-referee/sheets/<int:sheet_id>/verify")
@require(HEAD_REFEREE)
def verify(event_id: int, sheet_id: int):
    return _desk_action(
        event_id,
        lambda event: desk.verify(event, sheet_id, current_user),
        _("The sheet is verified."),
    )


@bp.post("/head-referee/sheets/<int:sheet_id>/reject")
@require(HEAD_REFEREE)
def reject(event_id: int, sheet_id: int):
    reason = request.form.get("reason", "")
    return _desk_action(
        event_id,
        lambda event: desk.reject(event, sheet_id, current_user, reason),
        _("The sheet is rejected."),
    )


@bp.post("/head-referee/refused/<int:item_id>/<any(accept, 'set-aside'):do>")
@require(HEAD_REFEREE)
def refused_sheet(event_id: int, item_id: int, do: str):
    """A sheet refused on arrival: it replaces the match's sheets, or is set aside."""
    if do == "accept":
        return _desk_action(
            event_id,
            lambda event: desk.accept_refused(event, item_id, current_user),
            _("The late sheet replaces the match's sheets and waits for review."),
        )
    return _desk_action(
        event_id,
        lambda event: desk.set_aside_refused(event, item_id, current_user),
        _("The late sheet is set aside."),
    )


@bp.post("/head-referee/matches/<int:match_id>/no-show")
@require(HEAD_REFEREE)
def no_show(event_id: int, match_id: int):
    return _desk_action(
        event_id,
        lambda event: desk.no_show(event, match_id, current_user),
        _("Marked as a no-show: 0 points for this round."),
    )


@bp.post("/head-referee/matches/<int:match_id>/rerun")
@require(HEAD_REFEREE)
def rerun(event_id: int, match_id: int):
    reason = request.form.get("reason", "")
    return _desk_action(
        event_id,
        lambda event: desk.rerun(event, match_id, current_user, reason),
        _("The match can be played and scored again."),
    )


@bp.post("/head-referee/rounds/<any(practice, ranking):kind>/<int:number>/<any(close, reopen):do>")
@require(HEAD_REFEREE)
def round_action(event_id: int, kind: str, number: int, do: str):
    if do == "close":
        return _desk_action(
            event_id,
            lambda event: desk.close_round(event, kind, number, current_user),
            _("The round is closed: referees can no longer send sheets for it."),
        )
    return _desk_action(
        event_id,
        lambda event: desk.reopen_round(event, kind, number),
        _("The round is open."),
        backup="voor heropenen ronde",
    )


@bp.post("/head-referee/<any(freeze, unfreeze):do>")
@require(HEAD_REFEREE)
def scoreboard_freeze(event_id: int, do: str):
    if do == "freeze":
        return _desk_action(
            event_id,
            lambda event: desk.freeze(event, current_user),
            _("The public scoreboard is frozen."),
        )
    return _desk_action(
        event_id, desk.unfreeze, _("The public scoreboard shows the live standings again.")
    )


@bp.route("/head-referee/sheets/<int:sheet_id>", methods=["GET", "POST"])
@require(HEAD_REFEREE)
def sheet_detail(event_id: int, sheet_id: int):
    """A sheet with its versions; the head referee corrects it here (a new version)."""
    event = db.get_or_404(Event, event_id)
    sheet = found_or_404(lambda: match_sheets.sheet_of(event, sheet_id))
    season = match_sheets.season_of(event)
    answers, problems, status = sheet.answers, {}, 200
    if request.method == "POST":
        confirmed_or_400()
        answers = answers_from_strings(season, request.form)
        outcome = attempt(lambda: desk.correct(event, sheet.id, answers, current_user))
        if not isinstance(outcome, DomainError):
            flash(_("The corrected version is saved and verified."), "success")
            return _back(event)
        problems = outcome.problems or {"match": outcome.message}
        status = FORM_ERROR_STATUS if outcome.problems else outcome.status
    return sheet_page(
        event,
        sheet.team,
        answers,
        problems,
        status,
        sheet=sheet,
        versions=match_sheets.history(sheet),
        review_reason=review_reason,
    )


@bp.post("/head-referee/upload")
@require(HEAD_REFEREE)
def upload(event_id: int):
    """Sheets a tablet saved as a file when it could not send them."""
    event = db.get_or_404(Event, event_id)
    confirmed_or_400()
    tally: Counter[str] = Counter()
    run_action(lambda: _receive(event, request.files.getlist("sheets"), tally))
    flash(
        _(
            "%(stored)d sheet(s) received, %(refused)d refused.",
            stored=tally["stored"],
            refused=tally["refused"],
        ),
        "info" if tally["refused"] else "success",
    )
    return _back(event)


def _receive(event: Event, files: list[FileStorage], tally: Counter[str]) -> None:
    """Each sheet in its own savepoint: a refused one is counted and flashed, the rest kept."""
    for file in files:
        try:
            payloads = load_json(file.read(JSON_MAX_BYTES + 1))
        except InputError as error:
            flash(
                _(
                    "%(file)s is not a sheet file: %(problem)s",
                    file=file.filename,
                    problem=input_problem(error),
                ),
                "error",
            )
            continue
        for payload in payloads if isinstance(payloads, list) else [payloads]:
            try:
                with db.session.begin_nested():
                    submitting.submit(event, sheet_input.input_from_json(payload), current_user)
                tally["stored"] += 1
            except DomainError as error:
                tally["refused"] += 1
                flash(
                    _("%(file)s: %(problem)s", file=file.filename, problem=error.message), "error"
                )


WITH_SEASON = joinedload(Event.season)  # a sheet needs its season: one round trip less


@api.post("/sheets")
@require(REFEREES)
def api_submit(event_id: int):
    """The tablet's JSON submission: 201 stored, 200 stored before (same key), 4xx refused.

    Only an answer with `"stored": true` lets the tablet forget the sheet. A sheet refused
    because of the match's state is kept for the head referee (`"kept": true`)."""
    event = db.first_or_404(select(Event).where(Event.id == event_id).options(WITH_SEASON))
    payload = request_json()

    def submit() -> tuple[dict[str, Any], int]:
        sheet, created = submitting.submit(
            event, sheet_input.input_from_json(payload), current_user
        )
        refused.arrived_after_all(Kind.SHEET, sheet.client_key)
        body = {
            "stored": True,
            "id": sheet.id,
            "score": sheet.score,
            "status": sheet.status.value,
            "created": created,
            "warnings": pairs.warnings(event, sheet),
        }
        return body, 201 if created else 200

    return run_json_action(submit, lambda error: _refused_details(event, payload, error))


def _refused_details(event: Event, payload: Any, error: DomainError) -> dict[str, Any]:
    if isinstance(error, submitting.DifferentContent):
        stored = {"id": error.stored.id, "score": error.stored.score}
        return {"conflict": "different_content", "stored_version": stored}
    return {"kept": _keep_refused(event, payload, error)}


def _keep_refused(event: Event, payload: Any, error: DomainError) -> bool:
    """Keep a well-formed sheet that the match's state refused, for the head referee. A
    second transaction on purpose: the refused action was rolled back, the kept copy stays."""
    if error.status not in refused.STATE_REFUSALS:
        return False
    given = sheet_input.input_from_json(payload)  # it was read before the refusal
    team_id = desk.team_of_match(event, given.match_id)
    if team_id is None:
        return False
    refused.keep(event.id, Kind.SHEET, team_id, payload, current_user, error.message)
    db.session.commit()
    return True
