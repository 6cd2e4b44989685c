"""Area scores, area ranks and the Champion's ranking on worked examples with ties."""

import pytest

from challenges.judging.rubrics import Row
from challenges.judging.scoring import (
    area_ranks,
    champions_ranking,
    gracious_professionalism,
    row_averages,
    weighted_score,
)

ROWS = [Row(id, {}, {}, "s") for id in ("a", "b", "c")]


def test_rows_are_averaged_over_the_judges_who_judged_them():
    sheets = [{"a": 2, "b": 4, "c": None}, {"a": 3, "b": None, "c": None}]
    assert row_averages(ROWS, sheets) == {"a": 2.5, "b": 4}
    assert weighted_score(ROWS, sheets) == 6.5
    assert weighted_score(ROWS, [{"a": None}]) is None
    assert weighted_score(ROWS, []) is None


def test_weights_multiply_the_row_average():
    rows = [Row("a", {}, {}, "s", weight=2), Row("b", {}, {}, "s", weight=0.5)]
    assert weighted_score(rows, [{"a": 3, "b": 4}]) == 8


def test_a_missing_gracious_professionalism_rating_counts_as_three():
    assert gracious_professionalism([4, 2, 3], 3) == 9
    assert gracious_professionalism([4, None], 3) == 10
    assert gracious_professionalism([], 3) == 9
    assert gracious_professionalism([4, 4, 4, 4], 3) == 12


def test_equal_scores_share_an_area_rank_and_unscored_teams_get_none():
    assert area_ranks({1: 30, 2: 34, 3: 30, 4: None, 5: 12}) == {2: 1, 1: 2, 3: 2, 5: 4}
    assert area_ranks({}) == {}


# Five teams; ranks per area (IP, RD, CV, RG). Team 105 has no robot-game rank (no-show).
AREAS = {
    "innovation_project": {101: 1, 102: 2, 103: 3, 104: 3, 105: 1},
    "robot_design": {101: 2, 102: 1, 103: 2, 104: 1, 105: 4},
    "core_values": {101: 3, 102: 1, 103: 1, 104: 2, 105: 1},
    "robot_game": {101: 1, 102: 3, 103: 2, 104: 2},
}
NUMBERS = {101: 1001, 102: 1002, 103: 1003, 104: 1004, 105: 1005}


def test_champions_lowest_rank_sum_first_ties_to_core_values_then_team_number():
    rows = champions_ranking(AREAS, NUMBERS)
    assert [(row.team, row.total, row.position, row.tied) for row in rows] == [
        (102, 7, 1, False),  # 2+1+1+3, better CV rank than 101
        (101, 7, 2, False),
        (103, 8, 3, False),  # 3+2+1+2, CV 1 beats 104's CV 2
        (104, 8, 4, False),
    ]
    assert rows[0].ranks == {
        "innovation_project": 2,
        "robot_design": 1,
        "core_values": 1,
        "robot_game": 3,
    }


def test_without_team_numbers_equal_teams_share_the_position():
    areas = {"a": {1: 1, 2: 1, 3: 3}, "core_values": {1: 2, 2: 2, 3: 1}}
    rows = champions_ranking(areas, {1: 11, 2: 12, 3: 13}, by_team_number=False)
    assert [(row.team, row.total, row.position, row.tied) for row in rows] == [
        (1, 3, 1, True),
        (2, 3, 1, True),
        (3, 4, 3, False),
    ]


@pytest.mark.parametrize("missing", ["innovation_project", "robot_game"])
def test_a_team_missing_any_area_is_never_ranked(missing):
    areas = {area: dict(ranks) for area, ranks in AREAS.items()}
    del areas[missing][101]
    assert 101 not in [row.team for row in champions_ranking(areas, NUMBERS)]
    assert 105 not in [row.team for row in champions_ranking(AREAS, NUMBERS)]
