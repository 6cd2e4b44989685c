import re

import pytest
from sqlalchemy import select

from challenges.auth.models import EventRole, User
from challenges.auth.roles import Role
from challenges.events.models import Conflict
from challenges.events.volunteers.services import conflicting_school_ids
from challenges.extensions import db
from challenges.mail.models import OutboxMessage
from tests.events.programme_words import (
    FLL_WORDS,
    VAKKANJERS_WORDS,
    main_of,
    make_programme_season,
    words_in,
)
from tests.factories import grant_event_role, make_event, make_school, make_user


@pytest.fixture
def event():
    return make_event(make_programme_season(robot_game=True), name="Regiofinale Delft")


@pytest.fixture
def market():
    return make_event(make_programme_season(robot_game=False), name="Vakkanjers Markt Zwolle")


@pytest.fixture
def manager(client, event):
    manager = make_user(email="manager@example.nl")
    grant_event_role(manager, event, Role.EVENT_MANAGER)
    client.log_in(manager.email)
    return manager


def roles_of(email: str) -> list[tuple[int, Role]]:
    user = db.session.scalar(select(User).where(User.email == email))
    return [
        (grant.event_id, grant.role)
        for grant in db.session.scalars(select(EventRole).where(EventRole.user_id == user.id))
    ]


def test_manager_invites_a_new_judge(client, event, manager):
    page = f"/events/{event.id}/volunteers"
    response = client.submit(
        page, {"name": "Jurylid Jansen", "email": "jansen@bedrijf.nl", "role": "judge"}
    )
    assert response.headers["Location"] == page
    assert roles_of("jansen@bedrijf.nl") == [(event.id, Role.JUDGE)]
    invited = db.session.scalar(select(User).where(User.email == "jansen@bedrijf.nl"))
    assert invited.password_hash is None
    mail = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.recipient == "jansen@bedrijf.nl")
    )
    assert "/account/welcome/" in mail.body
    assert "Jurylid Jansen" in client.get(page).text


def test_manager_invites_an_existing_account(client, event, manager):
    make_user(email="ref@example.nl", name="Ria Referee")
    page = f"/events/{event.id}/volunteers"
    client.submit(page, {"name": "Ria", "email": "ref@example.nl", "role": "head_referee"})
    assert roles_of("ref@example.nl") == [(event.id, Role.HEAD_REFEREE)]
    mail = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.recipient == "ref@example.nl")
    )
    assert "Regiofinale Delft" in mail.subject


@pytest.mark.parametrize("role", ["event_manager", "organiser", ""])
def test_manager_cannot_hand_out_other_roles(client, event, manager, role):
    page = f"/events/{event.id}/volunteers"
    response = client.submit(page, {"name": "X", "email": "x@example.nl", "role": role})
    assert response.status_code == 422
    assert db.session.scalar(select(User).where(User.email == "x@example.nl")) is None


def test_judges_see_the_crew_but_cannot_invite(client, event):
    judge = make_user()
    grant_event_role(judge, event, Role.JUDGE)
    client.log_in(judge.email)
    page = f"/events/{event.id}/volunteers"
    assert "Nodig een vrijwilliger uit" not in client.get(page).text
    response = client.submit(page, {"name": "X", "email": "x@example.nl", "role": "judge"})
    assert response.status_code == 403


def test_declare_and_remove_conflicts(client, event):
    judge = make_user()
    grant_event_role(judge, event, Role.JUDGE)
    school = make_school("Mijn Oude School", town="Delft")
    client.log_in(judge.email)
    page = f"/events/{event.id}/conflicts"
    assert "Mijn Oude School" in client.get(f"{page}?q=oude").text
    client.submit(page, {"school_id": school.id, "reason": "mijn kinderen"}, page=f"{page}?q=oude")
    assert conflicting_school_ids([judge.id]) == {judge.id: {school.id}}
    client.submit(page, {"school_id": school.id, "reason": ""}, page=page)
    assert "al opgegeven" in client.get(page).text
    client.submit(f"{page}/{school.id}/remove", {}, page=page)
    assert db.session.scalars(select(Conflict)).all() == []


def test_conflicts_page_needs_a_role_at_the_event(client, event):
    client.log_in(make_user().email)
    assert client.get(f"/events/{event.id}/conflicts").status_code == 403


def role_choices(page: str) -> list[str]:
    select = page.split('name="role"', 1)[1].split("</select>", 1)[0]
    return [value for value in re.findall(r'value="([^"]*)"', select) if value]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_vakkanjers_event_has_jurors_and_no_referees(client, market, language):
    manager = make_user()
    grant_event_role(manager, market, Role.EVENT_MANAGER)
    client.log_in(manager.email)
    page = main_of(client.get(f"/events/{market.id}/volunteers?lang={language}"))
    assert role_choices(page) == ["judge_advisor", "judge"]
    assert words_in(page, FLL_WORDS) == []
    assert ("Jurylid" if language == "nl" else "Juror") in page
    assert ("Jurycoördinator" if language == "nl" else "Jury coordinator") in page


@pytest.mark.parametrize("role", ["referee", "head_referee"])
def test_nobody_becomes_a_referee_at_a_vakkanjers_event(client, market, role):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    page = f"/events/{market.id}/volunteers"
    response = client.submit(page, {"name": "X", "email": "x@example.nl", "role": role})
    assert response.status_code == 422
    assert db.session.scalar(select(User).where(User.email == "x@example.nl")) is None


def test_an_fll_event_has_referees_and_no_vakkanjers_words(client, event, manager):
    page = main_of(client.get(f"/events/{event.id}/volunteers"))
    assert role_choices(page) == ["head_referee", "referee", "judge_advisor", "judge"]
    assert "Scheidsrechter" in page
    assert words_in(page, VAKKANJERS_WORDS) == []


def test_an_organiser_makes_someone_event_manager_through_the_invitation(client, market):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    page = f"/events/{market.id}/volunteers"
    assert "event_manager" in role_choices(client.get(page).text)
    client.submit(page, {"name": "Eva", "email": "eva@example.nl", "role": "event_manager"})
    assert roles_of("eva@example.nl") == [(market.id, Role.EVENT_MANAGER)]
    assert "Evenementmanager" in main_of(client.get(page))


def test_an_event_manager_makes_no_other_event_manager(client, event, manager):
    """The organiser decides who runs an event: an event manager could otherwise hand it on."""
    page = f"/events/{event.id}/volunteers"
    assert "event_manager" not in role_choices(client.get(page).text)
    existing = make_user(email="eva@example.nl")
    client.submit(page, {"name": "Eva", "email": existing.email, "role": "event_manager"})
    assert roles_of(existing.email) == []


def test_the_invitation_mail_names_the_role_in_the_programme_s_words(client, market):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    make_user(email="anouk@example.nl", locale="nl")
    page = f"/events/{market.id}/volunteers"
    client.submit(page, {"name": "Anouk", "email": "anouk@example.nl", "role": "judge"})
    mail = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.recipient == "anouk@example.nl")
    )
    assert "Jurylid" in mail.body
    assert words_in(mail.body, FLL_WORDS) == []
