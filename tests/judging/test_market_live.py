"""The live floor of a Vakkanjers Markt for the event manager and the judge advisor: where every
juror is and since when, views per stand, the stands still short of jurors."""

import re

from challenges.auth.roles import Role
from challenges.extensions import db
from tests.factories import grant_event_role, make_user
from tests.judging.conftest import act, claimed, jury_rubric, send


def live(client, event):
    return client.get(f"/events/{event.id}/judging/market/live")


def row_of(page: str, text: str) -> str:
    return next(row for row in re.findall(r"<tr.*?</tr>", page, re.S) if text in row)


def test_the_event_manager_sees_where_every_juror_is(client, market):
    event, teams, (anouk, bas, _cem), _stands = market
    manager = make_user(name="Mila Manager")
    grant_event_role(manager, event, Role.EVENT_MANAGER)
    db.session.commit()
    client.log_in(anouk.email)
    act(client, event, "next")
    client.log_in(bas.email)
    act(client, event, "next")
    assert claimed(bas) == teams[1].id
    client.log_in(anouk.email)
    assert send(client, event, jury_rubric(teams[0], "live-key-1")).status_code == 201
    act(client, event, "next")
    assert claimed(anouk) == teams[3].id
    client.log_in(manager.email)
    response = live(client, event)
    assert response.status_code == 200
    page = response.text
    assert "Live overzicht van de markt" in page
    assert re.search(r"Stand 4 · Team 3</td>\s*<td>\d\d:\d\d", row_of(page, "Anouk"))
    assert "Stand 2 · Team 1" in row_of(page, "Bas")
    assert "niet bij een stand" in row_of(page, "Cem")
    stand_one = row_of(page, ">Team 0<")
    assert "Anouk (" in stand_one
    assert 'class="sheet-rejected"' in stand_one  # one view: still short
    assert "te weinig" in stand_one
    assert "Bas" in row_of(page, ">Team 1<")  # at the stand now
    assert "intrekken" not in page  # the event manager files no jury forms
    for word in ("tafel", "lokaal", "scheidsrechter", "robot"):
        assert word not in page.lower()


def test_two_views_make_a_stand_complete_and_the_advisor_may_withdraw(client, market):
    event, teams, (anouk, _bas, _cem), _stands = market
    advisor = make_user(name="Aisha")
    grant_event_role(advisor, event, Role.JUDGE_ADVISOR)
    db.session.commit()
    client.log_in(anouk.email)
    act(client, event, "next")
    send(client, event, jury_rubric(teams[0], "live-key-2"))
    client.log_in(advisor.email)
    send(client, event, jury_rubric(teams[0], "live-key-3"))
    page = live(client, event).text
    complete = row_of(page, ">Team 0<")
    assert "Anouk (" in complete
    assert "Aisha (" in complete
    assert "sheet-rejected" not in complete
    assert "intrekken" in complete
    assert "te weinig" in row_of(page, ">Team 1<")


def test_a_juror_may_not_open_the_live_floor(client, market):
    event, _teams, (anouk, _bas, _cem), _stands = market
    client.log_in(anouk.email)
    assert live(client, event).status_code == 403


def test_the_event_manager_frees_a_stand_a_juror_left(client, market):
    event, teams, (anouk, bas, _cem), _stands = market
    manager = make_user(name="Mila Manager")
    grant_event_role(manager, event, Role.EVENT_MANAGER)
    db.session.commit()
    client.log_in(anouk.email)
    act(client, event, "next")
    assert claimed(anouk) == teams[0].id
    client.log_in(manager.email)
    url = f"/events/{event.id}/judging/market/jurors/{anouk.id}/release"
    page = f"/events/{event.id}/judging/market/live"
    text = client.submit(url, {}, page=page, follow_redirects=True).text
    assert "De stand is weer vrij." in text
    assert claimed(anouk) is None
    again = client.submit(url, {}, page=page, follow_redirects=True).text
    assert "Dit jurylid is niet bij een stand." in again
    client.log_in(bas.email)
    act(client, event, "next")
    assert claimed(bas) == teams[0].id


def test_the_jury_deliberation_links_the_live_floor_of_a_market_only(client, market, panel):
    event = market[0]
    for at, links in ((event, True), (panel.event, False)):
        advisor = make_user()
        grant_event_role(advisor, at, Role.JUDGE_ADVISOR)
        db.session.commit()
        client.log_in(advisor.email)
        page = client.get(f"/events/{at.id}/judging/advisor").text
        assert (f'href="/events/{at.id}/judging/market/live"' in page) is links
        if links:
            assert live(client, at).status_code == 200  # the link opens the floor
