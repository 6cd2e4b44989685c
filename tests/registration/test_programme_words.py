"""The team form in its programme's words: a Vakkanjers coach chooses a semi-final, an FLL
coach a regional final, in Dutch and in English."""

import pytest

from challenges.extensions import db
from tests.events.programme_words import (
    FLL_WORDS,
    VAKKANJERS_WORDS,
    main_of,
    make_programme_season,
    words_in,
)
from tests.factories import make_event, make_school, make_teacher

CHOICES = {
    (True, "nl"): ("Eerste keus regiofinale", "Tweede keus regiofinale"),
    (True, "en"): ("First choice of regional final", "Second choice of regional final"),
    (False, "nl"): ("Eerste keus halve finale", "Tweede keus halve finale"),
    (False, "en"): ("First choice of semi-final", "Second choice of semi-final"),
}
SAME_CHOICE = {
    (True, "nl"): "Kies een andere regiofinale dan je eerste keus.",
    (True, "en"): "Choose a different regional final than your first choice.",
    (False, "nl"): "Kies een andere halve finale dan je eerste keus.",
    (False, "en"): "Choose a different semi-final than your first choice.",
}
PROGRAMMES = pytest.mark.parametrize(
    ("robot_game", "forbidden"), [(False, FLL_WORDS), (True, VAKKANJERS_WORDS)]
)
LANGUAGES = pytest.mark.parametrize("language", ["nl", "en"])


def signed_in_teacher(client, robot_game: bool):
    season = make_programme_season(robot_game)
    final = make_event(season, name="Finale Zwolle")
    school = make_school(name="Techniek College")
    client.log_in(make_teacher(school).email)
    db.session.commit()
    return season, school, final


@LANGUAGES
@PROGRAMMES
def test_the_team_form_names_the_finals_in_its_programmes_words(
    client, language, robot_game, forbidden
):
    season, _school, _final = signed_in_teacher(client, robot_game)
    page = main_of(client.get(f"/teams/register/{season.id}?lang={language}"))
    first, second = CHOICES[robot_game, language]
    assert f">{first}</label>" in page
    assert f">{second}</label>" in page
    assert words_in(page, forbidden) == []


@LANGUAGES
@PROGRAMMES
def test_the_same_final_twice_is_refused_in_the_programmes_words(
    client, language, robot_game, forbidden
):
    season, school, final = signed_in_teacher(client, robot_game)
    response = client.submit(
        f"/teams/register/{season.id}?lang={language}",
        {
            "name": "Glow Bots",
            "school_id": school.id,
            "category_id": season.categories[0].id,
            "pupil_count": 5,
            "first_choice_event_id": final.id,
            "second_choice_event_id": final.id,
        },
    )
    assert SAME_CHOICE[robot_game, language] in response.text
    assert words_in(response.text.split('<main id="main"', 1)[1], forbidden) == []
