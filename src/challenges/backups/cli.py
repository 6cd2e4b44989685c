"""`challenges backup create|restore`."""

from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import gettext as _
from sqlalchemy.exc import SQLAlchemyError

from challenges.backups import restoring, services
from challenges.errors import DomainError
from challenges.i18n import as_datetime

backup = AppGroup("backup", help="Backups of the whole database, as one portable file.")


@backup.command("create")
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The file."
)
def create_command(out: Path) -> None:
    """Write a backup of every table to a file (one consistent snapshot; the app may run)."""
    try:
        manifest = services.create(out)
    except (OSError, SQLAlchemyError) as error:
        raise click.ClickException(_("No backup made: %(error)s", error=error)) from None
    click.echo(
        _(
            "Backup written to %(file)s: %(rows)s rows in %(tables)s tables, database revision "
            "%(revision)s.",
            file=out,
            rows=manifest.total_rows,
            tables=len(manifest.tables),
            revision=manifest.revision,
        )
    )


@backup.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Delete everything in a database that is not empty.")
def restore_command(file: Path, force: bool) -> None:
    """Restore a backup into an empty database (migrated first when it has no tables yet)."""
    try:
        manifest = restoring.restore(file, force=force)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(
        _(
            "Restored %(rows)s rows in %(tables)s tables from the backup of %(made)s.",
            rows=manifest.total_rows,
            tables=len(manifest.tables),
            made=as_datetime(manifest.created_at),
        )
    )
