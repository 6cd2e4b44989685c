"""The FLL "Block Format" schedule CSV (FIRST Australia scheduler, FLL TMS): read and write.

Pure: text in, plain data out. The file has numbered blocks: 1 the teams, 2 the ranking
matches, 3 the judged events (rooms per event), 4 (optional) the practice matches. Match
and session rows are: number, start, end, then one column per table or room holding a team
number or nothing. Times are minutes since midnight. Texts (team names, schools, tables)
that would start a spreadsheet formula are written with a leading ' (see `spreadsheets`) and
read back without it, so the file stays readable by the FLL tools and safe in Excel.
"""

import io
import re
from dataclasses import dataclass, field

from challenges.events.scheduling import Commitment, Kind
from challenges.inputs import check_text, csv_rows, parse_int
from challenges.spreadsheets import csv_text, unquote

TIME = re.compile(r"^\s*([0-9]{1,2}):([0-9]{2})(?::[0-9]{2})?\s*([AaPp][Mm])?\s*$")


@dataclass(frozen=True)
class BlockTeam:
    number: str
    name: str
    affiliation: str = ""


@dataclass
class BlockSchedule:
    teams: list[BlockTeam] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)  # team = the team number
    tables: list[str] = field(default_factory=list)
    judged_events: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # anything that makes the file unusable


def parse_time(text: str) -> int:
    match = TIME.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a time")
    hours, minutes, half = int(match.group(1)), int(match.group(2)), (match.group(3) or "").upper()
    if half == "PM" and hours != 12:
        hours += 12
    if half == "AM" and hours == 12:
        hours = 0
    if hours > 23 or minutes > 59:
        raise ValueError(f"'{text}' is not a time")
    return hours * 60 + minutes


def format_time(minutes: int) -> str:
    hours, minutes = divmod(minutes, 60)
    half = "AM" if hours < 12 else "PM"
    return f"{(hours - 1) % 12 + 1}:{minutes:02d}:00 {half}"


class Reader:
    def __init__(self, text: str) -> None:
        check_text(text)  # InputError: no CSV text at all (binary, too long a field)
        self.rows = [
            [unquote(cell) for cell in row]
            for row in csv_rows(io.StringIO(text.lstrip("\ufeff")))
            if any(c.strip() for c in row)
        ]
        self.position = 0
        self.result = BlockSchedule()
        self.rounds: dict[tuple[Kind, str], int] = {}

    def peek(self) -> list[str] | None:
        return self.rows[self.position] if self.position < len(self.rows) else None

    def take(self) -> list[str]:
        row = self.rows[self.position]
        self.position += 1
        return row

    def setting(self, name: str) -> str:
        row = self.take()
        if row[0].strip().lower() != name.lower():
            raise ValueError(f"line {self.position}: expected '{name}', found '{row[0]}'")
        return row[1].strip() if len(row) > 1 else ""

    def names(self, label: str) -> list[str]:
        row = self.take()
        if row[0].strip().lower() != label.lower():
            raise ValueError(f"line {self.position}: expected '{label}', found '{row[0]}'")
        return [cell.strip() for cell in row[1:] if cell.strip()]

    def block_rows(self) -> list[list[str]]:
        rows = []
        while (row := self.peek()) is not None and row[0].strip().lower() not in (
            "block format",
            "event name",
        ):
            rows.append(self.take())
        return rows

    def read_teams(self) -> None:
        count = parse_int(self.setting("Number of Teams"), minimum=0)
        for _ in range(count):
            number, name, affiliation = [*[cell.strip() for cell in self.take()], "", ""][:3]
            self.result.teams.append(BlockTeam(number, name, affiliation))

    def read_matches(self, kind: Kind, label: str) -> None:
        self.setting(label)
        self.setting("Number of Tables")
        self.setting("Number of Teams per Table")
        self.setting("Number of Simultaneous Tables")
        tables = self.names("Table Names")
        self.result.tables = self.result.tables or tables
        seen: set[str] = set()
        for row in self.block_rows():
            self.read_slot(kind, row, tables, seen, "match")

    def read_judging(self) -> None:
        events = parse_int(self.setting("Number of Judged Events"), minimum=0)
        self.setting("Number of Event Time Slots")
        self.setting("Number of Judging Teams")
        for _ in range(events):
            name = self.setting("Event Name")
            rooms = self.names("Room Names")
            self.result.judged_events.append(name)
            seen: set[str] = set()
            for row in self.block_rows():
                self.read_slot(
                    Kind.JUDGING, row, [f"{name} · {room}" for room in rooms], seen, "session"
                )

    def read_slot(
        self, kind: Kind, row: list[str], places: list[str], seen: set[str], what: str
    ) -> None:
        line = self.position
        number = row[0].strip()
        if number in seen:
            self.result.problems.append(f"line {line}: {what} {number} appears twice")
            return
        seen.add(number)
        try:
            start, end = parse_time(row[1]), parse_time(row[2])
        except (ValueError, IndexError):
            self.result.problems.append(
                f"line {line}: {what} {number} has no valid start and end time"
            )
            return
        teams_here = [cell.strip() for cell in row[3 : 3 + len(places)]]
        for place, team in zip(places, teams_here, strict=False):
            if team:
                key = (kind, team)
                self.rounds[key] = self.rounds.get(key, 0) + 1
                round_number = self.rounds[key] if kind is not Kind.JUDGING else 1
                self.result.commitments.append(
                    Commitment(team, kind, round_number, place, start, end)
                )

    def read(self) -> BlockSchedule:
        self.setting("Version Number")
        while self.peek() is not None:
            block = self.setting("Block Format")
            readers = {
                "1": self.read_teams,
                "2": lambda: self.read_matches(Kind.RANKING, "Number of Ranking Matches"),
                "3": self.read_judging,
                "4": lambda: self.read_matches(Kind.PRACTICE, "Number of Practice Matches"),
            }
            if block not in readers:
                raise ValueError(f"line {self.position}: unknown block {block}")
            readers[block]()
        return self.result


def parse_block_format(text: str) -> BlockSchedule:
    """Read a Block Format file; structural errors end up in `problems`. A file that is no
    CSV text (binary, a field too long for the csv module) raises InputError."""
    reader = Reader(text)
    try:
        result = reader.read()
    except (ValueError, IndexError) as error:
        result = reader.result
        result.problems.append(str(error) if str(error) else "the file ends too early")
    known = {team.number for team in result.teams}
    unknown = sorted({c.team for c in result.commitments} - known)
    if unknown:
        result.problems.append(f"team number(s) not in the team block: {', '.join(unknown)}")
    if not result.teams:
        result.problems.append("the file names no teams")
    return result


def slot_rows(commitments: list[Commitment], places: list[str]) -> list[list[str]]:
    """One row per start time: number, start, end, then the team at each place."""
    by_start: dict[int, list[Commitment]] = {}
    for commitment in commitments:
        by_start.setdefault(commitment.start, []).append(commitment)
    rows = []
    for number, start in enumerate(sorted(by_start), start=1):
        at = {c.place: c.team for c in by_start[start]}
        end = max(c.end for c in by_start[start])
        rows.append(
            [str(number), format_time(start), format_time(end)] + [at.get(p, "") for p in places]
        )
    return rows


def match_block(
    block: str, label: str, commitments: list[Commitment], tables: list[str]
) -> list[list[str]]:
    rows = slot_rows(commitments, tables)
    return [
        ["Block Format", block],
        [label, str(len(rows))],
        ["Number of Tables", str(len(tables))],
        ["Number of Teams per Table", "1"],
        ["Number of Simultaneous Tables", str(len(tables))],
        ["Table Names", *tables],
        *rows,
    ]


def write_block_format(
    teams: list[BlockTeam], commitments: list[Commitment], tables: list[str], rooms: list[str]
) -> str:
    of_kind = {kind: [c for c in commitments if c.kind is kind] for kind in Kind}
    judging = slot_rows(of_kind[Kind.JUDGING], rooms)
    rows = [
        ["Version Number", "1"],
        ["Block Format", "1"],
        ["Number of Teams", str(len(teams))],
        *[[team.number, team.name, team.affiliation] for team in teams],
        *match_block("2", "Number of Ranking Matches", of_kind[Kind.RANKING], tables),
        ["Block Format", "3"],
        ["Number of Judged Events", "1"],
        ["Number of Event Time Slots", str(len(judging))],
        ["Number of Judging Teams", str(len(rooms))],
        ["Event Name", "Judging"],
        ["Room Names", *rooms],
        *judging,
    ]
    if of_kind[Kind.PRACTICE]:
        rows += match_block("4", "Number of Practice Matches", of_kind[Kind.PRACTICE], tables)
    return csv_text(rows)
