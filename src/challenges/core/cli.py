"""`challenges doctor`."""

import click
from flask import current_app
from flask.cli import with_appcontext

from challenges.core.doctor import Level, examine


@click.command("doctor")
@with_appcontext
def doctor() -> None:
    """Check the settings and the services this server needs; exit 1 on any problem."""
    findings = examine(current_app)
    for finding in findings:
        click.echo(f"{finding.level:<8} {finding.subject}: {finding.message}")
    problems = sum(finding.level is Level.PROBLEM for finding in findings)
    warnings = sum(finding.level is Level.WARNING for finding in findings)
    click.echo(f"\n{problems} problem(s), {warnings} warning(s).")
    if problems:
        raise SystemExit(1)
