"""The Python evaluator against the shared vectors (tests/js/ runs the same ones in node)."""

import json
from pathlib import Path

import pytest

from challenges.robot_game.definitions import load, season_keys
from challenges.robot_game.evaluator import evaluate

VECTORS = Path(__file__).parent / "vectors"


def vectors():
    for path in sorted(VECTORS.glob("*.json")):
        spec = json.loads(path.read_text("utf-8"))
        for vector in spec["vectors"]:
            answers = {**spec["bases"][vector["base"]], **vector["answers"]}
            yield pytest.param(spec["season"], answers, vector, id=f"{path.stem}: {vector['name']}")


def test_every_season_has_vectors():
    assert sorted(path.stem for path in VECTORS.glob("*.json")) == season_keys()


@pytest.mark.parametrize(("key", "answers", "vector"), list(vectors()))
def test_vector(key, answers, vector):
    result = evaluate(load(key), answers)
    assert result.score == vector["score"]
    errors = sorted([problem.question, problem.code] for problem in result.problems)
    assert errors == sorted(vector["errors"])
    for mission, points in vector.get("missions", {}).items():
        assert result.missions[mission] == points


@pytest.mark.parametrize("key", season_keys())
def test_documented_maximum_and_start_sheet(key):
    season = load(key)
    spec = json.loads((VECTORS / f"{key}.json").read_text("utf-8"))
    assert evaluate(season, spec["bases"]["start"]).valid
    assert set(spec["bases"]["start"]) == set(season.by_id)
    maximum = next(v for v in spec["vectors"] if v["name"] == "documented maximum")
    assert maximum["score"] == season.maximum
