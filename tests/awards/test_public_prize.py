"""The public prize's winner: the rule (a team with the most votes; a tie only with a reason),
the organiser's and event manager's page with the tally, the certificate, and the prize (never
the counts) on the public results page and in the results PDF."""

import pytest
from sqlalchemy import select

from challenges.awards.models import PublicPrize
from challenges.awards.public_prize import leaders, problem
from challenges.events.models import Attendance, EventTeam
from challenges.extensions import db
from tests.awards.public_prize_world import make_market, votes
from tests.factories import make_user
from tests.printing.conftest import page_texts, unembedded_fonts


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({}, []),
        ({1: 0, 2: 0}, []),
        ({1: 3, 2: 5, 3: 1}, [2]),
        ({1: 4, 2: 4, 3: 1}, [1, 2]),
        ({3: 2, 1: 2, 2: 2}, [1, 2, 3]),
        ({7: 1}, [7]),
    ],
)
def test_the_leaders_are_the_teams_with_the_most_votes(counts, expected):
    assert leaders(counts) == expected


@pytest.mark.parametrize(
    ("counts", "team", "reason", "expected"),
    [
        ({}, 1, "", "no_votes"),
        ({1: 0}, 1, "lot", "no_votes"),
        ({1: 5, 2: 3}, 1, "", None),
        ({1: 5, 2: 3}, 1, "not needed, kept out", None),
        ({1: 5, 2: 3}, 2, "we liked it", "not_a_leader"),
        ({1: 5, 2: 3}, 9, "", "not_a_leader"),
        ({1: 4, 2: 4}, 2, "", "tie_needs_reason"),
        ({1: 4, 2: 4}, 2, "   ", "tie_needs_reason"),
        ({1: 4, 2: 4}, 2, "Getrokken door loting", None),
        ({1: 4, 2: 4, 3: 4}, 3, "Loting", None),
    ],
)
def test_who_may_be_recorded_as_the_winner(counts, team, reason, expected):
    assert problem(counts, team, reason) == expected


@pytest.fixture
def market(app, client):
    found = make_market()
    return found


def page_of(client, market) -> str:
    response = client.get(f"/events/{market.event.id}/public-prize")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def record(client, market, team, reason=""):
    url = f"/events/{market.event.id}/public-prize"
    return client.submit(f"{url}/winner", {"team": team.id, "reason": reason}, page=url)


def close_vote(market):
    market.event.public_vote_open = False
    db.session.commit()


def test_the_tally_per_team_for_the_event_manager(client, market):
    _zonnedans, afvalrobot, waterpunt, _mooi_zo = market.teams
    votes(client, market.event, waterpunt, waterpunt, afvalrobot)
    client.log_in(market.manager.email)
    html = page_of(client, market)
    rows = html[html.index("<tbody>") : html.index("</tbody>")]
    assert rows.index("Waterpunt") < rows.index("Afvalrobot") < rows.index("Zonnedans")
    waterpunt_row = rows[rows.index("<td>3</td>") : rows.index("</tr>", rows.index("<td>3</td>"))]
    assert "Waterpunt</th>" in waterpunt_row
    assert '<td>2 <span class="tag">meeste stemmen</span>' in waterpunt_row
    assert "Sluit eerst de stemming" in html
    refused = record(client, market, waterpunt)
    assert refused.status_code == 422
    assert "Sluit eerst de stemming" in refused.get_data(as_text=True)
    assert db.session.scalar(select(PublicPrize)) is None


def test_a_clear_winner_is_recorded_without_a_reason(client, market):
    waterpunt, afvalrobot = market.teams[2], market.teams[1]
    votes(client, market.event, waterpunt, waterpunt, afvalrobot)
    close_vote(market)
    client.log_in(market.manager.email)
    assert record(client, market, afvalrobot).status_code == 422  # fewer votes
    response = record(client, market, waterpunt)
    assert response.status_code == 302
    prize = db.session.scalar(select(PublicPrize))
    assert (prize.team_id, prize.votes, prize.tie_reason) == (waterpunt.id, 2, None)
    assert prize.decided_by == "Erik Evenement"
    html = page_of(client, market)
    assert "Waterpunt</strong> — 2 stemmen" in html
    again = record(client, market, waterpunt)
    assert again.status_code == 422
    assert "al vastgelegd" in again.get_data(as_text=True)


def test_a_tie_is_settled_only_with_a_reason_that_is_kept(client, market):
    zonnedans, afvalrobot, waterpunt, _mooi_zo = market.teams
    votes(client, market.event, zonnedans, afvalrobot, waterpunt)
    close_vote(market)
    client.log_in(market.organiser.email)
    html = page_of(client, market)
    assert html.count('<span class="tag">gelijk</span>') == 3
    refused = record(client, market, afvalrobot, "  ")
    assert refused.status_code == 422
    text = refused.get_data(as_text=True)
    assert "zeg waarom dit team wint" in text
    assert f'<option selected value="{afvalrobot.id}">Stand 2 · Afvalrobot</option>' in text
    too_long = record(client, market, afvalrobot, "x" * 301)
    assert too_long.status_code == 422
    assert "x" * 301 in too_long.get_data(as_text=True)  # what was typed stays
    assert record(client, market, afvalrobot, "Getrokken door loting").status_code == 302
    prize = db.session.scalar(select(PublicPrize))
    assert (prize.team_id, prize.tie_reason) == (afvalrobot.id, "Getrokken door loting")
    assert "Gelijkspel beslist: Getrokken door loting" in page_of(client, market)


def test_no_votes_no_winner_and_hostile_input(client, market):
    close_vote(market)
    client.log_in(market.manager.email)
    assert "geen bevestigde stemmen" in page_of(client, market)
    url = f"/events/{market.event.id}/public-prize"
    for team in ("abc", "-1", "99999999999999999999999", ""):
        response = client.submit(f"{url}/winner", {"team": team}, page=url)
        assert response.status_code == 422
    assert db.session.scalar(select(PublicPrize)) is None


def test_a_recorded_winner_is_removed_before_the_vote_reopens(client, market):
    waterpunt = market.teams[2]
    votes(client, market.event, waterpunt)
    close_vote(market)
    client.log_in(market.organiser.email)
    record(client, market, waterpunt)
    url = f"/events/{market.event.id}/public-prize"
    client.submit(f"{url}/vote/open", {}, page=url)
    assert db.session.get(type(market.event), market.event.id).public_vote_open is False
    client.submit(f"{url}/winner/remove", {}, page=url)
    assert db.session.scalar(select(PublicPrize)) is None
    client.submit(f"{url}/vote/open", {}, page=url)
    assert db.session.get(type(market.event), market.event.id).public_vote_open is True


def test_others_see_neither_the_page_nor_the_counts(client, market):
    votes(client, market.event, market.teams[2])
    juror = make_user()
    client.log_in(juror.email)
    assert client.get(f"/events/{market.event.id}/public-prize").status_code == 403


def test_the_winner_on_the_results_page_pdf_and_certificate(client, market, tmp_path):
    waterpunt, zonnedans = market.teams[2], market.teams[0]
    votes(client, market.event, waterpunt, waterpunt, zonnedans)
    close_vote(market)
    client.log_in(market.manager.email)
    record(client, market, waterpunt)
    market.event.results_published_at = market.event.season.registration_opens_at
    db.session.commit()
    html = client.get(f"/events/{market.event.slug}/results").get_data(as_text=True)
    prize = html[html.index('id="public-prize"') :]
    assert "<strong>Waterpunt</strong>" in prize
    assert "stemmen" not in html.lower()
    stand_page = client.get(f"/events/{market.event.slug}/teams/{waterpunt.id}").text
    assert "<li>Publieksprijs</li>" in stand_page
    other_stand = client.get(f"/events/{market.event.slug}/teams/{zonnedans.id}").text
    assert "Publieksprijs" not in other_stand
    [*_categories, section] = page_texts(
        client.get(f"/events/{market.event.slug}/results.pdf").data
    )
    assert "Publieksprijs Waterpunt, gekozen door de bezoekers" in section
    response = client.get(f"/events/{market.event.id}/print/public-prize-certificate")
    assert response.status_code == 200
    name = f"certificaten-publieksprijs-{market.event.slug}.pdf"
    assert name in response.headers["Content-Disposition"]
    [certificate] = page_texts(response.data)
    assert "Publieksprijs" in certificate
    assert "gekozen door de bezoekers" in certificate
    assert "Waterpunt" in certificate
    assert unembedded_fonts(response.data, tmp_path) == set()
    everything = " | ".join(
        page_texts(client.get(f"/events/{market.event.id}/print/certificates").data)
    )
    assert everything.count("Publieksprijs") == 1


def test_the_event_manager_opens_and_closes_the_vote_on_this_page(client, market):
    close_vote(market)
    client.log_in(market.manager.email)
    url = f"/events/{market.event.id}/public-prize"
    assert "Stemming openen" in client.get(url).text
    client.submit(f"{url}/vote/open", {}, page=url)
    assert db.session.get(type(market.event), market.event.id).public_vote_open is True
    assert "Stemming sluiten" in client.get(url).text
    client.submit(f"{url}/vote/close", {}, page=url)
    assert db.session.get(type(market.event), market.event.id).public_vote_open is False


def test_a_no_shows_votes_count_nowhere(client, market):
    _zonnedans, afvalrobot, waterpunt, _mooi_zo = market.teams
    votes(client, market.event, waterpunt, waterpunt, afvalrobot)
    placed = db.session.scalar(select(EventTeam).where(EventTeam.team_id == afvalrobot.id))
    placed.attendance = Attendance.NO_SHOW  # checked in as absent after its votes came in
    db.session.commit()
    client.log_in(market.organiser.email)
    advancement = client.get(f"/events/{market.event.id}/awards/advancement")
    assert "Bevestigde stemmen tot nu toe: 2</p>" in advancement.get_data(as_text=True)
    html = page_of(client, market)
    rows = html[html.index("<tbody>") : html.index("</tbody>")]
    assert "Afvalrobot" not in rows
