import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.events.models import EventTeam
from challenges.extensions import db
from tests.factories import (
    grant_event_role,
    make_event,
    make_open_season,
    make_placed_teams,
    make_user,
)


@pytest.fixture
def market(client):
    event = make_event(make_open_season(), name="Vakkanjers Markt Zwolle")
    teams = make_placed_teams(event, 5, no_shows=(4,))
    manager = make_user()
    grant_event_role(manager, event, Role.EVENT_MANAGER)
    judges = [make_user(name=f"Jurylid {n}") for n in range(3)]
    for judge in judges:
        grant_event_role(judge, event, Role.JUDGE)
    client.log_in(manager.email)
    return event, teams, judges


def test_number_stands_and_plan_jury_rounds(client, market):
    event, teams, _judges = market
    page = f"/events/{event.id}/market"
    assert "Nummer eerst de stands" in client.get(page).text
    client.submit(page, {})
    stands = dict(db.session.execute(select(EventTeam.team_id, EventTeam.stand)).all())
    assert sorted(s for s in stands.values() if s) == [1, 2, 3, 4]
    assert stands[teams[4].id] is None  # the no-show gets no stand
    text = client.get(page).text
    assert "Juryrondes" in text
    assert "Jurylid 0" in text


def test_too_small_a_jury_is_explained(client, market):
    event, _teams, judges = market
    from challenges.auth.models import EventRole

    for judge in judges[1:]:
        db.session.execute(EventRole.__table__.delete().where(EventRole.user_id == judge.id))
    db.session.commit()
    page = f"/events/{event.id}/market"
    client.submit(page, {})
    assert "Er zijn 2 juryleden nodig; dit evenement heeft er 1." in client.get(page).text


def test_judges_see_the_market_but_do_not_number_it(client, market):
    event, _teams, judges = market
    client.submit("/account/logout", {}, page="/")
    client.log_in(judges[0].email)
    page = f"/events/{event.id}/market"
    assert client.get(page).status_code == 200
    assert client.submit(page, {}).status_code == 403
