"""Who advances from a regional to the national final (pure). See docs/awards-and-advancement.md.

The order is the jury's places of the first award first (the Champion's Award winner for
FLL; the jury prize's 1st, 2nd and 3rd places for Vakkanjers, as the jury decided them), then
the teams in the ranking (FLL: Champion's order, ties already broken there by the Core
Values rank, then the team number; Vakkanjers: the jury's order). Teams already confirmed
keep their ticket; a team that declines passes its place to the next in the order. Only
ranked teams (present, judged in every part) are in the order, so no-shows never advance.
When the quota line falls inside a tie, nobody of that tie is proposed until the jury has
ordered it (`ties.py`); the jury orders the teams of the tie as it is cut, after the prize
places and the tickets given, so its order is applied to that same list.
Wildcards come on top of the quota.
"""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from challenges.awards.ties import Tie, cut_by_line, settle

WINNER = "award_winner"
RANK = "rank"


@dataclass(frozen=True)
class Ticket:
    team: int
    kind: str  # award_winner or rank
    position: int  # the place of the first award, or the position in the ranking


@dataclass(frozen=True)
class Proposal:
    tickets: list[Ticket]
    tie: Tie | None = None  # the tie the quota line cuts: for the jury to order first


def proposal(
    front: Sequence[tuple[int, int]],
    ranking: Sequence[tuple[int, int]],
    places: int,
    taken: Collection[int],
    orders: Iterable[Sequence[int]] = (),
) -> Proposal:
    """The next teams in order for the `places` still open. `front`: the first award's
    (team, place) pairs in place order; `ranking`: (team, position) pairs, best first;
    `taken` teams (confirmed or declined) are skipped; `orders`: the jury's tie-breaks,
    applied to what is left of the ranking without the front and the taken teams."""
    ranked = {team for team, _position in ranking}
    front = [(team, place) for team, place in front if team in ranked]
    placed = {team for team, _place in front}
    first = [Ticket(team, WINNER, place) for team, place in front if team not in taken]
    rest = settle(
        [(team, pos) for team, pos in ranking if team not in taken and team not in placed],
        orders,
    )
    places = max(places, 0)
    if places <= len(first):
        return Proposal(first[:places])
    open_places = places - len(first)
    tie = cut_by_line(rest, open_places)
    if tie is not None:
        rest = [(team, pos) for team, pos in rest if pos < tie.position]
    return Proposal(first + [Ticket(team, RANK, pos) for team, pos in rest[:open_places]], tie)
