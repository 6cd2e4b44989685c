"""Registrations and status changes at the same moment, each in its own thread (own request,
session and connection). Run on SQLite and on PostgreSQL (CHALLENGES_TEST_DATABASE_URL)."""

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial

import pytest
from sqlalchemy import func, select, text

from challenges.auth.models import User
from challenges.auth.roles import Role
from challenges.database import utcnow
from challenges.extensions import db
from challenges.registration import services
from challenges.registration.models import AuditEntry, Team
from challenges.registration.status import TeamStatus
from challenges.seasons.models import Season
from tests.concurrency import at_the_same_moment
from tests.factories import (
    CSRF_FIELD,
    FormClient,
    make_open_season,
    make_school,
    make_teacher,
    make_user,
)
from tests.registration.test_registration_flow import team_data

FORM_KEY = re.compile(r'name="form_key" type="hidden" value="([^"]+)"')


@contextmanager
def writing_request(app) -> Iterator[None]:
    """A POST request's context (SQLite takes the write lock) with a session of its own."""
    with app.test_request_context(method="POST"):
        try:
            yield
        finally:
            db.session.remove()


def signed_in_copy(app, client: FormClient) -> FormClient:
    """Another client with the same cookies: the same browser, another tab or tap."""
    copy = FormClient(app.test_client())
    session_cookie = app.config["SESSION_COOKIE_NAME"]
    copy.set_cookie(session_cookie, client.get_cookie(session_cookie).value)
    return copy


def csrf_token(page: str) -> str:
    found = CSRF_FIELD.search(page)
    return found.group(1) or found.group(2)


def registration_form(client: FormClient, season: Season) -> dict:
    """What the registration page gives the browser: its CSRF token and one-time form key."""
    page = client.get(f"/teams/register/{season.id}").text
    return {"csrf_token": csrf_token(page), "form_key": FORM_KEY.search(page)[1]}


def teams_of(season: Season) -> list[Team]:
    db.session.expire_all()
    return list(db.session.scalars(select(Team).where(Team.season_id == season.id)))


@pytest.fixture
def season(app):
    return make_open_season()


@pytest.fixture
def school(app):
    return make_school(name="Techniek College")


@pytest.fixture
def teacher(school):
    return make_teacher(school, email="juf@school.nl")


@pytest.fixture
def teacher_client(app, client, teacher) -> FormClient:
    client.log_in(teacher.email)
    return client


def test_fifty_registrations_at_the_same_moment_all_succeed(app, season, school, teacher):
    season_id, category_id, school_id, teacher_id = (
        season.id,
        season.categories[0].id,
        school.id,
        teacher.id,
    )

    def register(number: int) -> Callable[[], int | None]:
        def action() -> int | None:
            details = services.TeamDetails(f"Team {number}", category_id, 4, school_id)
            with writing_request(app):
                coach = db.session.get(User, teacher_id)
                team, created = services.register_team(
                    db.session.get(Season, season_id), details, coach, utcnow()
                )
                db.session.commit()
                return team.number if created else None

        return action

    results = at_the_same_moment(*(register(number) for number in range(50)))

    assert [error for error in results if isinstance(error, Exception)] == []
    assert sorted(results) == list(range(1001, 1051))
    assert len(teams_of(season)) == 50


def test_fifty_registrations_through_the_web_at_the_same_moment(
    app, season, school, teacher_client
):
    tabs = [teacher_client] + [signed_in_copy(app, teacher_client) for _ in range(49)]
    forms = [
        {**team_data(season, school, name=f"Ploeg {number}"), **registration_form(tab, season)}
        for number, tab in enumerate(tabs)
    ]
    url = f"/teams/register/{season.id}"

    responses = at_the_same_moment(
        *(partial(tab.post, url, data=form) for tab, form in zip(tabs, forms, strict=True))
    )

    assert [(r.status_code, r.headers.get("Location")) for r in responses] == [
        (302, "/teams/")
    ] * 50
    teams = teams_of(season)
    assert sorted(team.number for team in teams) == list(range(1001, 1051))
    assert {team.registration_key for team in teams} == {form["form_key"] for form in forms}


def test_a_double_tap_at_the_same_moment_registers_one_team(app, season, school, teacher_client):
    form = registration_form(teacher_client, season)
    data = {**team_data(season, school), **form}
    tabs = [teacher_client, signed_in_copy(app, teacher_client)]
    url = f"/teams/register/{season.id}"

    responses = at_the_same_moment(*(partial(tab.post, url, data=data) for tab in tabs))

    [team] = teams_of(season)
    assert team.registration_key == form["form_key"]
    told = {
        response.headers["Location"]: tab.get(response.headers["Location"]).text
        for tab, response in zip(tabs, responses, strict=True)
    }
    assert sorted(told) == ["/teams/", f"/teams/{team.id}"]
    assert "Team Glow Bots is aangemeld. We hebben je een bevestiging gestuurd." in told["/teams/"]
    assert "Team Glow Bots was al aangemeld" in told[f"/teams/{team.id}"]


def test_a_form_sent_again_later_leads_to_its_team(season, school, teacher_client):
    data = {**team_data(season, school), **registration_form(teacher_client, season)}
    first = teacher_client.post(f"/teams/register/{season.id}", data=data)
    again = teacher_client.post(f"/teams/register/{season.id}", data=data, follow_redirects=True)

    [team] = teams_of(season)
    assert first.headers["Location"] == "/teams/"
    assert again.request.path == f"/teams/{team.id}"
    assert "Team Glow Bots was al aangemeld: je formulier kwam twee keer binnen." in again.text
    assert "Er is al een team met deze naam" not in again.text


def test_a_form_used_again_for_another_team_registers_it(season, school, teacher_client):
    """Back to the filled-in form (the back button), another name: that is a second team."""
    form = registration_form(teacher_client, season)
    for name in ("Glow Bots", "Dark Bots"):
        response = teacher_client.post(
            f"/teams/register/{season.id}", data={**team_data(season, school, name=name), **form}
        )
        assert response.headers["Location"] == "/teams/"
    assert sorted(team.name for team in teams_of(season)) == ["Dark Bots", "Glow Bots"]


def test_someone_elses_form_key_neither_shows_nor_changes_their_team(
    app, season, school, teacher_client
):
    form = registration_form(teacher_client, season)
    teacher_client.post(f"/teams/register/{season.id}", data={**team_data(season, school), **form})
    colleague = FormClient(app.test_client())
    colleague.log_in(make_teacher(school).email)
    own_form = {**registration_form(colleague, season), "form_key": form["form_key"]}
    for name, status in (("Glow Bots", 422), ("Dark Bots", 302)):
        response = colleague.post(
            f"/teams/register/{season.id}",
            data={**team_data(season, school, name=name), **own_form},
        )
        assert response.status_code == status
        assert response.headers.get("Location") in (None, "/teams/")
    keys = {team.name: team.registration_key for team in teams_of(season)}
    assert keys == {"Glow Bots": form["form_key"], "Dark Bots": None}


@pytest.mark.parametrize("key", ["", "short", "x" * 5000, "a b c", "🦀" * 43])
def test_a_missing_or_malformed_form_key_gets_a_fresh_one(season, school, teacher_client, key):
    form = registration_form(teacher_client, season)
    response = teacher_client.post(
        f"/teams/register/{season.id}",
        data={**team_data(season, school), "csrf_token": form["csrf_token"], "form_key": key},
    )
    assert response.headers["Location"] == "/teams/"
    [team] = teams_of(season)
    assert len(team.registration_key) == 43
    assert team.registration_key != key


def registered(season: Season, school, teacher: User, name: str) -> Team:
    details = services.TeamDetails(name, season.categories[0].id, 4, school.id)
    team, _created = services.register_team(season, details, teacher, utcnow())
    db.session.commit()
    return team


def wait_until_a_request_waits_for_a_lock() -> None:
    """PostgreSQL: until another connection waits for a row lock, so the lock is proven to
    hold it back. (A writing request on SQLite waits for the whole database: nothing to see.)"""
    if db.engine.dialect.name != "postgresql":
        return
    query = text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with db.engine.connect() as connection:
            if connection.scalar(query):
                return
        time.sleep(0.01)
    raise AssertionError("no request waited for the lock")


def test_a_withdrawal_during_a_bulk_confirm_survives_and_is_reported(
    app, client, season, school, teacher
):
    withdrawn, other = (registered(season, school, teacher, name) for name in ("Glow", "Dark"))
    ids = withdrawn.id, other.id, teacher.id
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    page = client.get("/admin/registrations/").text
    assert f'name="seen-{withdrawn.id}" value="registered"' in page
    bulk = {
        "csrf_token": csrf_token(page),
        "team": [ids[0], ids[1]],
        **{f"seen-{team_id}": "registered" for team_id in ids[:2]},
        "action": "confirm",
    }
    withdrawing = threading.Event()

    def teacher_withdraws() -> None:
        with writing_request(app):
            team = db.session.get(Team, ids[0])
            services.withdraw(team, "Te weinig leerlingen", db.session.get(User, ids[2]), utcnow())
            db.session.flush()
            withdrawing.set()
            wait_until_a_request_waits_for_a_lock()
            db.session.commit()

    def organiser_confirms():
        withdrawing.wait(
            timeout=30
        )  # confirms while the withdrawal is written but not yet committed
        return client.post("/admin/registrations/bulk", data=bulk)

    outcomes = at_the_same_moment(teacher_withdraws, organiser_confirms)

    assert outcomes[0] is None
    assert outcomes[1].status_code == 302
    db.session.expire_all()
    assert db.session.get(Team, ids[0]).status is TeamStatus.WITHDRAWN
    assert db.session.get(Team, ids[1]).status is TeamStatus.CONFIRMED
    told = client.get("/admin/registrations/").text
    assert "1 team(s) nu bevestigd." in told
    assert "Niet gewijzigd, want hun status is intussen veranderd (bekijk ze opnieuw): Glow" in told
    confirmed = select(func.count()).where(
        AuditEntry.subject_id == ids[0], AuditEntry.action == "status:confirmed"
    )
    assert db.session.scalar(confirmed) == 0
