"""Event pages for the people who run an event."""

from collections import Counter

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user

from challenges.actions import run_action
from challenges.auth.access import require
from challenges.auth.policies import event_role
from challenges.auth.roles import EVENT_ROLES, Role
from challenges.events import services
from challenges.events.models import Attendance, Event
from challenges.extensions import db
from challenges.forms import ConfirmForm

bp = Blueprint("events", __name__, url_prefix="/events")

EVENT_CREW = event_role(*EVENT_ROLES)
EVENT_MANAGER = event_role(Role.EVENT_MANAGER)


@bp.get("/<int:event_id>/volunteers")
@require(EVENT_CREW)
def volunteers(event_id: int):
    event = db.get_or_404(Event, event_id)
    return render_template("events/volunteers.html", event=event, crew=services.crew_by_role(event))


@bp.get("/<int:event_id>/check-in")
@require(EVENT_MANAGER)
def check_in(event_id: int):
    event = db.get_or_404(Event, event_id)
    rows = services.check_in_list(event)
    counts = Counter(placed.attendance for placed, _team in rows)
    return render_template(
        "events/check_in.html", event=event, rows=rows, counts=counts, form=ConfirmForm()
    )


@bp.post("/<int:event_id>/check-in/<int:team_id>")
@require(EVENT_MANAGER)
def mark(event_id: int, team_id: int):
    event = db.get_or_404(Event, event_id)
    try:
        attendance = Attendance(request.form.get("attendance", ""))
    except ValueError:
        abort(400)
    if ConfirmForm().validate_on_submit():
        run_action(lambda: services.set_attendance(event, team_id, attendance, current_user))
    return redirect(url_for("events.check_in", event_id=event.id) + f"#team-{team_id}")
