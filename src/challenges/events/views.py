"""Event pages for the people who run an event."""

from flask import Blueprint, render_template

from challenges.auth.access import require
from challenges.auth.policies import event_role
from challenges.auth.roles import EVENT_ROLES
from challenges.events import services
from challenges.events.models import Event
from challenges.extensions import db

bp = Blueprint("events", __name__, url_prefix="/events")

EVENT_CREW = event_role(*EVENT_ROLES)


@bp.get("/<int:event_id>/volunteers")
@require(EVENT_CREW)
def volunteers(event_id: int):
    event = db.get_or_404(Event, event_id)
    return render_template("events/volunteers.html", event=event, crew=services.crew_by_role(event))
