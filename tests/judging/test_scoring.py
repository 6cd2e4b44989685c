"""Area scores and area ranks on worked examples with ties."""

from challenges.judging.rubrics import Row
from challenges.judging.scoring import (
    area_ranks,
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
