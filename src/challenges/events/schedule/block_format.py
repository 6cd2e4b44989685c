"""The FLL "Block Format" schedule CSV: read and write.

Written by FIRST Australia's scheduler and LEMS, read by FLL TMS. Pure: text in, plain data
out. The file has numbered blocks: 1 the teams, 2 the ranking matches, 3 the judged events
(rooms per event), 4 (optional) the practice matches. Match and session rows are: number,
start, end, then one column per table or room holding a team number or nothing; version 2
files (LEMS) may add the round after the number. Times are minutes since midnight of the
event's first day.

What the tools write: FIRST Australia's scheduler writes 24-hour times with a meridiem
(`13:00:00 PM`) and, for an event of two days, `Day 2 09:00:00 AM`; LEMS writes `9:00`.
Writing, we follow FIRST Australia's scheduler: FLL TMS reads its `HH:MM:SS`. Texts (team
names, schools, tables) that would start a spreadsheet formula are written with a leading '
(see `spreadsheets`) and read back without it, so the file stays readable by the FLL tools
and safe in Excel. Problems name the file's own line numbers, in the user's language.
"""

import io
import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from challenges.events.schedule.file_problems import FileProblem, Unreadable
from challenges.events.schedule.generator import DAY, Commitment, Kind, natural
from challenges.inputs import check_text, numbered_csv_rows, parse_int
from challenges.spreadsheets import csv_text, unquote

TIME = re.compile(
    r"^\s*(?:day\s*([0-9]{1,2})\s+)?([0-9]{1,2}):([0-9]{2})(?::[0-9]{2})?\s*(?:([AP])\.?M\.?)?\s*$",
    re.IGNORECASE,
)
# The judged event of places without one (our own generator's rooms), when written.
JUDGING = "Judging"
EVENT_AND_ROOM = " · "


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
    problems: list[FileProblem] = field(default_factory=list)  # what makes the file unusable
    recognised: bool = True  # False: it does not start as a Block Format file


def parse_time(text: str) -> int:
    """Minutes since midnight of the first day: `9:30`, `9:30:00 AM`, `1:10 PM`, `13:10:00 PM`
    (24-hour with a meridiem, as FIRST Australia's scheduler writes), `Day 2 09:00:00 AM`."""
    match = TIME.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a time")
    day = int(match.group(1) or 1)
    hours, minutes = int(match.group(2)), int(match.group(3))
    half = (match.group(4) or "").upper()
    if hours <= 12 and half == "P" and hours != 12:
        hours += 12
    if half == "A" and hours == 12:
        hours = 0
    if hours > 23 or minutes > 59 or day < 1:
        raise ValueError(f"'{text}' is not a time")
    return (day - 1) * DAY + hours * 60 + minutes


def format_time(minutes: int) -> str:
    """As FIRST Australia's scheduler writes it: `09:30:00 AM`, `13:10:00 PM`, and from the
    second day on `Day 2 09:00:00 AM`."""
    day, minutes = divmod(minutes, DAY)
    hours, minutes = divmod(minutes, 60)
    text = f"{hours:02d}:{minutes:02d}:00 {'AM' if hours < 12 else 'PM'}"
    return f"Day {day + 1} {text}" if day else text


class Reader:
    def __init__(self, text: str) -> None:
        check_text(text)  # InputError: no CSV text at all (binary, too long a field)
        self.rows = [
            (line, [unquote(cell) for cell in row])
            for line, row in numbered_csv_rows(io.StringIO(text.lstrip("\ufeff")))
            if any(c.strip() for c in row)
        ]
        self.position = 0
        self.result = BlockSchedule()
        self.rounds: dict[tuple[Kind, str], int] = {}

    @property
    def line(self) -> int:
        """The file's line number of the row taken last."""
        return self.rows[self.position - 1][0] if self.position else 1

    def peek(self) -> list[str] | None:
        return self.rows[self.position][1] if self.position < len(self.rows) else None

    def take(self) -> list[str]:
        if self.position >= len(self.rows):
            raise Unreadable(FileProblem(_("the file ends too early")))
        self.position += 1
        return self.rows[self.position - 1][1]

    def expect(self, label: str) -> list[str]:
        row = self.take()
        if row[0].strip().lower() != label.lower():
            found = _("expected '%(expected)s', found '%(found)s'", expected=label, found=row[0])
            raise Unreadable(FileProblem(found, self.line))
        return row

    def setting(self, name: str) -> str:
        row = self.expect(name)
        return row[1].strip() if len(row) > 1 else ""

    def names(self, label: str) -> list[str]:
        return [cell.strip() for cell in self.expect(label)[1:] if cell.strip()]

    def block_rows(self) -> list[tuple[int, list[str]]]:
        rows = []
        while (row := self.peek()) is not None and row[0].strip().lower() not in (
            "block format",
            "event name",
        ):
            self.take()
            rows.append((self.line, row))
        return rows

    def read_teams(self) -> None:
        count = parse_int(self.setting("Number of Teams"), minimum=0)
        for _index in range(count):
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
        for line, row in self.block_rows():
            self.read_slot(kind, line, row, tables, seen)

    def read_judging(self) -> None:
        events = parse_int(self.setting("Number of Judged Events"), minimum=0)
        self.setting("Number of Event Time Slots")
        self.setting("Number of Judging Teams")
        for _index in range(events):
            name = self.setting("Event Name")
            rooms = self.names("Room Names")
            self.result.judged_events.append(name)
            seen: set[str] = set()
            places = [f"{name}{EVENT_AND_ROOM}{room}" for room in rooms]
            for line, row in self.block_rows():
                self.read_slot(Kind.JUDGING, line, row, places, seen)

    def read_slot(
        self, kind: Kind, line: int, row: list[str], places: list[str], seen: set[str]
    ) -> None:
        number = row[0].strip()
        judging = kind is Kind.JUDGING
        if number in seen:
            twice = (
                _("session %(number)s appears twice", number=number)
                if judging
                else _("match %(number)s appears twice", number=number)
            )
            self.result.problems.append(FileProblem(twice, line))
            return
        seen.add(number)
        try:
            start, end, first_team = slot_times(row)
        except ValueError:
            no_time = (
                _("session %(number)s has no valid start and end time", number=number)
                if judging
                else _("match %(number)s has no valid start and end time", number=number)
            )
            self.result.problems.append(FileProblem(no_time, line))
            return
        teams_here = [cell.strip() for cell in row[first_team : first_team + len(places)]]
        for place, team in zip(places, teams_here, strict=False):
            if team:
                key = (kind, team)
                self.rounds[key] = self.rounds.get(key, 0) + 1
                round_number = self.rounds[key] if kind is not Kind.JUDGING else 1
                self.result.commitments.append(
                    Commitment(team, kind, round_number, place, start, end)
                )

    def read(self) -> BlockSchedule:
        if (self.peek() or [""])[0].strip().lower() != "version number":
            self.result.recognised = False
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
                raise Unreadable(FileProblem(_("unknown block %(block)s", block=block), self.line))
            readers[block]()
        return self.result


def slot_times(row: list[str]) -> tuple[int, int, int]:
    """Start, end and the column of the first place: after the number, or after the number
    and the round (LEMS's version 2)."""
    for first in (1, 2):
        try:
            return parse_time(row[first]), parse_time(row[first + 1]), first + 2
        except (ValueError, IndexError):
            continue
    raise ValueError("no start and end time")


def parse_block_format(text: str) -> BlockSchedule:
    """Read a Block Format file; structural errors end up in `problems`. A file that is no
    CSV text (binary, a field too long for the csv module) raises InputError."""
    reader = Reader(text)
    try:
        result = reader.read()
    except Unreadable as error:
        result = reader.result
        result.problems.append(error.problem)
    known = {team.number for team in result.teams}
    unknown = sorted({c.team for c in result.commitments} - known)
    if unknown:
        missing = _("team number(s) not in the team block: %(numbers)s", numbers=", ".join(unknown))
        result.problems.append(FileProblem(missing))
    if not result.teams:
        result.problems.append(FileProblem(_("the file names no teams")))
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


def in_order(places: set[str]) -> list[str]:
    """Names in the order people count them: table 2 before table 10."""
    return sorted(places, key=natural)


def judging_block(sessions: list[Commitment]) -> list[list[str]]:
    """Block 3: each judged event with its rooms. A place read from a Block Format file is
    "event · room"; one without an event (our generator's rooms) is written under JUDGING."""
    events: dict[str, dict[str, str]] = {}  # event -> room -> place
    for place in in_order({session.place for session in sessions}):
        event, _, room = place.rpartition(EVENT_AND_ROOM)
        events.setdefault(event or JUDGING, {})[room] = place
    blocks = [
        (
            event,
            rooms,
            slot_rows([s for s in sessions if s.place in rooms.values()], [*rooms.values()]),
        )
        for event, rooms in events.items()
    ]
    rows = [
        ["Block Format", "3"],
        ["Number of Judged Events", str(len(blocks))],
        ["Number of Event Time Slots", str(max((len(slots) for *_, slots in blocks), default=0))],
        ["Number of Judging Teams", str(max((len(rooms) for _, rooms, _ in blocks), default=0))],
    ]
    for event, rooms, slots in blocks:
        rows += [["Event Name", event], ["Room Names", *rooms], *slots]
    return rows


def write_block_format(teams: list[BlockTeam], commitments: list[Commitment]) -> str:
    """Tables and rooms under the names the schedule gives them."""
    of_kind = {kind: [c for c in commitments if c.kind is kind] for kind in Kind}
    matches = of_kind[Kind.RANKING] + of_kind[Kind.PRACTICE]
    tables = in_order({match.place for match in matches})
    rows = [
        ["Version Number", "1"],
        ["Block Format", "1"],
        ["Number of Teams", str(len(teams))],
        *[[team.number, team.name, team.affiliation] for team in teams],
        *match_block("2", "Number of Ranking Matches", of_kind[Kind.RANKING], tables),
        *judging_block(of_kind[Kind.JUDGING]),
    ]
    if of_kind[Kind.PRACTICE]:
        rows += match_block("4", "Number of Practice Matches", of_kind[Kind.PRACTICE], tables)
    return csv_text(rows)
