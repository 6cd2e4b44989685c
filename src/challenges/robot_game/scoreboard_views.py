"""The public robot-game scoreboard: phone page, audience screen and JSON with ETag."""

from flask import Blueprint, abort, jsonify, render_template, request
from flask_login import current_user

from challenges.auth.access import public
from challenges.auth.policies import REFEREES
from challenges.events.models import Event
from challenges.events.services import find_visible_event
from challenges.robot_game import standings

bp = Blueprint("scoreboard", __name__)

POLL_SECONDS = 3


def visible_event(reference: str) -> Event:
    """An event with a Robot Game by id or slug; unpublished only for its crew and organisers."""
    event = find_visible_event(reference, current_user)
    if event is None or not event.season.robot_game_key:
        abort(404)
    return event


@bp.get("/events/<event_ref>/scoreboard")
@public
def phone(event_ref: str):
    event = visible_event(event_ref)
    board = standings.public(event)
    return render_template(
        "robot_game/scoreboard.html",
        event=event,
        board=board,
        screen=False,
        poll=POLL_SECONDS,
        crew=REFEREES.allows(current_user, {"event_id": event.id}),
    )


@bp.get("/events/<event_ref>/scoreboard/screen")
@public
def screen(event_ref: str):
    event = visible_event(event_ref)
    return render_template(
        "robot_game/scoreboard.html",
        event=event,
        board=standings.public(event),
        screen=True,
        poll=POLL_SECONDS,
        crew=False,
    )


@bp.get("/api/v1/events/<event_ref>/scoreboard")
@public
def scoreboard_json(event_ref: str):
    """Verified scores only. Send If-None-Match to get 304 while nothing changed."""
    event = visible_event(event_ref)
    response = jsonify(standings.public(event))
    # Revalidated every poll; an unpublished event's board (crew only) stays out of shared caches.
    response.headers["Cache-Control"] = "no-cache" if event.published else "private, no-cache"
    response.add_etag()
    return response.make_conditional(request)
