"""A Robot Game event with sixty teams, built in the live server's database through the same
services the referees use: two verified rounds for most teams, a few teams without a score yet,
and one sheet of round 3 that waits for the head referee and will put its team on top."""

import random
import uuid
from dataclasses import dataclass

from challenges import create_app
from challenges.extensions import db
from challenges.robot_game import reviewing, submitting
from challenges.robot_game.definitions import load
from challenges.robot_game.evaluator import evaluate
from challenges.robot_game.sheet_input import SheetInput
from tests.factories import app_config
from tests.robot_game.conftest import SEASON, answers, make_arena

NAMES = [
    "Tandwielen", "Schroevendraaiers", "Robotrakkers", "Servo Sprinters", "Bouwploeg",
    "Slimme Sensoren", "Vonkenvangers", "Code Kraaiers", "Mijnwerkers", "Grondgravers",
    "Zandlopers", "Archeobots",
]  # fmt: skip
TOWNS = ["Tilburg", "Zwolle", "Delft", "Leeuwarden", "Maastricht"]
LONG_NAME = "De Buitengewoon Vindingrijke Robotbouwers van het Stedelijk Gymnasium Leeuwarden"
WITHOUT_SCORE = 4  # the last teams have not played a ranking round yet


@dataclass
class FullHouse:
    slug: str
    event_id: int
    name: str
    head_referee: str  # e-mail address; the password is tests.factories.PASSWORD
    newcomer: str  # the team whose round-3 sheet waits for the head referee
    newcomer_score: int


def team_name(index: int) -> str:
    return LONG_NAME if index == 7 else f"{NAMES[index % len(NAMES)]} {TOWNS[index // len(NAMES)]}"


def played(chance: random.Random) -> dict:
    """A valid sheet with a few missions done: well below a sheet with every mission done."""
    season = load(SEASON)
    missions = [q.id for q in season.questions if q.type == "yesno"]
    sheet = answers()
    for mission in chance.sample(missions, k=chance.randint(0, 5)):
        if not evaluate(season, sheet | {mission: True}).problems:
            sheet[mission] = True
    return sheet


def submit(arena, index: int, number: int, given: dict):
    match = arena.matches[(index, "ranking", number)]
    sheet, _new = submitting.submit(
        arena.event,
        SheetInput(uuid.uuid4().hex, match, given, "Rita", "OK"),
        arena.referee,
    )
    db.session.flush()
    return sheet


def build_full_house(database_url: str, teams: int = 60) -> FullHouse:
    app = create_app(app_config(database_url))
    chance = random.Random("full house")
    with app.test_request_context():
        arena = make_arena(teams)
        arena.event.name = "Regiofinale Rotterdam"
        for index, team in enumerate(arena.teams):
            team.name = team_name(index)
            team.name_key = team.name.casefold()
        for index in range(teams - WITHOUT_SCORE):
            for number in (1, 2):
                reviewing.verify(submit(arena, index, number, played(chance)), "Henk")
        every_mission = {q.id: True for q in load(SEASON).questions if q.type == "yesno"}
        waiting = submit(arena, 0, 3, answers(**every_mission))
        house = FullHouse(
            slug=arena.event.slug,
            event_id=arena.event.id,
            name=arena.event.name,
            head_referee=arena.head_referee.email,
            newcomer=arena.teams[0].name,
            newcomer_score=waiting.score,
        )
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return house
