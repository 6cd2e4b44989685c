"""The words each programme keeps to itself, in one place: no FLL word on a Vakkanjers
screen and no Vakkanjers word on an FLL screen, in Dutch or English."""

import html
import re

from challenges.events.models import Event
from challenges.extensions import db
from challenges.seasons.models import Season
from tests.factories import make_event, make_open_season

FLL_WORDS = (
    "robot",
    "robotwedstrijd",
    "robot game",
    "robot performance",
    "scheidsrechter",
    "hoofdscheidsrechter",
    "referee",
    "head referee",
    "rubric",
    "wedstrijd",
    "match",
    "scorebord",
    "scoreboard",
    "tafel",
    "table",
    "lokaal",
    "room",
    "pit",
    "lego",  # FIRST LEGO League ("first" alone is everyday English)
    "core values",
    "kernwaarden",
    "champion",
    "innovation project",
    "innovatieproject",
    "gracious professionalism",
)
VAKKANJERS_WORDS = (
    "vakkanjers",
    "markt",
    "market",
    "stand",
    "juryformulier",
    "jury form",
    "juror",
    "publieksprijs",
    "public prize",
    "halve finale",
    "semi-final",
)


def main_of(response) -> str:
    """The page's <main>: the words of the header and footer are the whole app's."""
    assert response.status_code == 200, response.status_code
    return response.text.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def words_in(page: str, words: tuple[str, ...]) -> list[str]:
    """The forbidden words the page's text shows (also in plural or inflected form)."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", page)).lower()
    return [word for word in words if re.search(rf"\b{word}(s|es|e|en)?\b", text)]


def make_programme_season(robot_game: bool) -> Season:
    """An open season of FLL (a robot game) or of Vakkanjers (a market)."""
    season = make_open_season(
        numbers_teams=robot_game,
        allows_clubs=robot_game,
        categories=(("Challenge", 2, 10, None, None, None),)
        if robot_game
        else (("Scout", 2, 6, None, None, None), ("Explorer", 2, 6, None, None, None)),
    )
    season.programme.has_robot_game = robot_game
    season.programme.name = "FIRST LEGO League Challenge" if robot_game else "Vakkanjers"
    db.session.commit()
    return season


def make_programme_event(robot_game: bool, name: str = "Finale Zwolle") -> Event:
    """An event of an FLL season (its rubrics) or of a Vakkanjers season (its jury form)."""
    season = make_programme_season(robot_game)
    season.rubric_set_key = "fll-challenge-2024" if robot_game else "vakkanjers-jury"
    event = make_event(season, name=name)
    db.session.commit()
    return event
