"""One user action, one transaction: run a service call, then commit, or roll back and say why."""

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Response, flash, jsonify

from challenges.errors import DomainError, refusal
from challenges.extensions import db
from challenges.forms import show_domain_error

T = TypeVar("T")


def attempt(action: Callable[[], T]) -> T | DomainError:
    """Run `action` and commit what it did; a refusal is rolled back and returned for the
    view to show in its own way."""
    try:
        result = action()
    except DomainError as error:
        db.session.rollback()
        return error
    db.session.commit()
    return result


def _run(
    action: Callable[[], Any],
    success: str | None,
    on_error: Callable[[DomainError], None],
    category: str = "success",
) -> bool:
    outcome = attempt(action)
    if isinstance(outcome, DomainError):
        on_error(outcome)
        return False
    if success:
        flash(success, category)
    return True


def run_form_action(form, action: Callable[[], Any], success: str | None = None) -> bool:
    """For a submitted form: a refusal is shown on the form (its field, or the form as a whole)."""
    return _run(action, success, lambda error: show_domain_error(form, error))


def run_action(
    action: Callable[[], Any], success: str | None = None, category: str = "success"
) -> bool:
    """For a button: a refusal is flashed on the page the user returns to; `success` is
    flashed as `category` ("info" for news that is no achievement, such as a log-out)."""
    return _run(action, success, lambda error: flash(error.message, "error"), category)


def run_json_action(
    action: Callable[[], tuple[dict[str, Any], int]],
    details: Callable[[DomainError], dict[str, Any]] = lambda error: {},
) -> tuple[Response, int]:
    """For a tablet's JSON call: `action` gives the body and status of its answer (built
    before the commit, so nothing is read twice); a refusal is answered as `errors.refusal`
    with what `details` adds to it, after the rollback."""
    outcome = attempt(action)
    if isinstance(outcome, DomainError):
        return refusal(outcome, **details(outcome))
    body, status = outcome
    return jsonify(body), status
