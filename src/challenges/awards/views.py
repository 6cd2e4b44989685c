"""Deliberation: the judge advisor records award winners per category."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from challenges.actions import run_action
from challenges.auth.access import require
from challenges.auth.policies import event_role
from challenges.auth.roles import Role
from challenges.awards import awarding
from challenges.events.models import Event
from challenges.extensions import db
from challenges.forms import ConfirmForm
from challenges.judging import results
from challenges.robot_game.sheets import language

bp = Blueprint("awards", __name__, url_prefix="/events/<int:event_id>/awards")

ADVISORS = event_role(Role.JUDGE_ADVISOR, Role.EVENT_MANAGER)


@bp.get("")
@require(ADVISORS)
def awards(event_id: int):
    """Deliberation: per category and award the candidates, the proposal and the winners."""
    event = db.get_or_404(Event, event_id)
    found = results.event_results(event)
    return render_template(
        "awards/awards.html",
        event=event,
        results=found,
        lists=awarding.award_lists(event, found),
        language=language(),
        form=ConfirmForm(),
    )


@bp.post("/give")
@require(ADVISORS)
def give_award(event_id: int):
    event = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        form = request.form
        run_action(
            lambda: awarding.give(
                event,
                results.event_results(event),
                form.get("award", ""),
                form.get("category", type=int) or 0,
                form.get("team", type=int) or 0,
                form.get("place", type=int) or 0,
                form.get("reason", ""),
                form.get("override_reason", ""),
                current_user,
            ),
            _("The award is recorded."),
        )
    return redirect(url_for("awards.awards", event_id=event.id))


@bp.post("/<int:winner_id>/remove")
@require(ADVISORS)
def remove_award(event_id: int, winner_id: int):
    event = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        run_action(lambda: awarding.withdraw(event, winner_id), _("The decision is removed."))
    return redirect(url_for("awards.awards", event_id=event.id))
