"""The public prize on paper: the vote poster (A4, A3) and a card per stand, their QR codes'
addresses from the configured public address, every font embedded."""

import re

import pytest
from sqlalchemy import select

from challenges.events.models import EventTeam
from challenges.extensions import db
from tests.awards.public_prize_world import make_market
from tests.factories import FormClient
from tests.printing.conftest import page_texts, read_pdf, unembedded_fonts

MM = 72 / 25.4


@pytest.fixture
def market(app, client):
    found = make_market()
    client.log_in(found.manager.email)
    return found


def pdf(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/pdf"
    return response.data


def test_the_poster_in_a4_and_a3_leads_to_the_vote(client, market, tmp_path):
    url = f"/events/{market.event.id}/print/vote-poster"
    a4 = pdf(client, url)
    a3 = pdf(client, f"{url}?size=a3")
    for data, width in ((a4, 210), (a3, 297)):
        [page] = read_pdf(data).pages
        assert round(float(page.mediabox.width) / MM) == width
        [text] = page_texts(data)
        assert "Publieksprijs" in text
        assert "Vakkanjers Markt Zwolle" in text
        assert "Kies het team op zijn standnummer." in text
        assert f"http://localhost/events/{market.event.slug}/vote" in text
        assert unembedded_fonts(data, tmp_path) == set()
    disposition = client.get(url).headers["Content-Disposition"]
    assert f"stemposter-{market.event.slug}-a4.pdf" in disposition
    assert client.get(f"{url}?size=letter").status_code == 404


def test_a_card_per_stand_with_its_teams_vote(client, market, tmp_path):
    data = pdf(client, f"/events/{market.event.id}/print/stand-cards")
    texts = page_texts(data)
    assert len(texts) == 2  # four cards, two to a page
    assert unembedded_fonts(data, tmp_path) == set()
    joined = " ".join(texts)
    for stand, team in enumerate(market.teams, start=1):
        assert f"Stand {stand} {team.name}" in joined
    links = re.findall(r"http://localhost/\S+", joined)
    assert links == [
        f"http://localhost/events/{market.event.slug}/vote?team={team.id}" for team in market.teams
    ]
    chosen = client.get(links[2].removeprefix("http://localhost")).get_data(as_text=True)
    assert re.search(r'<option selected value="\d+">Stand 3 · Waterpunt</option>', chosen)


def test_the_links_follow_the_configured_address_not_the_request(app, market):
    app.config["BASE_URL"] = "https://vakkanjers.example.nl/app"
    client = FormClient(app.test_client())
    client.log_in(market.manager.email)
    url = f"/events/{market.event.id}/print/vote-poster"
    [text] = page_texts(pdf(client, url))
    assert f"https://vakkanjers.example.nl/app/events/{market.event.slug}/vote" in text
    forged = client.get(url, headers={"X-Forwarded-Host": "evil.example"})
    assert "evil.example" not in " ".join(page_texts(forged.data))


def test_without_stand_numbers_there_are_no_cards_and_the_poster_says_less(client, market):
    for placed in db.session.scalars(select(EventTeam)):
        placed.stand = None
    db.session.commit()
    response = client.get(f"/events/{market.event.id}/print/stand-cards")
    assert response.status_code == 409
    assert "De stands hebben nog geen nummer" in response.get_data(as_text=True)
    [text] = page_texts(pdf(client, f"/events/{market.event.id}/print/vote-poster"))
    assert "2. Kies het team." in text


def test_only_the_events_crew_prints_them(client, market):
    client.submit("/account/logout", {}, page="/")
    assert client.get(f"/events/{market.event.id}/print/vote-poster").status_code == 302
