from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import func, select

from challenges.auth.roles import Role
from challenges.database import utcnow
from challenges.events.market.models import MarketPlan, PlannedVisit
from challenges.events.models import Attendance, EventTeam
from challenges.extensions import db
from tests.factories import (
    grant_event_role,
    make_event,
    make_open_season,
    make_placed_teams,
    make_user,
)
from tests.printing.conftest import page_texts

ZONE = ZoneInfo("Europe/Amsterdam")


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


def start_market(client, event, minutes="15"):
    page = f"/events/{event.id}/market"
    return client.submit(
        f"/events/{event.id}/judging/market/plan/fix",
        {"round_minutes": minutes},
        page=page,
        follow_redirects=True,
    )


def visits(event) -> list[tuple[int, int, int]]:
    return list(
        db.session.execute(
            select(PlannedVisit.round, PlannedVisit.judge_id, PlannedVisit.team_id)
            .where(PlannedVisit.event_id == event.id)
            .order_by(PlannedVisit.round, PlannedVisit.judge_id)
        ).all()
    )


def test_number_stands_then_fix_a_timed_round_plan(client, market):
    event, teams, _judges = market
    page = f"/events/{event.id}/market"
    assert "Nummer eerst de stands" in client.get(page).text
    client.submit(page, {})
    stands = dict(db.session.execute(select(EventTeam.team_id, EventTeam.stand)).all())
    assert sorted(s for s in stands.values() if s) == [1, 2, 3, 4]
    assert stands[teams[4].id] is None  # the no-show gets no stand
    assert "Start de markt: leg het rondeplan vast" in client.get(page).text
    assert visits(event) == []  # a page load plans nothing
    text = start_market(client, event, "12").text
    assert "De markt is begonnen: het rondeplan ligt vast." in text
    assert "rondes van 12 minuten" in text
    assert "Jurylid 0" in text
    plan = db.session.get(MarketPlan, event.id)
    first = plan.starts_at + timedelta(minutes=12)
    assert f"{first.astimezone(ZONE):%H:%M}" in text  # round 2's clock time
    planned = visits(event)
    per_stand = {}
    for _round, judge, team in planned:
        per_stand.setdefault(team, set()).add(judge)
    assert len(per_stand) == 4
    assert all(len(seen) >= 2 for seen in per_stand.values())
    client.get(page)
    assert visits(event) == planned  # still the same after another page load
    assert "Stands nummeren" not in text
    refused = client.submit(page, {}, follow_redirects=True).text
    assert "De markt is begonnen: de standnummers blijven zoals ze zijn." in refused


def test_the_plan_is_fixed_once_and_the_round_length_is_checked(client, market):
    event, _teams, _judges = market
    client.submit(f"/events/{event.id}/market", {})
    for wrong in ("4", "61", "tien", "1e9"):
        text = start_market(client, event, wrong).text
        assert "Minuten per ronde: een heel getal van 5 tot 60." in text
    assert db.session.get(MarketPlan, event.id) is None
    start_market(client, event)
    text = start_market(client, event).text
    assert "De markt is al gestart: het rondeplan ligt vast; maak het opnieuw" in text
    assert db.session.scalar(select(func.count()).select_from(MarketPlan)) == 1


def test_a_no_show_is_planned_out_of_the_rounds_not_started(client, market):
    event, _teams, _judges = market
    client.submit(f"/events/{event.id}/market", {})
    start_market(client, event, "10")
    before = visits(event)
    gone = before[0][2]  # a stand planned in round 1
    db.session.scalar(
        select(EventTeam).where(EventTeam.team_id == gone)
    ).attendance = Attendance.NO_SHOW
    db.session.commit()
    with time_machine.travel(utcnow() + timedelta(minutes=11)):  # round 2 runs
        text = client.submit(
            f"/events/{event.id}/judging/market/plan/remake",
            {},
            page=f"/events/{event.id}/market",
            follow_redirects=True,
        ).text
    assert "Het rondeplan is opnieuw gemaakt" in text
    after = visits(event)
    assert [v for v in after if v[0] <= 2] == [v for v in before if v[0] <= 2]
    assert all(team != gone for round_, _judge, team in after if round_ > 2)
    assert db.session.get(MarketPlan, event.id).version == 2
    assert "afgemeld" in text  # the kept rounds show the no-show


def test_the_round_plan_prints(client, market):
    event, _teams, _judges = market
    client.submit(f"/events/{event.id}/market", {})
    assert client.get(f"/events/{event.id}/print/market-plan").status_code == 409
    start_market(client, event)
    response = client.get(f"/events/{event.id}/print/market-plan")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "rondeplan-" in response.headers["Content-Disposition"]
    text = " ".join(page_texts(response.data))
    for expected in ("Rondeplan", "Route van Jurylid 0", "Team 0"):
        assert expected in text


def test_too_small_a_jury_is_explained(client, market):
    event, _teams, judges = market
    from challenges.auth.models import EventRole

    for judge in judges[1:]:
        db.session.execute(EventRole.__table__.delete().where(EventRole.user_id == judge.id))
    db.session.commit()
    client.submit(f"/events/{event.id}/market", {})
    text = start_market(client, event).text
    assert "Er zijn 2 juryleden nodig; dit evenement heeft er 1." in text


def test_judges_see_the_market_but_do_not_number_it(client, market):
    event, _teams, judges = market
    client.submit("/account/logout", {}, page="/")
    client.log_in(judges[0].email)
    page = f"/events/{event.id}/market"
    assert client.get(page).status_code == 200
    assert client.submit(page, {}).status_code == 403
    assert start_market(client, event).status_code == 403


def test_a_plan_made_again_after_it_ran_out_adds_rounds_from_now(client, market):
    event, _teams, _judges = market
    client.submit(f"/events/{event.id}/market", {})
    start_market(client, event, "10")
    last = max(round_ for round_, _judge, _team in visits(event))
    with time_machine.travel(utcnow() + timedelta(minutes=10 * last + 25)):  # in round last + 3
        client.submit(
            f"/events/{event.id}/judging/market/plan/remake",
            {},
            page=f"/events/{event.id}/market",
        )
        text = client.get(f"/events/{event.id}/market").text
        printed = client.get(f"/events/{event.id}/print/market-plan")
    new = sorted({round_ for round_, _judge, _team in visits(event) if round_ > last})
    assert new[0] == last + 4  # nothing was judged: every stand is planned again, from now on
    assert '<th scope="row">' + str(last + 4) in text
    for skipped in range(last + 1, last + 4):
        assert f'<th scope="row">{skipped}' not in text
    assert printed.status_code == 200
