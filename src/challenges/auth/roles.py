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

# A programme without a robot game (Vakkanjers) has no referees, and calls its judges jurors.
ROBOT_GAME_ROLES = frozenset({Role.HEAD_REFEREE, Role.REFEREE})
MARKET_ROLE_LABELS = {Role.JUDGE: _l("Juror"), Role.JUDGE_ADVISOR: _l("Jury coordinator")}


def programme_roles(robot_game: bool) -> tuple[Role, ...]:
    """The event roles of a programme with or without a robot game, in EVENT_ROLES' order."""
    return tuple(role for role in EVENT_ROLES if robot_game or role not in ROBOT_GAME_ROLES)


def role_label(role: Role, robot_game: bool) -> str:
    """The role in the words of a programme with or without a robot game."""
    labels = ROLE_LABELS if robot_game else ROLE_LABELS | MARKET_ROLE_LABELS
    return str(labels[role])
