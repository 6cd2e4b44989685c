"""@require(policy) and @public: every view declares who may use it."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask_login import current_user
from werkzeug.exceptions import Forbidden

from challenges.auth.policies import PUBLIC, Policy
from challenges.extensions import login_manager

View = TypeVar("View", bound=Callable[..., Any])


class AccessDenied(Forbidden):
    def __init__(self, policy: Policy) -> None:
        super().__init__()
        self.user_message = str(policy.requirement)


def require(policy: Policy) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if policy.needs_login and not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not policy.allows(current_user, kwargs):
                raise AccessDenied(policy)
            return view(*args, **kwargs)

        guarded.access_policy = policy  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate


def public(view: View) -> View:
    view.access_policy = PUBLIC  # type: ignore[attr-defined]
    return view
