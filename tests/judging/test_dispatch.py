"""Sending an idle juror to the next stand of a Vakkanjers Markt."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from challenges.judging.dispatch import (
    Stand,
    Visit,
    dispatch,
    next_stand,
    seen_everything,
    short_of_jurors,
)


def stands(*seen: set[int], **changes) -> list[Stand]:
    return [
        Stand(number, 100 + number, seen_by=frozenset(who)) for number, who in enumerate(seen, 1)
    ]


def test_the_least_seen_stand_comes_first():
    floor = stands({1, 2}, {3}, set(), {4})
    assert next_stand(9, floor, ()).number == 3


def test_a_juror_never_sees_a_stand_twice_nor_a_busy_absent_or_conflicted_one():
    floor = [
        Stand(1, 101, seen_by=frozenset({9})),
        Stand(2, 102, busy=True),
        Stand(3, 103, absent=True),
        Stand(4, 104, school=55),
        Stand(5, 105, seen_by=frozenset({1, 2, 3})),
    ]
    assert next_stand(9, floor, conflicts={55}).number == 5
    assert next_stand(9, floor[:4], conflicts={55}) is None


def test_jurors_rotate_across_the_floor():
    floor = stands(set(), set(), set(), set(), set(), set())
    assert next_stand(9, floor, (), last=1).number == 6
    assert next_stand(9, floor, (), last=6).number == 1
    assert next_stand(9, floor, (), last=None).number == 1


def test_stands_short_of_jurors():
    assert short_of_jurors(stands({1, 2}, {3}, set())) == [2, 3]


@given(st.lists(st.sets(st.integers(1, 6), max_size=4), min_size=1, max_size=12), st.integers(1, 6))
def test_the_chosen_stand_is_always_one_of_the_least_seen_open_ones(seen, juror):
    floor = stands(*seen)
    chosen = next_stand(juror, floor, ())
    open_stands = [stand for stand in floor if juror not in stand.seen_by]
    if not open_stands:
        assert chosen is None
    else:
        assert juror not in chosen.seen_by
        assert len(chosen.seen_by) == min(len(stand.seen_by) for stand in open_stands)


def test_the_planned_stand_comes_first_even_when_others_are_seen_less():
    floor = stands({1, 2}, set(), set())
    assert dispatch(9, floor, (), planned=1) == Visit(floor[0], planned=True)


@pytest.mark.parametrize(
    "planned",
    [
        Stand(1, 101, seen_by=frozenset({9})),  # the juror saw it already (done early)
        Stand(1, 101, busy=True),  # another juror is still there
        Stand(1, 101, absent=True),  # the team is away
        Stand(1, 101, school=55),  # a conflict declared after the plan was fixed
    ],
)
def test_a_planned_stand_the_juror_may_not_visit_falls_back_to_the_least_seen(planned):
    floor = [planned, Stand(2, 102, seen_by=frozenset({1})), Stand(3, 103)]
    assert dispatch(9, floor, conflicts={55}, planned=1) == Visit(floor[2], planned=False)


def test_a_no_show_s_planned_stand_is_not_on_the_floor():
    floor = stands(set(), {1})
    assert dispatch(9, floor, (), planned=7) == Visit(floor[0], planned=False)


def test_outside_the_plan_stands_held_for_another_juror_this_round_come_last():
    floor = [Stand(1, 101, reserved=True), Stand(2, 102, seen_by=frozenset({1}))]
    assert dispatch(9, floor, ()).stand.number == 2  # seen more, but nobody is planned there
    assert dispatch(9, floor[:1], ()).stand.number == 1  # held, but the only one left


def test_nothing_left_is_none():
    assert dispatch(9, stands({9}), (), planned=1) is None


@pytest.mark.parametrize(
    ("floor", "expected"),
    [
        ([Stand(1, 101, seen_by=frozenset({9})), Stand(2, 102, school=55)], True),
        ([Stand(1, 101, seen_by=frozenset({9})), Stand(2, 102, busy=True)], False),
        ([Stand(1, 101, absent=True)], False),  # away now, back later
        ([], True),
    ],
)
def test_seen_everything(floor, expected):
    assert seen_everything(9, floor, {55}) is expected
