"""A link to a school lets a teacher register new teams for it, and nothing more: a stranger
who links itself to every school opens no team it does not coach."""

import re

import pytest
from sqlalchemy import select

from challenges.auth.models import User
from challenges.auth.roles import Role
from challenges.database import utcnow
from challenges.events.models import Event
from challenges.extensions import db
from challenges.mail.models import OutboxMessage
from challenges.registration.models import Team
from challenges.schools.models import School, SchoolMembership
from tests.auth.test_authorization_matrix import TEAM_PAGES
from tests.auth.world import build_world, url_for_rule
from tests.factories import FormClient, make_open_season, make_school, make_teacher, make_user


def logged_in(app, email: str) -> FormClient:
    client = FormClient(app.test_client())
    client.log_in(email)
    return client


def mails_to(address: str) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == address)))


def test_a_stranger_linked_to_every_school_opens_no_team(app, client):
    world = build_world()
    db.session.get(Event, world.params["event_id"]).results_published_at = utcnow()
    db.session.commit()
    client.submit(
        "/account/signup",
        {
            "name": "Vreemde",
            "email": "vreemde@elders.nl",
            "password": "een lang wachtwoord",
            "password_repeat": "een lang wachtwoord",
        },
        page="/account/signup",
    )
    stranger = db.session.scalar(select(User).where(User.email == "vreemde@elders.nl"))
    stranger.confirmed_at = utcnow()
    db.session.commit()
    client.log_in(stranger.email, "een lang wachtwoord")
    for school in db.session.scalars(select(School)).all():
        client.submit(f"/schools/{school.id}/link", {}, page="/schools/")
    assert db.session.scalar(
        select(db.func.count()).where(SchoolMembership.user_id == stranger.id)
    ) == db.session.scalar(select(db.func.count(School.id)))

    teams = db.session.scalars(select(Team)).all()
    assert len(teams) >= 4
    before = {team.id: (team.status, [c.id for c in team.coaches]) for team in teams}
    opened = []
    for team in teams:
        for rule in app.url_map.iter_rules():
            if rule.endpoint not in TEAM_PAGES:
                continue
            path = url_for_rule(rule, world.params | {"team_id": team.id})
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = client.get(path) if method == "GET" else client.submit(path, {}, "/")
                if response.status_code != 403:
                    opened.append(f"{method} {path}: {response.status_code}")
    assert opened == []
    listed = client.get("/teams/").text + client.get("/dashboard").text
    assert [team.name for team in teams if team.name in listed] == []
    db.session.expire_all()
    assert {team.id: (team.status, [c.id for c in team.coaches]) for team in teams} == before


def test_linking_tells_the_school_s_teachers_and_still_allows_registering(app, client):
    school = make_school(name="Het Lyceum")
    colleague = make_teacher(school, email="collega@lyceum.nl")
    season = make_open_season()
    newcomer = make_teacher(email="nieuw@lyceum.nl")
    client.log_in(newcomer.email)
    client.submit(f"/schools/{school.id}/link", {}, page="/schools/")

    [mail] = mails_to(colleague.email)
    assert newcomer.email in mail.body
    assert "Het Lyceum" in mail.subject
    assert mails_to(newcomer.email) == []
    page = client.get(f"/teams/register/{season.id}")
    assert page.status_code == 200
    assert "Het Lyceum" in page.text


def test_a_colleague_sees_a_team_only_once_they_accept_a_coach_s_invitation(app, client):
    world = build_world()
    team_id, school_id = world.params["team_id"], world.params["school_id"]
    colleague = make_teacher(db.session.get(School, school_id), "buur@school.nl")
    client.log_in(colleague.email)
    assert client.get(f"/teams/{team_id}").status_code == 403

    coach = world.users["coach of the team"]
    coaching = logged_in(app, coach.email)
    invited = coaching.submit(
        f"/teams/{team_id}/coaches",
        {"name": "Buur", "email": "Buur@School.nl"},
        page=f"/teams/{team_id}",
    )
    assert invited.status_code == 302
    assert client.get(f"/teams/{team_id}").status_code == 403
    [mail] = mails_to(colleague.email)
    link = re.search(r"http://localhost(/teams/invitations/\S+)", mail.body).group(1)
    client.submit(f"{link}/accept", {}, page=link)
    assert client.get(f"/teams/{team_id}").status_code == 200


def test_inviting_a_coach_answers_alike_with_or_without_an_account(app):
    world = build_world()
    team_id = world.params["team_id"]
    make_user(email="bekend@school.nl", name="Bekende Coach")
    coach = logged_in(app, world.users["coach of the team"].email)
    accounts = db.session.scalar(select(db.func.count(User.id)))
    answers = []
    for email in ("bekend@school.nl", "onbekend@school.nl"):
        response = coach.submit(
            f"/teams/{team_id}/coaches",
            {"name": "Nieuwe Coach", "email": email},
            f"/teams/{team_id}",
        )
        page = coach.get(response.location).text
        answers.append((response.status_code, page.replace(email, "ADDRESS").count("ADDRESS")))
        assert "We hebben een uitnodiging gestuurd naar" in page
        assert "Bekende Coach" not in page
        [mail] = mails_to(email)
        assert "/teams/invitations/" in mail.body
    assert answers[0] == answers[1]
    assert db.session.scalar(select(db.func.count(User.id))) == accounts
    coaches = {c.email for c in db.session.get(Team, team_id).coaches}
    assert coaches.isdisjoint({"bekend@school.nl", "onbekend@school.nl"})


def test_organisers_see_the_links_and_remove_one_without_taking_a_team(app, client):
    world = build_world()
    coach = world.users["coach of the team"]
    organiser = make_user(roles=(Role.ORGANISER,))
    client.log_in(organiser.email)
    page = client.get(f"/admin/schools/links?q={coach.email}")
    assert coach.email in page.text
    removed = client.submit(
        f"/admin/schools/links/{world.params['school_id']}/{coach.id}/remove",
        {},
        page="/admin/schools/links",
    )
    assert removed.status_code == 302
    assert db.session.get(SchoolMembership, (coach.id, world.params["school_id"])) is None
    teacher = logged_in(app, coach.email)
    assert teacher.get(f"/teams/{world.params['team_id']}").status_code == 200


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_LINK": "2 per hour"}])
def test_one_account_links_to_a_few_schools_an_hour_at_most(app, client):
    newcomer = make_teacher(email="veel@scholen.nl")
    client.log_in(newcomer.email)
    answers = [
        client.submit(f"/schools/{make_school().id}/link", {}, page="/schools/").status_code
        for _ in range(3)
    ]
    assert answers == [302, 302, 429]
    assert (
        db.session.scalar(select(db.func.count()).where(SchoolMembership.user_id == newcomer.id))
        == 2
    )
