"""A schedule file read and checked on its own, without an event (pure): what
`challenges schedule check` reports, and what `schedule generate` writes.

Formats: `block`, the FLL Block Format (block_format); `csv`, the plain table of the app's own
export (plain_format; also as .xlsx); `fll-sw`, FLL-SW's schedule table (fll_sw_format; CSV
or .xlsx). `auto` tells them apart: a Block Format file starts with "Version Number", an FLL-SW
table has a "Team #" column.
"""

import io
from collections import Counter
from dataclasses import dataclass, field

from challenges.events.schedule.block_format import (
    BlockTeam,
    in_order,
    parse_block_format,
    write_block_format,
)
from challenges.events.schedule.check import Violation, check, existing_schedule_settings, quality
from challenges.events.schedule.file_problems import FileProblem
from challenges.events.schedule.fll_sw_format import header_index, parse_fll_sw
from challenges.events.schedule.generator import DAY, Commitment, Gaps, Kind, Schedule, days
from challenges.events.schedule.plain_format import (
    COLUMNS,
    cell_text,
    first_row,
    missing_columns,
    parse_rows,
)
from challenges.inputs import InputError, csv_rows, decode_text, xlsx_rows
from challenges.spreadsheets import csv_text

FORMATS = ("auto", "block", "csv", "fll-sw")


@dataclass
class FileReport:
    format: str
    recognised: bool  # False: not a schedule file of that format at all
    teams: list[str] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)  # rows that cannot be read
    violations: list[Violation] = field(default_factory=list)  # the checker's, of what was read

    @property
    def hard(self) -> int:
        """Rows that cannot be read, and the checker's hard problems."""
        return len(self.problems) + sum(v.hard for v in self.violations)

    def check(self, gaps: Gaps) -> None:
        """The checker's problems of what was read, over the days the commitments span."""
        span = days(self.commitments) * DAY
        settings = existing_schedule_settings(self.teams, self.commitments, span, gaps)
        self.violations = check(Schedule(self.commitments), settings)

    def as_json(self) -> dict:
        kinds = Counter(commitment.kind for commitment in self.commitments)
        problems = [{"line": p.line, "message": p.message} for p in self.problems]
        problems += [{"line": None, "message": v.message} for v in self.violations]
        return {
            "format": self.format,
            "teams": len(self.teams),
            "ranking": kinds[Kind.RANKING],
            "practice": kinds[Kind.PRACTICE],
            "judging": kinds[Kind.JUDGING],
            "days": days(self.commitments),
            "hard": self.hard,
            "soft": sum(not v.hard for v in self.violations),
            "problems": problems,
            "quality": quality(Schedule(self.commitments)).as_json(),
        }


def looks_like_block_format(text: str) -> bool:
    first = next((line for line in text.lstrip("\ufeff").splitlines() if line.strip()), "")
    return first.strip().lower().startswith("version number")


def read_file(data: bytes, name: str, format: str, gaps: Gaps) -> FileReport:
    """The file read (as `format`, or as what it looks like) and, when read, checked."""
    is_workbook = name.lower().endswith(".xlsx")
    try:
        text = "" if is_workbook else decode_text(data)[0]
        if format == "block" or (format == "auto" and looks_like_block_format(text)):
            report = read_block(text)
        else:
            report = read_table(table_rows(data, name), format)
    except InputError:
        return FileReport("csv" if format == "auto" else format, recognised=False)
    if report.recognised and report.commitments:
        report.check(gaps)
    return report


def table_rows(data: bytes, name: str) -> list:
    """The rows of an Excel workbook (by its name) or of a CSV text, with semicolons (Dutch
    Excel) or commas, whichever it holds more of; InputError when it is neither."""
    if name.lower().endswith(".xlsx"):
        return xlsx_rows(data)
    text, _encoding = decode_text(data)
    delimiter = ";" if text.count(";") >= text.count(",") else ","
    return list(csv_rows(io.StringIO(text), delimiter))


def read_block(text: str) -> FileReport:
    parsed = parse_block_format(text)
    teams = [team.number for team in parsed.teams]
    return FileReport("block", parsed.recognised, teams, parsed.commitments, parsed.problems)


def read_table(rows: list, format: str = "auto") -> FileReport:
    """A table (CSV or XLSX rows): FLL-SW's when asked or when it has a "Team #" column,
    otherwise the app's own."""
    table = [[cell_text(value) for value in row] for row in rows]
    has_team_numbers = header_index(table) is not None
    if format == "fll-sw" or (format == "auto" and has_team_numbers):
        teams, commitments, problems = parse_fll_sw(table)
        return FileReport("fll-sw", has_team_numbers, teams, commitments, problems)
    commitments, problems = parse_rows(rows)
    recognised = not missing_columns(first_row(rows))
    teams = in_order({commitment.team for commitment in commitments})
    return FileReport("csv", recognised, teams, commitments, problems)


def generated_file(commitments: list[Commitment], teams: list[str], format: str) -> str:
    """A generated schedule as a file: the Block Format, or the plain CSV of COLUMNS."""
    if format == "block":
        return write_block_format([BlockTeam(team, f"Team {team}") for team in teams], commitments)
    rows = [
        [c.team, c.kind.value, c.round, c.place, clock(c.start), clock(c.end)]
        for c in sorted(commitments, key=lambda c: (c.start, c.place))
    ]
    return csv_text([list(COLUMNS), *rows])


def clock(minutes: int) -> str:
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}"
