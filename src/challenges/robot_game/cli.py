"""`challenges robot-game`: the season sheets, and scoring a sheet from the command line."""

import json
import sys
from typing import Any

import click
from flask.cli import AppGroup
from flask_babel import force_locale

from challenges.robot_game.definitions import SeasonDefinition, UnknownSeason, load, season_keys
from challenges.robot_game.evaluator import evaluate
from challenges.robot_game.messages import problem_message

robot_game = AppGroup("robot-game", help="Robot Game seasons and sheets.")

UNREADABLE = 2


@robot_game.command("seasons")
def seasons_command() -> None:
    """The season keys, with the season name and the maximum score."""
    for key in season_keys():
        season = load(key)
        click.echo(f"{key:<30} {season.season}  {season.name:<20} max {season.maximum}")


def scored(season: SeasonDefinition, answers: dict[str, Any], language: str) -> dict:
    result = evaluate(season, answers)
    with force_locale(language):
        errors = [
            {"question": problem.question, "message": problem_message(season, problem, language)}
            for problem in result.problems
        ]
    return {"score": result.score, "errors": errors, "missions": result.missions}


@robot_game.command("score")
@click.argument("season_key")
@click.option("--language", type=click.Choice(["en", "nl"]), default="en", show_default=True)
def score_command(season_key: str, language: str) -> None:
    """Score the sheet on stdin: a JSON object {question: answer}, or an array of them.

    Prints {"score", "errors", "missions"} (an array for an array). Exit status 0 for valid
    sheets, 1 when a sheet has errors, 2 for an unknown season or unreadable input.
    """
    try:
        season = load(season_key)
    except UnknownSeason:
        click.echo(f"Unknown season {season_key!r}; known: {', '.join(season_keys())}.", err=True)
        sys.exit(UNREADABLE)
    try:
        given = json.loads(sys.stdin.read())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        click.echo(f"The input is not JSON: {error}.", err=True)
        sys.exit(UNREADABLE)
    sheets = given if isinstance(given, list) else [given]
    if not all(isinstance(sheet, dict) for sheet in sheets):
        click.echo("Give a JSON object {question: answer}, or an array of them.", err=True)
        sys.exit(UNREADABLE)
    results = [scored(season, sheet, language) for sheet in sheets]
    click.echo(json.dumps(results if isinstance(given, list) else results[0], ensure_ascii=False))
    sys.exit(1 if any(result["errors"] for result in results) else 0)
