"""The vote form of a Vakkanjers Markt: nothing chosen beforehand, the teams by stand number,
a stand's own link choosing its team."""

import re

import pytest
from sqlalchemy import select

from challenges.awards.models import PublicVote
from challenges.extensions import db
from tests.awards.public_prize_world import make_market, vote


@pytest.fixture
def market(app):
    return make_market()


def options(html: str) -> list[tuple[str, str, bool]]:
    """(value, text, selected) of every option of the team list."""
    select_html = html[html.index('name="team"') : html.index("</select>")]
    return [
        (value, text.strip(), "selected" in attributes)
        for attributes, value, text in re.findall(
            r'<option([^>]*) value="([^"]*)"[^>]*>([^<]*)</option>', select_html
        )
    ]


def test_the_teams_are_listed_by_stand_and_none_is_chosen(client, market):
    html = client.get(f"/events/{market.event.slug}/vote").get_data(as_text=True)
    assert options(html) == [
        ("", "Kies een team", True),
        (str(market.teams[0].id), "Stand 1 · Zonnedans", False),
        (str(market.teams[1].id), "Stand 2 · Afvalrobot", False),
        (str(market.teams[2].id), "Stand 3 · Waterpunt", False),
        (str(market.teams[3].id), "Stand 4 · Mooi Zo", False),
    ]


def test_a_vote_without_a_team_is_refused_in_dutch_and_keeps_the_address(client, market):
    page = vote(client, market.event, None, "fan@example.nl")
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Kies het team waarop je stemt." in html
    assert 'value="fan@example.nl"' in html
    assert db.session.scalars(select(PublicVote)).all() == []
    # the refusal as every form says it: a focused summary linking to the field, tied to it
    assert "<title>Fout: " in html
    assert 'href="#team"' in html
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize("team", ["abc", "-1", "99999999999999999999", "0"])
def test_a_hostile_team_is_refused_without_a_vote(client, market, team):
    url = f"/events/{market.event.slug}/vote"
    page = client.submit(url, {"team": team, "email": "fan@example.nl"})
    assert page.status_code == 422
    assert db.session.scalars(select(PublicVote)).all() == []


def test_the_stands_link_chooses_its_team(client, market):
    waterpunt = market.teams[2]
    html = client.get(f"/events/{market.event.slug}/vote?team={waterpunt.id}").text
    chosen = [option for option in options(html) if option[2]]
    assert chosen == [(str(waterpunt.id), "Stand 3 · Waterpunt", True)]


@pytest.mark.parametrize("team", ["abc", "999999", "-5", ""])
def test_a_strange_team_in_the_link_chooses_nothing(client, market, team):
    html = client.get(f"/events/{market.event.slug}/vote?team={team}").text
    assert [option for option in options(html) if option[2]] == [("", "Kies een team", True)]


def test_a_team_without_a_stand_comes_last_by_its_name(client, market):
    from challenges.events.models import EventTeam

    placed = db.session.scalar(select(EventTeam).where(EventTeam.team_id == market.teams[0].id))
    placed.stand = None
    db.session.commit()
    html = client.get(f"/events/{market.event.slug}/vote").text
    assert [text for _value, text, _selected in options(html)][1:] == [
        "Stand 2 · Afvalrobot",
        "Stand 3 · Waterpunt",
        "Stand 4 · Mooi Zo",
        "Zonnedans",
    ]


def test_the_stands_page_leads_to_the_vote_with_its_team(client, market):
    waterpunt = market.teams[2]
    stand_page = client.get(f"/events/{market.event.slug}/teams/{waterpunt.id}").text
    button = re.search(r'<a class="button primary" href="([^"]+)">Stem op dit team</a>', stand_page)
    assert button is not None
    html = client.get(button.group(1).replace("&amp;", "&")).text
    assert [option for option in options(html) if option[2]] == [
        (str(waterpunt.id), "Stand 3 · Waterpunt", True)
    ]


def test_a_closed_vote_has_no_button_on_the_stands_page(client, market):
    market.event.public_vote_open = False
    db.session.commit()
    stand_page = client.get(f"/events/{market.event.slug}/teams/{market.teams[0].id}").text
    assert "Stem op dit team" not in stand_page
    assert "Zonnedans" in stand_page
