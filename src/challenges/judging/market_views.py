"""The Vakkanjers Markt's pages on the judging blueprint: a juror's floor, giving a stand back,
the live floor, and starting the market (fixing its round plan)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from challenges.actions import attempt, run_action
from challenges.auth.access import require
from challenges.auth.policies import EVENT_MANAGER, JUDGE_ADVISORS, JUDGES
from challenges.errors import DomainError
from challenges.events.market import services as market_service
from challenges.events.market.rounds import ROUND_MINUTES, ROUND_MINUTES_RANGE
from challenges.events.models import Event
from challenges.extensions import db
from challenges.forms import ConfirmForm
from challenges.inputs import InputError, parse_int
from challenges.judging import entries, floor
from challenges.judging.views import bp


@bp.get("/market")
@require(JUDGES)
def market(event_id: int):
    """A juror's Vakkanjers Markt: the stand to go to, and how often each stand was seen."""
    event = db.get_or_404(Event, event_id)
    return render_template(
        "judging/market.html",
        event=event,
        rubric=entries.rubric_set_of(event).rubrics[0],
        floor=floor.floor(event, current_user),
        mine=entries.submitted_by(event, current_user),
        form=ConfirmForm(),
    )


@bp.get("/market/live")
@require(JUDGE_ADVISORS)
def market_live(event_id: int):
    """Where every juror is, views per stand, the stands still short of jurors."""
    event = db.get_or_404(Event, event_id)
    return render_template(
        "judging/market_live.html",
        event=event,
        live=floor.live(event),
        may_withdraw=JUDGES.allows(current_user, {"event_id": event.id}),
        form=ConfirmForm(),
    )


@bp.post("/market/jurors/<int:user_id>/release")
@require(JUDGE_ADVISORS)
def market_release(event_id: int, user_id: int):
    """The judge advisor frees a stand a juror holds but no longer judges."""
    event = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        run_action(lambda: floor.release_for(event, user_id), _("The stand is free again."))
    return redirect(url_for("judging.market_live", event_id=event.id))


@bp.get("/market/leave")
@require(JUDGES)
def market_leave(event_id: int):
    """'Done here' before the jury form is submitted: give the stand back, or go back to it."""
    event = db.get_or_404(Event, event_id)
    found = floor.floor(event, current_user)
    if found.claim is None:
        return redirect(url_for("judging.market", event_id=event.id))
    return render_template(
        "judging/market_leave.html",
        event=event,
        rubric=entries.rubric_set_of(event).rubrics[0],
        floor=found,
        form=ConfirmForm(),
    )


def _next(event: Event) -> None:
    confirmed = request.form.get("confirm") == "yes"
    visit = floor.claim_next(event, current_user, confirmed)
    if confirmed:
        flash(_("The stand is given back. Undo it below if that was a mistake."), "info")
    if not visit.planned:
        flash(_("Not in the round plan: the stand that needs a juror most."), "info")


MARKET_ACTIONS = {
    "next": (_next, None),
    "absent": (
        lambda event: floor.release(event, current_user, absent=True),
        _l("Noted: the team is away from its stand; it comes back on the list in a few minutes."),
    ),
    "release": (
        lambda event: floor.release(event, current_user, absent=False),
        _l("The stand is given back. Undo it below if that was a mistake."),
    ),
    "undo": (lambda event: floor.undo(event, current_user), _l("Undone.")),
}


@bp.post("/market/<any(next, absent, release, undo):do>")
@require(JUDGES)
def market_action(event_id: int, do: str):
    event = db.get_or_404(Event, event_id)
    action, success = MARKET_ACTIONS[do]
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("judging.market", event_id=event.id))
    outcome = attempt(lambda: action(event))
    if isinstance(outcome, floor.LeavingUnjudged):
        return redirect(url_for("judging.market_leave", event_id=event.id))
    if isinstance(outcome, DomainError):
        flash(outcome.message, "error")
    elif success:
        flash(str(success), "success")
    return redirect(url_for("judging.market", event_id=event.id))


@bp.post("/market/plan/<any(fix, remake):do>")
@require(EVENT_MANAGER)
def market_plan(event_id: int, do: str):
    """Start the market (fix the timed round plan) or plan the rounds not started again."""
    event = db.get_or_404(Event, event_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("events.market", event_id=event.id))
    if do == "remake":
        run_action(
            lambda: market_service.remake_plan(event, current_user),
            _("The round plan is made again: the rounds that had started stay as they were."),
        )
        return redirect(url_for("events.market", event_id=event.id))
    try:
        minutes = parse_int(request.form.get("round_minutes", ROUND_MINUTES), *ROUND_MINUTES_RANGE)
    except InputError:
        flash(
            _(
                "Minutes per round: a whole number from %(low)d to %(high)d.",
                low=ROUND_MINUTES_RANGE[0],
                high=ROUND_MINUTES_RANGE[1],
            ),
            "error",
        )
    else:
        run_action(
            lambda: market_service.fix_plan(event, current_user, minutes),
            _("The market has started: the round plan is fixed."),
        )
    return redirect(url_for("events.market", event_id=event.id))
