"""A plain schedule table (CSV or XLSX rows): one commitment per row (pure).

Columns, found by header name: team number, kind (practice, ranking, judging), round,
place, start, end (HH:MM). This is also what the schedule's CSV and XLSX exports contain;
the ' our CSV export puts before a text that looks like a formula is taken off again.
"""

from collections.abc import Iterable
from datetime import time

from flask_babel import gettext as _

from challenges.events.schedule.block_format import parse_time
from challenges.events.schedule.check import what
from challenges.events.schedule.file_problems import FileProblem
from challenges.events.schedule.generator import Commitment, Kind
from challenges.inputs import parse_int
from challenges.spreadsheets import unquote

COLUMNS = ("team number", "kind", "round", "place", "start", "end")
MAX_ROUND = 99


def cell_text(value) -> str:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return "" if value is None else unquote(str(value)).strip()


def missing_columns(header: list[str]) -> list[str]:
    """The columns a header row (in lower case) lacks; none: this is a schedule table."""
    return [name for name in COLUMNS if name not in header]


def first_row(rows: Iterable[Iterable]) -> list[str]:
    """The first row that is not empty, in lower case."""
    for row in rows:
        cells = [cell_text(value).lower() for value in row]
        if any(cells):
            return cells
    return []


def parse_rows(rows: Iterable[Iterable]) -> tuple[list[Commitment], list[FileProblem]]:
    """The commitments, and the problems that make the table unusable."""
    numbered = [(line, [cell_text(value) for value in row]) for line, row in enumerate(rows, 1)]
    table = [(line, row) for line, row in numbered if any(row)]
    if not table:
        return [], [FileProblem(_("the file is empty"))]
    header_line, header = table[0][0], [name.lower() for name in table[0][1]]
    missing = missing_columns(header)
    if missing:
        columns = _("missing column(s): %(columns)s", columns=", ".join(missing))
        return [], [FileProblem(columns, header_line)]
    at = {name: header.index(name) for name in COLUMNS}
    commitments, problems, seen = [], [], set()
    for line, row in table[1:]:
        try:
            commitment = Commitment(
                row[at["team number"]],
                Kind(row[at["kind"]].lower()),
                parse_int(row[at["round"]], minimum=0, maximum=MAX_ROUND),
                row[at["place"]],
                parse_time(row[at["start"]]),
                parse_time(row[at["end"]]),
            )
        except (ValueError, IndexError):
            problems.append(FileProblem(_("not a valid schedule row"), line))
            continue
        key = (commitment.team, commitment.kind, commitment.round)
        if key in seen:
            twice = _(
                "team %(team)s has %(what)s twice", team=commitment.team, what=what(commitment)
            )
            problems.append(FileProblem(twice, line))
        seen.add(key)
        commitments.append(commitment)
    return commitments, problems
