"""`challenges robot-game seasons` and `score`: JSON in, JSON out, exit 0/1/2."""

import json

import pytest

from tests.robot_game.conftest import answers


def test_seasons_lists_the_keys(runner):
    result = runner.invoke(args=["robot-game", "seasons"])
    assert result.exit_code == 0
    assert "fll-2025-unearthed" in result.output
    assert "fll-2024-submerged" in result.output
    assert "545" in result.output


def score(runner, key, text, *options):
    return runner.invoke(args=["robot-game", "score", key, *options], input=text)


def test_a_valid_sheet_exits_0(runner):
    result = score(runner, "fll-2025-unearthed", json.dumps(answers(m00_inspection=True)))
    assert result.exit_code == 0
    output = json.loads(result.output)
    assert output["score"] == 80
    assert output["errors"] == []
    assert output["missions"]["m00"] == 20
    assert output["missions"]["m16"] == 50


def test_a_sheet_with_errors_exits_1_and_still_scores_what_is_valid(runner):
    sheet = answers(m00_inspection=True, m01_soil_deposits=9, m11_flag_lowered=True)
    result = score(runner, "fll-2025-unearthed", json.dumps(sheet))
    assert result.exit_code == 1
    output = json.loads(result.output)
    assert output["score"] == 60 + 20 + 10
    assert {e["question"] for e in output["errors"]} == {"m01_soil_deposits", "m11_flag_lowered"}
    assert "0 to 2" in output["errors"][0]["message"]


def test_dutch_messages_on_request(runner):
    result = score(runner, "fll-2025-unearthed", '{"m00_inspection": 3}', "--language", "nl")
    assert result.exit_code == 1
    errors = json.loads(result.output)["errors"]
    assert errors[0] == {"question": "m00_inspection", "message": "Antwoord ja of nee."}


def test_an_array_gives_an_array_in_the_same_order(runner):
    sheets = [answers(), answers(m13_statue_raised=True), {"m99": 1}]
    result = score(runner, "fll-2025-unearthed", json.dumps(sheets))
    assert result.exit_code == 1
    assert [r["score"] for r in json.loads(result.output)] == [60, 90, 60]


@pytest.mark.parametrize(
    ("key", "text"),
    [("fll-1999-nothing", "{}"), ("fll-2025-unearthed", "not json"), ("fll-2025-unearthed", "[1]")],
)
def test_an_unknown_season_or_unreadable_input_exits_2(runner, key, text):
    result = score(runner, key, text)
    assert result.exit_code == 2
