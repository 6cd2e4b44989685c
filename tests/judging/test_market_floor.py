"""Vakkanjers Markt: the app sends idle jurors to the least-seen free stand, tracks views per
stand, lets a juror skip an absent team and undo a mis-tap."""

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.database import utcnow
from challenges.events.markets import assign_stands
from challenges.events.models import Conflict, EventTeam
from challenges.extensions import db
from challenges.judging.models import StandClaim
from tests.factories import (
    grant_event_role,
    make_event,
    make_open_season,
    make_placed_teams,
    make_school,
    make_user,
)
from tests.judging.conftest import send


@pytest.fixture
def market(app):
    season = make_open_season()
    season.rubric_set_key = "vakkanjers-jury"
    event = make_event(season=season)
    teams = make_placed_teams(event, 4)
    teams[3].school = make_school(name="Eigen School")
    assign_stands(event)
    jurors = [make_user(name=name) for name in ("Anouk", "Bas", "Cem")]
    for juror in jurors:
        grant_event_role(juror, event, Role.JUDGE)
    db.session.commit()
    stands = {
        placed.team_id: placed.stand
        for placed in db.session.scalars(select(EventTeam).where(EventTeam.event_id == event.id))
    }
    return event, teams, jurors, stands


def act(client, event, do):
    url = f"/events/{event.id}/judging/market"
    return client.submit(f"{url}/{do}", {}, page=url, follow_redirects=True)


def claimed(juror) -> int | None:
    return db.session.scalar(
        select(StandClaim.team_id).where(
            StandClaim.judge_id == juror.id, StandClaim.released_at.is_(None)
        )
    )


def jury_rubric(team, key):
    levels = {row: 3 for row in ("idea", "process", "prototype", "client_fit", "presentation")}
    return {
        "client_key": key,
        "team": team.id,
        "rubric": "jury",
        "levels": levels,
        "notes": {},
        "status": "submitted",
    }


def test_jurors_are_sent_to_different_free_stands_and_rotate(client, market):
    event, teams, (anouk, bas, _cem), _stands = market
    client.log_in(anouk.email)
    page = act(client, event, "next").get_data(as_text=True)
    assert "Ga naar stand 1" in page
    assert claimed(anouk) == teams[0].id
    client.log_in(bas.email)
    act(client, event, "next")
    assert claimed(bas) == teams[1].id  # stand 1 is busy
    client.log_in(anouk.email)
    assert send(client, event, jury_rubric(teams[0], "market-key-1")).status_code == 201
    page = act(client, event, "next").get_data(as_text=True)
    assert claimed(anouk) == teams[3].id  # least seen and farthest from stand 1
    assert "Ga naar stand 4" in page
    floor = client.get(f"/events/{event.id}/judging/market").get_data(as_text=True)
    assert "4 stand(s) hebben nog een jurylid nodig" in floor


def test_an_absent_team_is_skipped_for_a_while_and_a_mistap_can_be_undone(client, market):
    event, teams, (anouk, bas, cem), _stands = market
    client.log_in(anouk.email)
    act(client, event, "next")
    page = act(client, event, "absent").get_data(as_text=True)
    assert "het team is niet bij zijn stand" in page
    assert claimed(anouk) is None
    client.log_in(bas.email)
    act(client, event, "next")
    assert claimed(bas) == teams[1].id  # stand 1 is reported away
    client.log_in(anouk.email)
    act(client, event, "undo")
    assert claimed(anouk) == teams[0].id
    assert "Er is niets ongedaan te maken" in act(client, event, "undo").get_data(as_text=True)
    act(client, event, "release")
    client.log_in(cem.email)
    act(client, event, "next")
    assert claimed(cem) == teams[0].id  # given back without "away": free again


def test_a_juror_is_never_sent_to_a_conflicted_stand(client, market):
    event, teams, (anouk, _bas, _cem), _stands = market
    db.session.add(Conflict(user_id=anouk.id, school_id=teams[0].school_id))
    db.session.commit()
    client.log_in(anouk.email)
    act(client, event, "next")
    assert claimed(anouk) == teams[3].id  # the only stand of another school
    assert send(client, event, jury_rubric(teams[3], "market-key-3")).status_code == 201
    response = act(client, event, "next")
    assert "Er is nu geen stand vrij voor je" in response.get_data(as_text=True)
    assert send(client, event, jury_rubric(teams[1], "market-key-2")).status_code == 403


def test_claims_older_than_five_minutes_no_longer_block_a_stand(client, market):
    event, teams, (anouk, bas, _cem), _stands = market
    client.log_in(anouk.email)
    act(client, event, "next")
    with time_machine.travel(utcnow() + timedelta(minutes=6)):
        client.log_in(bas.email)
        act(client, event, "next")
        assert claimed(bas) == teams[0].id
