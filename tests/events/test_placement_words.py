"""The placement page names a season's regional finals in its programme's words."""

import pytest

from challenges.auth.roles import Role
from tests.events.programme_words import main_of, make_programme_event
from tests.factories import make_user


@pytest.mark.parametrize(
    ("robot_game", "language", "heading", "other"),
    [
        (False, "nl", "Halve finales (Vakkanjers Markten)", "regiofinale"),
        (False, "en", "Semi-finals (Vakkanjers Markten)", "regional final"),
        (True, "nl", "Regiofinales", "halve finale"),
        (True, "en", "Regional finals", "semi-final"),
    ],
)
def test_the_placement_page_names_the_finals_in_the_programme_s_words(
    client, robot_game, language, heading, other
):
    event = make_programme_event(robot_game)
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    page = main_of(client.get(f"/admin/events/placement/{event.season_id}?lang={language}"))
    assert f"<caption>{heading}</caption>" in page
    assert other not in page.lower()
