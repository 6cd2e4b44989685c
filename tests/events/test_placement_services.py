import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.events.models import EventKind, EventTeam
from challenges.extensions import db
from challenges.mail.models import OutboxMessage
from challenges.registration.models import Team
from challenges.registration.status import TeamStatus
from tests.factories import make_event, make_open_season, make_school, make_teacher, make_user


@pytest.fixture
def setup(client):
    season = make_open_season()
    north, south = make_event(season, name="Regio Noord"), make_event(season, name="Regio Zuid")
    north.capacity, south.capacity = 1, 1
    school = make_school()
    coach = make_teacher(school, email="coach@school.nl")
    teams = []
    for number, (first, second) in enumerate([(north, south), (north, south), (north, None)]):
        team = Team(
            season=season,
            category=season.categories[0],
            school=school,
            name=f"Team {number}",
            name_key=f"team {number}",
            pupil_count=4,
            status=TeamStatus.CONFIRMED,
            first_choice_event_id=first.id,
            second_choice_event_id=second.id if second else None,
        )
        team.coaches.append(coach)
        db.session.add(team)
        teams.append(team)
    db.session.commit()
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    return season, north, south, teams


def placed() -> dict[str, str]:
    rows = db.session.scalars(select(EventTeam)).all()
    return {db.session.get(Team, row.team_id).name: row.event.name for row in rows}


def test_preview_changes_nothing_then_apply_places_and_mails(client, setup):
    season, _north, _south, _teams = setup
    page = f"/admin/events/placement/{season.id}"
    preview = client.get(page).text
    assert "eerste keus" in preview
    assert "tweede keus" in preview
    assert "wachtlijst" in preview
    assert placed() == {}
    client.submit(page, {})
    assert placed() == {"Team 0": "Regio Noord", "Team 1": "Regio Zuid"}
    subjects = [m.subject for m in db.session.scalars(select(OutboxMessage))]
    assert "Team 0 gaat naar Regio Noord" in subjects
    client.submit("/account/logout", {}, page="/")
    client.log_in("coach@school.nl")
    team_page = client.get(f"/teams/{_teams[0].id}").text
    assert "Regio Noord" in team_page
    assert "Jouw finales" in team_page
    client.submit("/account/logout", {}, page="/")
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    client.submit(page, {})  # a second run keeps what is placed
    assert placed() == {"Team 0": "Regio Noord", "Team 1": "Regio Zuid"}


def test_move_by_hand_never_gives_two_regional_finals(client, setup):
    _season, north, south, teams = setup
    client.submit(
        f"/admin/events/{north.id}/teams/place",
        {"team": teams[0].id},
        page=f"/admin/events/{north.id}/teams",
    )
    client.submit(
        f"/admin/events/{north.id}/teams/place",
        {"team": teams[0].id, "to": south.id},
        page=f"/admin/events/{north.id}/teams",
    )
    rows = db.session.scalars(select(EventTeam).where(EventTeam.team_id == teams[0].id)).all()
    assert [(row.event_id, row.event_kind) for row in rows] == [(south.id, EventKind.REGIONAL)]


def test_over_capacity_is_a_warning(client, setup):
    _season, north, _south, teams = setup
    page = f"/admin/events/{north.id}/teams"
    client.submit(f"/admin/events/{north.id}/teams/place", {"team": teams[0].id}, page=page)
    client.submit(f"/admin/events/{north.id}/teams/place", {"team": teams[1].id}, page=page)
    assert "boven de capaciteit" in client.get(page).text
    assert (
        len(db.session.scalars(select(EventTeam).where(EventTeam.event_id == north.id)).all()) == 2
    )


def test_event_of_another_season_and_withdrawn_teams_are_refused(client, setup):
    _season, north, _south, teams = setup
    other = make_event(make_open_season())
    page = f"/admin/events/{other.id}/teams"
    client.submit(f"/admin/events/{other.id}/teams/place", {"team": teams[0].id}, page=page)
    assert "ander seizoen" in client.get(page).text
    teams[1].status = TeamStatus.WITHDRAWN
    db.session.commit()
    client.submit(f"/admin/events/{north.id}/teams/place", {"team": teams[1].id}, page=page)
    assert placed() == {}


def test_remove_a_placed_team(client, setup):
    _season, north, _south, teams = setup
    page = f"/admin/events/{north.id}/teams"
    client.submit(f"/admin/events/{north.id}/teams/place", {"team": teams[0].id}, page=page)
    client.submit(f"/admin/events/{north.id}/teams/remove", {"team": teams[0].id}, page=page)
    assert placed() == {}
