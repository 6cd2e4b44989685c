"""`challenges privacy purge`: after a season, remove what may not be kept (AVG) from every area
that keeps people's data: the pupils' first names, the voters' and the surveys' people."""

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
from challenges.surveys.services import count_kept_people, forget_people

privacy = AppGroup("privacy", help="Keep only what may be kept (AVG).")


@privacy.command("purge")
@click.argument("season_key")
@click.option("--dry-run", is_flag=True, help="Only show what would be removed.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation (for scripts).")
def purge_command(season_key: str, dry_run: bool, yes: bool) -> None:
    """Remove the pupils' first names, the voters' e-mail addresses and the survey answers'
    people and remarks of a finished season (results, vote counts and survey marks stay,
    anonymous). Shows what goes and asks first."""
    season = finished_season(season_key)
    teams, votes = count_first_names(season), count_voters(season)
    surveys = count_kept_people(season)
    click.echo(
        f"Season {season.key}: the pupils' first names of {teams} team(s) and the e-mail "
        f"addresses of {votes} public-prize vote(s) are still kept."
    )
    click.echo(f"Survey invitations that still name a person or hold remarks: {surveys}.")
    if dry_run or not (teams or votes or surveys):
        click.echo("Dry run: nothing removed." if dry_run else "Nothing to remove.")
        return
    if not yes:
        click.confirm("Remove them for good (a backup is made first)?", abort=True)
    if backups.automatic("voor wissen namen") is None:
        raise click.ClickException("No backup could be made first, so nothing was removed.")
    teams = purge_first_names(season, utcnow())
    votes = forget_voters(season)
    surveys = forget_people(season)
    db.session.commit()
    click.echo(f"Removed the pupils' first names of {teams} team(s) of {season.key}.")
    click.echo(f"Removed the e-mail addresses of {votes} public-prize vote(s).")
    click.echo(f"Removed the people, links and remarks of {surveys} survey invitation(s).")


def finished_season(season_key: str) -> Season:
    season = db.session.scalar(select(Season).where(Season.key == season_key))
    if season is None:
        raise click.ClickException(f"No season with key {season_key}.")
    try:
        ensure_season_finished(season, utcnow())
    except DomainError as error:
        raise click.ClickException(error.message) from None
    return season
