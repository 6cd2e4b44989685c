"""Log lines with a time, a level and the request they belong to: readable or as JSON.

Every request gets an id: a sane incoming X-Request-ID (nginx's $request_id) or a new one. It
goes back in the response's X-Request-ID header and onto every line logged while the request
runs, so that a user's report, the proxy's log and the app's log meet.
"""

import json
import logging
import re
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

from flask import Flask, Response, g, has_request_context, request
from sqlalchemy import inspect

REQUEST_ID_HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
NONE = "-"

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
HANDLER_NAME = "challenges"

# The app's own loggers at LOG_LEVEL; werkzeug keeps its level (the development server sets
# INFO itself). flask-limiter's own lines are left out: challenges.ratelimits says when Redis
# goes and comes back, in the app's words. gunicorn.error is left to gunicorn: it has its own
# handler and does not propagate, so ours would print its lines twice.
APP_LOGGER = "challenges"
LIBRARY_LOGGERS = ("werkzeug",)


def iso_time(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")


class PlainFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return iso_time(record)

    def formatMessage(self, record: logging.LogRecord) -> str:
        """One record, one line: a line break typed into a team name must not forge a line."""
        record.message = record.message.replace("\r", "\\r").replace("\n", "\\n")
        return super().formatMessage(record)


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for a log collector."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": iso_time(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": record.request_id,
            "user_id": record.user_id,
            "endpoint": record.endpoint,
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


FORMATTERS = {"plain": PlainFormatter, "json": JsonFormatter}


class RequestDetails(logging.Filter):
    """Puts the request id, the user id and the endpoint (or "-") on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        inside = has_request_context()
        record.request_id = current_request_id() if inside else NONE
        record.user_id = loaded_user_id() if inside else NONE
        record.endpoint = (request.endpoint or NONE) if inside else NONE
        return True


def loaded_user_id() -> str:
    """The id of the account this request has loaded so far. Never loads one: a log line must
    not query the database (which may be what failed), so the id is read from the identity
    SQLAlchemy keeps, also once a commit or rollback expired the object."""
    state = inspect(g.get("_login_user"), raiseerr=False)  # where Flask-Login keeps the user
    identity = state.identity if state is not None else None
    return str(identity[0]) if identity else NONE


def request_id_from(header: str | None) -> str:
    """The proxy's id when it is sane, else a new one (a hostile header never reaches a log)."""
    if header and SANE_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def current_request_id() -> str:
    """This request's id, taken or made when first asked for."""
    if "request_id" not in g:
        g.request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
    return g.request_id


def add_request_id(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = current_request_id()
    return response


def choose(setting: str, value: str, options: Iterable[str]) -> str:
    """The setting's value when it is one of the options; a clear error at start-up if not."""
    if value not in options:
        raise ValueError(
            f"{setting} (CHALLENGES_{setting}) is {value!r}; use one of {', '.join(options)}."
        )
    return value


def install(logger: logging.Logger, handler: logging.Handler) -> None:
    """Replace this module's handler of an earlier app (tests build many apps in one process)."""
    for old in [h for h in logger.handlers if h.get_name() == handler.get_name()]:
        logger.removeHandler(old)
    logger.addHandler(handler)


def init_app(app: Flask) -> None:
    """Configure logging from LOG_LEVEL and LOG_FORMAT; refuse unknown values at start-up."""
    level = choose("LOG_LEVEL", str(app.config["LOG_LEVEL"]).upper(), LEVELS)
    style = choose("LOG_FORMAT", str(app.config["LOG_FORMAT"]), FORMATTERS)
    handler = logging.StreamHandler()
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(FORMATTERS[style]())
    handler.addFilter(RequestDetails())
    logging.getLogger(APP_LOGGER).setLevel(level)
    for name in (APP_LOGGER, *LIBRARY_LOGGERS):
        install(logging.getLogger(name), handler)
    app.after_request(add_request_id)
