"""FLL-SW's schedule table, read from a real file of FLL-SW's (tests/events/fixtures)."""

import csv

import pytest

from challenges.events.schedule.fll_sw_format import parse_fll_sw, parse_fll_sw_time
from challenges.events.schedule.generator import Kind
from tests.events.test_block_format import FIXTURES


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("8:30", 510),
        ("12:45", 765),
        ("1:35", 815),  # FLL-SW: no hour before 7 without AM/PM, so the afternoon
        ("6:59", 1139),
        ("7:00", 420),
        ("13:35", 815),
        ("1:35 PM", 815),
        ("01:35:00 PM", 815),
        ("1:35 AM", 95),  # said so
    ],
)
def test_times_as_fll_sw_reads_them(text, minutes):
    assert parse_fll_sw_time(text) == minutes


def sample() -> list[list[str]]:
    with (FIXTURES / "fll-sw-sample-8.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def test_the_sample_file_reads_whole():
    teams, commitments, problems = parse_fll_sw(sample())
    assert problems == []
    assert teams == [str(number) for number in range(100, 108)]
    team = sorted(
        (c.kind, c.round, c.place, c.start, c.end) for c in commitments if c.team == "103"
    )
    assert team == [
        (Kind.JUDGING, 1, "Core Values · Lakes", 610, 630),
        (Kind.JUDGING, 1, "Design · Lakes", 570, 590),
        (Kind.JUDGING, 1, "Project · Lakes", 530, 550),
        (Kind.RANKING, 1, "Red 1", 670, 675),
        (Kind.RANKING, 2, "Red 2", 750, 755),
        (Kind.RANKING, 3, "Red 1", 815, 820),
    ]


def test_the_header_may_come_later_and_a_bad_time_names_its_line():
    rows = [["Tournament schedule"], [], *sample()]
    rows[4][8] = "soon"  # team 101's first performance, on the file's line 5
    teams, _commitments, problems = parse_fll_sw(rows)
    assert "101" not in teams
    assert len(teams) == 7
    assert [(problem.line, problem.message) for problem in problems] == [
        (5, "team 101 has a time that is not a time")
    ]


def test_a_table_without_team_numbers_is_no_fll_sw_file():
    _teams, commitments, problems = parse_fll_sw([["name", "time"], ["A", "9:00"]])
    assert commitments == []
    assert [problem.message for problem in problems] == ["no column 'Team #'"]
