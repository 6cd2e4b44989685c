"""`challenges privacy purge`: after a season, remove what may not be kept (AVG)."""

import click
from flask.cli import AppGroup
from sqlalchemy import select

from challenges.awards.voting import count_voters, forget_voters
from challenges.backups import services as backups
from challenges.database import utcnow
from challenges.errors import DomainError
from challenges.extensions import db
from challenges.registration.services import (
    count_first_names,
    ensure_season_finished,
    purge_first_names,
)
from challenges.seasons.models import Season

privacy = AppGroup("privacy", help="Keep only what may be kept (AVG).")


@privacy.command("purge")
@click.argument("season_key")
@click.option("--dry-run", is_flag=True, help="Only show what would be removed.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation (for scripts).")
def purge_command(season_key: str, dry_run: bool, yes: bool) -> None:
    """Remove the pupils' first names and the voters' e-mail addresses of a finished season
    (results and vote counts stay, anonymous). Shows what goes and asks first."""
    season = finished_season(season_key)
    teams, votes = count_first_names(season), count_voters(season)
    click.echo(
        f"Season {season.key}: the pupils' first names of {teams} team(s) and the e-mail "
        f"addresses of {votes} public-prize vote(s) are still kept."
    )
    if dry_run or not (teams or votes):
        click.echo("Dry run: nothing removed." if dry_run else "Nothing to remove.")
        return
    if not yes:
        click.confirm("Remove them for good (a backup is made first)?", abort=True)
    if backups.automatic("voor wissen namen") is None:
        raise click.ClickException("No backup could be made first, so nothing was removed.")
    teams = purge_first_names(season, utcnow())
    votes = forget_voters(season)
    db.session.commit()
    click.echo(f"Removed the pupils' first names of {teams} team(s) of {season.key}.")
    click.echo(f"Removed the e-mail addresses of {votes} public-prize vote(s).")


def finished_season(season_key: str) -> Season:
    season = db.session.scalar(select(Season).where(Season.key == season_key))
    if season is None:
        raise click.ClickException(f"No season with key {season_key}.")
    try:
        ensure_season_finished(season, utcnow())
    except DomainError as error:
        raise click.ClickException(error.message) from None
    return season
