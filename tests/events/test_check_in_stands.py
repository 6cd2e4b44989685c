"""Check-in at a Vakkanjers Markt shows each team's stand, in stand order once numbered; an FLL
event has no stands."""

import re

import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.events.models import EventTeam
from challenges.extensions import db
from tests.events.programme_words import main_of, make_programme_event
from tests.factories import grant_event_role, make_placed_teams, make_user


def check_in(client, event, language: str = "nl") -> str:
    manager = make_user()
    grant_event_role(manager, event, Role.EVENT_MANAGER)
    client.log_in(manager.email)
    return main_of(client.get(f"/events/{event.id}/check-in?lang={language}"))


def cards(page: str) -> list[str]:
    """Each team's card as a line of text: name, stand, attendance, buttons."""
    found = re.findall(r'<li id="team-\d+"(.*?)</li>', page, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", card.split(">", 1)[1]).split()) for card in found]


def market(stands: tuple[int | None, ...]):
    event = make_programme_event(False)
    for team, stand in zip(make_placed_teams(event, len(stands)), stands, strict=True):
        team.number = None
        db.session.scalars(
            select(EventTeam).where(EventTeam.event_id == event.id, EventTeam.team_id == team.id)
        ).one().stand = stand
    db.session.commit()
    return event


@pytest.mark.parametrize(
    ("language", "waiting"), [("nl", "Nog niet ingecheckt"), ("en", "Not checked in yet")]
)
def test_check_in_lists_the_teams_by_stand(client, language, waiting):
    found = cards(check_in(client, market((3, 1, 2)), language))
    order = ("Team 1 Stand 1", "Team 2 Stand 2", "Team 0 Stand 3")
    for card, start in zip(found, order, strict=True):
        assert card.startswith(f"{start} {waiting} "), card


@pytest.mark.parametrize(
    ("language", "missing"), [("nl", "Nog geen standnummer"), ("en", "No stand number yet")]
)
def test_teams_without_a_stand_say_so_after_the_numbered_ones(client, language, missing):
    found = cards(check_in(client, market((None, 2, None)), language))
    assert found[0].startswith("Team 1 Stand 2 ")
    assert found[1].startswith(f"Team 0 {missing} ")
    assert found[2].startswith(f"Team 2 {missing} ")


def test_an_fll_check_in_shows_no_stands(client):
    event = make_programme_event(True)
    make_placed_teams(event, 2)
    page = check_in(client, event)
    assert len(cards(page)) == 2
    assert "stand" not in page.lower()
