"""The evaluations' pure rules: averages to one decimal, when a survey may go and is open."""

from datetime import date, datetime

import pytest

from challenges.surveys.figures import Tally, average, closes_on, figures, is_open, may_send


@pytest.mark.parametrize(
    ("total", "count", "expected"),
    [(0, 0, None), (8, 1, 8.0), (15, 2, 7.5), (29, 4, 7.3), (22, 3, 7.3), (20, 3, 6.7)],
)
def test_average_has_one_decimal_rounding_half_up(total, count, expected):
    assert average(total, count) == expected


def test_a_survey_goes_out_from_the_day_after_the_event():
    event_day = date(2026, 2, 7)
    assert not may_send(event_day, date(2026, 2, 6))
    assert not may_send(event_day, event_day)
    assert may_send(event_day, date(2026, 2, 8))


def test_a_survey_closes_three_weeks_after_the_event_or_two_after_a_late_sending():
    event_day = date(2026, 2, 7)
    assert closes_on(event_day, date(2026, 2, 8)) == date(2026, 2, 28)
    assert closes_on(event_day, date(2026, 2, 14)) == date(2026, 2, 28)
    assert closes_on(event_day, date(2026, 3, 20)) == date(2026, 4, 3)


def test_a_survey_is_open_until_its_last_day_or_until_closed_by_hand():
    last_day = closes_on(date(2026, 2, 7), date(2026, 2, 8))
    assert last_day == date(2026, 2, 28)
    assert is_open(last_day, None, last_day)
    assert not is_open(last_day, None, date(2026, 3, 1))
    assert not is_open(last_day, datetime(2026, 2, 10, 12), date(2026, 2, 11))


def test_figures_add_up_tallies_and_average_the_ratings():
    coaches = Tally(4, 2, 15, 2, 17, 2) + Tally(3, 1, 6, 1, 9, 1)
    volunteers = Tally(5, 3, 0, 0, 26, 3)
    row = figures("Regiofinale Delft", coaches, volunteers)
    assert (row.invited, row.responses) == (7, 3)
    assert (row.programme_average, row.event_average) == (7.0, 8.7)
    assert (row.volunteers_invited, row.volunteers_responses) == (5, 3)
    assert row.volunteers_average == 8.7
    assert row.response_rate.percent == 43
    assert figures("Leeg", Tally(), Tally()).response_rate.percent is None
