"""Advancement order: the Champion's winner first, then Champion's order; declines pass on."""

from challenges.awards.advancement import RANK, WINNER, Ticket, order, proposal

RANKING = [(11, 1), (12, 2), (13, 3), (14, 4), (15, 5)]


def test_the_champions_winner_goes_first_even_when_the_judges_chose_another_team():
    assert order(RANKING, 13) == [(13, 3), (11, 1), (12, 2), (14, 4), (15, 5)]
    assert order(RANKING, None) == RANKING
    assert order(RANKING, 99) == RANKING  # a winner not in the ranking changes nothing


def test_the_quota_takes_the_next_teams_in_order():
    assert proposal(RANKING, 11, 2, taken=()) == [
        Ticket(11, WINNER, 1),
        Ticket(12, RANK, 2),
    ]
    assert proposal(RANKING, 11, 0, taken=()) == []
    assert proposal(RANKING, 11, -1, taken=()) == []
    assert len(proposal(RANKING, 11, 9, taken=())) == 5


def test_a_declined_place_passes_to_the_next_team():
    # 11 and 12 were confirmed, 12 declined: one place is open again and goes to 13.
    assert proposal(RANKING, 11, 1, taken={11, 12}) == [Ticket(13, RANK, 3)]


def test_an_empty_ranking_proposes_nobody():
    assert proposal([], None, 3, taken=()) == []
