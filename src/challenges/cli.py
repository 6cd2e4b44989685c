"""The `challenges` command: Flask's commands (run, db, routes, ...) plus the app's own."""

import time

import click
from flask import Flask, current_app
from flask.cli import AppGroup, FlaskGroup
from sqlalchemy import select

from challenges import create_app
from challenges.auth import services as accounts
from challenges.auth.models import User
from challenges.auth.roles import GLOBAL_ROLES, Role
from challenges.awards.voting import forget_voters
from challenges.backups import services as backups
from challenges.backups.cli import backup
from challenges.database import utcnow
from challenges.demo.seed import demo_accounts_present, seed_demo
from challenges.errors import DomainError
from challenges.events.services import events_with_team_counts
from challenges.extensions import db
from challenges.inputs import InputError
from challenges.mail.models import MailStatus
from challenges.mail.services import deliver_pending
from challenges.printing.cli import printing
from challenges.registration.services import purge_first_names
from challenges.robot_game.cli import robot_game
from challenges.schools.duo import DuoHeaderError, SchoolKind, parse_duo_file
from challenges.schools.importer import import_schools
from challenges.seasons.models import Season

seed = AppGroup("seed", help="Load data into the database.")
schools = AppGroup("schools", help="The school directory.")
privacy = AppGroup("privacy", help="Keep only what may be kept (AVG).")
events = AppGroup("events", help="Regional and national finals.")
users = AppGroup("users", help="Manage accounts.")
mail = AppGroup("mail", help="The e-mail outbox.")


@seed.command("demo")
@click.option("--if-empty", is_flag=True, help="Only when the database holds no accounts yet.")
def seed_demo_command(if_empty: bool) -> None:
    """Load the demo world (idempotent) and print the demo log-ins."""
    if if_empty and db.session.scalar(select(User.id).limit(1)) is not None:
        click.echo("The database already has accounts; no demo data loaded.")
        accounts = demo_accounts_present()
    else:
        report = seed_demo()
        db.session.commit()
        created = ", ".join(f"{n} {kind}" for kind, n in sorted(report.created.items()))
        click.echo(f"Demo data loaded ({created or 'nothing new'}).")
        accounts = report.accounts
    if accounts:
        click.echo("Demo log-ins (for a demo only; never on a production server):")
        for role, email, password in accounts:
            click.echo(f"  {role:<22} {email:<36} {password}")


@users.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role", "roles", multiple=True, type=click.Choice(sorted(role.value for role in GLOBAL_ROLES))
)
def create_user_command(email: str, name: str, roles: tuple[str, ...]) -> None:
    """Create an account; the person gets an e-mail to choose a password."""
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        try:
            user = accounts.create_user(name, email.strip().lower(), created_by=None)
            for role in roles:
                accounts.grant_role(user, Role(role), None, granted_by=None)
        except DomainError as error:
            raise click.ClickException(error.message) from error
        db.session.commit()
    click.echo(f"Created {user.email}; the invitation is in the outbox.")


@mail.command("deliver")
@click.option("--limit", default=200, show_default=True, help="At most this many per round.")
@click.option("--every", type=click.IntRange(min=1), help="Keep running: a round every N seconds.")
def deliver_command(limit: int, every: int | None) -> None:
    """Send the mail that is due (once, e.g. from cron; or as a service with --every)."""
    while True:
        outcome = deliver_pending(limit)
        if outcome or not every:
            click.echo(
                f"Sent {outcome[MailStatus.SENT]}, failed {outcome[MailStatus.FAILED]}, "
                f"to retry later {outcome[MailStatus.PENDING]}."
            )
        if not every:
            return
        db.session.remove()
        time.sleep(every)


@schools.command("import")
@click.argument("file", type=click.File("rb"))
@click.option("--dry-run", is_flag=True, help="Only check the file and report; change nothing.")
@click.option(
    "--kind", type=click.Choice(["po", "vo"]), help="Primary or secondary (default: from the file)."
)
def import_schools_command(file, dry_run: bool, kind: str | None) -> None:
    """Import a DUO 'vestigingen' file (semicolon-separated; Windows-1252 or UTF-8)."""
    try:
        parsed = parse_duo_file(file.read(), SchoolKind(kind) if kind else None)
    except (DuoHeaderError, InputError) as error:
        raise click.ClickException(f"Not imported, nothing changed: {error}") from None
    click.echo(
        f"Read {len(parsed.records) + len(parsed.rejected)} rows ({parsed.encoding}, "
        f"{parsed.header_generation} DUO headers)."
    )
    with click.progressbar(length=len(parsed.records), label="Importing") as bar:
        report = import_schools(parsed, dry_run=dry_run, progress=bar.update)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    for row in report.rejected:
        click.echo(f"  line {row.line}: {row.reason}")
    verb = "Would create" if dry_run else "Created"
    click.echo(
        f"{verb} {report.created}, updated {report.updated}, unchanged {report.unchanged}, "
        f"rejected {len(report.rejected)}."
    )


@privacy.command("purge")
@click.argument("season_key")
def purge_command(season_key: str) -> None:
    """Remove the pupils' first names and the voters' e-mail addresses of a finished season
    (results and vote counts stay, anonymous)."""
    season = db.session.scalar(select(Season).where(Season.key == season_key))
    if season is None:
        raise click.ClickException(f"No season with key {season_key}.")
    if backups.automatic("voor wissen namen") is None:
        raise click.ClickException("No backup could be made first, so nothing was removed.")
    try:
        count = purge_first_names(season, utcnow())
    except DomainError as error:
        raise click.ClickException(error.message) from error
    voters = forget_voters(season)
    db.session.commit()
    click.echo(f"Removed the pupils' first names of {count} team(s) of {season.key}.")
    click.echo(f"Removed the e-mail addresses of {voters} public-prize vote(s).")


@events.command("list")
@click.option("--season", "season_key", help="Only the events of this season (its key).")
def list_events_command(season_key: str | None) -> None:
    """The events with their id, slug, kind, date and number of teams."""
    rows = events_with_team_counts(season_key)
    if not rows:
        click.echo("No events.")
    for event, teams in rows:
        click.echo(
            f"{event.id:>4}  {event.slug:<32} {event.kind.value:<9} "
            f"{event.starts_on:%d-%m-%Y}  {teams:>3} teams  {event.name}"
        )


def init_app(app: Flask) -> None:
    for group in (seed, users, mail, schools, privacy, events, robot_game, printing, backup):
        app.cli.add_command(group)


@click.group(cls=FlaskGroup, create_app=create_app)
def main() -> None:
    """Challenges: FIRST LEGO League Challenge and Vakkanjers."""
