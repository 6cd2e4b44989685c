"""The season report's files, for the page's download buttons and `challenges report`."""

from dataclasses import replace
from typing import IO

from flask_babel import gettext as _
from flask_babel import lazy_pgettext

from challenges.labels import download_name
from challenges.printing.sources import footer
from challenges.reports import documents, services
from challenges.reports.tables import Table, season_tables
from challenges.seasons.models import Season

FILE_WORD = lazy_pgettext("a file name", "season-report")


def funders_tables(season: Season) -> list[Table]:
    return [table.for_funders() for table in season_tables(services.season_figures(season))]


def season_label(season: Season) -> str:
    return f"{season.programme.name} {season.name}"


def write_pdf(out: IO[bytes], season: Season) -> int:
    """Returns the number of pages."""
    what = _("Season report")
    return documents.write_pdf(
        out,
        f"{what} {season_label(season)}",
        season.theme,
        funders_tables(season),
        replace(footer(what, None), event=season_label(season)),
    )


def workbook(season: Season) -> bytes:
    return documents.workbook(funders_tables(season))


def file_name(season: Season, suffix: str) -> str:
    """seizoensrapport-fll-2025-2026.pdf"""
    return download_name(parts=(FILE_WORD, season.key), suffix=suffix)
