"""Ties that decide a prize or a ticket: the jury's order settles exactly the teams it names."""

from challenges.awards.ties import Tie, cut_by_line, order_from_places, settle


def test_settle_spreads_an_ordered_tie_over_consecutive_positions():
    ranked = [(1, 1), (2, 2), (3, 2), (4, 2), (5, 5)]
    assert settle(ranked, [[4, 2, 3]]) == [(1, 1), (4, 2), (2, 3), (3, 4), (5, 5)]


def test_settle_leaves_ties_the_jury_did_not_order():
    ranked = [(1, 1), (2, 1), (3, 3), (4, 3)]
    assert settle(ranked, [[4, 3]]) == [(1, 1), (2, 1), (4, 3), (3, 4)]
    assert settle(ranked, []) == ranked
    assert settle([], [[1, 2]]) == []


def test_an_order_holds_for_what_is_left_of_its_tie_but_not_for_other_teams():
    # The jury ordered 2, 3, 4; 3 already has its ticket: 4 before 2 still holds.
    assert settle([(4, 2), (2, 2)], [[3, 4, 2]]) == [(4, 2), (2, 3)]
    # A new team joined the tie (a rubric changed): the jury decides again.
    assert settle([(2, 2), (4, 2), (9, 2)], [[4, 2]]) == [(2, 2), (4, 2), (9, 2)]


def test_the_newest_order_that_fits_wins():
    assert settle([(1, 1), (2, 1)], [[2, 1], [1, 2]]) == [(2, 1), (1, 2)]


def test_the_quota_line_cuts_a_tie_only_inside_it():
    ranked = [(1, 1), (2, 2), (3, 2), (4, 2), (5, 5)]
    assert cut_by_line(ranked, 1) is None
    assert cut_by_line(ranked, 2) == Tie(2, (2, 3, 4))
    assert cut_by_line(ranked, 3) == Tie(2, (2, 3, 4))
    assert cut_by_line(ranked, 4) is None
    assert cut_by_line(ranked, 0) is None
    assert cut_by_line(ranked, 5) is None
    assert cut_by_line(ranked, 9) is None


def test_the_jury_gives_each_tied_team_its_own_place():
    tie = Tie(2, (7, 8, 9))
    assert order_from_places(tie, {7: 2, 8: 3, 9: 1}) == [9, 7, 8]
    assert order_from_places(tie, {7: 1, 8: 1, 9: 2}) is None  # a place twice
    assert order_from_places(tie, {7: 1, 8: 2}) is None  # a team without a place
    assert order_from_places(tie, {7: 1, 8: 2, 9: None}) is None
    assert order_from_places(tie, {7: 1, 8: 2, 9: 4}) is None  # no such place
    assert order_from_places(tie, {7: 1, 8: 2, 9: 3, 5: 4}) == [7, 8, 9]  # others ignored
