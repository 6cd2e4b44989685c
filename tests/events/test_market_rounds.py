from datetime import UTC, datetime

import pytest
from flask_babel import force_locale
from hypothesis import assume, given
from hypothesis import strategies as st

from challenges.events.market.rounds import (
    NoJuryPossible,
    Stand,
    current_round,
    number_stands,
    plan_jury_rounds,
    round_start,
)


def stands(count: int, school_of=lambda n: n) -> list[Stand]:
    return [Stand(number=n, team=100 + n, school=school_of(n)) for n in range(1, count + 1)]


def test_stand_numbers_follow_the_order():
    assert number_stands([7, 3, 9]) == {7: 1, 3: 2, 9: 3}


def test_every_stand_seen_by_two_different_jurors():
    plan = plan_jury_rounds(stands(10), jurors=[1, 2, 3, 4])
    views = plan.views()
    assert all(len(views[n]) >= 2 for n in range(1, 11))
    for round_ in plan.rounds:
        assert len(set(round_.values())) == len(round_)  # one juror per stand per round


def test_conflicts_are_respected():
    conflicts = {1: {3}, 2: {3}}  # jurors 1 and 2 are linked to the school of stand 3
    plan = plan_jury_rounds(stands(6), jurors=[1, 2, 3, 4], conflicts=conflicts)
    assert plan.views()[3] == {3, 4}


def test_impossible_jury_is_explained_in_the_reader_s_language(app):
    with force_locale("en"), pytest.raises(NoJuryPossible, match="2 cannot get 2 jurors"):
        plan_jury_rounds(stands(3), jurors=[1, 2], conflicts={1: {2}})
    with force_locale("nl"), pytest.raises(NoJuryPossible, match="2 kunnen geen 2 juryleden"):
        plan_jury_rounds(stands(3), jurors=[1, 2], conflicts={1: {2}})


def test_jurors_rotate_across_the_floor():
    plan = plan_jury_rounds(stands(12), jurors=[1, 2])
    moves = [
        abs(b[1] - a[1])
        for a, b in zip(plan.rounds, plan.rounds[1:], strict=False)
        if 1 in a and 1 in b
    ]
    assert sum(moves) / len(moves) > 3  # not stand by stand along one aisle


@given(
    count=st.integers(1, 30),
    jurors=st.integers(2, 8),
    per_stand=st.integers(1, 3),
    conflicts=st.dictionaries(
        st.integers(1, 8), st.sets(st.integers(1, 30), max_size=3), max_size=4
    ),
)
def test_properties(count, jurors, per_stand, conflicts):
    assume(per_stand <= jurors)
    market = stands(count)
    juror_ids = list(range(1, jurors + 1))
    try:
        plan = plan_jury_rounds(market, juror_ids, conflicts, per_stand)
    except NoJuryPossible:
        assert any(
            sum(s.school not in conflicts.get(j, set()) for j in juror_ids) < per_stand
            for s in market
        )
        return
    for stand in market:
        visitors = plan.views().get(stand.number, set())
        assert len(visitors) >= per_stand
        assert all(stand.school not in conflicts.get(juror, set()) for juror in visitors)


START = datetime(2026, 3, 24, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 3, 24, 9, 0, tzinfo=UTC), 1),  # before the start: round 1 is next
        (START, 1),
        (datetime(2026, 3, 24, 9, 44, 59, tzinfo=UTC), 1),
        (datetime(2026, 3, 24, 9, 45, tzinfo=UTC), 2),  # a round's end is the next one's start
        (datetime(2026, 3, 24, 11, 0, tzinfo=UTC), 7),  # past the plan it keeps counting
    ],
)
def test_the_round_running_now(now, expected):
    assert current_round(START, 15, now) == expected


def test_round_times():
    assert round_start(START, 15, 1) == START
    assert round_start(START, 12, 3) == datetime(2026, 3, 24, 9, 54, tzinfo=UTC)


def test_planning_again_counts_what_was_seen_and_starts_far_from_the_last_stand():
    seen = {1: {1, 2}, 2: {1}, 3: set(), 4: set()}
    plan = plan_jury_rounds(stands(4), jurors=[1, 2], seen=seen, last={1: 2, 2: 1})
    views = plan.views()
    assert 1 not in views  # stand 1 had its two jurors already
    assert 1 not in views[2]  # juror 1 never sees stand 2 twice
    assert all(len(views[n] | seen[n]) >= 2 for n in (2, 3, 4))
    assert plan.rounds[0][1] == 4  # the least seen of 3 and 4, farthest from stand 2


def test_nothing_left_to_plan_gives_no_rounds():
    plan = plan_jury_rounds(stands(2), jurors=[1, 2], seen={1: {1, 2}, 2: {1, 2}})
    assert plan.rounds == []
