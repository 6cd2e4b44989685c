"""Deliberation (the judge advisor records award winners) and advancement (the organiser
confirms tickets to the national final, wildcards, and publishes the results)."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from challenges.actions import run_action
from challenges.auth.access import require
from challenges.auth.policies import JUDGE_ADVISORS, ORGANISER
from challenges.awards import advancing, awarding, voting
from challenges.events.models import Event
from challenges.extensions import db
from challenges.forms import ConfirmForm
from challenges.i18n import current_language as language
from challenges.inputs import parse_id
from challenges.judging import results

bp = Blueprint("awards", __name__, url_prefix="/events/<int:event_id>/awards")


@bp.get("")
@require(JUDGE_ADVISORS)
def awards(event_id: int):
    """Deliberation: per category and award the candidates, the proposal and the winners."""
    event = db.get_or_404(Event, event_id)
    found = results.event_results(event)
    return render_template(
        "awards/awards.html",
        event=event,
        results=found,
        lists=awarding.award_lists(event, found),
        place_label=awarding.place_label,
        language=language(),
        form=ConfirmForm(),
    )


@bp.post("/give")
@require(JUDGE_ADVISORS)
def give_award(event_id: int):
    event = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        form = request.form
        run_action(
            lambda: awarding.give(
                event,
                results.event_results(event),
                form.get("award", ""),
                form.get("category", type=parse_id) or 0,
                form.get("team", type=parse_id) or 0,
                form.get("place", type=parse_id) or 0,
                form.get("reason", ""),
                form.get("override_reason", ""),
                current_user,
            ),
            _("The award is recorded."),
        )
    return redirect(url_for("awards.awards", event_id=event.id))


@bp.post("/<int:winner_id>/remove")
@require(JUDGE_ADVISORS)
def remove_award(event_id: int, winner_id: int):
    event = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        run_action(lambda: awarding.withdraw(event, winner_id), _("The decision is removed."))
    return redirect(url_for("awards.awards", event_id=event.id))


@bp.get("/advancement")
@require(ORGANISER)
def advancement(event_id: int):
    """Per category the quota, the confirmed tickets and the proposal to confirm."""
    event = db.get_or_404(Event, event_id)
    found = results.event_results(event)
    return render_template(
        "awards/advancement.html",
        event=event,
        overview=advancing.overview(event, found),
        first_award=advancing.first_award(found),
        language=language(),
        votes=voting.tally(event),
        form=ConfirmForm(),
    )


def _back_to_advancement(event: Event):
    return redirect(url_for("awards.advancement", event_id=event.id))


@bp.post("/advancement/<int:category_id>/confirm")
@require(ORGANISER)
def confirm_advancement(event_id: int, category_id: int):
    event = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        run_action(
            lambda: advancing.confirm(
                event, results.event_results(event), category_id, current_user
            ),
            _("Confirmed: the teams are placed at the national final and their coaches mailed."),
        )
    return _back_to_advancement(event)


@bp.post("/advancement/tickets/<int:ticket_id>/decline")
@require(ORGANISER)
def decline_ticket(event_id: int, ticket_id: int):
    event = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        reason = request.form.get("reason", "")
        run_action(
            lambda: advancing.decline(event, ticket_id, reason, current_user),
            _("The team declined; the next team is proposed."),
        )
    return _back_to_advancement(event)


@bp.post("/results/<any(publish, unpublish):do>")
@require(ORGANISER)
def publish_results(event_id: int, do: str):
    event = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        run_action(
            lambda: advancing.publish(event, do == "publish"),
            _("The results are public.") if do == "publish" else _("The results are hidden."),
        )
    return _back_to_advancement(event)


@bp.post("/vote/<any(open, close):do>")
@require(ORGANISER)
def public_vote(event_id: int, do: str):
    event = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        run_action(
            lambda: voting.set_open(event, do == "open"),
            _("The public vote is open.") if do == "open" else _("The public vote is closed."),
        )
    return _back_to_advancement(event)


@bp.route("/wildcards", methods=["GET", "POST"])
@require(ORGANISER)
def wildcards(event_id: int):
    """The national panel's wildcards for a national final, each with its reason."""
    event = db.get_or_404(Event, event_id)
    if request.method == "POST" and ConfirmForm().validate_on_submit():
        done = run_action(
            lambda: advancing.add_wildcard(
                event,
                request.form.get("team", type=parse_id) or 0,
                request.form.get("reason", ""),
                current_user,
            ),
            _("The wildcard is recorded; the team is placed and its coaches mailed."),
        )
        if done:
            return redirect(url_for("awards.wildcards", event_id=event.id))
    return render_template(
        "awards/wildcards.html",
        event=event,
        candidates=advancing.wildcard_candidates(event),
        given=advancing.wildcards(event),
        form=ConfirmForm(),
    )
