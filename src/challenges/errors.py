"""Friendly error pages (HTML or JSON) and the domain error raised by services."""

import logging

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from challenges.extensions import db

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A rule of the domain refused an action; the message is meant for the user."""

    def __init__(self, message: str, field: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


ERROR_TEXTS = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Please check what you entered."),
    ),
    401: (_l("Please log in"), _l("You need to log in to see this page.")),
    403: (_l("No access"), _l("You do not have permission to see this page.")),
    404: (_l("Page not found"), _l("This page does not exist (any more). Check the address.")),
    405: (_l("Not allowed"), _l("This page cannot be used this way.")),
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
        response = render_template("errors/error.html", status=status, title=title, detail=detail)
    return response, status


def refusal(error: DomainError) -> tuple[Response, int]:
    """A tablet's submission refused: the message and the problems per field, as JSON."""
    problems = getattr(error, "problems", None) or (
        {error.field: error.message} if error.field else {}
    )
    body = {"error": str(_l("Not saved")), "message": error.message, "problems": problems}
    return jsonify(body), error.status


def handle_http_exception(error: HTTPException):
    described = getattr(error, "user_message", None)
    return error_response(error.code or 500, described)


def handle_csrf_error(error: CSRFError):
    return error_response(
        400,
        str(_l("The form has expired or was sent from elsewhere. Reload the page and try again.")),
    )


def handle_domain_error(error: DomainError):
    db.session.rollback()
    return error_response(error.status, error.message, error.field)


def handle_unexpected(error: Exception):
    if isinstance(error, HTTPException):
        return handle_http_exception(error)
    log.exception("Unhandled error on %s %s", request.method, request.path)
    db.session.rollback()
    return error_response(InternalServerError.code)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
