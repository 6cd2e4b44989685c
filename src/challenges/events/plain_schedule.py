"""A plain schedule table (CSV or XLSX rows): one commitment per row (pure).

Columns, found by header name: team number, kind (practice, ranking, judging), round,
place, start, end (HH:MM). This is also what the schedule's CSV and XLSX exports contain;
the ' our CSV export puts before a text that looks like a formula is taken off again.
"""

from collections.abc import Iterable
from datetime import time

from challenges.events.block_format import parse_time
from challenges.events.scheduling import Commitment, Kind
from challenges.inputs import parse_int
from challenges.spreadsheets import unquote

COLUMNS = ("team number", "kind", "round", "place", "start", "end")
MAX_ROUND = 99


def cell_text(value) -> str:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return "" if value is None else unquote(str(value)).strip()


def parse_rows(rows: Iterable[Iterable]) -> tuple[list[Commitment], list[str]]:
    """The commitments, and the problems that make the table unusable."""
    table = [[cell_text(value) for value in row] for row in rows]
    table = [row for row in table if any(row)]
    if not table:
        return [], ["the file is empty"]
    header = [name.lower() for name in table[0]]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        return [], [f"missing column(s): {', '.join(missing)}"]
    at = {name: header.index(name) for name in COLUMNS}
    commitments, problems, seen = [], [], set()
    for line, row in enumerate(table[1:], start=2):
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
            problems.append(f"line {line} is not a valid schedule row")
            continue
        key = (commitment.team, commitment.kind, commitment.round)
        if key in seen:
            problems.append(
                f"line {line}: team {commitment.team} has {commitment.kind} "
                f"{commitment.round} twice"
            )
        seen.add(key)
        commitments.append(commitment)
    return commitments, problems
