"""`challenges print`: the printed documents as PDF files, with progress for long batches."""

import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import click
from flask.cli import AppGroup
from flask_babel import force_locale
from flask_babel import gettext as _

from challenges.errors import DomainError
from challenges.events.models import Event
from challenges.events.services import find_event
from challenges.extensions import db
from challenges.inputs import DATABASE_INT_MAX
from challenges.judging.rubrics import UnknownRubricSet, rubric_set_keys
from challenges.judging.rubrics import load as load_rubric_set
from challenges.printing import sources
from challenges.printing.certificates import write_certificates
from challenges.printing.documents import (
    SCHEDULE_VIEWS,
    team_url,
    write_feedback,
    write_results,
    write_rubric,
    write_schedule,
    write_signs,
)
from challenges.printing.scoresheets import write_scoresheet
from challenges.registration.models import Team
from challenges.robot_game.definitions import UnknownSeason
from challenges.robot_game.definitions import load as load_season

printing = AppGroup("print", help="Print documents as PDF (A4).")

LANGUAGE = click.option(
    "--language", type=click.Choice(["nl", "en"]), default="nl", show_default=True
)
TEAM_ID = click.IntRange(1, DATABASE_INT_MAX)
OUT = click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The PDF file to write.",
)


def event_or_fail(reference: str) -> Event:
    event = find_event(reference)
    if event is None:
        raise click.ClickException(
            f"There is no event {reference!r}: `challenges events list` shows ids and slugs."
        )
    return event


@contextmanager
def written(out: Path):
    """A file that only appears at `out` when it was written completely."""
    handle, temporary = tempfile.mkstemp(dir=out.parent or ".", suffix=".pdf.part")
    try:
        with os.fdopen(handle, "wb") as file:
            yield file
        os.replace(temporary, out)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def produce(out: Path, make: Callable[[IO[bytes]], int]) -> None:
    try:
        with written(out) as file:
            pages = make(file)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"{pages} page(s) written to {out}.")


@printing.command("certificates")
@click.argument("event_ref")
@OUT
@click.option("--team", "team_id", type=TEAM_ID, help="Only this team (its id).")
@LANGUAGE
def certificates_command(event_ref: str, out: Path, team_id: int | None, language: str) -> None:
    """Participation and award certificates of an event, in printing order."""
    event = event_or_fail(event_ref)
    with force_locale(language):
        try:
            items = list(sources.certificates(event, team_id))
        except DomainError as error:
            raise click.ClickException(error.message) from None
        footer = sources.footer(_("Certificates"), event)
        look = sources.branding(event)
        with click.progressbar(length=len(items), label="Certificates", file=None) as bar:
            produce(
                out,
                lambda file: write_certificates(
                    file, items, look, footer, lambda _page: bar.update(1)
                ),
            )
    for kind in look.left_out:
        click.echo(
            f"Printed without the season's {kind}: the stored image cannot be drawn (the file "
            "is damaged). Upload it again on the season's certificates page, or remove it."
        )


@printing.command("results")
@click.argument("event_ref")
@OUT
@LANGUAGE
def results_command(event_ref: str, out: Path, language: str) -> None:
    """Results per category: awards, teams going on, the ranking with ties."""
    event = event_or_fail(event_ref)
    with force_locale(language):
        produce(out, lambda file: write_results(file, event))


@printing.command("scoresheet")
@click.argument("season_key")
@OUT
@LANGUAGE
def scoresheet_command(season_key: str, out: Path, language: str) -> None:
    """A blank Robot Game scoresheet of a season (the paper fallback)."""
    try:
        season = load_season(season_key)
    except UnknownSeason:
        raise click.ClickException(
            f"There is no season sheet {season_key!r}: `challenges robot-game seasons` lists them."
        ) from None
    with force_locale(language):
        produce(out, lambda file: write_scoresheet(file, season))


@printing.command("rubric")
@click.argument("rubric_set_key")
@OUT
@click.option("--rubric", "rubric_id", required=True, help="e.g. innovation_project, jury")
@LANGUAGE
def rubric_command(rubric_set_key: str, out: Path, rubric_id: str, language: str) -> None:
    """A blank rubric (the paper fallback), landscape."""
    try:
        rubric_set = load_rubric_set(rubric_set_key)
        rubric_set.rubric(rubric_id)
    except (UnknownRubricSet, KeyError):
        raise click.ClickException(
            f"Unknown rubric {rubric_set_key!r} / {rubric_id!r}; rubric sets: "
            + ", ".join(rubric_set_keys())
        ) from None
    with force_locale(language):
        produce(out, lambda file: write_rubric(file, rubric_set, rubric_id))


@printing.command("feedback")
@click.argument("event_ref")
@OUT
@click.option("--team", "team_id", type=TEAM_ID, required=True, help="The team's id.")
@LANGUAGE
def feedback_command(event_ref: str, out: Path, team_id: int, language: str) -> None:
    """A team's jury feedback: every submitted rubric, judges not named."""
    event = event_or_fail(event_ref)
    team = db.session.get(Team, team_id)
    if team is None:
        raise click.ClickException(f"There is no team {team_id}.")
    with force_locale(language):
        produce(out, lambda file: write_feedback(file, event, team))


@printing.command("schedule")
@click.argument("event_ref")
@OUT
@click.option("--by", type=click.Choice(SCHEDULE_VIEWS), default="event", show_default=True)
@LANGUAGE
def schedule_command(event_ref: str, out: Path, by: str, language: str) -> None:
    """The schedule of an event: whole (by time), or per team, table or judging room."""
    event = event_or_fail(event_ref)
    with force_locale(language):
        produce(out, lambda file: write_schedule(file, event, by))


@printing.command("signs")
@click.argument("event_ref")
@OUT
@LANGUAGE
def signs_command(event_ref: str, out: Path, language: str) -> None:
    """Pit signs or stand labels with a QR code to each team's public page
    (at CHALLENGES_BASE_URL)."""
    event = event_or_fail(event_ref)
    with force_locale(language):
        produce(out, lambda file: write_signs(file, event, team_url(event)))
