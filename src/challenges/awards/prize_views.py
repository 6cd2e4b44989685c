"""The public prize for the organisers and the event's manager: the confirmed votes per team
(never on a public page), the winner recorded (a tie settled with a reason), and the prints
that lead visitors to the vote."""

from flask import Blueprint, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from challenges.actions import run_action, run_form_action
from challenges.auth.access import require
from challenges.auth.policies import EVENT_MANAGER
from challenges.awards import voting
from challenges.awards.forms import WinnerForm
from challenges.events.models import Event
from challenges.extensions import db
from challenges.forms import ConfirmForm, form_page

bp = Blueprint("awards_public_prize", __name__, url_prefix="/events/<int:event_id>/public-prize")


def _market_event(event_id: int) -> Event:
    """The event of a public prize: a Vakkanjers event; FLL has no public prize."""
    event = db.get_or_404(Event, event_id)
    voting.ensure_public_prize(event)
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
    return form_page(
        "awards/public_prize.html",
        form,
        event=event,
        rows=rows,
        tied=sum(row.leader for row in rows) > 1,
        winner=voting.winner(event),
        confirm=ConfirmForm(),
    )


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
        return redirect(url_for("awards_public_prize.overview", event_id=event.id))
    return _page(event, form, rows)


@bp.post("/vote/<any(open, close):do>")
@require(EVENT_MANAGER)
def vote(event_id: int, do: str):
    """The event's manager (or an organiser) opens and closes the vote on the market day."""
    event = _market_event(event_id)
    if ConfirmForm().validate_on_submit():
        run_action(
            lambda: voting.set_open(event, do == "open"),
            _("The public vote is open.") if do == "open" else _("The public vote is closed."),
        )
    return redirect(url_for("awards_public_prize.overview", event_id=event.id))


@bp.post("/winner/remove")
@require(EVENT_MANAGER)
def withdraw(event_id: int):
    event = _market_event(event_id)
    if ConfirmForm().validate_on_submit():
        run_action(lambda: voting.withdraw_winner(event), _("The decision is removed."))
    return redirect(url_for("awards_public_prize.overview", event_id=event.id))
