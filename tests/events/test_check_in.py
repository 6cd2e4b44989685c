import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.events.models import Attendance, EventTeam
from challenges.extensions import db
from tests.factories import (
    grant_event_role,
    make_event,
    make_open_season,
    make_placed_teams,
    make_user,
)


@pytest.fixture
def event_with_teams():
    event = make_event(make_open_season())
    make_placed_teams(event, 3)
    return event


def attendance() -> dict[int, Attendance]:
    return {row.team_id: row.attendance for row in db.session.scalars(select(EventTeam))}


def test_event_manager_checks_teams_in_and_undoes(client, event_with_teams):
    event = event_with_teams
    manager = make_user()
    grant_event_role(manager, event, Role.EVENT_MANAGER)
    client.log_in(manager.email)
    page = f"/events/{event.id}/check-in"
    assert "Team 0" in client.get(page).text
    first, second, _third = sorted(attendance())
    client.submit(f"{page}/{first}", {"attendance": "present"}, page=page)
    client.submit(f"{page}/{second}", {"attendance": "no_show"}, page=page)
    assert attendance()[first] is Attendance.PRESENT
    assert attendance()[second] is Attendance.NO_SHOW
    checked = db.session.scalar(select(EventTeam).where(EventTeam.team_id == first))
    assert checked.checked_in_at is not None
    client.submit(f"{page}/{second}", {"attendance": "expected"}, page=page)
    assert attendance()[second] is Attendance.EXPECTED
    assert client.submit(f"{page}/{first}", {"attendance": "gone"}, page=page).status_code == 400


def test_only_this_events_manager(client, event_with_teams):
    event = event_with_teams
    other_manager, judge = make_user(), make_user()
    grant_event_role(other_manager, make_event(), Role.EVENT_MANAGER)
    grant_event_role(judge, event, Role.JUDGE)
    for user in (other_manager, judge):
        client.log_in(user.email)
        assert client.get(f"/events/{event.id}/check-in").status_code == 403
        client.submit("/account/logout", {}, page="/")


def test_a_team_of_another_event_cannot_be_checked_in(client, event_with_teams):
    other = make_event()
    manager = make_user()
    grant_event_role(manager, other, Role.EVENT_MANAGER)
    client.log_in(manager.email)
    team_id = next(iter(attendance()))
    page = f"/events/{other.id}/check-in"
    client.submit(f"{page}/{team_id}", {"attendance": "present"}, page=page)
    assert attendance()[team_id] is Attendance.EXPECTED
