"""Vakkanjers Markt: the app sends jurors to their stand in the fixed round plan, else to the
least-seen free stand; tracks views per stand, lets a juror skip an absent team and undo a
mis-tap, and asks before a juror leaves a stand without submitting its jury form."""

from datetime import timedelta

import time_machine
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.database import utcnow
from challenges.events.market.models import PlannedVisit
from challenges.events.market.services import fix_plan
from challenges.events.models import Attendance, Conflict, EventTeam
from challenges.extensions import db
from tests.factories import grant_event_role, make_user
from tests.judging.conftest import act, claimed, jury_rubric, send


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
    given_back = act(client, event, "release").get_data(as_text=True)
    assert "De stand is teruggegeven. Was dat een vergissing" in given_back
    client.log_in(cem.email)
    act(client, event, "next")
    assert claimed(cem) == teams[0].id  # given back without "away": free again


def test_a_juror_is_never_sent_to_a_conflicted_stand_and_hears_when_all_is_seen(client, market):
    event, teams, (anouk, _bas, _cem), _stands = market
    db.session.add(Conflict(user_id=anouk.id, school_id=teams[0].school_id))
    db.session.commit()
    client.log_in(anouk.email)
    act(client, event, "next")
    assert claimed(anouk) == teams[3].id  # the only stand of another school
    assert send(client, event, jury_rubric(teams[3], "market-key-3")).status_code == 201
    page = act(client, event, "next").get_data(as_text=True)
    assert "Je hebt alle stands gezien die je mag jureren." in page
    assert "Stuur me naar de volgende stand" not in page
    assert "probeer" not in page.lower()
    assert send(client, event, jury_rubric(teams[1], "market-key-2")).status_code == 403


def test_a_claim_holds_however_long_the_visit_takes(client, market):
    event, teams, (anouk, bas, _cem), _stands = market
    client.log_in(anouk.email)
    act(client, event, "next")
    with time_machine.travel(utcnow() + timedelta(hours=2)):
        client.log_in(bas.email)
        act(client, event, "next")
        assert claimed(bas) == teams[1].id  # stand 1 is still anouk's
        assert claimed(anouk) == teams[0].id


def planned(event, juror, round_: int) -> int | None:
    return db.session.scalar(
        select(PlannedVisit.team_id).where(
            PlannedVisit.event_id == event.id,
            PlannedVisit.judge_id == juror.id,
            PlannedVisit.round == round_,
        )
    )


def start(event, manager) -> None:
    fix_plan(event, manager, 15)
    db.session.commit()


def test_jurors_follow_the_fixed_round_plan(client, market):
    event, teams, jurors, _stands = market
    start(event, jurors[0])
    for juror in jurors:
        client.log_in(juror.email)
        page = act(client, event, "next").get_data(as_text=True)
        assert claimed(juror) == planned(event, juror, 1)
        assert "Ronde 1 van" in page
    anouk = jurors[0]
    client.log_in(anouk.email)
    team = db.session.get(type(teams[0]), claimed(anouk))
    assert send(client, event, jury_rubric(team, "plan-key-1")).status_code == 201
    with time_machine.travel(utcnow() + timedelta(minutes=16)):  # round 2
        page = act(client, event, "next").get_data(as_text=True)
    assert planned(event, anouk, 2) is not None  # 4 stands x 2 views: 3 rounds for 3 jurors
    assert claimed(anouk) == planned(event, anouk, 2)
    assert "Niet in het rondeplan" not in page


def test_a_no_show_s_planned_stand_sends_the_juror_to_the_least_seen_one(client, market):
    event, _teams, jurors, _stands = market
    start(event, jurors[0])
    anouk = jurors[0]
    gone = planned(event, anouk, 1)
    placed = db.session.scalar(select(EventTeam).where(EventTeam.team_id == gone))
    placed.attendance = Attendance.NO_SHOW
    db.session.commit()
    client.log_in(anouk.email)
    page = act(client, event, "next").get_data(as_text=True)
    assert claimed(anouk) not in (None, gone)
    assert "Niet in het rondeplan: de stand die een jurylid het hardst nodig heeft." in page
    others = {planned(event, juror, 1) for juror in jurors[1:]}
    assert claimed(anouk) not in others  # held for the other jurors this round


def test_done_here_without_a_jury_form_asks_first_and_can_be_undone(client, market):
    event, teams, (anouk, _bas, _cem), _stands = market
    client.log_in(anouk.email)
    act(client, event, "next")
    assert claimed(anouk) == teams[0].id
    page = act(client, event, "next")
    text = page.get_data(as_text=True)
    assert "Stand 1 teruggeven?" in text
    assert "Je hebt het juryformulier van deze stand nog niet ingestuurd." in text
    assert claimed(anouk) == teams[0].id  # nothing changed yet
    url = f"/events/{event.id}/judging/market"
    page = client.submit(
        f"{url}/next", {"confirm": "yes"}, page=f"{url}/leave", follow_redirects=True
    )
    text = page.get_data(as_text=True)
    assert "De stand is teruggegeven." in text
    assert claimed(anouk) not in (None, teams[0].id)
    assert "Ongedaan maken: terug naar stand 1" in text
    act(client, event, "undo")
    assert claimed(anouk) == teams[0].id
    assert "Er is niets ongedaan te maken" in act(client, event, "undo").get_data(as_text=True)


def test_the_leave_page_without_a_claim_goes_back_to_the_floor(client, market):
    event, _teams, (anouk, _bas, _cem), _stands = market
    client.log_in(anouk.email)
    response = client.get(f"/events/{event.id}/judging/market/leave")
    assert response.status_code == 302
    assert response.location.endswith(f"/events/{event.id}/judging/market")


def test_leaving_a_planned_stand_unjudged_sends_the_juror_elsewhere(client, market):
    event, _teams, jurors, _stands = market
    start(event, jurors[0])
    anouk = jurors[0]
    client.log_in(anouk.email)
    act(client, event, "next")
    mine = planned(event, anouk, 1)
    assert claimed(anouk) == mine
    url = f"/events/{event.id}/judging/market"
    client.submit(f"{url}/next", {"confirm": "yes"}, page=f"{url}/leave")
    assert claimed(anouk) not in (None, mine)  # not straight back to the stand just left


def test_a_submitted_jury_form_or_a_stand_the_advisor_freed_cannot_be_undone(client, market):
    event, teams, (anouk, _bas, _cem), _stands = market
    client.log_in(anouk.email)
    act(client, event, "next")
    assert send(client, event, jury_rubric(teams[0], "market-key-9")).status_code == 201
    assert claimed(anouk) is None  # judged: the stand is free again
    text = client.get(f"/events/{event.id}/judging/market").get_data(as_text=True)
    assert "Ongedaan maken" not in text
    assert "Er is niets ongedaan te maken" in act(client, event, "undo").get_data(as_text=True)
    text = act(client, event, "next").get_data(as_text=True)  # on to the next stand
    held = claimed(anouk)
    assert held not in (None, teams[0].id)
    assert "Ongedaan maken" not in text
    advisor = make_user(name="Aisha")
    grant_event_role(advisor, event, Role.JUDGE_ADVISOR)
    db.session.commit()
    client.log_in(advisor.email)
    live = f"/events/{event.id}/judging/market/live"
    client.submit(f"/events/{event.id}/judging/market/jurors/{anouk.id}/release", {}, page=live)
    assert claimed(anouk) is None
    client.log_in(anouk.email)
    text = client.get(f"/events/{event.id}/judging/market").get_data(as_text=True)
    assert "Ongedaan maken" not in text
    assert "Er is niets ongedaan te maken" in act(client, event, "undo").get_data(as_text=True)
    assert claimed(anouk) is None
