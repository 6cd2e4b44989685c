"""Judges' tablets (their room's sessions, the rubric form), seating judges in rooms and the
judge advisor's page. The market's pages are on the same blueprint, in `market_views`."""

import uuid
from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from challenges.actions import attempt, run_action, run_json_action
from challenges.auth.access import require
from challenges.auth.policies import JUDGE_ADVISORS, JUDGES, ORGANISER, PER_JUDGE_MARKS
from challenges.converters import request_json
from challenges.errors import DomainError, found_or_404
from challenges.events.cockpit import may_open
from challenges.events.models import Event
from challenges.extensions import db
from challenges.forms import FORM_ERROR_STATUS, ConfirmForm, confirmed_or_400
from challenges.i18n import current_language as language
from challenges.inputs import parse_id
from challenges.judging import adjustments, entries, panels, progress, withdrawals
from challenges.judging.assessment import filled_from_form
from challenges.judging.fairness import DEFAULT_MINIMUM_TEAMS, agreement_level
from challenges.judging.models import RubricStatus
from challenges.judging.programme import in_words, is_market
from challenges.judging.scoring import CORE_VALUES, ROBOT_GAME
from challenges.labels import team_label
from challenges.registration.models import Team
from challenges.seasons.models import Season
from challenges.tablets import refused
from challenges.tablets.models import Kind

bp = Blueprint("judging", __name__, url_prefix="/events/<int:event_id>/judging")
api = Blueprint("judging_api", __name__, url_prefix="/api/v1/events/<int:event_id>")
settings = Blueprint(
    "judging_rubric_settings", __name__, url_prefix="/seasons/<int:season_id>/rubrics"
)

# The results per category with the Champion's ranking are awards', which builds on judging:
# awards names, when the app starts, how the advisor's page computes them (`show_results_with`).
_answers: dict[str, Callable[[Event], Any]] = {}


def show_results_with(event_results: Callable[[Event], Any]) -> None:
    """Name the function that computes an event's results per category."""
    _answers.update(event_results=event_results)


@bp.get("")
@require(JUDGES)
def home(event_id: int):
    """The judge's sessions in order; an advisor picks a room."""
    event = db.get_or_404(Event, event_id)
    rubric_set = entries.rubric_set_of(event)
    rooms = panels.rooms(event)
    room = panels.seating(event).get(current_user.id)
    advisor = panels.is_advisor(event, current_user)
    if advisor and request.args.get("room") in rooms:
        room = request.args["room"]
    return render_template(
        "judging/home.html",
        event=event,
        rubric_set=rubric_set,
        language=language(),
        room=room,
        rooms=rooms if advisor else [],
        sessions=panels.sessions(event, current_user, room) if room else [],
        mine=entries.judge_entries(event, current_user),
        market=is_market(event),
    )


def _team_or_404(event: Event, team_id: int) -> Team:
    team = db.session.get(Team, team_id)
    if team is None:
        abort(404)
    entries.check_may_file(event, current_user, team)  # refused: its message, not a bare 403
    return team


def sessions_page(event: Event) -> str:
    """Where a judge goes back to: their room's sessions, or the market floor."""
    return "judging.market" if is_market(event) else "judging.home"


def submitted_text(event: Event, team: Team) -> str:
    label = team_label(team)
    return in_words(
        event,
        _("Rubric submitted: %(team)s.", team=label),
        _("Jury form submitted: %(team)s.", team=label),
    )


def rubric_page(event: Event, team: Team, rubric_id: str, filled: Any, problems: dict, status=200):
    found_or_404(lambda: entries.rubric_of(event, rubric_id))
    rubric = adjustments.rubric_set_for(event.season, team.category_id).rubric(rubric_id)
    current = entries.current_entry(event, team.id, current_user.id, rubric.id)
    return render_template(
        "judging/rubric.html",
        event=event,
        team=team,
        rubric_set=entries.rubric_set_of(event),
        rubric=rubric,
        language=language(),
        filled=filled if filled is not None else current,
        current=current,
        problems=problems,
        client_key=request.form.get("client_key") or uuid.uuid4().hex,
        done=url_for(sessions_page(event), event_id=event.id),
        form=ConfirmForm(),
    ), status


@bp.route("/teams/<int:team_id>/<rubric_id>", methods=["GET", "POST"])
@require(JUDGES)
def rubric(event_id: int, team_id: int, rubric_id: str):
    event = db.get_or_404(Event, event_id)
    team = _team_or_404(event, team_id)
    if request.method == "GET":
        return rubric_page(event, team, rubric_id, None, {})
    confirmed_or_400()
    filled = found_or_404(
        lambda: filled_from_form(entries.rubric_of(event, rubric_id), request.form)
    )
    submit = request.form.get("action") == "submit"
    given = entries.RubricInput(
        request.form.get("client_key", ""), team.id, rubric_id, filled, submit
    )
    outcome = attempt(lambda: entries.save(event, given, current_user))
    if isinstance(outcome, DomainError):
        problems = outcome.problems or {"team": outcome.message}
        return rubric_page(event, team, rubric_id, filled, problems, outcome.status)
    if submit:
        flash(submitted_text(event, team), "success")
        return redirect(url_for(sessions_page(event), event_id=event.id))
    flash(_("Draft saved."), "info")
    return redirect(
        url_for("judging.rubric", event_id=event.id, team_id=team.id, rubric_id=rubric_id)
    )


@bp.route("/rubrics/<int:entry_id>/withdraw", methods=["GET", "POST"])
@require(JUDGES)
def withdraw(event_id: int, entry_id: int):
    """Withdraw a rubric filed for the wrong team, with a reason (the juror or the advisor)."""
    event = db.get_or_404(Event, event_id)
    entry = withdrawals.withdrawable(event, entry_id, current_user)
    problem = None
    if request.method == "POST" and ConfirmForm().validate_on_submit():
        reason = request.form.get("reason", "")
        outcome = attempt(lambda: withdrawals.withdraw(event, entry.id, current_user, reason))
        if isinstance(outcome, DomainError):
            problem = outcome.message
        else:
            label = team_label(entry.team)
            withdrawn = in_words(
                event,
                _("The rubric is withdrawn: %(team)s.", team=label),
                _("The jury form is withdrawn: %(team)s.", team=label),
            )
            flash(withdrawn, "success")
            advisor = panels.is_advisor(event, current_user)
            back = "judging.market_live" if advisor and is_market(event) else None
            return redirect(url_for(back or sessions_page(event), event_id=event.id))
    return render_template(
        "judging/withdraw.html",
        event=event,
        entry=entry,
        rubric=entries.rubric_of(event, entry.rubric),
        language=language(),
        problem=problem,
        reason=request.form.get("reason", ""),
        back=url_for(sessions_page(event), event_id=event.id),
        form=ConfirmForm(),
    ), FORM_ERROR_STATUS if problem else 200


@bp.route("/panels", methods=["GET", "POST"])
@require(JUDGE_ADVISORS)
def seating(event_id: int):
    event = db.get_or_404(Event, event_id)
    judges = panels.judges(event)
    if request.method == "POST" and ConfirmForm().validate_on_submit():
        wanted = {judge.id: request.form.get(f"room-{judge.id}") or None for judge in judges}
        if run_action(lambda: panels.seat(event, wanted), _("The judges' rooms are saved.")):
            return redirect(url_for("judging.seating", event_id=event.id))
    return render_template(
        "judging/panels.html",
        event=event,
        judges=judges,
        rooms=panels.rooms(event),
        seats=panels.seating(event),
        form=ConfirmForm(),
        # the event manager seats judges from the cockpit and has no judging page of their own
        back_to_judging=may_open("judging.home", {"event_id": event.id}),
    )


def area_names(rubric_set, language: str) -> dict[str, str]:
    names = {rubric.id: rubric.name[language] for rubric in rubric_set.rubrics}
    if rubric_set.has_core_values:
        names[CORE_VALUES] = rubric_set.core_values["name"][language]
    return names | {ROBOT_GAME: _("Robot Game")}


@bp.get("/advisor")
@require(JUDGE_ADVISORS)
def advisor(event_id: int):
    """Progress, judges' statistics, agreement and the results per category."""
    event = db.get_or_404(Event, event_id)
    rubric_set = entries.rubric_set_of(event)
    found = progress.progress(event, rubric_set)
    show_judges = PER_JUDGE_MARKS.allows(current_user, {"event_id": event.id})
    return render_template(
        "judging/advisor.html",
        event=event,
        rubric_set=rubric_set,
        language=language(),
        progress=found if show_judges else found.without_judges(),
        results=_answers["event_results"](event),
        minimum_teams=event.normalise_min_teams or DEFAULT_MINIMUM_TEAMS,
        agreement_level=agreement_level,
        area_names=area_names(rubric_set, language()),
        show_judges=show_judges,
        may_judge=JUDGES.allows(current_user, {"event_id": event.id}),
        market=is_market(event),
        refused=entries.refused_rubrics(event),
        form=ConfirmForm(),
    )


@api.post("/rubrics")
@require(JUDGES)
def api_save(event_id: int):
    """A tablet's draft or submission: 201 stored, 200 stored before (same key), 4xx refused.

    Only an answer with `"stored": true` lets the tablet forget the rubric. A rubric refused
    because of the judge's or team's state is kept for the judge advisor (`"kept": true`)."""
    event = db.get_or_404(Event, event_id)
    payload = request_json()

    def save() -> tuple[dict[str, Any], int]:
        entry, created = entries.save(event, entries.input_from_json(event, payload), current_user)
        refused.arrived_after_all(Kind.RUBRIC, entry.client_key)
        submitted = entry.status == RubricStatus.SUBMITTED
        if created and submitted:  # the page the tablet opens next confirms it
            flash(submitted_text(event, entry.team), "success")
        body = {
            "stored": True,
            "id": entry.id,
            "status": entry.status.value,
            "version": entry.version,
            "created": created,
            "submitted": submitted,
        }
        return body, 201 if created else 200

    def details(error: DomainError) -> dict[str, Any]:
        if isinstance(error, entries.DifferentRubric):
            stored = {"id": error.stored.id, "version": error.stored.version}
            return {"conflict": "different_content", "stored_version": stored}
        return {"kept": _keep_refused(event, payload, error)}

    return run_json_action(save, details)


def _keep_refused(event: Event, payload: Any, error: DomainError) -> bool:
    """Keep a submitted rubric that the judge's seat or the team's state refused. A second
    transaction on purpose: the refused action was rolled back, the kept copy stays."""
    if error.status not in refused.STATE_REFUSALS or payload.get("status") != "submitted":
        return False
    given = entries.input_from_json(event, payload)  # it was read before the refusal
    if db.session.get(Team, given.team_id) is None:
        return False
    refused.keep(event.id, Kind.RUBRIC, given.team_id, payload, current_user, error.message)
    db.session.commit()
    return True


@bp.post("/advisor/refused/<int:item_id>/<any(accept, 'set-aside'):do>")
@require(JUDGE_ADVISORS)
def refused_rubric(event_id: int, item_id: int, do: str):
    """A rubric refused on arrival: taken as the judge's, or set aside."""
    event = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        if do == "accept":
            run_action(
                lambda: entries.accept_refused(event, item_id, current_user),
                in_words(
                    event,
                    _("The rubric is taken as the judge's."),
                    _("The jury form is taken as the juror's."),
                ),
            )
        else:
            run_action(
                lambda: entries.set_aside_refused(event, item_id, current_user),
                in_words(event, _("The rubric is set aside."), _("The jury form is set aside.")),
            )
    return redirect(url_for("judging.advisor", event_id=event.id))


@settings.route("", methods=["GET", "POST"])
@require(ORGANISER)
def rubric_settings(season_id: int):
    """Weights and wordings of the rubric rows per category, until judging starts."""
    season = db.get_or_404(Season, season_id)
    rubric_set = adjustments.base_set(season)
    wanted = request.values.get("category", type=parse_id)
    category = next((c for c in season.categories if c.id == wanted), season.categories[0])
    problem = None
    if request.method == "POST" and ConfirmForm().validate_on_submit():
        given = {
            row.id: (
                request.form.get(f"weight-{row.id}", "1"),
                request.form.get(f"title_nl-{row.id}", ""),
                request.form.get(f"title_en-{row.id}", ""),
            )
            for rubric in rubric_set.rubrics
            for row in rubric.rows
        }
        outcome = attempt(lambda: adjustments.save(season, category, given))
        if isinstance(outcome, DomainError):
            problem = outcome
        else:
            saved = (
                _("The rubric of %(category)s is saved.", category=category.name)
                if season.programme.has_robot_game
                else _("The jury form of %(category)s is saved.", category=category.name)
            )
            flash(saved, "success")
            return redirect(
                url_for(
                    "judging_rubric_settings.rubric_settings",
                    season_id=season.id,
                    category=category.id,
                )
            )
    return render_template(
        "judging/rubric_settings.html",
        season=season,
        category=category,
        base=rubric_set,
        current=adjustments.rubric_set_for(season, category.id),
        locked=adjustments.scoring_started(season),
        problem=problem,
        language=language(),
        form=ConfirmForm(),
    ), FORM_ERROR_STATUS if problem else 200
