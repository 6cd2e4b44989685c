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
from challenges.printing import sources
from challenges.printing.certificates import write_certificates

printing = AppGroup("print", help="Print documents as PDF (A4).")

LANGUAGE = click.option(
    "--language", type=click.Choice(["nl", "en"]), default="nl", show_default=True
)
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
@click.option("--team", "team_id", type=int, help="Only this team (its id).")
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
        with click.progressbar(length=len(items), label="Certificates", file=None) as bar:
            produce(
                out,
                lambda file: write_certificates(
                    file, items, sources.branding(event), footer, lambda _page: bar.update(1)
                ),
            )
