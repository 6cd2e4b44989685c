"""Finding schools, linking teachers to them, and reviewing requests for missing schools."""

import logging
import re
from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload

from challenges.auth.models import User
from challenges.database import utcnow
from challenges.errors import DomainError
from challenges.extensions import db
from challenges.mail.services import mail_each, queue_mail
from challenges.schools.models import RequestStatus, School, SchoolMembership, SchoolRequest

log = logging.getLogger(__name__)

SEARCH_LIMIT = 25
POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([a-zA-Z]{2})?\s*$")
BRIN = re.compile(r"^\s*([0-9]{2}[a-zA-Z]{2})([0-9]{2})?\s*$")
# What people call a town, and the name DUO's school register gives it.
TOWN_ALIASES = {
    "den bosch": "'s-hertogenbosch",
    "den haag": "'s-gravenhage",
    "the hague": "'s-gravenhage",
}

# Who else teaches at a school: registration builds on schools, so it names the coaches of a
# school's teams when the app starts (`find_colleagues_with`).
_colleague_finders: list[Callable[[School], Select[tuple[int]]]] = []


def find_colleagues_with(*finders: Callable[[School], Select[tuple[int]]]) -> None:
    """Name the queries for the ids of the users, besides its linked teachers, who teach at
    a school."""
    _colleague_finders[:] = finders


def with_official_towns(text: str) -> str:
    """The search text with a town's everyday name replaced by its name in the register."""
    for alias, official in TOWN_ALIASES.items():
        text = re.sub(rf"\b{alias}\b", official, text)
    return text


def search_schools(text: str, limit: int = SEARCH_LIMIT) -> list[School]:
    """By postcode (1234 or 1234 AB), BRIN or vestigingscode, or words of name and town."""
    text = text.strip()
    if len(text) < 2:
        return []
    query = select(School).order_by(School.name, School.town).limit(limit)
    if match := POSTCODE.match(text):
        digits, letters = match.groups()
        prefix = f"{digits} {letters.upper()}" if letters else digits
        return list(db.session.scalars(query.where(School.postcode.startswith(prefix))))
    if match := BRIN.match(text):
        return list(
            db.session.scalars(query.where(School.vestigingscode.startswith(text.strip().upper())))
        )
    for word in with_official_towns(text.lower()).split()[:5]:  # % and _ are no wildcards here
        query = query.where(
            or_(
                func.lower(School.name).contains(word, autoescape=True),
                func.lower(School.town).contains(word, autoescape=True),
            )
        )
    return list(db.session.scalars(query))


def schools_of(user: User) -> list[School]:
    return list(
        db.session.scalars(
            select(School)
            .join(SchoolMembership)
            .where(SchoolMembership.user_id == user.id)
            .order_by(School.name)
        )
    )


def link_teacher(user: User, school: School) -> bool:
    """Link a teacher to a school so they can register its teams (it shows them no team
    they do not coach); the school's other teachers are told. False when already linked."""
    if db.session.get(SchoolMembership, (user.id, school.id)):
        return False
    mail_each(
        teachers_of(school, leaving_out=user),
        _l("%(name)s linked to %(school)s", name=user.name, school=school.name),
        "school_linked",
        "colleague",
        teacher=user,
        school=school,
    )
    db.session.add(SchoolMembership(user_id=user.id, school_id=school.id))
    log.info("%s linked to school %s", user.email, school.id)
    return True


def teachers_of(school: School, leaving_out: User) -> list[User]:
    """The teachers linked to a school and the coaches of its teams, but one."""
    linked = select(SchoolMembership.user_id).where(SchoolMembership.school_id == school.id)
    teaching = [User.id.in_(find(school)) for find in _colleague_finders]
    query = (
        select(User)
        .where(or_(User.id.in_(linked), *teaching), User.id != leaving_out.id)
        .order_by(User.name)
    )
    return list(db.session.scalars(query))


def memberships(text: str = "", limit: int = SEARCH_LIMIT * 8) -> list[SchoolMembership]:
    """Linked teachers, newest link first, whose school or e-mail address holds the text."""
    query = (
        select(SchoolMembership)
        .join(School)
        .join(User)
        .options(joinedload(SchoolMembership.user), joinedload(SchoolMembership.school))
        .order_by(SchoolMembership.created_at.desc())
        .limit(limit)
    )
    if text.strip():
        needle = text.strip().lower()
        query = query.where(
            or_(
                func.lower(School.name).contains(needle, autoescape=True),
                func.lower(User.email).contains(needle, autoescape=True),
            )
        )
    return list(db.session.scalars(query))


def unlink_teacher(user_id: int, school_id: int, removed_by: User) -> None:
    membership = db.session.get(SchoolMembership, (user_id, school_id))
    if membership is None:
        raise DomainError(_("This teacher is not linked to this school."), status=404)
    db.session.delete(membership)
    log.info("%s removed the link of user %s to school %s", removed_by.email, user_id, school_id)


def request_school(user: User, name: str, town: str, kind: str) -> SchoolRequest:
    request = SchoolRequest(requested_by=user, name=name.strip(), town=town.strip(), kind=kind)
    db.session.add(request)
    return request


def pending_requests() -> list[SchoolRequest]:
    return list(
        db.session.scalars(
            select(SchoolRequest)
            .where(SchoolRequest.status == RequestStatus.PENDING)
            .order_by(SchoolRequest.created_at)
        )
    )


def decide(request: SchoolRequest, decided_by: User, status: RequestStatus) -> None:
    if request.status is not RequestStatus.PENDING:
        raise DomainError(_("This request was already handled."), status=409)
    request.status = status
    request.decided_by_id = decided_by.id
    request.decided_at = utcnow()


def tell_requester(request: SchoolRequest) -> None:
    teacher = request.requested_by
    queue_mail(
        teacher.email,
        _l("Your request for %(school)s", school=request.name),
        "school_request",
        teacher.locale,
        request=request,
        teacher=teacher,
    )


def approve(request: SchoolRequest, decided_by: User) -> School:
    decide(request, decided_by, RequestStatus.APPROVED)
    school = School(name=request.name, town=request.town, kind=request.kind)
    db.session.add(school)
    db.session.flush()
    request.school = school
    link_teacher(request.requested_by, school)
    tell_requester(request)
    return school


def merge(request: SchoolRequest, school: School, decided_by: User) -> None:
    """The school was in the directory after all: link the teacher to it."""
    decide(request, decided_by, RequestStatus.MERGED)
    request.school = school
    link_teacher(request.requested_by, school)
    tell_requester(request)


def reject(request: SchoolRequest, reason: str, decided_by: User) -> None:
    if not reason.strip():
        raise DomainError(_("Give a reason."), field="reason")
    decide(request, decided_by, RequestStatus.REJECTED)
    request.reason = reason.strip()
    tell_requester(request)
