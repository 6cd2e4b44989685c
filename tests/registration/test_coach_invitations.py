"""Adding a coach is an invitation: the coach who invites learns nothing about who has an
account, and nothing is granted until the owner of the address accepts the link."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from challenges.auth.models import User
from challenges.auth.roles import Role
from challenges.database import utcnow
from challenges.extensions import db
from challenges.mail.models import OutboxMessage
from challenges.registration.models import AuditEntry, CoachInvitation, Team
from challenges.registration.rules import InvitationState, invitation_state
from tests.factories import (
    CSRF_FIELD,
    PASSWORD,
    FormClient,
    make_open_season,
    make_school,
    make_teacher,
    make_user,
)

LINK = re.compile(r"http://localhost(/teams/invitations/[\w-]+)")


@pytest.fixture
def coach():
    return make_teacher(email="juf@school.nl")


@pytest.fixture
def team(coach) -> Team:
    season = make_open_season()
    team = Team(
        season=season,
        category=season.categories[0],
        school=make_school(name="Techniek College"),
        name="Glow Bots",
        name_key="glow bots",
        number=1001,
        pupil_count=5,
    )
    team.coaches.append(coach)
    db.session.add(team)
    db.session.commit()
    return team


def signed_in(app, email: str) -> FormClient:
    client = FormClient(app.test_client())
    client.log_in(email)
    return client


def invite(client: FormClient, team: Team, email: str, name: str = "Nieuwe Coach"):
    page = f"/teams/{team.id}"
    return client.submit(f"{page}/coaches", {"name": name, "email": email}, page=page)


def mails_to(address: str) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.recipient == address)
    return list(db.session.scalars(query.order_by(OutboxMessage.id)))


def link_for(address: str) -> str:
    [mail] = mails_to(address)
    return LINK.search(mail.body).group(1)


def accept(client: FormClient, link: str):
    return client.submit(f"{link}/accept", {}, page=link)


def invitations() -> list[CoachInvitation]:
    return list(db.session.scalars(select(CoachInvitation).order_by(CoachInvitation.id)))


def coach_emails(team: Team) -> set[str]:
    return {coach.email for coach in db.session.get(Team, team.id).coaches}


def without_tokens(html: str) -> str:
    return CSRF_FIELD.sub("CSRF", html)


def test_the_page_after_inviting_is_the_same_with_or_without_an_account(app, coach, team):
    make_user(email="bekend@school.nl", name="Bekende Echte Naam")
    client = signed_in(app, coach.email)
    pages = []
    for email in ("bekend@school.nl", "onbekend@school.nl"):
        answer = invite(client, team, email)
        assert (answer.status_code, answer.location) == (302, f"/teams/{team.id}")
        page = client.get(answer.location).text
        [invitation] = [each for each in invitations() if each.email == email]
        anonymous = without_tokens(page).replace(email, "ADDRESS")
        pages.append(anonymous.replace(f"/invitations/{invitation.id}/", "/invitations/ID/"))
        assert "We hebben een uitnodiging gestuurd naar" in page
        cancel = f"/teams/{team.id}/invitations/{invitation.id}/cancel"
        client.submit(cancel, {}, page=answer.location)
        client.get(answer.location)  # reads the flash of the withdrawal
    assert pages[0] == pages[1]
    assert "Bekende Echte Naam" not in pages[0]
    [known], [unknown] = mails_to("bekend@school.nl"), mails_to("onbekend@school.nl")
    assert LINK.sub("LINK", known.body) == LINK.sub("LINK", unknown.body)


def test_the_team_page_lists_the_typed_name_never_the_account_s(app, coach, team):
    make_user(email="bekend@school.nl", name="Bekende Echte Naam")
    client = signed_in(app, coach.email)
    invite(client, team, "Bekend@School.nl", name="  Zelf Getypt ")
    page = client.get(f"/teams/{team.id}").text
    assert "Zelf Getypt · bekend@school.nl" in page
    assert "Bekende Echte Naam" not in page
    [invitation] = invitations()
    assert (invitation.email, invitation.name) == ("bekend@school.nl", "Zelf Getypt")


def test_inviting_makes_no_account_and_grants_nothing(app, coach, team):
    known = make_user(email="bekend@school.nl")
    client = signed_in(app, coach.email)
    accounts_before = db.session.scalar(select(func.count(User.id)))
    invite(client, team, "bekend@school.nl")
    invite(client, team, "onbekend@school.nl")
    assert db.session.scalar(select(func.count(User.id))) == accounts_before
    assert not db.session.get(User, known.id).has_role(Role.COACH)
    assert coach_emails(team) == {coach.email}
    assert {each.email for each in invitations()} == {"bekend@school.nl", "onbekend@school.nl"}
    [mail] = mails_to("onbekend@school.nl")
    assert "Glow Bots" in mail.subject
    assert "Glow Bots" in mail.body
    assert "2026-2027" in mail.body
    assert coach.name in mail.body
    assert [entry.action for entry in db.session.scalars(select(AuditEntry))] == [
        "coach:invited",
        "coach:invited",
    ]


def test_accepting_with_the_invited_address_makes_a_coach(app, coach, team):
    other_coach = make_teacher(email="meester@school.nl")
    db.session.get(Team, team.id).coaches.append(other_coach)
    db.session.commit()
    newcomer = make_user(email="nieuw@school.nl", name="Nieuwe Naam")
    invite(signed_in(app, coach.email), team, "Nieuw@School.nl", name="Getypt")
    link = link_for("nieuw@school.nl")

    client = signed_in(app, "NIEUW@school.nl")
    page = client.get(link)
    assert page.status_code == 200
    assert "Glow Bots" in page.text
    assert "Accepteren" in page.text
    accepted = accept(client, link)
    assert accepted.location == f"/teams/{team.id}"
    assert "Je bent nu coach van Glow Bots" in client.get(accepted.location).text

    assert coach_emails(team) == {coach.email, other_coach.email, newcomer.email}
    assert db.session.get(User, newcomer.id).has_role(Role.COACH)
    [invitation] = invitations()
    assert invitation.accepted_at is not None
    joined = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "coach:joined"))
    assert joined.user_id == newcomer.id
    assert joined.subject_id == team.id
    for address in (coach.email, other_coach.email):
        [mail] = [m for m in mails_to(address) if "Nieuwe Naam" in m.subject]
        assert "nieuw@school.nl" in mail.body
    assert [m for m in mails_to(newcomer.email) if "Nieuwe Naam" in m.subject] == []


def test_an_account_with_another_address_is_refused(app, coach, team):
    make_user(email="ander@school.nl")
    invite(signed_in(app, coach.email), team, "bedoeld@school.nl")
    link = link_for("bedoeld@school.nl")
    client = signed_in(app, "ander@school.nl")
    page = client.get(link)
    assert page.status_code == 403
    assert "naar een ander e-mailadres gestuurd" in page.text
    assert "bedoeld@school.nl" not in page.text
    assert "Glow Bots" not in page.text
    assert accept(client, link).status_code == 403
    assert coach_emails(team) == {coach.email}
    assert client.get(f"/teams/{team.id}").status_code == 403
    [invitation] = invitations()
    assert invitation.accepted_at is None


def test_anonymous_visitors_are_asked_to_log_in_or_sign_up(app, client, coach, team):
    invited = make_user(email="bedoeld@school.nl")
    invite(signed_in(app, coach.email), team, "bedoeld@school.nl")
    link = link_for("bedoeld@school.nl")
    page = client.get(link)
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"  # opened by a secret link
    assert f'href="/account/login?next={link}"' in page.text
    assert 'href="/account/signup"' in page.text
    assert "Glow Bots" not in page.text
    assert "bedoeld@school.nl" not in page.text
    assert accept(client, link).location.startswith("/account/login")

    logged_in = client.submit(
        f"/account/login?next={link}", {"email": invited.email, "password": PASSWORD, "next": link}
    )
    assert logged_in.location == link
    assert "Accepteren" in client.get(link).text


def test_a_link_works_once(app, coach, team):
    make_user(email="nieuw@school.nl")
    invite(signed_in(app, coach.email), team, "nieuw@school.nl")
    link = link_for("nieuw@school.nl")
    client = signed_in(app, "nieuw@school.nl")
    accept(client, link)
    again = accept(client, link)
    assert again.status_code == 410
    assert "al geaccepteerd" in again.text
    assert client.get(link).status_code == 410
    assert db.session.scalar(select(func.count()).where(AuditEntry.action == "coach:joined")) == 1


def test_an_invitation_expires_after_two_weeks(app, coach, team):
    make_user(email="laat@school.nl")
    invite(signed_in(app, coach.email), team, "laat@school.nl")
    link = link_for("laat@school.nl")
    with time_machine.travel(utcnow() + timedelta(days=14, minutes=1)):
        late = signed_in(app, "laat@school.nl")
        page = late.get(link)
        assert page.status_code == 410
        assert "Deze uitnodiging is verlopen" in page.text
        assert accept(late, link).status_code == 410
        teacher = signed_in(app, coach.email)
        assert "laat@school.nl" not in teacher.get(f"/teams/{team.id}").text
        invite(teacher, team, "laat@school.nl")  # a new invitation may replace the old one
    assert coach_emails(team) == {coach.email}
    assert len(invitations()) == 2


def test_a_withdrawn_invitation_no_longer_works(app, coach, team):
    make_user(email="nieuw@school.nl")
    teacher = signed_in(app, coach.email)
    invite(teacher, team, "nieuw@school.nl")
    link = link_for("nieuw@school.nl")
    [invitation] = invitations()
    page = f"/teams/{team.id}"
    cancelled = teacher.submit(f"{page}/invitations/{invitation.id}/cancel", {}, page=page)
    assert cancelled.location == page
    assert "nieuw@school.nl" not in teacher.get(page).text
    client = signed_in(app, "nieuw@school.nl")
    refused = client.get(link)
    assert refused.status_code == 410
    assert "ingetrokken" in refused.text
    assert coach_emails(team) == {coach.email}
    assert db.session.scalar(
        select(AuditEntry.action).where(AuditEntry.action == "coach:invitation-cancelled")
    )


def test_an_invitation_of_another_team_is_not_withdrawn_through_this_one(app, coach, team):
    other = make_teacher(email="ander@school.nl")
    other_team = Team(
        season=team.season,
        category=team.category,
        name="Andere Bots",
        name_key="andere bots",
        pupil_count=4,
        town="Ede",
        responsible_adult="Ouder",
    )
    other_team.coaches.append(other)
    db.session.add(other_team)
    db.session.commit()
    invite(signed_in(app, other.email), other_team, "nieuw@school.nl")
    [invitation] = invitations()
    teacher = signed_in(app, coach.email)
    page = f"/teams/{team.id}"
    teacher.submit(f"{page}/invitations/{invitation.id}/cancel", {}, page=page)
    assert "Deze uitnodiging bestaat niet" in teacher.get(page).text
    assert invitations()[0].cancelled_at is None


def test_a_current_coach_or_a_pending_invitation_is_not_invited_again(app, coach, team):
    client = signed_in(app, coach.email)
    invite(client, team, "JUF@school.nl")
    assert "juf@school.nl is al coach van dit team" in client.get(f"/teams/{team.id}").text
    invite(client, team, "nieuw@school.nl")
    invite(client, team, "Nieuw@School.nl")
    assert "nieuw@school.nl is al uitgenodigd" in client.get(f"/teams/{team.id}").text
    assert [each.email for each in invitations()] == ["nieuw@school.nl"]
    assert len(mails_to("nieuw@school.nl")) == 1


@pytest.mark.parametrize("token", ["not-a-valid-token", "x" * 3000, "٣", "..", "a b"])
def test_an_unknown_link_is_answered_in_dutch(app, client, token):
    page = client.get(f"/teams/invitations/{token}")
    assert page.status_code == 404
    assert "Deze uitnodigingslink is niet geldig" in page.text


@pytest.mark.parametrize("token", ["%FF%FE", "%00"])
def test_a_link_with_broken_characters_is_not_found(app, client, token):
    page = client.get(f"/teams/invitations/{token}")
    assert page.status_code == 404
    assert "Pagina niet gevonden" in page.text
    assert client.post(f"/teams/invitations/{token}/accept").status_code in {302, 404}


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_INVITE": "2 per hour"}])
def test_a_coach_sends_a_few_invitations_an_hour_at_most(app, coach, team):
    client = signed_in(app, coach.email)
    answers = [invite(client, team, f"coach{n}@school.nl").status_code for n in range(3)]
    assert answers == [302, 302, 429]
    assert len(invitations()) == 2


NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
WEEKS = timedelta(days=14)


@pytest.mark.parametrize(
    ("accepted", "cancelled", "now", "expected"),
    [
        (None, None, NOW, InvitationState.OPEN),
        (None, None, NOW + WEEKS - timedelta(seconds=1), InvitationState.OPEN),
        (None, None, NOW + WEEKS, InvitationState.EXPIRED),
        (NOW, None, NOW + 2 * WEEKS, InvitationState.ACCEPTED),  # used stays used
        (None, NOW, NOW, InvitationState.CANCELLED),
    ],
)
def test_invitation_states(accepted, cancelled, now, expected):
    assert invitation_state(NOW, accepted, cancelled, now) is expected
