"""The `challenges` command: Flask's commands (run, db, routes, ...) plus the app's own."""

import click
from flask import Flask
from flask.cli import AppGroup, FlaskGroup
from sqlalchemy import select

from challenges import create_app
from challenges.auth import services as accounts
from challenges.auth.models import User
from challenges.auth.roles import GLOBAL_ROLES, Role
from challenges.backups.cli import backup
from challenges.core.cli import doctor
from challenges.core.privacy import privacy
from challenges.demo.seed import demo_accounts_present, seed_demo
from challenges.errors import DomainError
from challenges.events.cli import schedule
from challenges.events.services import events_with_team_counts
from challenges.extensions import db
from challenges.inputs import InputError
from challenges.mail.cli import mail
from challenges.printing.cli import printing
from challenges.reports.cli import reports
from challenges.robot_game.cli import robot_game
from challenges.schools.duo import DuoHeaderError, SchoolKind, parse_duo_file
from challenges.schools.importer import import_schools

seed = AppGroup("seed", help="Load data into the database.")
schools = AppGroup("schools", help="The school directory.")
events = AppGroup("events", help="Regional and national finals.")
users = AppGroup("users", help="Manage accounts.")


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
    try:
        user = accounts.create_user(name, email.strip().lower(), created_by=None)
        for role in roles:
            accounts.grant_role(user, Role(role), None, granted_by=None)
    except DomainError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Created {user.email}; the invitation is in the outbox.")


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
    commands = (
        seed,
        users,
        mail,
        schools,
        privacy,
        events,
        schedule,
        robot_game,
        printing,
        backup,
        doctor,
        reports,
    )
    for command in commands:
        app.cli.add_command(command)


@click.group(cls=FlaskGroup, create_app=create_app)
def main() -> None:
    """Challenges: FIRST LEGO League Challenge and Vakkanjers."""
