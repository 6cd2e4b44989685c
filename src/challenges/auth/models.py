"""Accounts and the roles they hold (global, or scoped to one event)."""

import hashlib
import secrets
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from challenges.auth.roles import Role
from challenges.database import str_enum, utcnow
from challenges.extensions import db

if TYPE_CHECKING:
    from challenges.events.models import Event

EMAIL_LENGTH = 254
NAME_LENGTH = 120
ROLE_TYPE = str_enum(Role, length=32)


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(token: str) -> str:
    """What the database keeps of a random token (a log-in's, an invitation link's): SHA-256
    is enough for 32 random bytes."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def hash_password(password: str) -> str:
    """Werkzeug's hash by the configured method (scrypt; the tests configure a fast one)."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


@cache
def unusable_hash(method: str) -> str:
    """A hash made like real ones, to check against when an account has no password."""
    return generate_password_hash(secrets.token_urlsafe(32), method=method)


def password_matches(user: "User | None", password: str) -> bool:
    """Check with the same hasher whether or not the account (or its password) exists, so the
    answer takes the same time either way."""
    stored = user.password_hash if user is not None else None
    unusable = unusable_hash(current_app.config["PASSWORD_HASH_METHOD"])
    matches = check_password_hash(stored or unusable, password)
    return matches and bool(stored)


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(EMAIL_LENGTH), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(default=True)
    confirmed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    roles: Mapped[list["UserRole"]] = relationship(
        back_populates="user",
        cascade="all, delete-orphan",
        lazy="selectin",
        foreign_keys="UserRole.user_id",
    )
    event_roles: Mapped[list["EventRole"]] = relationship(
        back_populates="user",
        cascade="all, delete-orphan",
        lazy="selectin",
        foreign_keys="EventRole.user_id",
    )

    # The log-in this object was loaded through (not a column): set by the user loader and at
    # log-in. Flask-Login keeps its token in the session and remember-me cookies.
    login_session = None

    def get_id(self) -> str | None:
        return self.login_session.token if self.login_session else None

    def __eq__(self, other: object) -> bool:
        """The same account (UserMixin would compare get_id, which is per log-in now)."""
        if not isinstance(other, User):
            return NotImplemented
        return self is other or (self.id is not None and self.id == other.id)

    def __hash__(self) -> int:
        """Equal accounts hash alike. Unsaved ones (no id yet) share one hash but equal only
        themselves; their hash changes when they get an id, so add them to sets after a flush."""
        return hash((User, self.id))

    @property
    def is_active(self) -> bool:
        return self.active

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        return password_matches(self, password)

    def has_role(self, role: Role) -> bool:
        return any(grant.role == role for grant in self.roles)

    def has_event_role(self, event_id: int, roles: frozenset[Role]) -> bool:
        return any(grant.event_id == event_id and grant.role in roles for grant in self.event_roles)

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class LoginSession(db.Model):
    """One log-in on one device. Its random token lives only in that device's cookies (session
    and remember-me); the row keeps the token's hash, so a copy of the database logs no one in.
    Deleting the row logs the device out, whatever cookies it kept."""

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    remembered: Mapped[bool] = mapped_column(default=False)  # "keep me logged in"
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)

    # The token itself (not a column): known only while handling a request that carries it.
    token = None

    @classmethod
    def new(cls, user: User, remembered: bool) -> "LoginSession":
        token = new_session_token()
        login = cls(user=user, remembered=remembered, token_hash=hash_secret(token))
        login.token = token
        return login


class Granted:
    """The role and who granted it when, after the columns that say whose it is and where."""

    role: Mapped[Role] = mapped_column(ROLE_TYPE, primary_key=True)
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))


class UserRole(Granted, db.Model):
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )

    user: Mapped[User] = relationship(back_populates="roles", foreign_keys=[user_id])


class EventRole(Granted, db.Model):
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )

    user: Mapped[User] = relationship(back_populates="event_roles", foreign_keys=[user_id])
    event: Mapped["Event"] = relationship()
