"""`challenges report season`: the season report for funders as PDF (and Excel)."""

from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import force_locale
from flask_babel import gettext as _

from challenges.printing.cli import LANGUAGE, OUT, produce
from challenges.reports import report, services

reports = AppGroup("report", help="Reports in numbers, for funders.")


@reports.command("season")
@click.argument("season_key")
@OUT
@click.option(
    "--xlsx",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the counts as an Excel workbook.",
)
@LANGUAGE
def season_command(season_key: str, out: Path, xlsx: Path | None, language: str) -> None:
    """A season's figures: key figures, charts and tables (counts of 1 to 4 as "< 5")."""
    season = services.find_season(season_key)
    if season is None:
        raise click.ClickException(
            f"There is no season {season_key!r}: the seasons page shows their keys."
        )
    with force_locale(language):
        for option, path in (("--out", out), ("--xlsx", xlsx)):
            if path is not None and not path.parent.is_dir():
                message = _("The folder %(folder)s does not exist.", folder=path.parent)
                raise click.BadParameter(message, param_hint=option)
        produce(out, lambda file: report.write_pdf(file, season))
        if xlsx is not None:
            xlsx.write_bytes(report.workbook(season))
            click.echo(f"Workbook written to {xlsx}.")
