"""Judge statistics, normalisation with and without enough data, and Krippendorff's alpha."""

import pytest

from challenges.judging.fairness import (
    Score,
    agreement_level,
    judge_stats,
    normalise,
    ordinal_alpha,
)


def scores(table: dict[int, dict[int, float]]) -> list[Score]:
    return [
        Score(judge, team, value) for judge, given in table.items() for team, value in given.items()
    ]


def test_judge_mean_spread_and_count():
    stats = judge_stats(scores({1: {10: 20, 11: 30, 12: 40}, 2: {10: 25}}))
    assert (stats[1].count, stats[1].mean, stats[1].spread) == (3, 30, 10)
    assert (stats[2].count, stats[2].mean, stats[2].spread) == (1, 25, 0)


def test_with_too_few_teams_per_judge_the_raw_scores_stand():
    result = normalise(scores({1: {10: 20, 11: 30}, 2: {10: 30, 12: 34}}), minimum_teams=5)
    assert not result.applied
    assert result.reason == "too_few_teams"
    assert result.short_judges == (1, 2)
    assert result.raw == {10: 25, 11: 30, 12: 34}
    assert result.score(10) == 25
    assert normalise([]).reason == "no_scores"


def test_a_lenient_judge_no_longer_lifts_their_teams():
    # Judge 1 is lenient (+10), judge 2 strict; both see teams of the same quality spread.
    lenient = {10: 30, 11: 35, 12: 40}
    strict = {20: 20, 21: 25, 22: 30}
    result = normalise(scores({1: lenient, 2: strict}), minimum_teams=3)
    assert result.applied
    assert result.raw[12] > result.raw[22]
    assert result.normalised[12] == result.normalised[22]
    assert result.normalised[10] == result.normalised[20]
    assert result.normalised[11] == pytest.approx(30.0)  # the overall mean
    assert result.score(12) == result.normalised[12]


def test_a_judge_who_gave_everyone_the_same_score_adds_no_spread():
    result = normalise(scores({1: {10: 30, 11: 30}, 2: {10: 20, 11: 30}}), minimum_teams=2)
    assert result.applied
    assert result.normalised[11] > result.normalised[10]


def test_alpha_on_krippendorffs_own_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", reliability data with
    # missing values: 4 observers, 12 units; ordinal alpha = 0.815.
    rows = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    ratings = {
        judge: {f"u{unit}": value for unit, value in enumerate(row)}
        for judge, row in enumerate(rows)
    }
    assert ordinal_alpha(ratings) == pytest.approx(0.815, abs=0.001)


def test_alpha_is_one_for_perfect_agreement_and_undefined_without_pairs():
    assert ordinal_alpha({1: {"a": 1, "b": 3, "c": 4}, 2: {"a": 1, "b": 3, "c": 4}}) == 1
    assert ordinal_alpha({1: {"a": 1, "b": 3}, 2: {"c": 4}}) is None
    assert ordinal_alpha({1: {"a": 3, "b": 3}, 2: {"a": 3, "b": 3}}) is None
    assert ordinal_alpha({}) is None


@pytest.mark.parametrize(
    ("alpha", "level"),
    [(None, "undefined"), (0.95, "good"), (0.8, "good"), (0.7, "tentative"), (0.5, "low")],
)
def test_agreement_levels(alpha, level):
    assert agreement_level(alpha) == level
