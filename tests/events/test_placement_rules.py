import pytest
from hypothesis import given
from hypothesis import strategies as st

from challenges.events.placement.rules import Reason, TeamWish, place_teams

NORTH, SOUTH = 1, 2


def wish(team, first=None, second=None, placed_at=None, order=None):
    return TeamWish(
        team=team,
        order=order if order is not None else team,
        first=first,
        second=second,
        placed_at=placed_at,
    )


def test_first_choices_while_there_is_room():
    placement = place_teams([wish(1, NORTH), wish(2, SOUTH), wish(3, NORTH)], {NORTH: 2, SOUTH: 2})
    assert placement.places == {
        1: (NORTH, Reason.FIRST_CHOICE),
        2: (SOUTH, Reason.FIRST_CHOICE),
        3: (NORTH, Reason.FIRST_CHOICE),
    }
    assert placement.waitlist == []


def test_second_choice_when_the_first_is_full():
    placement = place_teams([wish(1, NORTH, SOUTH), wish(2, NORTH, SOUTH)], {NORTH: 1, SOUTH: 1})
    assert placement.places[1] == (NORTH, Reason.FIRST_CHOICE)
    assert placement.places[2] == (SOUTH, Reason.SECOND_CHOICE)


def test_a_second_choice_never_takes_a_later_teams_first_choice():
    # Team 1 wants North, then South; team 2 only wants South. North is full.
    placement = place_teams(
        [wish(0, NORTH), wish(1, NORTH, SOUTH), wish(2, SOUTH)], {NORTH: 1, SOUTH: 1}
    )
    assert placement.places[2] == (SOUTH, Reason.FIRST_CHOICE)
    assert placement.waitlist == [1]


def test_waitlist_in_registration_order():
    wishes = [wish(7, NORTH, order=3), wish(5, NORTH, order=1), wish(6, NORTH, order=2)]
    placement = place_teams(wishes, {NORTH: 1})
    assert placement.places == {5: (NORTH, Reason.FIRST_CHOICE)}
    assert placement.waitlist == [6, 7]


def test_kept_places_count_towards_capacity():
    placement = place_teams([wish(1, SOUTH, placed_at=NORTH), wish(2, NORTH)], {NORTH: 1})
    assert placement.places == {1: (NORTH, Reason.KEPT)}
    assert placement.waitlist == [2]


def test_teams_without_a_choice_are_left_to_the_organisers():
    placement = place_teams([wish(1), wish(2, NORTH)], {NORTH: 5})
    assert placement.without_choice == [1]
    assert placement.teams_at(NORTH) == [2]


@pytest.mark.parametrize("capacity", [{NORTH: 0}, {}])
def test_no_capacity_means_everyone_waits(capacity):
    placement = place_teams([wish(1, NORTH), wish(2, NORTH)], capacity)
    assert placement.waitlist == [1, 2]


def test_ties_in_registration_order_go_by_team_id():
    placement = place_teams([wish(9, NORTH, order=1), wish(3, NORTH, order=1)], {NORTH: 1})
    assert placement.teams_at(NORTH) == [3]


events = st.sampled_from([1, 2, 3, None])


@given(
    choices=st.lists(st.tuples(events, events), max_size=40),
    capacity=st.fixed_dictionaries(
        {1: st.integers(0, 10), 2: st.integers(0, 10), 3: st.integers(0, 10)}
    ),
)
def test_properties(choices, capacity):
    wishes = [wish(n, first, second) for n, (first, second) in enumerate(choices)]
    placement = place_teams(wishes, capacity)
    placed, waiting, none = (
        set(placement.places),
        set(placement.waitlist),
        set(placement.without_choice),
    )
    assert placed | waiting | none == {w.team for w in wishes}
    assert not (placed & waiting)
    assert not (placed & none)
    assert not (waiting & none)
    for event, limit in capacity.items():
        assert len(placement.teams_at(event)) <= limit
    for team, (event, reason) in placement.places.items():
        chosen = wishes[team]
        assert event == (chosen.first if reason is Reason.FIRST_CHOICE else chosen.second)
    assert placement.waitlist == sorted(placement.waitlist)  # registration order
    for team in placement.waitlist:  # nobody waits while one of their choices has room
        chosen = wishes[team]
        for event in (chosen.first, chosen.second):
            if event is not None:
                assert len(placement.teams_at(event)) == capacity[event]
