"""Ranking: best score, then second and third best; equal lists share a rank."""

from hypothesis import given
from hypothesis import strategies as st

from challenges.robot_game.ranking import rank, sort_key


def ranks(scores, rounds=3):
    return {s.team: (s.rank, s.shared) for s in rank(scores, rounds)}


def test_best_score_ranks_first():
    assert ranks({"a": [100, 0, 0], "b": [200, None, None], "c": [150, 150, 150]}) == {
        "b": (1, False),
        "c": (2, False),
        "a": (3, False),
    }


def test_ties_are_broken_by_second_then_third_best():
    result = rank({"a": [300, 100, 50], "b": [100, 300, 200], "c": [300, 100, 60]})
    assert [(s.team, s.rank) for s in result] == [("b", 1), ("c", 2), ("a", 3)]


def test_a_missing_round_counts_as_zero_in_tie_breaks():
    assert ranks({"a": [200, None, None], "b": [200, 0, 0]}) == {"a": (1, True), "b": (1, True)}


def test_still_tied_teams_share_the_rank_and_the_next_rank_is_skipped():
    result = rank({"a": [50, 40, 30], "b": [30, 40, 50], "c": [60, 0, 0], "d": [10, 0, 0]})
    assert [(s.team, s.rank, s.shared) for s in result] == [
        ("c", 1, False),
        ("a", 2, True),
        ("b", 2, True),
        ("d", 4, False),
    ]


def test_teams_without_a_verified_score_come_last_without_rank():
    result = rank({"a": [None, None, None], "b": [0, None, None]})
    assert [(s.team, s.rank, s.best) for s in result] == [("b", 1, 0), ("a", None, None)]


def test_scores_are_padded_to_the_number_of_rounds():
    (standing,) = rank({"a": [80]}, rounds=3)
    assert standing.scores == (80, None, None)
    assert standing.best == 80


def test_more_ranking_rounds_count_as_tie_breakers_too():
    assert ranks({"a": [10, 10, 10, 5], "b": [10, 10, 10, 0]}, rounds=4) == {
        "a": (1, False),
        "b": (2, False),
    }


def test_nobody_is_ranked_in_an_empty_event():
    assert rank({}) == []


score_lists = st.lists(st.one_of(st.none(), st.integers(0, 600)), min_size=3, max_size=3)


@given(st.dictionaries(st.integers(1000, 1100), score_lists, max_size=30))
def test_rank_is_one_plus_the_number_of_strictly_better_teams(scores):
    standings = rank(scores)
    assert sorted(s.team for s in standings) == sorted(scores)
    keys = {team: sort_key(team_scores, 3) for team, team_scores in scores.items()}
    for standing in standings:
        if standing.rank is None:
            assert all(score is None for score in scores[standing.team])
            continue
        better = sum(
            1
            for team, key in keys.items()
            if key > keys[standing.team] and any(s is not None for s in scores[team])
        )
        assert standing.rank == 1 + better
        equal = [t for t, key in keys.items() if key == keys[standing.team] and t != standing.team]
        played_equal = [t for t in equal if any(s is not None for s in scores[t])]
        assert standing.shared == bool(played_equal)
