"""The prizes of each programme in its own words: the awards page of an FLL event names no
public prize (only Vakkanjers has one) and that of a Vakkanjers event no Robot Performance;
the advancement page offers the public vote only at a Vakkanjers event, and the public
prize's page refuses an FLL event with a clear 404."""

import pytest

from challenges.auth.roles import Role
from challenges.extensions import db
from tests.events.programme_words import (
    FLL_WORDS,
    VAKKANJERS_WORDS,
    main_of,
    make_programme_event,
    words_in,
)
from tests.factories import make_placed_teams, make_user

LANGUAGES = pytest.mark.parametrize("language", ["nl", "en"])
PROGRAMMES = pytest.mark.parametrize(
    ("robot_game", "forbidden"), [(False, FLL_WORDS), (True, VAKKANJERS_WORDS)]
)
PUBLIC_PRIZE = {"nl": "Publieksprijs", "en": "Public prize"}
REFUSED = {
    "nl": "Dit evenement heeft geen publieksprijs: alleen Vakkanjers-evenementen hebben er een.",
    "en": "This event has no public prize: only Vakkanjers events have one.",
}


@pytest.fixture
def organiser(client):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)


def programme_event(robot_game: bool):
    event = make_programme_event(robot_game)
    make_placed_teams(event, 3)
    return event


@LANGUAGES
@PROGRAMMES
def test_the_awards_pages_speak_their_programme(client, organiser, language, robot_game, forbidden):
    event = programme_event(robot_game)
    for page in (f"/events/{event.id}/awards", f"/events/{event.id}/awards/advancement"):
        found = words_in(main_of(client.get(f"{page}?lang={language}")), forbidden)
        assert found == [], f"{page} ({language}): {found}"


@LANGUAGES
def test_only_a_vakkanjers_event_offers_the_public_vote(client, organiser, language):
    fll, market = programme_event(True), programme_event(False)
    page = f"/events/{{}}/awards/advancement?lang={language}"
    assert PUBLIC_PRIZE[language] in main_of(client.get(page.format(market.id)))
    fll_page = main_of(client.get(page.format(fll.id)))
    assert PUBLIC_PRIZE[language] not in fll_page
    assert "/public-prize" not in fll_page


@LANGUAGES
def test_the_public_prize_page_refuses_an_fll_event(client, organiser, language):
    fll, market = programme_event(True), programme_event(False)
    assert client.get(f"/events/{market.id}/public-prize?lang={language}").status_code == 200
    refused = client.get(f"/events/{fll.id}/public-prize?lang={language}")
    assert refused.status_code == 404
    assert REFUSED[language] in refused.text
    for action in ("winner", "winner/remove", "vote/open"):
        sent = client.submit(
            f"/events/{fll.id}/public-prize/{action}",
            {"team": "1", "reason": "x"},
            page=f"/events/{market.id}/public-prize",
        )
        assert sent.status_code == 404


def test_an_fll_event_has_no_public_prize_prints_or_vote(client, organiser):
    """One rule (voting.ensure_public_prize) for the pages, the prints and opening the vote."""
    fll = programme_event(True)
    for print_path in ("print/vote-poster", "print/stand-cards", "print/public-prize-certificate"):
        assert client.get(f"/events/{fll.id}/{print_path}").status_code == 404, print_path
    db.session.refresh(fll)
    assert fll.public_vote_open is False
