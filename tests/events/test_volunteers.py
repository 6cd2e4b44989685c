import pytest
from sqlalchemy import select

from challenges.auth.models import EventRole, User
from challenges.auth.roles import Role
from challenges.events.models import Conflict
from challenges.events.volunteers import conflicting_school_ids
from challenges.extensions import db
from challenges.mail.models import OutboxMessage
from tests.factories import grant_event_role, make_event, make_school, make_user


@pytest.fixture
def event():
    return make_event(name="Regiofinale Delft")


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
