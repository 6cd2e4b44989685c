"""Friendly error pages (HTML or JSON) and the domain error raised by services."""

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, abort, jsonify, make_response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from challenges.database import database_busy, only_reading_from_now
from challenges.extensions import db
from challenges.inputs import InputError
from challenges.logs import NONE, current_request_id, loaded_user_id
from challenges.security import cookies_dropped_over_http

log = logging.getLogger(__name__)
T = TypeVar("T")


class DomainError(Exception):
    """A rule of the domain refused an action; the message is meant for the user. `problems`
    maps fields (or question ids) to what is wrong with each, when there is more than one."""

    def __init__(
        self,
        message: str,
        field: str | None = None,
        status: int = 400,
        problems: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status
        self.problems = problems or {}


def found_or_404(find: Callable[[], T]) -> T:
    """What `find` looks up for a page's address; where it refuses (no such sheet at this
    event, say), the page is not there: 404 with the refusal's message."""
    try:
        return find()
    except DomainError as error:
        abort(404, error.message)


ERROR_TEXTS = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Please check what you entered."),
    ),
    401: (_l("Please log in"), _l("You need to log in to see this page.")),
    403: (_l("No access"), _l("You do not have permission to see this page.")),
    404: (_l("Page not found"), _l("This page does not exist (any more). Check the address.")),
    405: (_l("Not allowed"), _l("This page cannot be used this way.")),
    409: (_l("Not possible now"), _l("This cannot be done at the moment.")),
    413: (_l("Too large"), _l("What you sent is too large.")),
    429: (
        _l("Too many attempts"),
        _l("Too many attempts in a short time. Please wait a minute and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An unexpected error occurred. It has been logged; please try again later."),
    ),
    503: (
        _l("Temporarily unavailable"),
        _l("The service is temporarily unavailable. Please try again shortly."),
    ),
}


INPUT_PROBLEMS = {
    "not_a_number": _l("'%(value)s' is not a whole number."),
    "out_of_range": _l("%(value)s is not a number from %(minimum)s to %(maximum)s."),
    "json_too_large": _l("What was sent is larger than %(limit)s bytes."),
    "json_too_deep": _l("What was sent is nested deeper than %(limit)s levels."),
    "not_json": _l("What was sent is not valid JSON."),
    "json_text": _l(
        "What was sent holds a character that is not allowed (NUL or half a character)."
    ),
    "not_text": _l(
        "Line %(line)s holds a character that no text file holds (%(character)s): "
        "this is not a CSV file."
    ),
    "field_too_long": _l("Line %(line)s has a field longer than %(limit)s characters."),
    "not_csv": _l("Line %(line)s cannot be read as CSV."),
    "not_workbook": _l("the file is not an Excel workbook"),
}


def input_problem(error: InputError) -> str:
    """What is wrong with refused input, in the user's language."""
    return str(INPUT_PROBLEMS[error.code]) % error.params


def refused_input(error: InputError, field: str | None = None) -> DomainError:
    return DomainError(input_problem(error), field, 413 if error.code == "json_too_large" else 400)


def wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and not request.accept_mimetypes.accept_html


def error_response(status: int, detail: str | None = None, field: str | None = None) -> Response:
    title, text = ERROR_TEXTS.get(status, ERROR_TEXTS[500])
    detail = detail or str(text)
    if wants_json():
        body = {"error": str(title), "message": detail}
        if field:
            body["field"] = field
        response = jsonify(body)
    else:
        response = render_template(
            "errors/error.html",
            status=status,
            title=title,
            detail=detail,
            request_id=current_request_id(),
        )
    return response, status


def refusal(error: DomainError, **details: Any) -> tuple[Response, int]:
    """A tablet's submission refused: the message and the problems per field, as JSON.
    `"stored": false` tells the tablet that the server does not have it."""
    problems = error.problems or ({error.field: error.message} if error.field else {})
    body = {
        "stored": False,
        "error": str(_l("Not saved")),
        "message": error.message,
        "problems": problems,
    }
    return jsonify(body | details), error.status


def handle_http_exception(error: HTTPException):
    described = getattr(error, "user_message", None) or given_description(error)
    return error_response(error.code or 500, described)


def given_description(error: HTTPException) -> str | None:
    """The text a view gave to `abort(code, text)`. werkzeug's own default texts are English
    and technical, and other libraries' are not meant for users (a rate limit's description
    is the limit, "5 per 1 minute"): the page's own text stands then."""
    own = type(error).__module__ == "werkzeug.exceptions"
    return error.description if own and error.description != type(error).description else None


FORM_EXPIRED = _l("The form has expired or was sent from elsewhere. Reload the page and try again.")
COOKIES_NEED_HTTPS = _l(
    "This site was opened over plain http, but it only keeps its cookie over HTTPS, so your "
    "browser threw the form's cookie away. Open the site with https://. If that does not work, "
    "the administrator should serve it over HTTPS (behind a proxy: "
    "CHALLENGES_TRUSTED_PROXIES=1) or, on a trusted network, set CHALLENGES_COOKIE_SECURE=false."
)


def handle_csrf_error(error: CSRFError):
    if cookies_dropped_over_http():
        return error_response(400, f"{FORM_EXPIRED} {COOKIES_NEED_HTTPS}")
    return error_response(400, str(FORM_EXPIRED))


def handle_domain_error(error: DomainError):
    db.session.rollback()
    return error_response(error.status, error.message, error.field)


def handle_input_error(error: InputError):
    return handle_domain_error(refused_input(error))


# Seconds a client is asked to wait when the database was too busy to answer.
BUSY_RETRY_AFTER = 5


def handle_unexpected(error: Exception):
    if isinstance(error, HTTPException):
        return handle_http_exception(error)
    if database_busy(error):
        log.warning("Database busy on %s %r: answered 503", request.method, request.path)
        db.session.rollback()
        only_reading_from_now()  # the page reads (the visitor's language), no more
        response = make_response(error_response(503))
        response.headers["Retry-After"] = str(BUSY_RETRY_AFTER)
        return response
    log.exception(
        "Unhandled error on %s %r (endpoint %s, user %s)",
        request.method,
        request.path,
        request.endpoint or NONE,
        loaded_user_id(),
    )
    db.session.rollback()
    return error_response(InternalServerError.code)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(InputError, handle_input_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
