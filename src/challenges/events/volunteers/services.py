"""Inviting volunteers to an event and their declared conflicts of interest. Never commits."""

import logging

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from challenges.auth import services as accounts
from challenges.auth.models import User
from challenges.auth.policies import may_grant
from challenges.auth.roles import Role, programme_roles, role_label
from challenges.errors import DomainError
from challenges.events.models import Conflict, Event
from challenges.extensions import db
from challenges.links import absolute_url
from challenges.mail.services import queue_mail
from challenges.schools.models import School

log = logging.getLogger(__name__)


def robot_game(event: Event) -> bool:
    return event.season.programme.has_robot_game


def invitable(event: Event, inviter: User) -> list[Role]:
    """The roles of the event's programme that the inviter may give there."""
    return [
        role for role in programme_roles(robot_game(event)) if may_grant(inviter, role, event.id)
    ]


def role_names(event: Event) -> dict[Role, str]:
    """The event's roles in its programme's words (no referees at a Vakkanjers market)."""
    fll = robot_game(event)
    return {role: role_label(role, fll) for role in programme_roles(fll)}


def invite(event: Event, name: str, email: str, role: Role, invited_by: User) -> User:
    """Give someone a role at this event only; a new person gets an account to set up."""
    if role not in invitable(event, invited_by):
        raise DomainError(_("You cannot give this role at this event."), field="role")
    user = accounts.find_user(email)
    if user is None:
        user = accounts.create_user(name, email, invited_by)
    else:
        queue_mail(
            user.email,
            _l("You help at %(event)s", event=event.name),
            "volunteer",
            user.locale,
            user=user,
            event=event,
            role=role_label(role, robot_game(event)),
            link=absolute_url("core.dashboard"),
        )
    accounts.grant_role(user, role, event, invited_by)
    log.info("%s invited %s as %s at %s", invited_by.email, user.email, role, event.slug)
    return user


def conflicts_of(user: User) -> list[tuple[Conflict, School]]:
    return list(
        db.session.execute(
            select(Conflict, School)
            .join(School, School.id == Conflict.school_id)
            .where(Conflict.user_id == user.id)
            .order_by(School.name)
        ).all()
    )


def declare(user: User, school: School, reason: str | None) -> None:
    if db.session.get(Conflict, (user.id, school.id)):
        raise DomainError(_("You already declared %(school)s.", school=school.name))
    db.session.add(
        Conflict(user_id=user.id, school_id=school.id, reason=(reason or "").strip() or None)
    )


def withdraw_conflict(user: User, school_id: int) -> None:
    conflict = db.session.get(Conflict, (user.id, school_id))
    if conflict is None:
        raise DomainError(_("There is no such declaration."), status=404)
    db.session.delete(conflict)


def conflicting_school_ids(user_ids: list[int]) -> dict[int, set[int]]:
    """Per volunteer, the schools whose teams they may not judge or referee."""
    conflicts: dict[int, set[int]] = {user_id: set() for user_id in user_ids}
    for conflict in db.session.scalars(select(Conflict).where(Conflict.user_id.in_(user_ids))):
        conflicts[conflict.user_id].add(conflict.school_id)
    return conflicts
