from datetime import UTC, datetime, timedelta

import pytest

from challenges.registration.rules import (
    CategoryInfo,
    may_change_status,
    next_team_number,
    normalise_team_name,
    parse_levels,
    propose_category,
    registration_is_open,
    school_year_label,
    teacher_may_edit,
    team_name_key,
    team_size_problem,
)
from challenges.registration.status import TeamStatus

JUNIOR = CategoryInfo(1, "Junior", 7, 8)
SCOUT = CategoryInfo(2, "Scout", 9, 9)
EXPLORER = CategoryInfo(3, "Explorer", 10, 11, frozenset({"havo", "vwo"}))
PIONEER = CategoryInfo(4, "Pioneer", 11, 14, frozenset({"vmbo"}))
VAKKANJERS = [JUNIOR, SCOUT, EXPLORER, PIONEER]
FLL = [CategoryInfo(9, "Challenge")]


@pytest.mark.parametrize(
    ("year", "level", "expected"),
    [
        (7, None, JUNIOR),
        (8, None, JUNIOR),
        (9, "vmbo", SCOUT),  # klas 1: one category whatever the level
        (10, "havo", EXPLORER),
        (11, "havo", EXPLORER),  # klas 3 havo
        (11, "vwo", EXPLORER),
        (11, "vmbo", PIONEER),  # klas 3 vmbo
        (11, None, EXPLORER),  # klas 3 without a level: the first that fits; teacher confirms
        (12, "vmbo", PIONEER),
        (12, "havo", PIONEER),  # klas 4 havo: no level match, the year decides
        (14, None, PIONEER),
        (6, None, None),  # groep 6 is too young for Vakkanjers
        (None, None, JUNIOR),  # nothing known: the first category
    ],
)
def test_propose_vakkanjers_category(year, level, expected):
    assert propose_category(VAKKANJERS, year, level) == expected


def test_fll_has_one_category_for_everyone():
    assert propose_category(FLL, 7, None) == FLL[0]
    assert propose_category(FLL, 13, "vwo") == FLL[0]


def test_no_categories_no_proposal():
    assert propose_category([], 9, None) is None


@pytest.mark.parametrize(
    ("year", "label"),
    [(7, "groep 7"), (8, "groep 8"), (9, "klas 1"), (11, "klas 3"), (14, "klas 6")],
)
def test_school_year_labels(year, label):
    assert school_year_label(year) == label


def test_parse_levels():
    assert parse_levels("havo, vwo") == {"havo", "vwo"}
    assert parse_levels("") == frozenset()
    assert parse_levels(None) == frozenset()


@pytest.mark.parametrize(
    ("name", "normal", "key"),
    [
        ("  De   Robotrakkers ", "De Robotrakkers", "de robotrakkers"),
        ("LEGO\tLegends", "LEGO Legends", "lego legends"),
        ("Straße", "Straße", "strasse"),
    ],
)
def test_team_names_compare_without_case_and_spacing(name, normal, key):
    assert normalise_team_name(name) == normal
    assert team_name_key(name) == key


@pytest.mark.parametrize(
    ("used", "expected"),
    [
        ([], 1001),
        ([None, None], 1001),
        ([1001, 1002], 1003),
        ([1001, 1005, None], 1006),  # gaps (withdrawn teams keep their number) are not refilled
    ],
)
def test_next_team_number(used, expected):
    assert next_team_number(used) == expected


def test_next_team_number_with_another_start():
    assert next_team_number([], first=1) == 1


NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("opens", "closes", "expected"),
    [
        (NOW - DAY, NOW + DAY, True),
        (NOW, NOW + DAY, True),  # opens exactly now
        (NOW - DAY, NOW, False),  # closes exactly now
        (NOW + DAY, NOW + 2 * DAY, False),
        (None, NOW + DAY, False),
        (NOW - DAY, None, False),
    ],
)
def test_registration_window(opens, closes, expected):
    assert registration_is_open(opens, closes, NOW) is expected


@pytest.mark.parametrize(
    ("closes", "status", "expected"),
    [
        (NOW + DAY, TeamStatus.REGISTERED, True),
        (NOW + DAY, TeamStatus.CONFIRMED, True),
        (NOW - DAY, TeamStatus.REGISTERED, False),  # after the deadline: read-only
        (NOW + DAY, TeamStatus.WITHDRAWN, False),
        (None, TeamStatus.REGISTERED, False),
    ],
)
def test_teacher_edits_until_the_deadline(closes, status, expected):
    assert teacher_may_edit(closes, status, NOW) is expected


@pytest.mark.parametrize(
    ("pupils", "expected"), [(1, (2, 6)), (2, None), (6, None), (7, (2, 6)), (0, (2, 6))]
)
def test_team_size(pupils, expected):
    assert team_size_problem(pupils, 2, 6) == expected


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        (TeamStatus.REGISTERED, TeamStatus.CONFIRMED, True),
        (TeamStatus.REGISTERED, TeamStatus.WAITLISTED, True),
        (TeamStatus.WAITLISTED, TeamStatus.CONFIRMED, True),
        (TeamStatus.CONFIRMED, TeamStatus.WITHDRAWN, True),
        (TeamStatus.WITHDRAWN, TeamStatus.CONFIRMED, False),  # reinstate as registered first
        (TeamStatus.WITHDRAWN, TeamStatus.REGISTERED, True),
        (TeamStatus.CONFIRMED, TeamStatus.CONFIRMED, False),
        (TeamStatus.WAITLISTED, TeamStatus.REGISTERED, False),
    ],
)
def test_status_changes(current, new, allowed):
    assert may_change_status(current, new) is allowed
