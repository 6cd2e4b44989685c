"""Account operations: change and log, never commit (the view commits once)."""

import logging

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from challenges.auth.models import EventRole, User, UserRole
from challenges.auth.roles import Role
from challenges.auth.tokens import make_confirm_token, make_reset_token
from challenges.database import utcnow
from challenges.errors import DomainError
from challenges.events.models import Event
from challenges.extensions import db
from challenges.mail.services import queue_mail

log = logging.getLogger(__name__)


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


def sign_up_coach(name: str, email: str, password: str, locale: str) -> User:
    ensure_email_free(email)
    user = User(name=name.strip(), email=email, locale=locale)
    user.set_password(password)
    user.roles.append(UserRole(role=Role.COACH))
    db.session.add(user)
    db.session.flush()
    send_confirmation(user)
    log.info("Coach account %s signed up", user.email)
    return user


def send_confirmation(user: User) -> None:
    link = url_for("auth.confirm", token=make_confirm_token(user), _external=True)
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
    user = find_user(email)
    if user is None or not user.check_password(password) or not user.active:
        raise DomainError(_("Wrong e-mail address or password."))
    if user.confirmed_at is None:
        raise DomainError(
            _("Confirm your e-mail address first: follow the link in the e-mail we sent you."),
        )
    user.last_login_at = utcnow()
    return user


def request_password_reset(email: str) -> None:
    """Mail a reset link when the account exists; say nothing either way."""
    user = find_user(email)
    if user is None or not user.active:
        log.info("Password reset asked for unknown address")
        return
    link = url_for("auth.reset_password", token=make_reset_token(user), _external=True)
    queue_mail(user.email, _l("Reset your password"), "reset", user.locale, user=user, link=link)


def set_new_password(user: User, password: str) -> None:
    user.set_password(password)
    if user.confirmed_at is None:  # the link came by e-mail, so the address works
        user.confirmed_at = utcnow()
    log.info("Password set for %s", user.email)


def change_password(user: User, current_password: str, new_password: str) -> None:
    if not user.check_password(current_password):
        raise DomainError(_("The current password is not correct."), field="current_password")
    set_new_password(user, new_password)


def create_user(name: str, email: str, created_by: User | None) -> User:
    """An organiser creates an account; the person sets a password through an e-mailed link."""
    ensure_email_free(email)
    user = User(name=name.strip(), email=email)
    db.session.add(user)
    db.session.flush()
    link = url_for("auth.accept_invite", token=make_reset_token(user, invite=True), _external=True)
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
