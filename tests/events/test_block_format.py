from collections import Counter

import pytest

from challenges.events.block_format import (
    BlockTeam,
    format_time,
    parse_block_format,
    parse_time,
    write_block_format,
)
from challenges.events.scheduling import Kind, Settings, generate

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
    [("9:30:00 AM", 570), ("12:40:00 PM", 760), ("12:05 AM", 5), ("1:10 PM", 790), ("14:05", 845)],
)
def test_times(text, minutes):
    assert parse_time(text) == minutes


@pytest.mark.parametrize("text", ["", "25:00", "9.30", "noon"])
def test_bad_times(text):
    with pytest.raises(ValueError, match="not a time"):
        parse_time(text)


def test_format_time_round_trips():
    for minutes in (0, 5, 570, 720, 790, 1439):
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
    problems = parse_block_format(broken).problems
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
    tables = [f"table {n}" for n in range(1, 5)]
    text = write_block_format(teams, schedule.commitments, tables, ["room 1", "room 2"])
    back = parse_block_format(text)
    assert back.problems == []
    original = Counter((c.team, c.kind, c.start) for c in schedule.commitments)
    read = Counter((c.team, c.kind, c.start) for c in back.commitments)
    assert read == original
