"""Deliberation (the judge advisor records award winners) and advancement (the organiser
confirms tickets to the national final, wildcards, and publishes the results)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from challenges.actions import attempt, run_action
from challenges.auth.access import require
from challenges.auth.policies import JUDGE_ADVISORS, ORGANISER
from challenges.awards import awarding, national, results, tickets, visibility, voting
from challenges.errors import DomainError
from challenges.events.models import Event
from challenges.extensions import db
from challenges.forms import ConfirmForm
from challenges.i18n import current_language as language
from challenges.inputs import InputError, parse_id

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
        ties=tickets.open_ties(event, found),
        tie_text=tickets.tie_text,
        language=language(),
        form=ConfirmForm(),
    )


def _places(form: MultiDict) -> dict[int, int | None]:
    """The places the jury gave the tied teams (fields place-<team id>); nonsense is left
    out, so that the service asks again."""
    found: dict[int, int | None] = {}
    for key, value in form.items():
        if key.startswith("place-"):
            try:
                found[parse_id(key.removeprefix("place-"))] = parse_id(value)
            except InputError:
                continue
    return found


@bp.post("/ties")
@require(JUDGE_ADVISORS)
def break_tie(event_id: int):
    """The jury orders tied teams where the tie decides a ticket, with a reason."""
    event = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        form = request.form
        run_action(
            lambda: tickets.break_tie(
                event,
                results.event_results(event),
                tickets.TieOrder(
                    category_id=form.get("category", type=parse_id) or 0,
                    places=_places(form),
                    reason=form.get("reason", ""),
                ),
                current_user,
            ),
            _("The tie is broken; the order and the reason are recorded."),
        )
    return redirect(url_for("awards.awards", event_id=event.id) + "#ties")


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
                awarding.Decision(
                    award_id=form.get("award", ""),
                    category_id=form.get("category", type=parse_id) or 0,
                    team_id=form.get("team", type=parse_id) or 0,
                    place=form.get("place", type=parse_id) or 0,
                    reason=form.get("reason", ""),
                    override_reason=form.get("override_reason", ""),
                ),
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
    return _advancement_page(db.get_or_404(Event, event_id))


def _advancement_page(event: Event, status: int = 200):
    found = results.event_results(event)
    page = render_template(
        "awards/advancement.html",
        event=event,
        overview=tickets.overview(event, found),
        ties=tickets.open_ties(event, found),
        tie_text=tickets.tie_text,
        ticket_reason=awarding.ticket_reason,
        reason_label=awarding.reason_label,
        first_award=tickets.first_award(found),
        ranking_shown=visibility.ranking_shown(event),
        language=language(),
        votes=voting.total_votes(event),
        form=ConfirmForm(),
    )
    return page, status


def _back_to_advancement(event: Event):
    return redirect(url_for("awards.advancement", event_id=event.id))


@bp.post("/advancement/<int:category_id>/confirm")
@require(ORGANISER)
def confirm_advancement(event_id: int, category_id: int):
    """Confirm the proposal the organiser saw (its team ids are posted along); when it has
    changed meanwhile, the page is shown again with the new proposal (409)."""
    event = db.get_or_404(Event, event_id)
    if not ConfirmForm().validate_on_submit():
        return _back_to_advancement(event)
    seen = request.form.getlist("team", type=parse_id)  # nonsense is left out: a change
    done = attempt(
        lambda: tickets.confirm(
            event, results.event_results(event), category_id, seen, current_user
        )
    )
    if not isinstance(done, DomainError):
        flash(confirmed_text(done), "success")
        return _back_to_advancement(event)
    flash(done.message, "error")
    if done.status == 409:
        return _advancement_page(event, 409)
    return _back_to_advancement(event)


def confirmed_text(done: tickets.Confirmed) -> str:
    """What really happened: the tickets given and the mails actually queued."""
    placed = ngettext(
        "Confirmed: %(num)d team is placed at the national final.",
        "Confirmed: %(num)d teams are placed at the national final.",
        done.tickets,
    )
    return placed + " " + mailed_text(done)


def mailed_text(done: tickets.Confirmed) -> str:
    if not done.mails:
        return _("No coach to mail: tell the team yourself.")
    return ngettext("%(num)d coach mailed.", "%(num)d coaches mailed.", done.mails)


@bp.post("/advancement/tickets/<int:ticket_id>/decline")
@require(ORGANISER)
def decline_ticket(event_id: int, ticket_id: int):
    event = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        reason = request.form.get("reason", "")
        run_action(
            lambda: tickets.decline(event, ticket_id, reason, current_user),
            _("The team declined; the next team is proposed."),
        )
    return _back_to_advancement(event)


@bp.post("/results/<any(publish, unpublish):do>")
@require(ORGANISER)
def publish_results(event_id: int, do: str):
    event = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        run_action(
            lambda: tickets.publish(event, do == "publish"),
            _("The results are public.") if do == "publish" else _("The results are hidden."),
        )
    return _back_to_advancement(event)


@bp.post("/results/ranking/<any(show, hide):do>")
@require(ORGANISER)
def results_ranking(event_id: int, do: str):
    """Whether the public results show the full ranking besides prizes and tickets."""
    event = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        run_action(
            lambda: visibility.show_ranking(event, do == "show"),
            _("The results page shows the full ranking.")
            if do == "show"
            else _("The results page shows prizes and tickets only."),
        )
    return _back_to_advancement(event)


@bp.route("/wildcards", methods=["GET", "POST"])
@require(ORGANISER)
def wildcards(event_id: int):
    """A national final's finalists per category (origin, reason, answer) and the national
    panel's wildcards, each with its reason."""
    event = db.get_or_404(Event, event_id)
    if request.method == "POST" and ConfirmForm().validate_on_submit():
        done: list[tickets.Confirmed] = []
        if run_action(
            lambda: done.append(
                national.add_wildcard(
                    event,
                    request.form.get("team", type=parse_id) or 0,
                    request.form.get("reason", ""),
                    current_user,
                )
            )
        ):
            flash(
                _("The wildcard is recorded; the team is placed.") + " " + mailed_text(done[0]),
                "success",
            )
            return redirect(url_for("awards.wildcards", event_id=event.id))
    return render_template(
        "awards/wildcards.html",
        event=event,
        candidates=national.wildcard_candidates(event),
        finalists=national.finalists(event),
        ticket_reason=awarding.ticket_reason,
        form=ConfirmForm(),
    )
