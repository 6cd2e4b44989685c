"""The roles people hold (pure data, no Flask)."""

import enum

from flask_babel import lazy_gettext as _l


class Role(enum.StrEnum):
    ORGANISER = "organiser"
    COACH = "coach"
    EVENT_MANAGER = "event_manager"
    HEAD_REFEREE = "head_referee"
    REFEREE = "referee"
    JUDGE_ADVISOR = "judge_advisor"
    JUDGE = "judge"

    @property
    def is_event_role(self) -> bool:
        return self not in GLOBAL_ROLES

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


GLOBAL_ROLES = frozenset({Role.ORGANISER, Role.COACH})
EVENT_ROLES = tuple(role for role in Role if role not in GLOBAL_ROLES)

ROLE_LABELS = {
    Role.ORGANISER: _l("Organiser"),
    Role.COACH: _l("Teacher / coach"),
    Role.EVENT_MANAGER: _l("Event manager"),
    Role.HEAD_REFEREE: _l("Head referee"),
    Role.REFEREE: _l("Referee"),
    Role.JUDGE_ADVISOR: _l("Judge advisor"),
    Role.JUDGE: _l("Judge"),
}
