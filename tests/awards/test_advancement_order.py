"""Advancement order: the jury's places of the first award first, then the ranking; declines
pass on; a tie at the quota line is never decided silently."""

from challenges.awards.advancement_order import RANK, WINNER, Proposal, Ticket, proposal
from challenges.awards.ties import Tie

RANKING = [(11, 1), (12, 2), (13, 3), (14, 4), (15, 5)]


def test_the_champions_winner_goes_first_even_when_the_judges_chose_another_team():
    assert proposal([(13, 1)], RANKING, 3, taken=()) == Proposal(
        [Ticket(13, WINNER, 1), Ticket(11, RANK, 1), Ticket(12, RANK, 2)]
    )
    assert proposal([], RANKING, 1, taken=()) == Proposal([Ticket(11, RANK, 1)])


def test_a_winner_not_in_the_ranking_never_advances():
    # a no-show, or a team that is no longer judged in every part
    assert proposal([(99, 1)], RANKING, 1, taken=()) == Proposal([Ticket(11, RANK, 1)])


def test_the_jurys_places_come_before_the_ranking_in_place_order():
    # The jury gave 1st to 13, 2nd to 15 and 3rd to 14, against the ranking's order.
    front = [(13, 1), (15, 2), (14, 3)]
    assert proposal(front, RANKING, 2, taken=()).tickets == [
        Ticket(13, WINNER, 1),
        Ticket(15, WINNER, 2),
    ]
    assert proposal(front, RANKING, 4, taken=()).tickets[-1] == Ticket(11, RANK, 1)


def test_the_quota_takes_the_next_teams_in_order():
    assert proposal([(11, 1)], RANKING, 2, taken=()).tickets == [
        Ticket(11, WINNER, 1),
        Ticket(12, RANK, 2),
    ]
    assert proposal([(11, 1)], RANKING, 0, taken=()) == Proposal([])
    assert proposal([(11, 1)], RANKING, -1, taken=()) == Proposal([])
    assert len(proposal([(11, 1)], RANKING, 9, taken=()).tickets) == 5


def test_a_declined_place_passes_to_the_next_team():
    # 11 and 12 were confirmed, 12 declined: one place is open again and goes to 13.
    assert proposal([(11, 1)], RANKING, 1, taken={11, 12}) == Proposal([Ticket(13, RANK, 3)])


def test_a_tie_at_the_quota_line_waits_for_the_jury():
    # Three teams share the first place, two tickets: nobody of the tie is proposed.
    tied = [(21, 1), (22, 1), (23, 1), (24, 4)]
    assert proposal([], tied, 2, taken=()) == Proposal([], Tie(1, (21, 22, 23)))
    # A team above the tie is proposed; the tie waits.
    above = [(20, 1), (21, 2), (22, 2), (23, 4)]
    assert proposal([], above, 2, taken=()) == Proposal([Ticket(20, RANK, 1)], Tie(2, (21, 22)))


def test_a_tie_inside_the_quota_or_below_the_line_decides_nothing():
    tied = [(21, 1), (22, 1), (23, 3), (24, 3)]
    assert proposal([], tied, 2, taken=()).tie is None  # both tied teams go
    assert proposal([], tied, 3, taken=()).tie == Tie(3, (23, 24))
    assert proposal([], tied, 4, taken=()).tie is None  # everybody goes


def test_the_jurys_places_take_tied_teams_out_of_the_tie():
    # 21 won the jury prize; 22 and 23 still tie for the one ranking place left.
    tied = [(21, 1), (22, 1), (23, 1)]
    assert proposal([(21, 1)], tied, 2, taken=()) == Proposal(
        [Ticket(21, WINNER, 1)], Tie(1, (22, 23))
    )
    assert proposal([(21, 1), (23, 2)], tied, 2, taken=()).tie is None


def test_the_jurys_order_breaks_a_tie_that_holds_a_prize_winner():
    # 21, 22, 23 share place 1; 21 has the jury prize's 1st place. The tie the jury is asked
    # to order is (22, 23) and it orders 23 before 22: that order is applied.
    tied = [(21, 1), (22, 1), (23, 1), (24, 4)]
    assert proposal([(21, 1)], tied, 2, taken=()).tie == Tie(1, (22, 23))
    assert proposal([(21, 1)], tied, 2, taken=(), orders=[[23, 22]]) == Proposal(
        [Ticket(21, WINNER, 1), Ticket(23, RANK, 1)]
    )
    # One more place: 22 follows in the jury's order, before 24.
    assert proposal([(21, 1)], tied, 3, taken=(), orders=[[23, 22]]).tickets[-1] == Ticket(
        22, RANK, 2
    )


def test_the_jurys_order_breaks_a_tie_that_holds_a_team_with_a_ticket():
    # 22 already has its ticket (or declined); the jury orders what is left: 24 before 23.
    tied = [(21, 1), (22, 2), (23, 2), (24, 2), (25, 5)]
    assert proposal([], tied, 1, taken={21, 22}).tie == Tie(2, (23, 24))
    assert proposal([], tied, 1, taken={21, 22}, orders=[[24, 23]]) == Proposal(
        [Ticket(24, RANK, 2)]
    )
    # An order of the whole tie made earlier still holds for what is left of it.
    assert proposal([], tied, 1, taken={21, 22}, orders=[[22, 24, 23]]).tickets == [
        Ticket(24, RANK, 2)
    ]


def test_an_order_for_other_teams_leaves_the_tie_open():
    tied = [(21, 1), (22, 1), (23, 1), (24, 4)]
    assert proposal([(21, 1)], tied, 2, taken=(), orders=[[22, 24]]).tie == Tie(1, (22, 23))


def test_an_empty_ranking_proposes_nobody():
    assert proposal([], [], 3, taken=()) == Proposal([])
