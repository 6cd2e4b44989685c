"""@require(policy) and @public: every view declares who may use it; @limit(setting): how often
its posts may come."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import current_app, jsonify, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from flask_login import current_user
from werkzeug.exceptions import Forbidden

from challenges.auth.policies import PUBLIC, Policy
from challenges.extensions import limiter, login_manager

View = TypeVar("View", bound=Callable[..., Any])

NOT_LOGGED_IN = _l("Please log in")
LOG_IN_AGAIN = _l("You are not logged in (any more). Log in again to continue.")


class AccessDenied(Forbidden):
    def __init__(self, policy: Policy) -> None:
        super().__init__()
        self.user_message = str(policy.requirement)


def not_logged_in() -> ResponseReturnValue:
    """A page sends the visitor to the log-in page. The JSON API answers 401 with the log-in
    page's address instead: a tablet keeps what it was sending and asks its user to log in."""
    if not request.path.startswith("/api/"):
        return login_manager.unauthorized()
    body = {
        "error": str(NOT_LOGGED_IN),
        "message": str(LOG_IN_AGAIN),
        "login": url_for(login_manager.login_view),
    }
    return jsonify(body), 401


def require(policy: Policy) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if policy.needs_login and not current_user.is_authenticated:
                return not_logged_in()
            if not policy.allows(current_user, kwargs):
                raise AccessDenied(policy)
            return view(*args, **kwargs)

        guarded.access_policy = policy  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate


def public(view: View) -> View:
    view.access_policy = PUBLIC  # type: ignore[attr-defined]
    return view


def limit(setting: str, key_func: Callable[[], str] = get_remote_address):
    """The limits in `setting` on a view's posts, counted per client address unless `key_func`
    says otherwise."""
    return limiter.limit(lambda: current_app.config[setting], key_func=key_func, methods=["POST"])


def per_user() -> str:
    """Counts a signed-in user's posts, wherever they come from."""
    return f"user:{current_user.id}"
