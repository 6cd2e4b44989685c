"""Who may do what: the permission checks of the app (who may see a team: registration.policies)."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from challenges.auth.roles import EVENT_ROLES, Role

ViewArgs = Mapping[str, Any]


@dataclass(frozen=True)
class Policy:
    name: str
    requirement: Any  # a (lazy) text telling the user what is needed
    check: Callable[[Any, ViewArgs], bool]
    needs_login: bool = True

    def allows(self, user: Any, view_args: ViewArgs) -> bool:
        if self.needs_login and not user.is_authenticated:
            return False
        return self.check(user, view_args)


def is_organiser(user: Any) -> bool:
    """Organisers (Platform Talent voor Technologie) may do everything."""
    return user.is_authenticated and user.has_role(Role.ORGANISER)


PUBLIC = Policy("public", _l("Everyone may see this."), lambda user, args: True, needs_login=False)

SIGNED_IN = Policy("signed_in", _l("You need to be logged in."), lambda user, args: True)

ORGANISER = Policy(
    "organiser",
    _l("Only organisers (Platform Talent voor Technologie) may do this."),
    lambda user, args: is_organiser(user),
)


def event_role(*roles: Role) -> Policy:
    """Organisers, or whoever holds one of these roles at the event named by the URL."""
    allowed = frozenset(roles)

    def check(user: Any, args: ViewArgs) -> bool:
        return is_organiser(user) or user.has_event_role(int(args["event_id"]), allowed)

    def requirement() -> str:
        labels = ", ".join(role.label for role in roles)
        return gettext("You need one of these roles at this event: %(roles)s.", roles=labels)

    return Policy(f"event_role({','.join(roles)})", LazyString(requirement), check)


# The event roles' policies that several areas share.
EVENT_CREW = event_role(*EVENT_ROLES)
EVENT_MANAGER = event_role(Role.EVENT_MANAGER)
REFEREES = event_role(Role.REFEREE, Role.HEAD_REFEREE)
HEAD_REFEREE = event_role(Role.HEAD_REFEREE)
JUDGES = event_role(Role.JUDGE, Role.JUDGE_ADVISOR)
JUDGE_ADVISORS = event_role(Role.JUDGE_ADVISOR, Role.EVENT_MANAGER)
# Per-judge marks with the judge's name: the judge advisor's, not the event manager's.
PER_JUDGE_MARKS = event_role(Role.JUDGE_ADVISOR)


def may_grant(user: Any, role: Role, event_id: int) -> bool:
    """Event managers invite the crew of their event; another event manager is made by an
    organiser only (an event manager would otherwise hand the event on without anyone asked)."""
    if role is Role.EVENT_MANAGER:
        return is_organiser(user)
    return role in EVENT_ROLES and EVENT_MANAGER.allows(user, {"event_id": event_id})


def may_see_event(user: Any, event: Any) -> bool:
    """An unpublished event: only for the people working at it and organisers."""
    return event.published or EVENT_CREW.allows(user, {"event_id": event.id})


def may_preview_results(user: Any, event: Any) -> bool:
    """Results, feedback and certificates before publication: judge advisors, event
    managers and organisers."""
    return JUDGE_ADVISORS.allows(user, {"event_id": event.id})
