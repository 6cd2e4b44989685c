"""`challenges schedule check` and `generate`, as other tools call them: JSON on standard
output, exit 0 (read, no hard problems), 1 (hard problems or unreadable rows), 2 (no schedule)."""

import json
import shlex
from pathlib import Path

import pytest

from tests.events.test_block_format import FIXTURES
from tests.hostile.test_refusals import PNG

KEYS = {
    "format", "teams", "ranking", "practice", "judging", "days", "hard", "soft", "problems",
    "quality",
}  # fmt: skip


def run(runner, *args: str) -> tuple[int, dict]:
    result = runner.invoke(args=["schedule", *args])
    return result.exit_code, json.loads(result.output)


def test_a_real_lems_file_reads_and_its_overlaps_are_hard_problems(runner):
    code, report = run(runner, "check", str(FIXTURES / "lems-small-event.csv"))
    assert code == 1
    assert report.keys() == KEYS
    assert report | {"problems": []} == {
        "format": "block",
        "teams": 16,
        "ranking": 48,  # team appearances: 24 matches of two teams
        "practice": 16,
        "judging": 16,
        "days": 1,
        "hard": 8,  # this test file's judging overlaps a match for eight teams
        "soft": 8,  # and eight pairs of teams meet twice
        "problems": [],
        "quality": {
            "repeated_opponents": 8,
            "one_table_teams": 0,
            "smallest_match_gap": 92,
            "smallest_judging_gap": -22,  # the overlap
            "longest_wait": 122,
            "average_stay": 330,
            "day_length": 343,
        },
    }
    assert all(problem["line"] is None for problem in report["problems"])


@pytest.mark.parametrize("file_format", ["block", "csv"])
def test_a_generated_day_checks_clean_in_either_format(runner, tmp_path, file_format):
    out = tmp_path / f"day.{file_format}"
    code, made = run(
        runner, "generate", "--teams", "24", "--tables", "4", "--rooms", "3",
        "--format", file_format, "--start", "08:30", "--out", str(out),
    )  # fmt: skip
    assert code == 0
    assert made["hard"] == 0
    code, checked = run(runner, "check", str(out))
    assert code == 0
    assert checked == made
    assert (checked["format"], checked["teams"], checked["ranking"]) == (file_format, 24, 72)
    assert checked["soft"] == 0
    assert checked["quality"]["repeated_opponents"] == 0
    assert checked["quality"]["smallest_match_gap"] >= 30
    assert checked["quality"]["smallest_judging_gap"] >= 15


def test_gaps_are_options_of_both_commands(runner, tmp_path):
    out = tmp_path / "day.csv"
    code, made = run(
        runner, "generate", "--teams", "12", "--tables", "4", "--rooms", "2",
        "--match-gap", "45", "--judging-gap", "20", "--format", "csv", "--out", str(out),
    )  # fmt: skip
    assert code == 0
    assert made["quality"]["smallest_match_gap"] >= 45
    assert made["quality"]["smallest_judging_gap"] >= 20
    code, stricter = run(runner, "check", str(out), "--match-gap", "200")
    assert code == 1
    assert stricter["hard"] > 0
    assert "minuten tussen" in stricter["problems"][0]["message"]


def test_unreadable_rows_name_their_line_and_exit_1(runner, tmp_path):
    broken = tmp_path / "broken.csv"
    lines = (FIXTURES / "lems-small-event.csv").read_text(encoding="utf-8").splitlines()
    lines[27] = lines[27].replace("10:48", "later")  # match 7, on line 28
    broken.write_text("\n".join(lines), encoding="utf-8")
    code, report = run(runner, "check", str(broken))
    assert code == 1
    assert {"line": 28, "message": "wedstrijd 7 heeft geen geldige begin- en eindtijd"} in (
        report["problems"]
    )


@pytest.mark.parametrize(
    ("content", "name", "args"),
    [
        (PNG, "schedule.csv", []),
        (b"name;number\nA;1\n", "schedule.csv", []),
        (b"team number;kind;round;place;start;end\n", "schedule.csv", ["--format", "block"]),
        (b"not a workbook", "schedule.xlsx", []),
        (b"", "empty.csv", []),
    ],
)
def test_no_schedule_file_exits_2(runner, tmp_path, content, name, args):
    path: Path = tmp_path / name
    path.write_bytes(content)
    code, report = run(runner, "check", str(path), *args)
    assert code == 2
    assert report["problems"] == [{"line": None, "message": "dit is geen dagprogramma"}]


def test_an_impossible_day_is_explained(runner, tmp_path):
    result = runner.invoke(
        args=["schedule", "generate", "--teams", "2", "--tables", "4", "--rooms", "1",
              "--out", str(tmp_path / "x.csv")]
    )  # fmt: skip
    assert result.exit_code == 1
    assert "4 tafels voor 2 teams: neem minder tafels" in result.output
    assert not (tmp_path / "x.csv").exists()


def test_a_real_fll_sw_file_reads_without_problems(runner):
    code, report = run(runner, "check", str(FIXTURES / "fll-sw-sample-8.csv"))
    assert code == 0
    assert report | {"problems": []} == {
        "format": "fll-sw",
        "teams": 8,
        "ranking": 24,
        "practice": 0,
        "judging": 24,  # three judged categories
        "days": 1,
        "hard": 0,
        "soft": 4,  # eight teams on one table pair: some meet more than once
        "problems": [],
        "quality": {
            "repeated_opponents": 4,
            "one_table_teams": 0,
            "smallest_match_gap": 60,
            "smallest_judging_gap": 20,
            "longest_wait": 80,
            "average_stay": 261,
            "day_length": 310,
        },
    }
    assert {"line": None, "message": "103 en 104 treffen elkaar in 3 wedstrijdrondes"} in (
        report["problems"]
    )


@pytest.mark.parametrize("readme", ["README.md", "README.nl.md"])
def test_the_readme_s_schedule_commands_run_as_written(runner, tmp_path, monkeypatch, readme):
    text = (Path(__file__).parents[2] / readme).read_text(encoding="utf-8")
    commands = [
        shlex.split(line.split("#")[0])[1:]
        for line in text.splitlines()
        if line.startswith("challenges schedule ")
    ]
    assert [command[1] for command in commands] == ["generate", "check"]
    monkeypatch.chdir(tmp_path)
    made, checked = (runner.invoke(args=command) for command in commands)
    assert made.exit_code == 0, made.output
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.output) == json.loads(made.output)
    assert json.loads(checked.output)["teams"] == 24


def test_a_row_given_twice_is_named_in_the_user_s_language(runner, tmp_path):
    table = tmp_path / "day.csv"
    table.write_text(
        "team number;kind;round;place;start;end\n"
        "1001;ranking;1;table 1;09:00;09:03\n"
        "1001;ranking;1;table 2;10:00;10:03\n",
        encoding="utf-8",
    )
    code, report = run(runner, "check", str(table))
    assert code == 1
    assert {"line": 3, "message": "team 1001 heeft wedstrijdronde 1 twee keer"} in (
        report["problems"]
    )
