"""The public scoreboard answered in front of the app, for the crowd that asks every few seconds.

The app makes each scoreboard response once per version of the event's board (see
scoreboard_cache). This WSGI layer keeps the last response the app marked public for each
address, as the app gave it, and gives it again (or a 304 to a visitor who has it) without
running the app: no hooks, no session, no templates. It does so only while the event's
scoreboard version is the one the response was made for; the version is read from the
database at most once every SCOREBOARD_VERSION_TTL seconds per event in each process.

What it keeps is whatever the app decided everyone may get: a request with a session or
remember-me cookie, any method but GET and any response that is not `public` pass through.
"""

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial

from flask import Flask
from flask_login import config as login_config
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException
from werkzeug.http import parse_cookie, parse_etags, unquote_etag
from werkzeug.routing import Map

from challenges.events.models import Event
from challenges.extensions import db
from challenges.i18n import LANGUAGE_COOKIE
from challenges.logs import REQUEST_ID_HEADER, request_id_from
from challenges.robot_game.scoreboard_cache import ScoreboardCache, board_of
from challenges.seasons.models import Season

# The views whose public responses the front gives again (robot_game.scoreboard_views).
BOARD_ENDPOINTS = frozenset(
    {
        "robot_game_scoreboard.phone",
        "robot_game_scoreboard.screen",
        "robot_game_scoreboard.scoreboard_json",
    }
)
# Headers of one response only, never given again.
OWN_HEADERS = frozenset({"date", "x-request-id", "set-cookie"})
# What a 304 carries (RFC 9110, 15.4.5): what guides the visitor's cache. The visitor keeps the
# other headers of the response it holds; sending them again costs every poll bytes and time.
UNCHANGED_HEADERS = frozenset({"cache-control", "content-location", "etag", "expires", "vary"})

# The event's scoreboard version and whether everyone sees the board; None when it is gone.
VersionReader = Callable[[int], tuple[int, bool] | None]
Headers = list[tuple[str, str]]


@dataclass(frozen=True)
class Kept:
    event_id: int
    version: int
    etag: str
    headers: Headers
    body: bytes
    unchanged: Headers  # a 304's: the headers without the body's


class Versions:
    """Each event's scoreboard version, read again once it is `ttl` seconds old."""

    def __init__(self, read: VersionReader, ttl: float) -> None:
        self.read = read
        self.ttl = ttl
        self._known: dict[int, tuple[float, tuple[int, bool] | None]] = {}
        self._lock = threading.Lock()

    def current(self, event_id: int) -> tuple[int, bool] | None:
        now = time.monotonic()
        with self._lock:
            known = self._known.get(event_id)
        if known is not None and now - known[0] < self.ttl:
            return known[1]
        version = self.read(event_id)
        with self._lock:
            self._known[event_id] = (now, version)
        return version


class ScoreboardFront:
    """WSGI middleware: the kept public scoreboard responses, or the app."""

    def __init__(
        self, app, url_map: Map, versions: Versions, session_cookies: Iterable[str]
    ) -> None:
        self.app = app
        self.url_map = url_map
        self.versions = versions
        self.session_cookies = frozenset(session_cookies)
        self.kept = ScoreboardCache()

    def __call__(self, environ: dict, start_response):
        cookies = parse_cookie(environ) if "HTTP_COOKIE" in environ else {}
        if not self.for_everyone(environ, cookies):
            return self.app(environ, start_response)
        # everything the app's answer depends on but the board's version (i18n.select_locale)
        key = (
            environ.get("SCRIPT_NAME", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
            cookies.get(LANGUAGE_COOKIE, ""),
        )
        # Only a board's answer is ever kept, so a kept address needs no routing again.
        kept = self.kept.find(key)
        if kept is not None and self.still_current(kept):
            return answer(kept, environ, start_response)
        if kept is None and not self.is_board(environ):
            return self.app(environ, start_response)
        return self.pass_and_keep(key, environ, start_response)

    def for_everyone(self, environ: dict, cookies: Mapping[str, str]) -> bool:
        """A GET that may be of a scoreboard, by a visitor without a log-in (no session
        cookie at all)."""
        if environ.get("REQUEST_METHOD") != "GET":
            return False
        return "scoreboard" in environ.get("PATH_INFO", "") and not (
            self.session_cookies & cookies.keys()
        )

    def is_board(self, environ: dict) -> bool:
        """The address is one of the board views the front may keep."""
        try:
            endpoint, _arguments = self.url_map.bind_to_environ(environ).match()
        except HTTPException:  # not found, or a redirect: the app answers
            return False
        return endpoint in BOARD_ENDPOINTS

    def still_current(self, kept: Kept) -> bool:
        """The board is the one kept, and still shown to everyone; when the database cannot
        tell, the app answers (and says what is wrong)."""
        try:
            return self.versions.current(kept.event_id) == (kept.version, True)
        except SQLAlchemyError:
            return False

    def pass_and_keep(self, key: tuple, environ: dict, start_response):
        """The app answers, asked without If-None-Match so that a public 200 can be kept for
        the next visitor (this one still gets a 304 if they have it)."""
        answered: list = []
        asked = {name: value for name, value in environ.items() if name != "HTTP_IF_NONE_MATCH"}

        def note(status: str, headers: Headers, exc_info=None):
            answered[:] = [status, headers]
            return body_parts.append

        body_parts: list[bytes] = []
        chunks = self.app(asked, note)
        try:
            body_parts.extend(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        status, headers = answered
        body = b"".join(body_parts)
        kept = keepable(status, headers, body)
        if kept is None:
            start_response(status, headers)
            return [body]
        self.kept.keep(key, kept)
        own_id = next((value for name, value in headers if name.lower() == "x-request-id"), None)
        return answer(kept, environ, start_response, own_id)


def keepable(status: str, headers: Headers, body: bytes) -> Kept | None:
    """The response as kept, when the app said everyone may have it."""
    named = {name.lower(): value for name, value in headers}
    tag, _weak = unquote_etag(named.get("etag"))
    board = board_of(tag or "")
    public = named.get("cache-control", "").startswith("public")
    if not status.startswith("200") or not public or "set-cookie" in named or not board:
        return None
    kept_headers = [(name, value) for name, value in headers if name.lower() not in OWN_HEADERS]
    unchanged = [item for item in kept_headers if item[0].lower() in UNCHANGED_HEADERS]
    return Kept(*board, tag, kept_headers, body, unchanged)


def answer(kept: Kept, environ: dict, start_response, request_id: str | None = None) -> list[bytes]:
    """The kept response (or a 304), with this request's id: the app's when it ran."""
    request_id = (
        REQUEST_ID_HEADER,
        request_id or request_id_from(environ.get("HTTP_X_REQUEST_ID")),
    )
    if has_it(environ.get("HTTP_IF_NONE_MATCH"), kept.etag):
        start_response("304 NOT MODIFIED", [*kept.unchanged, request_id])
        return []
    start_response("200 OK", [*kept.headers, request_id])
    return [kept.body]


def has_it(if_none_match: str | None, etag: str) -> bool:
    """The visitor holds this board: a phone's usual header (the one tag it was given) is
    compared as it is, anything else is parsed."""
    if not if_none_match:
        return False
    if if_none_match in (f'"{etag}"', f'W/"{etag}"'):
        return True
    return parse_etags(if_none_match).contains_weak(etag)


def read_version(app: Flask, event_id: int) -> tuple[int, bool] | None:
    """The event's scoreboard version, and whether everyone sees the board: the event is
    published and its season has a Robot Game (as scoreboard_views.visible_event asks)."""
    with app.app_context():
        row = db.session.execute(
            select(Event.scoreboard_version, Event.published, Season.robot_game_key)
            .join(Season, Event.season_id == Season.id)
            .where(Event.id == event_id)
        ).first()
    if row is None:
        return None
    return row.scoreboard_version, bool(row.published and row.robot_game_key)


def init_app(app: Flask) -> None:
    versions = Versions(partial(read_version, app), float(app.config["SCOREBOARD_VERSION_TTL"]))
    session_cookies = (
        app.config["SESSION_COOKIE_NAME"],
        app.config.get("REMEMBER_COOKIE_NAME", login_config.COOKIE_NAME),
    )
    app.wsgi_app = ScoreboardFront(app.wsgi_app, app.url_map, versions, session_cookies)
