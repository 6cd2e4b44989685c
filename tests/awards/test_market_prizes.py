"""Vakkanjers Markt prizes and finaletickets that can't go wrong: a team holds one place of a
prize, tickets follow the jury's places first, a tie at the quota line waits for the jury
(and blocks publication) until it is broken with a reason; the public page shows prizes and
tickets, the full ranking only when the organiser chooses."""

import uuid
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select

from challenges.auth.models import User
from challenges.auth.roles import Role
from challenges.awards.models import Advancement, AwardWinner, TieBreak
from challenges.events.models import Event
from challenges.extensions import db
from challenges.judging import entries
from challenges.judging.assessment import FilledRubric
from challenges.registration.models import Team
from tests.awards.conftest import confirm_proposal, feed_national_final, proposed_on_page
from tests.factories import (
    grant_event_role,
    make_event,
    make_open_season,
    make_placed_teams,
    make_teacher,
    make_user,
)
from tests.printing.conftest import page_texts

ROWS = ("idea", "process", "prototype", "client_fit", "presentation")


def jury_rubric(event, juror, team, level: int) -> None:
    notes = {row: "Beyond the brief" for row in ROWS} if level == 4 else {}
    filled = FilledRubric({row: level for row in ROWS}, notes)
    entries.save(event, entries.RubricInput(uuid.uuid4().hex, team.id, "jury", filled, True), juror)


@dataclass
class Markt:
    event: Event
    national: Event
    teams: list[Team]
    category: int
    advisor: User
    organiser: User
    coach: User


def make_markt() -> Markt:
    """Five teams: T0 best, T1, T2 and T3 tie for place 2, T4 last; two finaletickets; one
    coach for every team. Users log in with tests.factories.PASSWORD."""
    season = make_open_season()
    season.rubric_set_key = "vakkanjers-jury"
    season.programme.name = "Vakkanjers"
    event = make_event(season=season)
    event.name = "Vakkanjers Markt Almere"
    national = feed_national_final(event, "Landelijke finale Vakkanjers", date(2027, 6, 8), 2)
    teams = make_placed_teams(event, 5)
    coach = make_teacher()
    for team in teams:
        team.coaches.append(coach)
    advisor = make_user(name="Arie Advisor")
    grant_event_role(advisor, event, Role.JUDGE_ADVISOR)
    organiser = make_user(name="Olga Organisator", roles=(Role.ORGANISER,))
    db.session.commit()
    for team, level in zip(teams, (4, 3, 3, 3, 2), strict=True):
        jury_rubric(event, advisor, team, level)  # the advisor may file for any stand
    db.session.commit()
    return Markt(event, national, teams, season.categories[0].id, advisor, organiser, coach)


@pytest.fixture
def markt(app) -> Markt:
    return make_markt()


def advancement_url(markt) -> str:
    return f"/events/{markt.event.id}/awards/advancement"


def give(client, markt, team, place, reason="Beste prototype"):
    url = f"/events/{markt.event.id}/awards"
    data = {
        "award": "jury_prize",
        "category": markt.category,
        "team": team.id,
        "place": place,
        "reason": reason,
    }
    return client.submit(f"{url}/give", data, page=url, follow_redirects=True)


def first_two_places(client, markt) -> None:
    """The jury gives T0 the 1st and T3 the 2nd place; then the organiser logs in."""
    client.log_in(markt.advisor.email)
    give(client, markt, markt.teams[0], 1)
    give(client, markt, markt.teams[3], 2)
    client.log_in(markt.organiser.email)


def publish(client, markt):
    url = f"/events/{markt.event.id}/awards/results/publish"
    return client.submit(url, {}, page=advancement_url(markt), follow_redirects=True)


def confirm(client, markt):
    return confirm_proposal(client, markt.event.id, markt.category, follow_redirects=True)


def ticket_teams() -> list[int]:
    return list(db.session.scalars(select(Advancement.team_id).order_by(Advancement.id)))


def test_a_team_holds_one_place_of_a_prize(client, markt):
    client.log_in(markt.advisor.email)
    give(client, markt, markt.teams[1], 2)
    refused = give(client, markt, markt.teams[1], 3).get_data(as_text=True)
    assert "heeft al een plaats bij deze prijs" in refused
    places = db.session.scalars(
        select(AwardWinner.place).where(AwardWinner.team_id == markt.teams[1].id)
    )
    assert list(places) == [2]


def test_tickets_follow_the_jurys_places_before_the_ranking(client, markt):
    t0, _t1, t2, t3, _t4 = markt.teams
    client.log_in(markt.advisor.email)
    give(client, markt, t0, 1)
    give(client, markt, t3, 2, "Werkend prototype, sterk gepresenteerd")
    give(client, markt, t2, 3, "Goed onderzoek")
    client.log_in(markt.organiser.email)
    page = client.get(advancement_url(markt)).get_data(as_text=True)
    assert "Juryprijs: 2e plaats" in page
    assert "Champion" not in page  # Vakkanjers words only
    assert "Core Values" not in page
    confirm(client, markt)
    assert ticket_teams() == [t0.id, t3.id]  # not T1, first of the tie by number
    assert "De uitslag is openbaar" in publish(client, markt).get_data(as_text=True)


def test_a_tie_at_the_quota_line_waits_for_the_jury_and_blocks_publication(client, markt):
    t0, t1, t2, t3, _t4 = markt.teams
    client.log_in(markt.organiser.email)
    page = client.get(advancement_url(markt)).get_data(as_text=True)
    assert "#1002 Team 1, #1003 Team 2, #1004 Team 3 staan gelijk op plaats 2" in page
    confirm(client, markt)
    assert ticket_teams() == [t0.id]  # the team above the tie; nobody of the tie
    refused = confirm(client, markt).get_data(as_text=True)
    assert "Een gelijke stand beslist over het volgende ticket" in refused
    refused = publish(client, markt).get_data(as_text=True)
    assert "De uitslag kan nog niet gepubliceerd worden" in refused
    assert "#1002 Team 1, #1003 Team 2, #1004 Team 3" in refused
    assert markt.event.results_published_at is None

    client.log_in(markt.advisor.email)
    url = f"/events/{markt.event.id}/awards/ties"
    places = {f"place-{t1.id}": 3, f"place-{t2.id}": 1, f"place-{t3.id}": 2}
    data = {"category": markt.category, "reason": "Prototype werkt het best"}
    for wrong in ({f"place-{t1.id}": 1, f"place-{t2.id}": 1, f"place-{t3.id}": 2}, {}):
        answer = client.submit(url, data | wrong, page=f"/events/{markt.event.id}/awards")
        assert answer.status_code == 302
    hostile = {f"place-{t1.id}": "²", f"place-{t2.id}": "-1", "place-x": "1", f"place-{t3.id}": ""}
    assert client.submit(url, data | hostile, page=url.removesuffix("/ties")).status_code == 302
    no_reason = client.submit(url, {"category": markt.category, "reason": " "} | places, page=url)
    assert no_reason.status_code == 302
    assert db.session.scalars(select(TieBreak)).all() == []
    done = client.submit(url, data | places, page=url.removesuffix("/ties"), follow_redirects=True)
    assert "De gelijke stand is beslist" in done.get_data(as_text=True)
    [decided] = db.session.scalars(select(TieBreak)).all()
    assert (decided.teams, decided.reason) == ([t2.id, t3.id, t1.id], "Prototype werkt het best")

    client.log_in(markt.organiser.email)
    confirm(client, markt)
    assert ticket_teams() == [t0.id, t2.id]
    assert "De uitslag is openbaar" in publish(client, markt).get_data(as_text=True)


def test_a_tie_with_a_prize_winner_in_it_is_broken_by_the_jurys_order(client, markt):
    # Three tickets; T1, T2 and T3 tie for place 2 and T1 wins the jury prize: the jury
    # orders T2 and T3 for the last ticket, and that order decides it.
    t0, t1, t2, t3, _t4 = markt.teams
    markt.event.quotas[0].advancing = 3
    db.session.commit()
    client.log_in(markt.advisor.email)
    give(client, markt, t1, 1)
    url = f"/events/{markt.event.id}/awards/ties"
    places = {f"place-{t2.id}": 2, f"place-{t3.id}": 1}
    data = {"category": markt.category, "reason": "Prototype werkt het best"} | places
    done = client.submit(url, data, page=url.removesuffix("/ties"), follow_redirects=True)
    assert "De gelijke stand is beslist" in done.get_data(as_text=True)

    client.log_in(markt.organiser.email)
    page = client.get(advancement_url(markt)).get_data(as_text=True)
    assert "staan gelijk" not in page
    confirm(client, markt)
    assert ticket_teams() == [t1.id, t0.id, t3.id]
    assert "De uitslag is openbaar" in publish(client, markt).get_data(as_text=True)
    assert markt.event.results_published_at is not None


def test_confirm_gives_tickets_only_to_the_teams_the_organiser_saw(client, markt):
    t0, _t1, t2, t3, _t4 = markt.teams
    first_two_places(client, markt)
    seen = proposed_on_page(client, markt.event.id, markt.category)
    assert seen == [str(t0.id), str(t3.id)]
    # meanwhile the jury moves its 2nd place from T3 to T2
    client.log_in(markt.advisor.email)
    [second] = db.session.scalars(select(AwardWinner).where(AwardWinner.place == 2)).all()
    url = f"/events/{markt.event.id}/awards"
    client.submit(f"{url}/{second.id}/remove", {}, page=url)
    give(client, markt, t2, 2)
    client.log_in(markt.organiser.email)
    confirm_url = f"{advancement_url(markt)}/{markt.category}/confirm"
    for posted in (seen, [], [str(t0.id)], [str(t0.id), str(t3.id), str(t2.id)], ["x", "²"]):
        refused = client.submit(confirm_url, {"team": posted}, page=advancement_url(markt))
        assert refused.status_code == 409
        page = refused.get_data(as_text=True)
        assert "De voorstellen zijn intussen veranderd; kijk opnieuw." in page
        assert proposed_on_page(client, markt.event.id, markt.category) == [str(t0.id), str(t2.id)]
    assert ticket_teams() == []
    confirm(client, markt)  # what the page shows now
    assert ticket_teams() == [t0.id, t2.id]


def test_a_wrong_tie_break_says_why_in_dutch(client, markt):
    t1, t2, t3 = markt.teams[1:4]
    client.log_in(markt.advisor.email)
    url = f"/events/{markt.event.id}/awards/ties"
    twice = {f"place-{t1.id}": 1, f"place-{t2.id}": 1, f"place-{t3.id}": 2}
    page = client.submit(
        url,
        {"category": markt.category, "reason": "Omdat"} | twice,
        page=url.removesuffix("/ties"),
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Geef elk team in de gelijke stand een eigen plaats, van 1 tot 3." in page
    other = client.submit(url, {"category": 999999, "reason": "x"}, page=url, follow_redirects=True)
    assert other.status_code == 200
    assert "Er is (nu) geen zulke gelijke stand." in other.get_data(as_text=True)


def test_the_public_page_shows_prizes_and_tickets_and_the_ranking_only_when_chosen(client, markt):
    first_two_places(client, markt)
    confirm(client, markt)
    publish(client, markt)
    client.post("/account/logout")
    results = f"/events/{markt.event.slug}/results"
    page = client.get(results).get_data(as_text=True)
    assert "Juryprijs" in page
    assert "Naar de landelijke finale" in page
    assert "Juryprijs: 2e plaats" in page
    assert "Rangschikking" not in page
    assert "#1005 Team 4" not in page  # nothing about the team that won nothing
    assert "gelijk" not in page
    client.log_in(markt.organiser.email)
    client.submit(
        f"/events/{markt.event.id}/awards/results/ranking/show", {}, page=advancement_url(markt)
    )
    client.post("/account/logout")
    assert "#1005 Team 4" in client.get(results).get_data(as_text=True)


def test_the_results_pdf_names_reasons_in_the_readers_language_and_the_ranking_if_chosen(
    client, markt
):
    first_two_places(client, markt)
    confirm(client, markt)
    publish(client, markt)
    pdf = f"/events/{markt.event.slug}/results.pdf"
    dutch = " ".join(page_texts(client.get(f"{pdf}?lang=nl").data))
    assert "Naar de landelijke finale: #1004 Team 3 (Juryprijs: 2e plaats)" in dutch
    assert "#1005 Team 4" not in dutch  # no ranking for a Vakkanjers Markt by default
    english = " ".join(page_texts(client.get(f"{pdf}?lang=en").data))
    assert "(Jury prize: 2. place)" in english
    assert "Juryprijs" not in english
    client.submit(
        f"/events/{markt.event.id}/awards/results/ranking/show", {}, page=advancement_url(markt)
    )
    assert "#1005 Team 4" in " ".join(page_texts(client.get(pdf).data))
