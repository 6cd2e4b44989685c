"""Role scoping and the organisers' user management."""

import pytest
from sqlalchemy import select

from challenges.auth.models import EventRole, User
from challenges.auth.roles import EVENT_ROLES, Role
from challenges.extensions import db
from tests.auth.helpers import last_link
from tests.factories import grant_event_role, make_event, make_user


@pytest.fixture
def two_events():
    return make_event(name="Regiofinale A"), make_event(name="Regiofinale B")


def test_judge_of_event_a_is_blocked_at_event_b(client, two_events):
    event_a, event_b = two_events
    judge = make_user(email="judge@example.nl")
    grant_event_role(judge, event_a, Role.JUDGE)
    client.log_in(judge.email)
    assert client.get(f"/events/{event_a.id}/volunteers").status_code == 200
    blocked = client.get(f"/events/{event_b.id}/volunteers")
    assert blocked.status_code == 403
    assert "rollen bij dit evenement" in blocked.get_data(as_text=True)


@pytest.mark.parametrize("role", EVENT_ROLES)
def test_every_event_role_is_scoped_to_its_event(client, two_events, role):
    event_a, event_b = two_events
    user = make_user()
    grant_event_role(user, event_a, role)
    client.log_in(user.email)
    assert client.get(f"/events/{event_a.id}/volunteers").status_code == 200
    assert client.get(f"/events/{event_b.id}/volunteers").status_code == 403


def test_organiser_reaches_every_event(client, two_events):
    organiser = make_user(roles=(Role.ORGANISER,))
    client.log_in(organiser.email)
    for event in two_events:
        assert client.get(f"/events/{event.id}/volunteers").status_code == 200


ORGANISER_PAGES = ["/admin/users/", "/admin/users/new", "/admin/outbox/"]


@pytest.mark.parametrize("path", ORGANISER_PAGES)
def test_organiser_pages_matrix(client, two_events, path):
    assert client.get(path).status_code == 302  # anonymous: to the log-in page
    coach = make_user(roles=(Role.COACH,))
    manager = make_user()
    grant_event_role(manager, two_events[0], Role.EVENT_MANAGER)
    for user in (coach, manager):
        client.log_in(user.email)
        assert client.get(path).status_code == 403
        client.submit("/account/logout", {}, page="/")
    organiser = make_user(roles=(Role.ORGANISER,))
    client.log_in(organiser.email)
    assert client.get(path).status_code == 200


def test_organiser_creates_user_who_sets_a_password(app, client):
    organiser = make_user(roles=(Role.ORGANISER,))
    client.log_in(organiser.email)
    response = client.submit("/admin/users/new", {"name": "Ria Referee", "email": "ria@example.nl"})
    assert response.status_code == 302
    created = db.session.scalar(select(User).where(User.email == "ria@example.nl"))
    assert created.password_hash is None

    invite = last_link("ria@example.nl")
    assert "/account/welcome/" in invite
    newcomer = app.test_client()
    from tests.factories import FormClient

    newcomer = FormClient(newcomer)
    assert (
        newcomer.submit(
            invite, {"password": "ria's own password", "password_repeat": "ria's own password"}
        ).status_code
        == 302
    )
    newcomer.log_in("ria@example.nl", "ria's own password")


def test_create_user_with_existing_email_is_refused(client):
    organiser = make_user(roles=(Role.ORGANISER,))
    client.log_in(organiser.email)
    response = client.submit("/admin/users/new", {"name": "Twee", "email": organiser.email})
    assert response.status_code == 422


def test_grant_and_revoke_event_role(client, two_events):
    event_a, _ = two_events
    organiser = make_user(roles=(Role.ORGANISER,))
    referee = make_user(email="ref@example.nl")
    client.log_in(organiser.email)
    page = f"/admin/users/{referee.id}"
    granted = client.submit(f"{page}/roles", {"role": "referee", "event_id": event_a.id}, page=page)
    assert granted.status_code == 302
    assert referee.has_event_role(event_a.id, frozenset({Role.REFEREE}))

    client.submit(f"{page}/roles/revoke", {"role": "referee", "event_id": event_a.id}, page=page)
    assert db.session.scalars(select(EventRole)).all() == []


def test_event_role_needs_an_event(client):
    organiser = make_user(roles=(Role.ORGANISER,))
    user = make_user()
    client.log_in(organiser.email)
    page = f"/admin/users/{user.id}"
    response = client.submit(f"{page}/roles", {"role": "judge", "event_id": 0}, page=page)
    assert response.status_code == 422
    assert "Kies het evenement" in response.get_data(as_text=True)


def test_grant_global_role_and_refuse_revoking_own_organiser_role(client):
    organiser = make_user(roles=(Role.ORGANISER,))
    other = make_user()
    client.log_in(organiser.email)
    client.submit(
        f"/admin/users/{other.id}/roles",
        {"role": "organiser", "event_id": 0},
        page=f"/admin/users/{other.id}",
    )
    assert other.has_role(Role.ORGANISER)
    own = f"/admin/users/{organiser.id}"
    client.submit(f"{own}/roles/revoke", {"role": "organiser"}, page=own)
    db.session.refresh(organiser)
    assert organiser.has_role(Role.ORGANISER)


def test_role_must_be_chosen(client):
    organiser = make_user(roles=(Role.ORGANISER,))
    user = make_user()
    client.log_in(organiser.email)
    page = f"/admin/users/{user.id}"
    assert '<select id="role" name="role" required><option value="">' in client.get(page).text
    response = client.submit(f"{page}/roles", {"role": "", "event_id": 0}, page=page)
    assert response.status_code == 422
    assert "Kies een rol." in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.roles == []


def test_unknown_role_in_revoke_is_a_400(client):
    organiser = make_user(roles=(Role.ORGANISER,))
    client.log_in(organiser.email)
    page = f"/admin/users/{organiser.id}"
    assert client.submit(f"{page}/roles/revoke", {"role": "emperor"}, page=page).status_code == 400


def test_the_readme_s_first_organiser_command_works(runner):
    """README: `challenges users create --email ... --name ... --role organiser`."""
    command = ["users", "create", "--email", "a@b.nl", "--name", "A. Organisator"]
    result = runner.invoke(args=[*command, "--role", "organiser"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "a@b.nl"))
    assert user.has_role(Role.ORGANISER)
