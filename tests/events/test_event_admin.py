from datetime import date, time

import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.events.models import Event, EventKind
from challenges.extensions import db
from tests.events.programme_words import (
    FLL_WORDS,
    VAKKANJERS_WORDS,
    main_of,
    make_programme_season,
    words_in,
)
from tests.factories import make_event, make_open_season, make_teacher, make_user


@pytest.fixture
def organiser(client):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)


@pytest.fixture
def season():
    """An FLL season: its events have robot-game tables and judging rooms."""
    season = make_open_season(
        categories=(("Junior", 2, 6, 7, 8, None), ("Pioneer", 2, 6, 11, 14, "vmbo"))
    )
    season.programme.has_robot_game = True
    db.session.commit()
    return season


def event_data(season, **changes) -> dict:
    return {
        "season_id": season.id,
        "kind": "regional",
        "name": "Regiofinale Delft",
        "slug": "fll-2026-regio-delft",
        "venue": "TU Delft",
        "address": "Mekelweg 5",
        "town": "Delft",
        "host": "TU Delft",
        "starts_on": "2027-01-23",
        "start_time": "08:30",
        "end_time": "17:00",
        "capacity": 24,
        "tables": 4,
        "rooms": 3,
        "feeds_into_id": 0,
        "published": "y",
        **changes,
    }


def test_organiser_creates_an_event_with_quotas(client, organiser, season):
    junior, pioneer = season.categories
    data = {**event_data(season), f"quota-{junior.id}": 2, f"quota-{pioneer.id}": 1}
    response = client.submit("/admin/events/new", data)
    event = db.session.scalar(select(Event).where(Event.slug == "fll-2026-regio-delft"))
    assert response.headers["Location"] == f"/admin/events/{event.id}"
    assert event.kind is EventKind.REGIONAL
    assert event.starts_on == date(2027, 1, 23)
    assert (event.start_time, event.end_time) == (time(8, 30), time(17, 0))
    assert {q.category_id: q.advancing for q in event.quotas} == {junior.id: 2, pioneer.id: 1}
    page = client.get(f"/admin/events/{event.id}").text
    assert 'value="2"' in page
    assert "Regiofinale Delft" in client.get("/admin/events/").text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"capacity": 0}, 'id="capacity-error"'),
        ({"end_time": "08:00"}, "eindigen nadat"),
        ({"tables": 3}, "even aantal"),
        ({"slug": "Met Spaties"}, "kleine letters"),
        ({"starts_on": ""}, 'id="starts_on-error"'),
    ],
)
def test_bad_event_input(client, organiser, season, changes, message):
    response = client.submit("/admin/events/new", event_data(season, **changes))
    assert response.status_code == 422
    assert message in response.text
    assert db.session.scalars(select(Event)).all() == []


def test_national_final_of_another_season_is_refused(client, organiser, season):
    earlier = make_open_season()
    earlier.programme = season.programme
    other = make_event(earlier)
    other.kind = EventKind.NATIONAL
    db.session.commit()
    response = client.submit("/admin/events/new", event_data(season, feeds_into_id=other.id))
    assert response.status_code == 422
    assert "landelijke finale van hetzelfde seizoen" in response.text


def test_duplicate_slug_and_foreign_quota_are_refused(client, organiser, season):
    existing = make_event(season)
    taken = client.submit("/admin/events/new", event_data(season, slug=existing.slug))
    assert taken.status_code == 422
    foreign = make_open_season().categories[0]
    response = client.submit("/admin/events/new", {**event_data(season), f"quota-{foreign.id}": 2})
    assert response.status_code == 422
    assert len(db.session.scalars(select(Event)).all()) == 1


def test_cli_lists_events(runner, season):
    make_event(season, name="Regiofinale Noord")
    result = runner.invoke(args=["events", "list", "--season", season.key])
    assert "Regiofinale Noord" in result.output
    assert "regional" in result.output
    assert "0 teams" in result.output
    assert "No events." in runner.invoke(args=["events", "list", "--season", "none"]).output


def test_only_organisers_manage_events(client):
    client.log_in(make_teacher().email)
    assert client.get("/admin/events/").status_code == 403
    assert client.get("/admin/events/new").status_code == 403


def test_national_final_lists_its_regional_finals(client, organiser, season):
    national = make_event(season, name="Landelijke finale")
    national.kind = EventKind.NATIONAL
    db.session.commit()
    client.submit("/admin/events/new", event_data(season, feeds_into_id=national.id))
    page = client.get(f"/admin/events/{national.id}").text
    assert "Teams komen van: Regiofinale Delft" in page


def test_teachers_choose_only_published_regional_finals(client, season):
    from tests.factories import make_school, make_teacher

    shown, hidden = (
        make_event(season, name="Open Finale"),
        make_event(season, name="Geheime Finale", published=False),
    )
    school = make_school()
    client.log_in(make_teacher(school).email)
    page = client.get(f"/teams/register/{season.id}").text
    assert shown.name in page
    assert hidden.name not in page


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_vakkanjers_event_form_has_no_tables_rooms_or_fll_words(client, organiser, language):
    season = make_programme_season(robot_game=False)
    page = main_of(client.get(f"/admin/events/new?season_id={season.id}&lang={language}"))
    assert 'name="tables"' not in page
    assert 'name="rooms"' not in page
    assert words_in(page, FLL_WORDS) == []
    assert "Vakkanjers Markt" in page


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_fll_event_form_has_tables_and_rooms_and_no_vakkanjers_words(
    client, organiser, language
):
    make_programme_season(robot_game=False)  # not offered on the FLL form
    season = make_programme_season(robot_game=True)
    page = main_of(client.get(f"/admin/events/new?season_id={season.id}&lang={language}"))
    assert 'name="tables"' in page
    assert 'name="rooms"' in page
    assert words_in(page, VAKKANJERS_WORDS) == []


def test_a_vakkanjers_event_is_saved_without_tables_or_rooms(client, organiser):
    season = make_programme_season(robot_game=False)
    data = event_data(season, name="Vakkanjers Markt Zwolle", slug="vk-2027-zwolle")
    response = client.submit(f"/admin/events/new?season_id={season.id}", data)
    event = db.session.scalar(select(Event).where(Event.slug == "vk-2027-zwolle"))
    assert response.headers["Location"] == f"/admin/events/{event.id}"
    assert (event.tables, event.rooms) == (None, None)
    page = main_of(client.get(f"/admin/events/{event.id}"))
    assert words_in(page, FLL_WORDS) == []
    assert "Juryberaad" in page


def test_editing_keeps_what_the_form_of_the_programme_does_not_show(client, organiser):
    """Tables set before (by a script or an earlier form) are kept, not wiped."""
    season = make_programme_season(robot_game=False)
    event = make_event(season, name="Vakkanjers Markt Zwolle")
    event.tables, event.rooms = 4, 2
    db.session.commit()
    page = f"/admin/events/{event.id}"
    client.submit(page, event_data(season, name="Markt Zwolle", slug=event.slug, tables=8))
    assert (event.name, event.tables, event.rooms) == ("Markt Zwolle", 4, 2)


def test_a_new_event_first_asks_its_season(client, organiser):
    fll, vakkanjers = make_programme_season(True), make_programme_season(False)
    page = main_of(client.get("/admin/events/new"))
    assert f"/admin/events/new?season_id={fll.id}" in page
    assert f"/admin/events/new?season_id={vakkanjers.id}" in page
    for season_id in ("", "abc", "0", "99999", "1" * 30):
        response = client.submit("/admin/events/new", event_data(fll, season_id=season_id))
        assert response.status_code == 422
        assert "Kies een seizoen" in response.text
    assert db.session.scalars(select(Event)).all() == []


def test_an_event_cannot_move_to_a_season_of_the_other_programme(client, organiser):
    fll, vakkanjers = make_programme_season(True), make_programme_season(False)
    event = make_event(fll, name="Regiofinale Delft")
    page = f"/admin/events/{event.id}"
    response = client.submit(page, event_data(vakkanjers, slug=event.slug))
    assert response.status_code == 422
    assert event.season_id == fll.id
