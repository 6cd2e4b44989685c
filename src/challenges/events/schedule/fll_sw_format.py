"""FLL-SW's schedule table (HighTechKids' tournament software), read (pure).

One row per team, under a header row that holds "Team #" (not always the first row). Known
columns: Team #, Team Name, Organization, Award Group (or Div), Judging Group; "Perf #N" with
"Perf N Table", "Practice #N" (or "Practice") with "Practice N Table". Every other column
whose cells are times is a judged category (Design, Project, Core Values); its session takes
place at "category · judging group", as a Block Format file names "event · room".

The file holds start times only: a match takes FLL-SW's 5 minutes and a judging session its
20. Times are read as FLL-SW reads them: `13:35`, `1:35 PM`, `01:35:00 PM`, and `1:35`
without AM or PM is in the afternoon, because no hour before 7 is a schedule's.
"""

import re

from flask_babel import gettext as _

from challenges.events.schedule.block_format import EVENT_AND_ROOM, parse_time
from challenges.events.schedule.file_problems import FileProblem
from challenges.events.schedule.generator import Commitment, Kind

HEADER = "team #"
NOT_JUDGED = frozenset({HEADER, "team name", "organization", "award group", "div", "judging group"})
PERFORMANCE = re.compile(r"perf #(\d+)")
PERFORMANCE_TABLE = re.compile(r"perf (\d+) table")
PRACTICE = re.compile(r"practice(?: #(\d+))?")
PRACTICE_TABLE = re.compile(r"practice(?: (\d+))? table")
MATCH_MINUTES = 5
JUDGING_MINUTES = 20
EARLIEST_HOUR = 7  # FLL-SW: a time without AM/PM before 7:00 is in the afternoon
TWELVE_HOURS = 12 * 60
MERIDIEM = re.compile(r"[AaPp]\.?[Mm]")


def parse_fll_sw_time(text: str) -> int:
    minutes = parse_time(text)
    if not MERIDIEM.search(text) and minutes < EARLIEST_HOUR * 60:
        minutes += TWELVE_HOURS
    return minutes


def header_index(rows: list[list[str]]) -> int | None:
    """The index of the header row (the first with a "Team #" cell), or None."""
    for index, row in enumerate(rows):
        if any(cell.strip().lower() == HEADER for cell in row):
            return index
    return None


def matches_of(header: list[str]) -> list[tuple[Kind, int, int, int]]:
    """(kind, round, time column, table column) for each performance and practice round."""
    tables = {}
    for column, name in enumerate(header):
        for kind, pattern in ((Kind.RANKING, PERFORMANCE_TABLE), (Kind.PRACTICE, PRACTICE_TABLE)):
            if found := pattern.fullmatch(name):
                tables[(kind, int(found[1] or 1))] = column
    rounds = []
    for column, name in enumerate(header):
        for kind, pattern in ((Kind.RANKING, PERFORMANCE), (Kind.PRACTICE, PRACTICE)):
            found = pattern.fullmatch(name)
            if found and (kind, int(found[1] or 1)) in tables:
                number = int(found[1] or 1)
                rounds.append((kind, number, column, tables[(kind, number)]))
    return rounds


def holds_times(rows: list[list[str]], column: int) -> bool:
    """Whether the column's first filled cell is a time: a judged category's column."""
    for row in rows:
        cell = row[column].strip() if column < len(row) else ""
        if cell:
            try:
                parse_fll_sw_time(cell)
            except ValueError:
                return False
            return True
    return False


def team_commitments(
    team: str,
    cells: list[str],
    rounds: list[tuple[Kind, int, int, int]],
    judged: list[int],
    names: list[str],
    group_column: int | None,
) -> list[Commitment]:
    """One team's row; ValueError when a time is not a time."""
    found = []
    for kind, number, time_column, table_column in rounds:
        start = parse_fll_sw_time(cells[time_column])
        found.append(
            Commitment(team, kind, number, cells[table_column], start, start + MATCH_MINUTES)
        )
    group = cells[group_column] if group_column is not None else ""
    for column in judged:
        if cells[column]:
            start = parse_fll_sw_time(cells[column])
            place = f"{names[column]}{EVENT_AND_ROOM}{group}" if group else names[column]
            found.append(Commitment(team, Kind.JUDGING, 1, place, start, start + JUDGING_MINUTES))
    return found


def parse_fll_sw(rows: list[list[str]]) -> tuple[list[str], list[Commitment], list[FileProblem]]:
    """The teams, their commitments and the problems; `rows` are the file's lines' cells."""
    at = header_index(rows)
    if at is None:
        return [], [], [FileProblem(_("no column 'Team #'"))]
    header = [cell.strip().lower() for cell in rows[at]]
    names = [cell.strip() for cell in rows[at]]
    team_column = header.index(HEADER)
    group_column = header.index("judging group") if "judging group" in header else None
    rounds = matches_of(header)
    match_columns = {column for _kind, _round, *columns in rounds for column in columns}
    judged = [
        column
        for column, name in enumerate(header)
        if name not in NOT_JUDGED
        and column not in match_columns
        and holds_times(rows[at + 1 :], column)
    ]
    teams, commitments, problems = [], [], []
    for line, row in enumerate(rows[at + 1 :], start=at + 2):
        cells = [cell.strip() for cell in row] + [""] * len(header)
        team = cells[team_column]
        if not team:
            continue
        try:
            found = team_commitments(team, cells, rounds, judged, names, group_column)
        except ValueError:
            problems.append(
                FileProblem(_("team %(team)s has a time that is not a time", team=team), line)
            )
            continue
        teams.append(team)
        commitments += found
    return teams, commitments, problems
