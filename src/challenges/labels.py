"""How the app names a team, a round, a location (a table or a room), a kind of final and a
line of the audit trail, in the reader's language: one helper each, for every page (Jinja
globals), message and print (pure: Babel only)."""

import json
import re
from typing import Protocol

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext, pgettext

GENERATED_PLACE = re.compile(r"(table|room) (\d+)")


class Numbered(Protocol):
    number: int | None
    name: str


def team_label(team: Numbered) -> str:
    """#1001 Brick Breakers; a team without a number by its name."""
    return f"#{team.number} {team.name}" if team.number else team.name


def round_label(kind: str, number: int) -> str:
    """Practice round 1, Ranking round 2, Judging (a schedule entry's or a sheet's kind)."""
    if kind == "judging":
        return pgettext("a schedule entry", "Judging")
    if kind == "practice":
        return _("Practice round %(number)s", number=number)
    return _("Ranking round %(number)s", number=number)


def location_label(place: str) -> str:
    """A place the generator named ("table 3", "room 2") in the reader's language; a place
    named in an imported schedule ("Red", "Zaal A") as it is."""
    match = GENERATED_PLACE.fullmatch(place)
    if match is None:
        return place
    kind, number = match.groups()
    if kind == "table":
        return _("table %(number)s", number=number)
    return _("room %(number)s", number=number)


def event_kind_label(kind: str, robot_game: bool) -> str:
    """A regional or national final in its programme's words: a Vakkanjers regional final is
    a semi-final, its Vakkanjers Markt (`kind`: an EventKind's value)."""
    if kind == "national":
        return _("National final")
    return _("Regional final") if robot_game else _("Semi-final (Vakkanjers Markt)")


def regional_finals_label(robot_game: bool) -> str:
    """A season's regional finals together (a heading), in its programme's words."""
    return _("Regional finals") if robot_game else _("Semi-finals (Vakkanjers Markten)")


def signs_label(robot_game: bool) -> str:
    """The signs printed per team, as the cockpit, the print and its file name call them: an
    FLL team has a pit, a Vakkanjers team a stand."""
    return _("Pit signs") if robot_game else _("Stand signs")


TICKET_STATUSES = {
    "confirmed": lazy_pgettext("a ticket to the national final", "Invited"),
    "accepted": lazy_pgettext("a ticket to the national final", "Accepted"),
    "declined": lazy_pgettext("a ticket to the national final", "Declined"),
}


def ticket_status_label(status: str) -> str:
    """Where a ticket to the national final stands (an AdvancementStatus's value): invited
    (the organiser confirmed it), accepted or declined by the team's coach."""
    return str(TICKET_STATUSES[status])


def final_choice_label(choice: int, robot_game: bool) -> str:
    """A team's first (1) or second (2) choice of a regional final, in its programme's words."""
    if robot_game:
        if choice == 1:
            return _("First choice of regional final")
        return _("Second choice of regional final")
    if choice == 1:
        return _("First choice of semi-final")
    return _("Second choice of semi-final")


def other_final_message(robot_game: bool) -> str:
    """The error for a second choice equal to the first, in the programme's words."""
    if robot_game:
        return _("Choose a different regional final than your first choice.")
    return _("Choose a different semi-final than your first choice.")


AUDIT_ACTIONS = {
    "registered": _l("Registered"),
    "changed": _l("Changed"),
    "status:registered": _l("Status: registered"),
    "status:confirmed": _l("Status: confirmed"),
    "status:waitlisted": _l("Status: waiting list"),
    "status:withdrawn": _l("Status: withdrawn"),
    "coach:invited": _l("Coach invited"),
    "coach:invitation-cancelled": _l("Coach invitation withdrawn"),
    "coach:joined": _l("Coach joined"),
    "coach:removed": _l("Coach removed"),
    "placed": _l("Placed at a final"),
    "unplaced": _l("Taken off a final"),
    "attendance:present": _l("Checked in"),
    "attendance:no_show": _l("Did not come"),
    "attendance:expected": _l("Check-in undone"),
    "privacy:purged": _l("Pupils' first names removed"),
}


def audit_action_label(action: str) -> str:
    """What a line of the registrations' audit trail records, in the reader's language; an
    action stored under a key this list does not know yet, as it is stored."""
    label = AUDIT_ACTIONS.get(action)
    return str(label) if label else action


AUDIT_FIELDS = {
    "name": _l("Team name"),
    "category_id": _l("Category"),
    "pupil_count": _l("Number of pupils"),
    "school_id": _l("School"),
    "town": _l("Town"),
    "responsible_adult": _l("Responsible adult"),
    "names_consent": _l("Consent for first names"),
    "first_choice_event_id": _l("First choice"),
    "second_choice_event_id": _l("Second choice"),
    "preferred_province": _l("Preferred province"),
    "pupil_first_names": _l("Number of first names"),
}
AUDIT_VALUES = {"True": _l("yes"), "False": _l("no"), "None": "—"}


def audit_details(**details: object) -> str:
    """A line's details as stored: keys and values (JSON), shown by `audit_details_label`."""
    return json.dumps(details, ensure_ascii=False, sort_keys=True)


def audit_details_label(details: str) -> str:
    """A line's details in the reader's language: the fields a change touched, who invited a
    coach; details stored as free text by older versions, as they are."""
    try:
        stored = json.loads(details)
    except ValueError:
        return details
    if not isinstance(stored, dict):
        return details
    if isinstance(stored.get("changed"), dict):
        return "; ".join(
            f"{AUDIT_FIELDS.get(key, key)}: {AUDIT_VALUES.get(value, value)}"
            for key, value in stored["changed"].items()
        )
    if "invited_by" in stored:
        return _(
            "%(email)s, invited by %(inviter)s",
            email=stored.get("email", ""),
            inviter=stored["invited_by"],
        )
    return details


FILE_WORDS = {
    "schedule": lazy_pgettext("a file name", "schedule"),
    "pit-signs": lazy_pgettext("a file name", "pit-signs"),
    "stand-signs": lazy_pgettext("a file name", "stand-signs"),
    "vote-poster": lazy_pgettext("a file name", "vote-poster"),
    "stand-cards": lazy_pgettext("a file name", "stand-cards"),
    "public-prize": lazy_pgettext("a file name", "public-prize"),
    "round-plan": lazy_pgettext("a file name", "round-plan"),
    "scoresheet": lazy_pgettext("a file name", "scoresheet"),
    "rubric": lazy_pgettext("a file name", "rubric"),
    "jury-form": lazy_pgettext("a file name", "jury-form"),
    "feedback": lazy_pgettext("a file name", "feedback"),
    "results": lazy_pgettext("a file name", "results"),
    "certificates": lazy_pgettext("a file name", "certificates"),
    "registrations": lazy_pgettext("a file name", "registrations"),
    "per-team": lazy_pgettext("a file name", "per-team"),
    "per-table": lazy_pgettext("a file name", "per-table"),
    "per-room": lazy_pgettext("a file name", "per-room"),
}


def download_name(*words: str, parts: tuple[object, ...] = (), suffix: str) -> str:
    """A download's file name: the words (FILE_WORDS' keys) in the reader's language, then the
    parts as they are: dagprogramma-per-tafel-regio-delft.pdf."""
    named = [str(FILE_WORDS[word]) for word in words] + [str(part) for part in parts]
    return "-".join(named) + f".{suffix}"
