from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.extensions import db
from challenges.seasons.models import Category, Programme, Season
from challenges.seasons.rules import a_year_later, next_school_year
from tests.factories import make_open_season, make_school, make_teacher, make_user
from tests.registration.test_registration_flow import register


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2025-2026", "2026-2027"),
        ("fll-challenge-2025-2026", "fll-challenge-2026-2027"),
        ("vakkanjers-2099-2100", "vakkanjers-2100-2101"),
        ("zomer", "zomer-next"),
    ],
)
def test_next_school_year(given, expected):
    assert next_school_year(given) == expected


def test_a_year_later_handles_leap_days():
    assert a_year_later(datetime(2028, 2, 29, tzinfo=UTC)) == datetime(2029, 2, 28, tzinfo=UTC)
    assert a_year_later(None) is None


@pytest.fixture
def organiser(client):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)


SEASON = {
    "key": "robotica-2026-2027",
    "name": "2026-2027",
    "theme": "Robots in de zorg",
    "client": "",
    "design_questions": "",
    "registration_opens_at": "2026-09-01T09:00",
    "registration_closes_at": "2026-12-01T17:00",
    "robot_game_key": "",
    "rubric_set_key": "",
    "published": "y",
}


def test_a_third_programme_needs_no_code(client, organiser):
    response = client.submit(
        "/admin/seasons/", {"key": "robotica", "name": "Robotica Cup", "allows_clubs": "y"}
    )
    assert response.status_code == 302
    programme = db.session.scalar(select(Programme).where(Programme.key == "robotica"))
    page = f"/admin/seasons/new/{programme.id}"
    created = client.submit(page, SEASON)
    season = db.session.scalar(select(Season).where(Season.key == "robotica-2026-2027"))
    assert created.headers["Location"] == f"/admin/seasons/{season.id}"
    assert season.registration_opens_at == datetime(2026, 9, 1, 7, 0, tzinfo=UTC)  # 09:00 CEST
    assert season.registration_closes_at == datetime(2026, 12, 1, 16, 0, tzinfo=UTC)  # 17:00 CET
    edit = f"/admin/seasons/{season.id}"
    assert 'value="2026-09-01T09:00"' in client.get(edit).text
    client.submit(
        f"{edit}/categories",
        {
            "name": "Junior",
            "team_size_min": 2,
            "team_size_max": 5,
            "school_year_min": 7,
            "school_year_max": 8,
            "levels": "",
        },
        page=edit,
    )
    assert [c.name for c in season.categories] == ["Junior"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"registration_closes_at": "2026-08-01T09:00"}, "moet sluiten nadat"),
        ({"key": "Met Spaties"}, "kleine letters"),
        ({"theme": ""}, "vereist"),
    ],
)
def test_bad_season_input(client, organiser, changes, message):
    season = make_open_season()
    response = client.submit(f"/admin/seasons/new/{season.programme_id}", {**SEASON, **changes})
    assert response.status_code == 422
    assert message in response.text
    assert db.session.scalar(select(Season).where(Season.key == SEASON["key"])) is None


def test_duplicate_season_key_is_refused(client, organiser):
    season = make_open_season()
    response = client.submit(
        f"/admin/seasons/new/{season.programme_id}", {**SEASON, "key": season.key}
    )
    assert response.status_code == 422
    assert "al in gebruik" in response.text


@pytest.mark.parametrize(
    ("category", "message"),
    [
        ({"team_size_min": 5, "team_size_max": 2}, "niet kleiner"),
        ({"school_year_min": 7, "school_year_max": ""}, "beide leerjaren"),
        ({"name": "challenge"}, "al een categorie"),
    ],
)
def test_bad_category_input(client, organiser, category, message):
    season = make_open_season()
    edit = f"/admin/seasons/{season.id}"
    data = {
        "name": "Nieuw",
        "team_size_min": 2,
        "team_size_max": 6,
        "school_year_min": "",
        "school_year_max": "",
        "levels": "",
        **category,
    }
    response = client.submit(f"{edit}/categories", data, page=edit)
    assert response.status_code == 422
    assert message in response.text
    assert len(db.session.get(Season, season.id).categories) == 1


def test_copy_to_next_season(client, organiser):
    season = make_open_season(
        categories=(("Junior", 2, 6, 7, 8, None), ("Pioneer", 2, 6, 11, 14, "vmbo"))
    )
    season.key = "vk-2025-2026"
    season.name = "2025-2026"
    db.session.commit()
    client.submit(f"/admin/seasons/{season.id}/copy", {}, page="/admin/seasons/")
    copy = db.session.scalar(select(Season).where(Season.key == "vk-2026-2027"))
    assert copy.name == "2026-2027"
    assert not copy.published
    assert [(c.name, c.levels) for c in copy.categories] == [("Junior", None), ("Pioneer", "vmbo")]
    assert copy.registration_closes_at.year == season.registration_closes_at.year + 1
    again = client.submit(f"/admin/seasons/{season.id}/copy", {}, page="/admin/seasons/")
    assert again.status_code == 302
    assert len(db.session.scalars(select(Season).where(Season.key == "vk-2026-2027")).all()) == 1


def test_category_in_use_cannot_be_removed(client):
    season = make_open_season(
        categories=(("Challenge", 2, 10, None, None, None), ("Leeg", 2, 10, None, None, None))
    )
    school = make_school()
    teacher = make_teacher(school)
    client.log_in(teacher.email)
    register(client, season, school)
    client.submit("/account/logout", {}, page="/")
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    used, empty = season.categories
    edit = f"/admin/seasons/{season.id}"
    client.submit(f"/admin/seasons/categories/{used.id}/delete", {}, page=edit)
    client.submit(f"/admin/seasons/categories/{empty.id}/delete", {}, page=edit)
    assert [
        c.name for c in db.session.scalars(select(Category).where(Category.season_id == season.id))
    ] == ["Challenge"]


def test_only_organisers_manage_seasons(client):
    client.log_in(make_teacher().email)
    assert client.get("/admin/seasons/").status_code == 403


def test_the_robot_game_sheet_is_chosen_from_the_season_files(client, organiser):
    client.submit("/admin/seasons/", {"key": "fll", "name": "FLL Challenge"})
    programme = db.session.scalar(select(Programme).where(Programme.key == "fll"))
    page = f"/admin/seasons/new/{programme.id}"
    assert "fll-2025-unearthed" in client.get(page).text
    refused = client.submit(page, SEASON | {"robot_game_key": "fll-1999-nothing"})
    assert refused.status_code == 422
    assert db.session.scalar(select(Season).where(Season.key == SEASON["key"])) is None
    client.submit(page, SEASON | {"robot_game_key": "fll-2025-unearthed"})
    season = db.session.scalar(select(Season).where(Season.key == SEASON["key"]))
    assert season.robot_game_key == "fll-2025-unearthed"
