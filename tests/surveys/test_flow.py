"""The survey flow: mail -> form -> thank-you -> change -> closed, once per coach per event."""

from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.errors import DomainError
from challenges.extensions import db
from challenges.mail.models import OutboxMessage
from challenges.surveys import services
from challenges.surveys.models import Again, Audience, Survey, SurveyInvitation
from challenges.surveys.services import today
from tests.factories import grant_event_role, make_event, make_season, make_user
from tests.surveys.conftest import mail_count, make_survey_event, send

COACH_ANSWERS = {
    "programme_rating": "8",
    "event_rating": "7",
    "again": "yes",
    "went_well": "De robotwedstrijd liep strak op tijd.",
    "could_be_better": "Meer koffie voor de coaches.",
    "remarks": "",
}


def recipients() -> list[str]:
    return sorted(db.session.scalars(select(OutboxMessage.recipient)))


def test_sending_mails_each_coach_and_volunteer_once(client, world):
    client.log_in(world.manager.email)

    page = send(client, world)

    assert "4 e-mails zijn onderweg." in page.text
    people = [*world.coaches, *world.volunteers]
    assert recipients() == sorted(person.email for person in people)
    subjects = set(db.session.scalars(select(OutboxMessage.subject)))
    assert subjects == {"Hoe was Regiofinale Delft? Jouw evaluatie"}
    survey = db.session.get(Survey, world.event.id)
    assert survey.closes_on == world.event.starts_on + timedelta(weeks=3)
    audiences = db.session.scalars(select(SurveyInvitation.audience)).all()
    assert sorted(audiences) == [Audience.COACH] * 2 + [Audience.VOLUNTEER] * 2

    again = send(client, world)
    assert "De evaluatie is al verstuurd." in again.text
    assert mail_count() == 4


def test_no_survey_before_the_event_is_over(client, app):
    world = make_survey_event(days_ago=0)
    client.log_in(world.manager.email)

    page = send(client, world)

    assert "De evaluatie kan worden verstuurd vanaf de dag na het evenement." in page.text
    assert db.session.get(Survey, world.event.id) is None
    assert mail_count() == 0


def test_a_coach_answers_changes_and_then_the_survey_closes(client, world):
    client.log_in(world.manager.email)
    send(client, world)
    client.get("/account/logout")  # the link needs no log-in
    link = world.link_of(world.coaches[0])

    form = client.get(link)
    assert form.status_code == 200
    assert "Jouw cijfer voor FIRST LEGO League Challenge dit seizoen (1 tot 10)" in form.text
    assert "Jouw cijfer voor de regiofinale (1 tot 10)" in form.text
    assert "Vakkanjers" not in form.text

    answered = client.submit(link, COACH_ANSWERS)
    assert answered.status_code == 302
    assert answered.location.endswith(f"{link}/thanks")
    thanks = client.get(answered.location)
    assert "Je antwoorden over Regiofinale Delft zijn bewaard." in thanks.text

    assert 'value="8"' in client.get(link).text  # the form holds the answers
    changed = client.submit(link, COACH_ANSWERS | {"event_rating": "9", "again": "maybe"})
    assert changed.status_code == 302
    invitation = db.session.scalar(
        select(SurveyInvitation).where(SurveyInvitation.user_id == world.coaches[0].id)
    )
    db.session.refresh(invitation)
    assert (invitation.event_rating, invitation.again) == (9, Again.MAYBE)
    assert invitation.went_well == "De robotwedstrijd liep strak op tijd."
    assert invitation.remarks is None
    assert db.session.scalar(select(db.func.count(SurveyInvitation.id))) == 4

    client.log_in(world.manager.email)
    assert "De evaluatie is gesloten." in send(client, world, "close").text
    closed = client.get(link)
    assert closed.status_code == 410
    assert "De evaluatie over Regiofinale Delft is gesloten" in closed.text
    token = client.csrf_token()  # the closed page has no form
    refused = client.post(link, data=COACH_ANSWERS | {"csrf_token": token})
    assert refused.status_code == 410
    db.session.refresh(invitation)
    assert invitation.event_rating == 9


def test_the_survey_closes_by_itself_after_three_weeks(client, world):
    client.log_in(world.manager.email)
    send(client, world)
    link = world.link_of(world.coaches[1])
    closes_on = db.session.get(Survey, world.event.id).closes_on

    noon = datetime.combine(closes_on, time(12), tzinfo=UTC)
    with time_machine.travel(noon):  # the last day
        assert client.get(link).status_code == 200
    with time_machine.travel(noon + timedelta(days=1)):
        assert client.get(link).status_code == 410
        client.log_in(world.manager.email)
        page = client.get(f"/admin/surveys/events/{world.event.id}")
        assert "Gesloten." in page.text
        assert "Herinnering versturen" not in page.text


def test_one_reminder_only_to_those_who_did_not_answer(client, world):
    client.log_in(world.manager.email)
    send(client, world)
    first, second = world.coaches
    assert client.submit(world.link_of(first), COACH_ANSWERS).status_code == 302
    before, last_id = mail_count(), db.session.scalar(select(db.func.max(OutboxMessage.id)))

    page = send(client, world, "remind")

    assert "3 e-mails zijn onderweg." in page.text
    reminders = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.id > last_id).order_by(OutboxMessage.recipient)
    ).all()
    expected = sorted([second.email, *(person.email for person in world.volunteers)])
    assert [mail.recipient for mail in reminders] == expected
    assert all(mail.subject == "Herinnering: hoe was Regiofinale Delft?" for mail in reminders)
    assert client.get(world.link_of(second)).status_code == 200  # the same link still works

    again = send(client, world, "remind")
    assert "De herinnering is al verstuurd; er is er maar één." in again.text
    assert mail_count() == before + 3


def test_the_absent_team_s_coach_and_the_manager_are_not_asked(client, world):
    client.log_in(world.manager.email)
    send(client, world)
    asked = set(recipients())
    assert world.absent_coach.email not in asked
    assert world.manager.email not in asked


def test_no_survey_for_an_event_without_anyone_to_ask(app):
    event = make_event(make_season(), name="Lege finale")
    event.starts_on = today() - timedelta(days=2)
    manager = make_user(name="Eva Manager")
    grant_event_role(manager, event, Role.EVENT_MANAGER)  # the manager is not asked
    db.session.commit()

    with pytest.raises(DomainError) as refused:
        services.send_survey(event, manager)

    assert refused.value.status == 409
    assert "niemand" in str(refused.value.message)
    assert db.session.get(Survey, event.id) is None
