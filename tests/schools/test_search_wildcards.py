"""% and _ in a school search are the characters themselves, not LIKE wildcards."""

import pytest

from challenges.schools.services import search_schools
from tests.factories import make_school, make_teacher


@pytest.fixture
def schools(app):
    return [
        make_school("Het 100% Lyceum", town="Zwolle"),
        make_school("Lyceum 1000", town="Zwolle"),
        make_school("IKC De_Brug", town="Utrecht"),
        make_school("IKC De Brug", town="Utrecht"),
        make_school("Kindcentrum Debrug", town="Utrecht"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100%", ["Het 100% Lyceum"]),
        ("%%", []),
        ("% lyceum", ["Het 100% Lyceum"]),
        ("de_brug", ["IKC De_Brug"]),
        ("__", []),
        ("_ %", []),
        ("brug", ["IKC De Brug", "IKC De_Brug", "Kindcentrum Debrug"]),
        ("//", []),
    ],
)
def test_wildcards_are_literal(schools, text, expected):
    assert sorted(school.name for school in search_schools(text)) == expected


def test_the_search_page_does_not_list_everything_for_a_wildcard(client, schools):
    client.log_in(make_teacher().email)
    found = client.get("/schools/?q=%25%25", headers={"Accept": "application/json"})
    assert found.status_code == 200
    assert found.json == []
