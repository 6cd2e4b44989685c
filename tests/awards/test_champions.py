"""The Champion's ranking on worked examples with ties."""

import pytest

from challenges.awards.champions import champions_ranking

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
