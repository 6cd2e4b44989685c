import pytest

from challenges.cells import MASK, Mean, Share, Withheld, for_funders, masked
from challenges.reports.figures import SchoolFigures, SeasonFigures, StatusCounts, bar_value


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, 0), (1, MASK), (4, MASK), (5, 5), (6, 6), (1476, 1476)],
)
def test_counts_of_one_to_four_are_masked(count, shown):
    assert masked(count) == shown


def test_for_funders_masks_counts_and_shares_of_small_counts():
    rows = [
        ["Noord", 4, 10, Share(4, 10), None],
        ["Zuid", 5, 0, Share(5, 10), True],
        ["Oost", 0, 12, Share(0, 12), "tekst"],
        ["West", 2, None, Share(2, None), 0],
    ]
    assert for_funders(rows) == [
        ["Noord", MASK, 10, Withheld(), None],
        ["Zuid", 5, 0, Share(5, 10), True],
        ["Oost", 0, 12, Share(0, 12), "tekst"],
        ["West", MASK, None, Share(2, None), 0],
    ]


def test_for_funders_masks_the_average_mark_of_one_to_four_answers():
    rows = [["Noord", Mean(7.5, 3), Mean(None, 0), Mean(8.0, 5)]]
    # "< 5" would read as a failing mark: the mark is withheld, not the count's label
    assert for_funders(rows) == [["Noord", Withheld(mark=True), Mean(None, 0), Mean(8.0, 5)]]


def test_for_funders_leaves_the_rows_it_was_given_alone():
    rows = [["Noord", 3]]
    for_funders(rows)
    assert rows == [["Noord", 3]]


@pytest.mark.parametrize(
    ("share", "percent"),
    [
        (Share(6, 10), 60),
        (Share(0, 10), 0),
        (Share(12, 10), 120),
        (Share(3, None), None),
        (Share(3, 0), None),
        (Share(1, 3), 33),
        (Share(2, 3), 67),
        (Share(5, 8), 63),  # half up, as the marks: not round()'s half to even (62)
        (Share(1, 8), 13),
        (Share(1, 40), 3),
    ],
)
def test_capacity_used_as_a_percentage(share, percent):
    assert share.percent == percent


@pytest.mark.parametrize(("cell", "height"), [(7, 7), (0, 0), (MASK, 0), (None, 0), (True, 0)])
def test_a_masked_or_missing_count_draws_no_bar(cell, height):
    assert bar_value(cell) == height


def test_status_counts_add_up():
    one = StatusCounts(registered=1, confirmed=2, waitlisted=3, withdrawn=4, placed=2, pupils=9)
    other = StatusCounts(confirmed=5, advanced=1, pupils=3)
    total = one + other
    assert total == StatusCounts(
        registered=1, confirmed=7, waitlisted=3, withdrawn=4, placed=2, advanced=1, pupils=12
    )
    assert total.total == 15


def test_new_schools_need_a_previous_season():
    assert SchoolFigures(primary=3, secondary=4, returning=2).new == 5
    assert SchoolFigures(primary=3, secondary=4, returning=None).new is None
    assert SchoolFigures(primary=3, secondary=4, returning=7).new == 0


def test_an_empty_season_totals_nothing():
    figures = SeasonFigures(programme="Vakkanjers", season="2025-2026", theme="Circulair")
    assert figures.totals == StatusCounts()
    assert figures.totals.total == 0
    assert figures.schools.total == 0
