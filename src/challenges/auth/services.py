"""Account operations: change and log, never commit (the view commits once)."""

import logging
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, delete, not_, or_, select
from sqlalchemy.orm import joinedload

from challenges.auth.models import (
    EventRole,
    LoginSession,
    User,
    UserRole,
    hash_secret,
    password_matches,
)
from challenges.auth.roles import Role, programme_roles
from challenges.auth.tokens import make_confirm_token, make_reset_token
from challenges.database import lock_rows, utcnow
from challenges.errors import DomainError
from challenges.events.models import Event
from challenges.extensions import db
from challenges.links import absolute_url
from challenges.mail.services import queue_mail

log = logging.getLogger(__name__)

# A log-in without "keep me logged in" ends after this long without a request (a referee's
# tablet through a whole event day stays logged in); a remembered one lasts as long as its
# cookie, REMEMBER_COOKIE_DURATION.
IDLE_LIFETIME = timedelta(hours=12)
# A log-in notes its last request at most this often, to keep writes few.
SEEN_INTERVAL = timedelta(minutes=5)


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def ensure_email_free(email: str) -> None:
    if find_user(email):
        raise DomainError(
            _(
                "An account with this e-mail address already exists. "
                "Log in, or reset your password."
            ),
            field="email",
        )


def sign_up_coach(
    name: str, email: str, password: str, locale: str, next_page: str | None = None
) -> User | None:
    """A new coach account, or (when the address has one) a mail to its owner and None: the
    person signing up sees the same answer either way, so addresses cannot be probed."""
    existing = find_user(email)
    if existing is not None:
        password_matches(None, password)  # as long as hashing the new password would take
        tell_owner_of_sign_up(existing, locale)
        return None
    user = User(name=name.strip(), email=email, locale=locale)
    user.set_password(password)
    user.roles.append(UserRole(role=Role.COACH))
    db.session.add(user)
    db.session.flush()
    send_confirmation(user, next_page)
    log.info("Coach account %s signed up", user.email)
    return user


def tell_owner_of_sign_up(user: User, locale: str) -> None:
    queue_mail(
        user.email,
        _l("Someone tried to sign up with your e-mail address"),
        "signup_existing",
        user.locale or locale,
        user=user,
        login_link=absolute_url("auth.login"),
        reset_link=absolute_url("auth.request_reset"),
    )
    log.info("Sign-up tried for existing account %s; its owner was told", user.email)


def send_confirmation(user: User, next_page: str | None = None) -> None:
    link = absolute_url("auth.confirm", token=make_confirm_token(user, next_page))
    queue_mail(
        user.email, _l("Confirm your e-mail address"), "confirm", user.locale, user=user, link=link
    )


def confirm_email(user: User) -> bool:
    """Mark the address confirmed; False when it already was."""
    if user.confirmed_at:
        return False
    user.confirmed_at = utcnow()
    return True


def authenticate(email: str, password: str) -> User:
    """The account, checked with one password hash whether it exists or not (same time); it
    only reads, so a view can check outside SQLite's write lock (database.reading_only)."""
    user = find_user(email)
    if not password_matches(user, password) or not user.active:
        raise DomainError(_("Wrong e-mail address or password."))
    if user.confirmed_at is None:
        raise DomainError(
            _("Confirm your e-mail address first: follow the link in the e-mail we sent you."),
        )
    return user


def still_valid(user: User, checked_hash: str | None) -> None:
    """After `authenticate` outside the write lock: the account, locked now, still has the
    password that was checked and is still active (a reset or a block may have come between)."""
    lock_rows(db.session, User, [user.id])
    if user.password_hash != checked_hash or not user.active:
        raise DomainError(_("Wrong e-mail address or password."))


def request_password_reset(email: str) -> None:
    """Mail a reset link when the account exists; say nothing either way."""
    user = find_user(email)
    if user is None or not user.active:
        log.info("Password reset asked for unknown address")
        return
    link = absolute_url("auth.reset_password", token=make_reset_token(user))
    queue_mail(user.email, _l("Reset your password"), "reset", user.locale, user=user, link=link)


def set_new_password(user: User, password: str, keep: LoginSession | None = None) -> None:
    """Set the password and log out every device, except the log-in `keep`."""
    user.set_password(password)
    if user.confirmed_at is None:  # the link came by e-mail, so the address works
        user.confirmed_at = utcnow()
    end_sessions(user, keep)
    log.info("Password set for %s", user.email)


def change_password(user: User, current_password: str, new_password: str) -> None:
    """The user's own change: the device that changed it stays logged in."""
    if not user.check_password(current_password):
        raise DomainError(_("The current password is not correct."), field="current_password")
    set_new_password(user, new_password, keep=user.login_session)


def remember_duration() -> timedelta:
    """How long a remember-me cookie lasts (the setting may be a number of seconds)."""
    duration = current_app.config["REMEMBER_COOKIE_DURATION"]
    return duration if isinstance(duration, timedelta) else timedelta(seconds=duration)


def expired(now: datetime) -> ColumnElement[bool]:
    """The log-ins that have ended by `now`: a remembered one with its cookie, another one
    after IDLE_LIFETIME without a request."""
    return or_(
        and_(LoginSession.remembered, LoginSession.created_at < now - remember_duration()),
        and_(not_(LoginSession.remembered), LoginSession.last_seen_at < now - IDLE_LIFETIME),
    )


def start_session(user: User, remembered: bool) -> LoginSession:
    """A new log-in; its token goes into the session cookie (and the remember-me cookie)."""
    db.session.execute(delete(LoginSession).where(expired(utcnow())))
    login = LoginSession.new(user, remembered)
    db.session.add(login)
    db.session.flush()
    user.login_session = login
    user.last_login_at = utcnow()
    return login


def resume_session(token: str) -> User | None:
    """The account a cookie's log-in belongs to, with `login_session` set; None once that
    log-in ended (logged out, password changed or reset, expired) or the account is disabled."""
    account = joinedload(LoginSession.user)
    login = (
        db.session.execute(
            select(LoginSession)
            .where(LoginSession.token_hash == hash_secret(token), not_(expired(utcnow())))
            # One round trip on every request: the account and its roles come along.
            .options(account.joinedload(User.roles), account.joinedload(User.event_roles))
        )
        .unique()
        .scalar_one_or_none()
    )
    if login is None or not login.user.active:
        return None
    login.token = token
    login.user.login_session = login
    return login.user


def note_request(login: LoginSession) -> bool:
    """Move the log-in's idle deadline, at most once every SEEN_INTERVAL; True when it did
    (the caller commits)."""
    now = utcnow()
    if now - login.last_seen_at < SEEN_INTERVAL:
        return False
    login.last_seen_at = now
    return True


def end_session(login: LoginSession | None) -> None:
    if login is not None:
        db.session.execute(delete(LoginSession).where(LoginSession.token_hash == login.token_hash))


def end_sessions(user: User, keep: LoginSession | None = None) -> None:
    """Log the account out everywhere, except the log-in `keep`."""
    query = delete(LoginSession).where(LoginSession.user_id == user.id)
    if keep is not None:
        query = query.where(LoginSession.token_hash != keep.token_hash)
    db.session.execute(query)


def create_user(name: str, email: str, created_by: User | None) -> User:
    """An organiser creates an account; the person sets a password through an e-mailed link."""
    ensure_email_free(email)
    user = User(name=name.strip(), email=email)
    db.session.add(user)
    db.session.flush()
    link = absolute_url("auth.accept_invite", token=make_reset_token(user, invite=True))
    inviter = created_by.name if created_by else "Challenges"
    queue_mail(
        user.email,
        _l("Your account for Challenges"),
        "invite",
        None,
        user=user,
        link=link,
        inviter=inviter,
    )
    log.info("Account %s created by %s", email, created_by.email if created_by else "the CLI")
    return user


def grant_role(user: User, role: Role, event: Event | None, granted_by: User | None) -> None:
    if role.is_event_role and event is None:
        raise DomainError(_("Choose the event for this role."), field="event_id")
    if role.is_event_role and role not in programme_roles(event.season.programme.has_robot_game):
        raise DomainError(
            _("This event has no robot game, so it has no referees: choose another role."),
            field="role",
        )
    granter = granted_by.id if granted_by else None
    if role.is_event_role:
        if not user.has_event_role(event.id, frozenset({role})):
            user.event_roles.append(EventRole(event=event, role=role, granted_by_id=granter))
    elif not user.has_role(role):
        user.roles.append(UserRole(role=role, granted_by_id=granter))
    log.info(
        "Role %s%s granted to %s",
        role,
        f" at {event.slug}" if event and role.is_event_role else "",
        user.email,
    )


def revoke_role(user: User, role: Role, event_id: int | None, revoked_by: User) -> None:
    if role is Role.ORGANISER and user.id == revoked_by.id:
        raise DomainError(_("You cannot take away your own organiser role."))
    if role.is_event_role:
        user.event_roles = [
            g for g in user.event_roles if not (g.role == role and g.event_id == event_id)
        ]
    else:
        user.roles = [g for g in user.roles if g.role != role]
    log.info("Role %s revoked from %s by %s", role, user.email, revoked_by.email)
