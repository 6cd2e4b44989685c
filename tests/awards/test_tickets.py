"""The organiser confirms tickets to the national final, a team declines, the national panel
gives a wildcard; results and feedback become public when published."""

from sqlalchemy import select

from challenges.awards.models import Advancement, AdvancementStatus
from challenges.events.models import EventTeam
from challenges.extensions import db
from challenges.mail.models import OutboxMessage
from tests.awards.conftest import confirm_proposal
from tests.factories import make_teacher


def at_national(final) -> list[int]:
    return sorted(
        db.session.scalars(select(EventTeam.team_id).where(EventTeam.event_id == final.national.id))
    )


def test_confirming_places_the_proposed_teams_and_mails_their_coaches(organiser, final):
    _t0, _t1, t2, t3 = (team.id for team in final.teams)
    url = f"/events/{final.event.id}/awards/advancement"
    page = organiser.get(url).get_data(as_text=True)
    proposed = page[page.index("Voorgesteld") :]
    assert proposed.index("#1004 Team 3") < proposed.index("#1003 Team 2")  # Champion's first
    assert "Champion&#39;s Award: Winnaar" in proposed
    category = final.event.season.categories[0].id
    response = confirm_proposal(organiser, final.event.id, category, follow_redirects=True)
    assert "2 teams zijn geplaatst" in response.get_data(as_text=True)
    assert "2 coaches gemaild" in response.get_data(as_text=True)
    assert at_national(final) == sorted([t3, t2])
    tickets = db.session.scalars(select(Advancement).order_by(Advancement.id)).all()
    assert [(t.team_id, t.kind.value, t.award, t.position, t.reason) for t in tickets] == [
        (t3, "award_winner", "champions", 1, None),
        (t2, "rank", None, 1, None),
    ]
    mails = db.session.scalars(select(OutboxMessage)).all()
    assert [m.recipient for m in mails] == ["coach@school.nl", "coach@school.nl"]
    assert "Landelijke finale" in mails[0].subject
    assert "Gefeliciteerd" in mails[0].body
    assert "Waarom: Champion's Award: Winnaar" in mails[0].body
    assert "Waarom: Plaats 1 in de rangschikking" in mails[1].body
    assert "http://localhost/tickets/answer/" in mails[0].body
    assert final.organiser_email in mails[0].body  # whom to answer: not a noreply address
    again = confirm_proposal(organiser, final.event.id, category, follow_redirects=True)
    assert "niemand om te bevestigen" in again.get_data(as_text=True).lower()
    assert len(at_national(final)) == 2


def test_a_reason_is_shown_in_the_readers_language(organiser, final):
    url = f"/events/{final.event.id}/awards/advancement"
    category = final.event.season.categories[0].id
    confirm_proposal(organiser, final.event.id, category)
    english = organiser.get(f"{url}?lang=en").get_data(as_text=True)
    assert "Champion&#39;s Award: Winner" in english
    assert "Place 1 in the ranking" in english
    assert "Plaats 1" not in english
    organiser.submit(f"/events/{final.event.id}/awards/results/publish", {}, page=url)
    public = organiser.get(f"/events/{final.event.slug}/results?lang=en").get_data(as_text=True)
    assert "Place 1 in the ranking" in public
    dutch = organiser.get(f"/events/{final.event.slug}/results?lang=nl").get_data(as_text=True)
    assert "Plaats 1 in de rangschikking" in dutch


def test_a_team_without_a_coach_is_named_before_confirming_and_nobody_is_said_mailed(
    organiser, final
):
    for team in final.teams:
        team.coaches.clear()
    db.session.commit()
    url = f"/events/{final.event.id}/awards/advancement"
    page = organiser.get(url).get_data(as_text=True)
    assert page.count("Dit team heeft geen coach") == 2
    category = final.event.season.categories[0].id
    response = confirm_proposal(organiser, final.event.id, category, follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "Geen coach om te mailen" in text
    assert "gemaild" not in text
    assert db.session.scalars(select(OutboxMessage)).all() == []


def test_a_declined_place_passes_to_the_next_team(organiser, final):
    _t0, t1, t2, t3 = (team.id for team in final.teams)
    url = f"/events/{final.event.id}/awards/advancement"
    category = final.event.season.categories[0].id
    confirm_proposal(organiser, final.event.id, category)
    ticket = db.session.scalar(select(Advancement).where(Advancement.team_id == t2))
    refused = organiser.submit(f"{url}/tickets/{ticket.id}/decline", {"reason": ""}, page=url)
    assert refused.status_code == 302
    assert ticket.status is AdvancementStatus.CONFIRMED
    organiser.submit(f"{url}/tickets/{ticket.id}/decline", {"reason": "On holiday"}, page=url)
    db.session.refresh(ticket)
    assert ticket.status is AdvancementStatus.DECLINED
    assert at_national(final) == [t3]
    page = organiser.get(url).get_data(as_text=True)
    proposed = page[page.index("Voorgesteld") :]
    assert "#1002 Team 1" in proposed  # place 3 in the ranking
    confirm_proposal(organiser, final.event.id, category)
    assert at_national(final) == sorted([t3, t1])


def test_the_national_panel_gives_a_wildcard_with_a_reason(organiser, final):
    t0 = final.teams[0].id
    url = f"/events/{final.national.id}/awards/wildcards"
    page = organiser.get(url).get_data(as_text=True)
    assert "#1001 Team 0" in page
    organiser.submit(url, {"team": t0, "reason": ""}, page=url)
    assert at_national(final) == []
    organiser.submit(url, {"team": t0, "reason": "Strong pitch video"}, page=url)
    assert at_national(final) == [t0]
    [ticket] = db.session.scalars(select(Advancement)).all()
    assert (ticket.kind.value, ticket.reason, ticket.from_event_id) == (
        "wildcard",
        "Strong pitch video",
        final.event.id,
    )
    [mail] = db.session.scalars(select(OutboxMessage)).all()
    assert "Wildcard" in mail.subject
    assert "wildcard" in mail.body
    assert "Strong pitch video" not in mail.body  # the panel's words stay internal
    assert "/tickets/answer/" in mail.body
    organiser.submit(url, {"team": t0, "reason": "Again"}, page=url)
    assert len(db.session.scalars(select(Advancement)).all()) == 1
    regional = f"/events/{final.event.id}/awards/wildcards"
    organiser.submit(regional, {"team": final.teams[1].id, "reason": "x"}, page=regional)
    assert at_national(final) == [t0]


def test_results_and_feedback_are_public_only_once_published(client, organiser, final):
    results = f"/events/{final.event.slug}/results"
    preview = organiser.get(results).get_data(as_text=True)
    assert "Voorbeeld" in preview
    url = f"/events/{final.event.id}/awards/advancement"
    organiser.submit(f"/events/{final.event.id}/awards/results/publish", {}, page=url)
    client.log_in(final.coach.email)
    feedback = f"/teams/{final.teams[0].id}/feedback/{final.event.id}"
    page = client.get(feedback).get_data(as_text=True)
    assert "Jurylid 1" in page
    assert "Janna" not in page  # judges are not named
    assert "Anna Advisor" not in page
    assert "Jurylid 2" in page  # T0's Innovation Project was judged twice
    assert "4 Overtroffen" in page
    assert "Well beyond" in page  # the Exceeds note
    client.post("/account/logout")
    public = client.get(results).get_data(as_text=True)
    assert "Champion&#39;s Award" in public
    assert "Naar de landelijke finale" not in public  # nobody confirmed yet
    assert "#1003 Team 2" in public


def test_before_publication_the_public_and_coaches_see_nothing(client, final):
    results = client.get(f"/events/{final.event.slug}/results").get_data(as_text=True)
    assert "nog niet gepubliceerd" in results
    assert "#1003 Team 2" not in results
    client.log_in(final.coach.email)
    page = client.get(f"/teams/{final.teams[0].id}/feedback/{final.event.id}")
    assert "zodra de organisatie de uitslag van dit evenement publiceert" in page.get_data(
        as_text=True
    )
    stranger = make_teacher(email="other@school.nl")
    client.log_in(stranger.email)
    assert client.get(f"/teams/{final.teams[0].id}/feedback/{final.event.id}").status_code == 403


def test_judge_advisors_cannot_confirm_advancement(client, final):
    client.log_in(final.advisor.email)
    assert client.get(f"/events/{final.event.id}/awards/advancement").status_code == 403


def test_the_national_final_lists_its_finalists_with_origin_reason_and_status(organiser, final):
    t0, _t1, t2, t3 = (team.id for team in final.teams)
    url = f"/events/{final.event.id}/awards/advancement"
    confirm_proposal(organiser, final.event.id, final.event.season.categories[0].id)
    declined = db.session.scalar(select(Advancement).where(Advancement.team_id == t2))
    organiser.submit(f"{url}/tickets/{declined.id}/decline", {"reason": "On holiday"}, page=url)
    wildcards = f"/events/{final.national.id}/awards/wildcards"
    organiser.submit(wildcards, {"team": t0, "reason": "Strong pitch video"}, page=wildcards)
    accepted = db.session.scalar(select(Advancement).where(Advancement.team_id == t3))
    answer = f"/teams/{t3}/tickets/{accepted.id}"
    organiser.submit(answer, {"answer": "accept"}, page=answer)
    page = organiser.get(wildcards).get_data(as_text=True)
    rows = page[page.index("<tbody>") : page.index("</tbody>")]
    assert "<h2" in page[: page.index("<tbody>")]  # a section per category
    assert rows.index("#1004 Team 3") < rows.index("#1001 Team 0") < rows.index("#1003 Team 2")
    assert "Champion&#39;s Award: Winnaar" in rows
    assert "geaccepteerd" in rows
    assert "Wildcard: Strong pitch video" in rows  # the organisers see the panel's reason
    assert "afgezien" in rows
    assert "On holiday" in rows
    assert rows.count(final.event.name) == 3  # where each comes from
    assert "#1002 Team 1" not in rows  # no ticket (yet): not a finalist
