"""The public robot-game scoreboard: phone page, audience screen and JSON.

Each is made once per change of the event's scoreboard version and answered 304, before any
standings work, to a visitor who has the current one (see scoreboard_cache). Pages for a
logged-in visitor name them and may link to the crew's pages: those are made for them alone.
"""

from collections.abc import Callable

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    make_response,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user

from challenges.auth.access import public
from challenges.auth.policies import REFEREES
from challenges.events.models import Event
from challenges.events.services import find_visible_event
from challenges.i18n import current_language
from challenges.robot_game import scoreboard_cache, scoreboard_front, standings

bp = Blueprint("robot_game_scoreboard", __name__)
bp.record_once(lambda state: scoreboard_cache.init_app(state.app))
bp.record_once(lambda state: scoreboard_front.init_app(state.app))

POLL_SECONDS = 3


def visible_event(reference: str) -> Event:
    """An event with a Robot Game by id or slug; unpublished only for its crew and organisers."""
    event = find_visible_event(reference, current_user)
    if event is None or not event.season.robot_game_key:
        abort(404)
    return event


def phone_page(event: Event, **context) -> str:
    """The phone's page; it links the event's referees to their pages (never on the page
    everyone gets: its visitor is logged out)."""
    return render_template(
        "robot_game/scoreboard.html",
        event=event,
        board=standings.public(event),
        screen=False,
        poll=POLL_SECONDS,
        crew=REFEREES.allows(current_user, {"event_id": event.id}),
        **context,
    )


def screen_page(event: Event, **context) -> str:
    return render_template(
        "robot_game/screen.html",
        event=event,
        board=standings.public(event),
        poll=POLL_SECONDS,
        json_url=url_for("robot_game_scoreboard.scoreboard_json", event_ref=event.slug),
        **context,
    )


def board_page(event_ref: str, view: str, render: Callable[..., str]) -> Response:
    event = visible_event(event_ref)
    if everyones_page():
        return page(event, view, render)
    return personal(render(event))


@bp.get("/events/<event_ref>/scoreboard")
@public
def phone(event_ref: str):
    return board_page(event_ref, "phone", phone_page)


@bp.get("/events/<event_ref>/scoreboard/screen")
@public
def screen(event_ref: str):
    return board_page(event_ref, "screen", screen_page)


@bp.get("/api/v1/events/<event_ref>/scoreboard")
@public
def scoreboard_json(event_ref: str):
    """Verified scores only. Send If-None-Match to get 304 while nothing changed."""
    event = visible_event(event_ref)
    return cached(event, "json", lambda: board_json(event), "application/json")


def board_json(event: Event) -> str:
    return current_app.json.dumps(standings.public(event), separators=(",", ":"))


def everyones_page() -> bool:
    """Whether this visitor gets the page everyone gets: not logged in, no message waiting."""
    return not current_user.is_authenticated and "_flashes" not in session


def personal(html: str) -> Response:
    """A page made for this visitor alone: it names them, or shows their messages."""
    response = make_response(html)
    response.headers["Cache-Control"] = "no-store"
    return response


def page(event: Event, view: str, render: Callable[..., str]) -> Response:
    """The page everyone gets, in the visitor's language; the language comes from a cookie (or
    ?lang=), so proxies keep the variants apart by the Cookie header (and the address)."""
    language = current_language()
    response = cached(
        event, f"{view}-{language}", lambda: render(event, csrf_token=no_csrf_token), "text/html"
    )
    response.vary.add("Cookie")
    return response


def no_csrf_token() -> str:
    """A shared page holds nobody's CSRF token (nor starts a session to keep one in)."""
    return ""


def cached(event: Event, variant: str, make: Callable[[], str], mimetype: str) -> Response:
    """304 when the visitor has this version, otherwise the body this process made for it."""
    tag = scoreboard_cache.etag(event, variant)
    if request.if_none_match.contains_weak(tag):
        response = current_app.response_class(status=304)
    else:
        body = scoreboard_cache.body(event, variant, make)
        response = current_app.response_class(body, mimetype=mimetype)
    response.set_etag(tag, weak=True)
    response.headers["Cache-Control"] = scoreboard_cache.cache_control(proxies_may_keep(event))
    return response


def proxies_may_keep(event: Event) -> bool:
    """Whether proxies may keep this response for everyone: the event is published and the
    response sets no cookie (as when a remembered log-in is resumed)."""
    return event.published and not session.modified
