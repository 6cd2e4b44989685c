import re
from collections import Counter
from pathlib import Path

import pytest

from challenges.events.schedule.block_format import (
    DAY,
    BlockTeam,
    format_time,
    parse_block_format,
    parse_time,
    write_block_format,
)
from challenges.events.schedule.file_problems import FileProblem
from challenges.events.schedule.generator import Kind, Settings, generate

EXAMPLE = """Version Number,1
Block Format,1
Number of Teams,3
1001,Brick Breakers,Eindhoven,
1002,Code Krakers,Delft,
1003,Gear Gang,Zwolle,
Block Format,2
Number of Ranking Matches,2
Number of Tables,2
Number of Teams per Table,2
Number of Simultaneous Tables,1
Table Names,Table-A,Table-B,
1,9:30:00 AM,9:33:00 AM,1001,1002,
2,9:38:00 AM,9:41:00 AM,1003,,
Block Format,3
Number of Judged Events,1
Number of Event Time Slots,2
Number of Judging Teams,2
Event Name,Judging
Room Names,Room 1,Room 2,
1,9:00:00 AM,9:30:00 AM,1001,1002,
2,12:40:00 PM,1:10:00 PM,1003,,
Block Format,4
Number of Practice Matches,1
Number of Tables,2
Number of Teams per Table,2
Number of Simultaneous Tables,1
Table Names,Table-A,Table-B,
1,8:40:00 AM,8:43:00 AM,1002,1001,
"""


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("9:30:00 AM", 570),
        ("12:40:00 PM", 760),
        ("12:05 AM", 5),
        ("1:10 PM", 790),
        ("14:05", 845),
        ("13:00:00 PM", 780),  # FIRST Australia's scheduler: 24-hour with a meridiem
        ("09:00:00 AM", 540),
        ("Day 1 09:00:00 AM", 540),
        ("Day 2 13:30:00 PM", DAY + 810),
        ("9:30 a.m.", 570),
    ],
)
def test_times(text, minutes):
    assert parse_time(text) == minutes


@pytest.mark.parametrize("text", ["", "25:00", "9.30", "noon", "9:30 M", "Day 0 9:00", "9:60"])
def test_bad_times(text):
    with pytest.raises(ValueError, match="not a time"):
        parse_time(text)


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (570, "09:30:00 AM"),
        (790, "13:10:00 PM"),
        (0, "00:00:00 AM"),
        (DAY + 540, "Day 2 09:00:00 AM"),
    ],
)
def test_times_are_written_as_fll_tms_reads_them(minutes, text):
    assert format_time(minutes) == text
    assert re.search(r"\d{2}:\d{2}:\d{2}", text)  # what FLL TMS looks for


def test_format_time_round_trips():
    for minutes in (0, 5, 570, 720, 790, 1439, DAY, 2 * DAY + 61):
        assert parse_time(format_time(minutes)) == minutes


def test_read_the_example():
    schedule = parse_block_format(EXAMPLE)
    assert schedule.problems == []
    assert [t.number for t in schedule.teams] == ["1001", "1002", "1003"]
    assert schedule.teams[0] == BlockTeam("1001", "Brick Breakers", "Eindhoven")
    assert schedule.tables == ["Table-A", "Table-B"]
    kinds = Counter((c.team, c.kind) for c in schedule.commitments)
    assert kinds[("1001", Kind.RANKING)] == 1
    assert kinds[("1002", Kind.PRACTICE)] == 1
    judging = [c for c in schedule.commitments if c.kind is Kind.JUDGING and c.team == "1003"]
    assert [(c.place, c.start, c.end) for c in judging] == [("Judging · Room 1", 760, 790)]


def test_unknown_team_and_duplicate_match_are_problems():
    broken = EXAMPLE.replace("2,9:38:00 AM,9:41:00 AM,1003,,", "1,9:38:00 AM,9:41:00 AM,1003,,")
    broken = broken.replace(
        "1,9:00:00 AM,9:30:00 AM,1001,1002,", "1,9:00:00 AM,9:30:00 AM,1001,9999,"
    )
    problems = [str(problem) for problem in parse_block_format(broken).problems]
    assert any("match 1 appears twice" in p for p in problems)
    assert any("team number(s) not in the team block: 9999" in p for p in problems)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Version Number,1\nBlock Format,1\nNumber of Teams,5\n1001,A\n",
        "name;number\nA;1\n",
        "Version Number,1\nBlock Format,7\n",
    ],
)
def test_foreign_or_broken_files_are_problems_not_crashes(text):
    assert parse_block_format(text).problems


def test_generated_schedule_round_trips():
    settings = Settings(teams=tuple(str(1001 + n) for n in range(12)), tables=4, rooms=2)
    schedule = generate(settings)
    teams = [BlockTeam(team, f"Team {team}") for team in settings.teams]
    back = parse_block_format(write_block_format(teams, schedule.commitments))
    assert back.problems == []
    assert back.tables == [f"table {n}" for n in range(1, 5)]
    original = Counter((c.team, c.kind, c.start) for c in schedule.commitments)
    read = Counter((c.team, c.kind, c.start) for c in back.commitments)
    assert read == original


FIXTURES = Path(__file__).parent / "fixtures"  # where each file comes from: SOURCES.md


def lems() -> str:
    return (FIXTURES / "lems-small-event.csv").read_text(encoding="utf-8")


def test_a_lems_file_reads_with_its_round_column_and_hebrew_names():
    schedule = parse_block_format(lems())
    assert schedule.problems == []
    assert len(schedule.teams) == 16
    assert schedule.teams[5] == BlockTeam("2954", "FurryTale", "עתידים")
    assert schedule.tables == [f"{n} אדום" for n in range(1, 9)]
    kinds = Counter(c.kind for c in schedule.commitments)
    assert kinds == {Kind.RANKING: 48, Kind.JUDGING: 16, Kind.PRACTICE: 16}
    team = sorted(
        (c.kind, c.round, c.place, c.start) for c in schedule.commitments if c.team == "3163"
    )
    assert team == [
        (Kind.JUDGING, 1, "חדר שיפוט · 1 אדום", 630),
        (Kind.PRACTICE, 1, "4 אדום", 525),
        (Kind.RANKING, 1, "1 אדום", 635),
        (Kind.RANKING, 2, "4 אדום", 740),
        (Kind.RANKING, 3, "1 אדום", 860),
    ]


def test_a_lems_file_round_trips_under_its_own_names():
    schedule = parse_block_format(lems())
    back = parse_block_format(write_block_format(schedule.teams, schedule.commitments))
    assert back.problems == []
    assert back.teams == schedule.teams
    assert Counter(back.commitments) == Counter(schedule.commitments)


def test_problems_name_the_files_own_line_numbers():
    """Blank lines and a quoted field over two lines count, as in the file."""
    lines = lems().splitlines()
    lines[3] = lines[3].replace("קבוצה 1", '"קבוצה\n1"')  # the team's name over two lines
    lines.insert(20, "")
    lines[28] = lines[28].replace("10:48", "later")  # match 7: the file's line 28, now 30
    [problem] = parse_block_format("\n".join(lines)).problems
    assert problem == FileProblem("match 7 has no valid start and end time", 30)
    assert str(problem) == "line 30: match 7 has no valid start and end time"
