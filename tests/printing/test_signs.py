"""Signs per team in the programme's words, in stand order where the stands are numbered; the
cockpit, the print's footer and its file name use one word, and so do the stand cards."""

import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.events.models import EventTeam
from challenges.extensions import db
from tests.events.programme_words import main_of, make_programme_event
from tests.factories import make_placed_teams, make_user
from tests.printing.conftest import page_texts


def market_with_stands(stands: tuple[int | None, ...]):
    """A Vakkanjers Markt whose teams (Team 0, Team 1, ..., no team numbers) have these stands."""
    event = make_programme_event(False)
    teams = make_placed_teams(event, len(stands))
    for team, stand in zip(teams, stands, strict=True):
        team.number = None
        db.session.scalars(
            select(EventTeam).where(EventTeam.event_id == event.id, EventTeam.team_id == team.id)
        ).one().stand = stand
    db.session.commit()
    return event


def signs(client, event, language: str = "nl"):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    response = client.get(f"/events/{event.id}/print/signs?lang={language}")
    assert response.status_code == 200, response.text
    return response


def test_stand_signs_come_in_stand_order(client):
    event = market_with_stands((3, 1, 2))
    texts = page_texts(signs(client, event).data)
    assert [text.split()[:3] for text in texts] == [
        ["1", "Team", "1"],
        ["2", "Team", "2"],
        ["3", "Team", "0"],
    ]


def test_signs_without_stand_numbers_keep_the_name_order(client):
    event = market_with_stands((None, None, None))
    texts = page_texts(signs(client, event).data)
    assert [text.split()[:2] for text in texts] == [["Team", "0"], ["Team", "1"], ["Team", "2"]]


@pytest.mark.parametrize(
    ("language", "word", "file_word", "cards"),
    [
        ("nl", "Standbordjes", "standbordjes", "Standkaartjes (pdf)"),
        ("en", "Stand signs", "stand-signs", "Stand cards (PDF)"),
    ],
)
def test_one_word_for_the_stand_signs_and_one_for_the_stand_cards(
    client, language, word, file_word, cards
):
    event = market_with_stands((1, 2))
    response = signs(client, event, language)
    assert f'filename="{file_word}-{event.slug}.pdf"' in response.headers["Content-Disposition"]
    assert all(word in text for text in page_texts(response.data))
    assert "bordjes" not in " ".join(page_texts(response.data)).replace(word, "")
    cockpit = main_of(client.get(f"/events/{event.id}/cockpit?lang={language}"))
    assert f"{word} (" in cockpit
    assert cards in cockpit
    prize = main_of(client.get(f"/events/{event.id}/public-prize?lang={language}"))
    assert cards in prize
    for other in ("Teambordjes", "Team signs", "Stemkaartjes", "Vote cards"):
        assert other not in cockpit + prize + " ".join(page_texts(response.data))


def test_an_fll_event_prints_pit_signs_by_that_word(client):
    event = make_programme_event(True)
    make_placed_teams(event, 2)
    response = signs(client, event)
    assert "pitbordjes" in response.headers["Content-Disposition"]
    assert all("Pitbordjes" in text for text in page_texts(response.data))
    assert "Pitbordjes (pdf)" in main_of(client.get(f"/events/{event.id}/cockpit"))
