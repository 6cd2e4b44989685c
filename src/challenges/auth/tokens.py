"""Signed, time-limited tokens for e-mail confirmation, password reset and invitations.

A reset token carries a fingerprint of the current password hash, so it stops working
the moment the password changes: a used token cannot be used again.
"""

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from challenges.auth.models import User
from challenges.extensions import db

CONFIRM_SALT = "confirm-email"
RESET_SALT = "reset-password"
INVITE_SALT = "invite"


class TokenError(Exception):
    def __init__(self, expired: bool) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _serializer(salt: str) -> URLSafeTimedSerializer:
    """Signs with the current key; also reads links signed with an older key that is still
    listed in SECRET_KEY_FALLBACKS (newest first there; itsdangerous wants the newest last)."""
    fallbacks = current_app.config.get("SECRET_KEY_FALLBACKS") or []
    keys = [*reversed(fallbacks), current_app.config["SECRET_KEY"]]
    return URLSafeTimedSerializer(keys, salt=salt)


def _password_fingerprint(user: User) -> str:
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


def _load(salt: str, token: str, max_age: int) -> dict:
    try:
        data = _serializer(salt).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise TokenError(expired=True) from error
    except BadSignature as error:
        raise TokenError(expired=False) from error
    if not isinstance(data, dict):
        raise TokenError(expired=False)
    return data


def make_confirm_token(user: User, next_page: str | None = None) -> str:
    """The confirmation link's token; `next_page`, a path on this site, is where the new
    account continues after confirming (signed with it, so nobody can change it)."""
    return _serializer(CONFIRM_SALT).dumps(
        {"user": user.id, "email": user.email, "next": next_page}
    )


def read_confirm_token(token: str) -> tuple[User, str | None]:
    """The account the token confirms, and where it continues."""
    data = _load(CONFIRM_SALT, token, current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    user = db.session.get(User, data.get("user"))
    if user is None or user.email != data.get("email"):
        raise TokenError(expired=False)
    next_page = data.get("next")
    return user, next_page if isinstance(next_page, str) else None


def make_reset_token(user: User, invite: bool = False) -> str:
    """A password link: a reset (short-lived) or an invitation to a new account (a week)."""
    salt = INVITE_SALT if invite else RESET_SALT
    return _serializer(salt).dumps({"user": user.id, "pw": _password_fingerprint(user)})


def read_reset_token(token: str, invite: bool = False) -> User:
    if invite:
        data = _load(INVITE_SALT, token, current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    else:
        data = _load(RESET_SALT, token, current_app.config["RESET_TOKEN_MAX_AGE"])
    user = db.session.get(User, data.get("user"))
    if user is None or not user.active or data.get("pw") != _password_fingerprint(user):
        raise TokenError(expired=False)
    return user
