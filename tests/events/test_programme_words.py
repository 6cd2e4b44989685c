"""Each programme in its own words: the pages of an event show no FLL word at a Vakkanjers
event and no Vakkanjers word at an FLL event, in Dutch and in English."""

import pytest

from challenges.auth.roles import Role
from tests.events.programme_words import (
    FLL_WORDS,
    VAKKANJERS_WORDS,
    main_of,
    make_programme_event,
    words_in,
)
from tests.factories import make_placed_teams, make_user

# The judge advisor's page: its progress in tests/judging/test_progress.py (its ranking says
# "gelijke stand", a tie, and its heading the rubric set's name, which is data).
PAGES = (
    "/events/{id}/cockpit",
    "/admin/events/{id}",
    "/admin/events/{id}/teams",
    "/events/{id}/volunteers",
    "/events/{id}/conflicts",
    "/events/{id}/check-in",
    "/admin/events/",
    "/admin/events/placement/{season}",
)


def programme_event(robot_game: bool):
    event = make_programme_event(robot_game)
    make_placed_teams(event, 3)
    return event


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    ("robot_game", "forbidden"), [(False, FLL_WORDS), (True, VAKKANJERS_WORDS)]
)
def test_every_event_page_speaks_its_programme(client, language, robot_game, forbidden):
    event = programme_event(robot_game)
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    for page in PAGES:
        address = page.format(id=event.id, season=event.season_id)
        found = words_in(main_of(client.get(f"{address}?lang={language}")), forbidden)
        assert found == [], f"{address} ({language}): {found}"
