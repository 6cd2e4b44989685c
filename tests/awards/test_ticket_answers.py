"""A coach answers a ticket: through the mail's link (no log-in, that ticket only) or logged
in; a decline passes the place on."""

import re

from sqlalchemy import select

from challenges.awards.models import Advancement, AdvancementStatus
from challenges.extensions import db
from challenges.mail.models import OutboxMessage
from tests.awards.conftest import confirm_proposal
from tests.awards.test_tickets import at_national
from tests.factories import make_teacher


def confirmed(organiser, final) -> list[str]:
    """Confirm the two tickets; the answer links of their mails, in ticket order."""
    confirm_proposal(organiser, final.event.id, final.event.season.categories[0].id)
    bodies = db.session.scalars(select(OutboxMessage.body).order_by(OutboxMessage.id))
    return [re.search(r"http://localhost(/tickets/answer/\S+)", body)[1] for body in bodies]


def test_the_link_accepts_without_log_in_for_that_ticket_only(client, organiser, final):
    """(`organiser` is `client`, logged in as the organiser.)"""
    first, _second = confirmed(organiser, final)
    client.post("/account/logout")
    page = client.get(first).get_data(as_text=True)
    assert "#1004 Team 3" in page
    assert "Champion&#39;s Award: Winnaar" in page
    answered = client.submit(first, {"answer": "accept"}, page=first, follow_redirects=True)
    assert "de organisatie weet dat jullie team komt" in answered.get_data(as_text=True)
    tickets = db.session.scalars(select(Advancement).order_by(Advancement.id)).all()
    assert [t.status for t in tickets] == [AdvancementStatus.ACCEPTED, AdvancementStatus.CONFIRMED]
    assert tickets[0].answered_at is not None
    assert client.get(first[:-3] + "abc").status_code == 404  # a changed link is nobody's
    assert client.get("/tickets/answer/x").status_code == 404
    client.log_in(final.organiser_email)
    page = client.get(f"/events/{final.event.id}/awards/advancement").get_data(as_text=True)
    assert "geaccepteerd" in page


def test_a_coach_declines_and_the_place_passes_on(client, organiser, final):
    _t0, t1, t2, t3 = (team.id for team in final.teams)
    _first, second = confirmed(organiser, final)
    client.post("/account/logout")
    refused = client.submit(second, {"answer": "decline", "reason": ""}, page=second)
    assert "Geef een korte reden" in refused.get_data(as_text=True)
    assert at_national(final) == sorted([t2, t3])
    client.submit(second, {"answer": "decline", "reason": "Schoolreis"}, page=second)
    assert at_national(final) == [t3]
    ticket = db.session.scalar(select(Advancement).where(Advancement.team_id == t2))
    assert (ticket.status, ticket.declined_reason) == (AdvancementStatus.DECLINED, "Schoolreis")
    again = client.submit(second, {"answer": "accept"}, page=second, follow_redirects=True)
    assert "het ticket is afgewezen" in again.get_data(as_text=True).lower()
    assert ticket.status is AdvancementStatus.DECLINED
    client.log_in(final.organiser_email)
    page = client.get(f"/events/{final.event.id}/awards/advancement").get_data(as_text=True)
    assert "#1002 Team 1" in page[page.index("Voorgesteld") :]
    assert t1 not in at_national(final)


def test_a_logged_in_coach_answers_on_the_teams_ticket_page(client, organiser, final):
    confirmed(organiser, final)
    ticket = db.session.scalars(select(Advancement).order_by(Advancement.id)).first()
    url = f"/teams/{ticket.team_id}/tickets/{ticket.id}"
    client.log_in(final.coach.email)
    client.submit(url, {"answer": "accept"}, page=url)
    assert ticket.status is AdvancementStatus.ACCEPTED
    other_team = final.teams[0].id
    assert client.get(f"/teams/{other_team}/tickets/{ticket.id}").status_code == 404
    client.log_in(make_teacher(email="andere@school.nl").email)
    assert client.get(url).status_code == 403


def test_a_team_with_a_ticket_that_stands_gets_no_wildcard(client, organiser, final):
    first, second = confirmed(organiser, final)
    _t0, _t1, t2, t3 = (team.id for team in final.teams)
    client.submit(first, {"answer": "accept"}, page=first)  # t3 accepts
    client.submit(second, {"answer": "decline", "reason": "Schoolreis"}, page=second)  # t2
    wildcards = f"/events/{final.national.id}/awards/wildcards"
    page = organiser.get(wildcards).get_data(as_text=True)
    offered = page[page.index('name="team"') : page.index("</select>")]
    assert "#1004 Team 3" not in offered
    assert "#1003 Team 2" in offered  # a declined ticket does not stand
    data = {"team": t3, "reason": "Sterke pitch"}
    refused = organiser.submit(wildcards, data, page=wildcards).get_data(as_text=True)
    assert "of gaat al door" in refused
    organiser.submit(wildcards, data | {"team": t2}, page=wildcards)
    kinds = db.session.execute(
        select(Advancement.team_id, Advancement.kind).order_by(Advancement.id)
    ).all()
    assert [(team, kind.value) for team, kind in kinds] == [
        (t3, "award_winner"),
        (t2, "rank"),
        (t2, "wildcard"),
    ]
    assert at_national(final) == sorted([t2, t3])
