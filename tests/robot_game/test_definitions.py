"""The season files: complete, with texts in both languages; broken files say where."""

import json

import pytest

from challenges.robot_game.definitions import (
    BrokenDefinition,
    UnknownSeason,
    load,
    parse,
    season_keys,
)

UNEARTHED = "fll-2025-unearthed"


def files(key):
    from importlib import resources

    folder = resources.files("challenges.robot_game").joinpath("seasons")
    rules = json.loads(folder.joinpath(f"{key}.json").read_text("utf-8"))
    labels = json.loads(folder.joinpath(f"{key}.labels.json").read_text("utf-8"))
    return rules, labels


def test_the_seasons_are_data_files():
    assert {"fll-2024-submerged", "fll-2025-unearthed"} <= set(season_keys())


@pytest.mark.parametrize("key", season_keys())
def test_every_season_file_loads_with_dutch_and_english_labels(key):
    season = load(key)
    assert season.key == key
    for question in season.questions:
        assert season.label("questions", question.id, "nl")
        assert season.label("questions", question.id, "en")
        for choice in question.choices:
            assert season.choice_label(question.id, choice, "nl")


def test_an_unknown_season_is_refused():
    with pytest.raises(UnknownSeason):
        load("fll-1999-nothing")


def test_a_rule_on_an_unknown_question_is_refused():
    rules, labels = files(UNEARTHED)
    rules["scoring"].append({"question": "m42_typo", "each": 5})
    with pytest.raises(BrokenDefinition, match="m42_typo"):
        parse(rules, labels)


def test_a_missing_dutch_label_is_refused():
    rules, labels = files(UNEARTHED)
    del labels["questions"]["m05_floor_upright"]["nl"]
    with pytest.raises(BrokenDefinition, match="m05_floor_upright"):
        parse(rules, labels)


def test_a_constraint_without_a_message_is_refused():
    rules, labels = files(UNEARTHED)
    del labels["constraints"]["flag_needs_artefacts"]
    with pytest.raises(BrokenDefinition, match="flag_needs_artefacts"):
        parse(rules, labels)


def test_an_unknown_question_type_is_refused():
    rules, labels = files(UNEARTHED)
    rules["questions"][0]["type"] = "slider"
    with pytest.raises(BrokenDefinition, match="slider"):
        parse(rules, labels)
