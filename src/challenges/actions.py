"""One user action, one transaction: run a service call, then commit, or roll back and say why."""

from collections.abc import Callable
from typing import Any

from flask import flash

from challenges.errors import DomainError
from challenges.extensions import db
from challenges.forms import show_domain_error


def _run(
    action: Callable[[], Any], success: str | None, on_error: Callable[[DomainError], None]
) -> bool:
    try:
        action()
    except DomainError as error:
        db.session.rollback()
        on_error(error)
        return False
    db.session.commit()
    if success:
        flash(success, "success")
    return True


def run_form_action(form, action: Callable[[], Any], success: str | None = None) -> bool:
    """For a submitted form: a refusal is shown on the form (its field, or the form as a whole)."""
    return _run(action, success, lambda error: show_domain_error(form, error))


def run_action(action: Callable[[], Any], success: str | None = None) -> bool:
    """For a button: a refusal is flashed on the page the user returns to."""
    return _run(action, success, lambda error: flash(error.message, "error"))
