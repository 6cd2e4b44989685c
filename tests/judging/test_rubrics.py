"""Rubric sets as data: both files load with Dutch and English texts; broken files fail."""

import copy
import json
from importlib import resources

import pytest

from challenges.judging.rubrics import (
    BrokenRubricSet,
    UnknownRubricSet,
    load,
    parse,
    rubric_set_keys,
)


def document(key: str) -> dict:
    folder = resources.files("challenges.judging").joinpath("rubric_sets")
    return json.loads(folder.joinpath(f"{key}.json").read_text(encoding="utf-8"))


def test_the_fll_rubrics_have_ten_rows_each_and_ten_core_values_rows():
    rubrics = load("fll-challenge-2024")
    assert rubrics.rubric_ids == ["innovation_project", "robot_design"]
    assert [len(rubric.rows) for rubric in rubrics.rubrics] == [10, 10]
    assert [len(rubric.sections) for rubric in rubrics.rubrics] == [5, 5]
    core = rubrics.core_value_rows()
    assert len(core) == 10
    assert {row.core_value for row in core} == {
        "discovery",
        "teamwork",
        "innovation",
        "impact",
        "fun",
        "inclusion",
    }
    assert rubrics.counts_gracious_professionalism
    assert rubrics.levels[4] == {"nl": "Overtroffen", "en": "Exceeds"}
    row = rubrics.rubric("innovation_project").by_id["ip_identify_research"]
    assert row.levels["3"]["en"] == "Clear, detailed research from a variety of sources"
    assert row.levels["3"]["nl"] == "Duidelijk, gedetailleerd onderzoek uit verschillende bronnen"


def test_the_vakkanjers_rubric_has_the_five_default_criteria_with_weights():
    rubrics = load("vakkanjers-jury")
    rows = rubrics.rubric("jury").rows
    assert [row.id for row in rows] == [
        "idea",
        "process",
        "prototype",
        "client_fit",
        "presentation",
    ]
    assert all(row.weight == 1 for row in rows)
    assert not rubrics.has_core_values


def test_keys_and_unknown_sets():
    assert rubric_set_keys() == ["fll-challenge-2024", "vakkanjers-jury"]
    with pytest.raises(UnknownRubricSet):
        load("fll-1999")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["rubrics"][0]["sections"][0]["rows"].append(
                copy.deepcopy(d["rubrics"][0]["sections"][0]["rows"][0])
            ),
            "used twice",
        ),
        (lambda d: d["rubrics"][0]["sections"][0]["rows"][0]["levels"]["2"].pop("nl"), "Dutch"),
        (lambda d: d["rubrics"][0]["sections"][0]["rows"][0].update(weight=0), "weight"),
        (lambda d: d["rubrics"][0]["sections"][0]["rows"][0].update(core_value="luck"), "luck"),
        (lambda d: d["levels"].pop(), "levels"),
        (lambda d: d.pop("rubrics"), "rubrics"),
    ],
)
def test_a_broken_file_says_what_is_wrong(change, message):
    broken = document("fll-challenge-2024")
    change(broken)
    with pytest.raises(BrokenRubricSet, match=message):
        parse(broken)
