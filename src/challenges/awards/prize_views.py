"""The public prize for the organisers and the event's manager: the confirmed votes per team
(never on a public page), the winner recorded (a tie settled with a reason), and the prints
that lead visitors to the vote."""

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from challenges.actions import run_action, run_form_action
from challenges.auth.access import require
from challenges.auth.policies import EVENT_MANAGER, ORGANISER
from challenges.awards import voting
from challenges.awards.forms import WinnerForm
from challenges.events.models import Event
from challenges.extensions import db
from challenges.forms import FORM_ERROR_STATUS, ConfirmForm

bp = Blueprint("public_prize", __name__, url_prefix="/events/<int:event_id>/public-prize")


def _market_event(event_id: int) -> Event:
    """The event of a public prize: a Vakkanjers event; FLL has no public prize."""
    event = db.get_or_404(Event, event_id)
    if event.season.programme.has_robot_game:
        abort(404, _("This event has no public prize: only Vakkanjers events have one."))
    return event


def _with_choices(event: Event, form: WinnerForm) -> list[voting.TallyRow]:
    """The tally; the form offers the teams with the most votes (the only one chosen)."""
    rows = voting.tally_rows(event)
    leaders = [row for row in rows if row.leader]
    form.team.choices = [("", _("Choose a team"))] + [
        (row.team.id, voting.choice_label(row.stand, row.team)) for row in leaders
    ]
    if len(leaders) == 1 and form.team.data is None:
        form.team.data = leaders[0].team.id
    return rows


def _page(event: Event, form: WinnerForm, rows: list[voting.TallyRow]):
    status = FORM_ERROR_STATUS if form.errors or form.form_errors else 200
    return render_template(
        "awards/public_prize.html",
        event=event,
        rows=rows,
        tied=sum(row.leader for row in rows) > 1,
        winner=voting.winner(event),
        form=form,
        confirm=ConfirmForm(),
        may_open=ORGANISER.allows(current_user, {}),
    ), status


@bp.get("")
@require(EVENT_MANAGER)
def overview(event_id: int):
    event = _market_event(event_id)
    form = WinnerForm(formdata=None)
    return _page(event, form, _with_choices(event, form))


@bp.post("/winner")
@require(EVENT_MANAGER)
def record(event_id: int):
    event = _market_event(event_id)
    form = WinnerForm()
    rows = _with_choices(event, form)
    if form.validate() and run_form_action(
        form,
        lambda: voting.record_winner(event, form.team.data, form.reason.data, current_user),
        _("The winner of the public prize is recorded."),
    ):
        return redirect(url_for("public_prize.overview", event_id=event.id))
    return _page(event, form, rows)


@bp.post("/winner/remove")
@require(EVENT_MANAGER)
def withdraw(event_id: int):
    event = _market_event(event_id)
    if ConfirmForm().validate_on_submit():
        run_action(lambda: voting.withdraw_winner(event), _("The decision is removed."))
    return redirect(url_for("public_prize.overview", event_id=event.id))
