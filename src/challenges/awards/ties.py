"""Ties that decide a prize or a ticket (pure).

A ranked list is (team, position) pairs, best first; teams with the same position are tied.
Nothing breaks such a tie silently: the jury orders the tied teams, with a reason (kept by
the caller), and `settle` then gives them consecutive positions in that order. A jury's
order applies to any group of tied teams it contains, so it still holds when one of them has
already been given its ticket.

A tie decides a ticket when the quota line falls inside it (`cut_by_line`).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

Ranked = Sequence[tuple[int, int]]


@dataclass(frozen=True)
class Tie:
    position: int  # the position the teams share
    teams: tuple[int, ...]


def _groups(ranked: Ranked) -> list[Tie]:
    return [
        Tie(position, tuple(team for team, _position in members))
        for position, members in groupby(ranked, key=lambda pair: pair[1])
    ]


def settle(ranked: Ranked, orders: Iterable[Sequence[int]]) -> list[tuple[int, int]]:
    """The ranked list with every tie the jury ordered spread over consecutive positions."""
    known = [list(order) for order in orders]
    settled = []
    for group in _groups(ranked):
        order = next(
            (o for o in known if len(group.teams) > 1 and set(group.teams) <= set(o)), None
        )
        teams = sorted(group.teams, key=order.index) if order else group.teams
        step = 1 if order else 0
        settled += [(team, group.position + step * index) for index, team in enumerate(teams)]
    return settled


def cut_by_line(ranked: Ranked, count: int) -> Tie | None:
    """The tie that the line after the first `count` teams cuts through, if any."""
    if count <= 0 or count >= len(ranked) or ranked[count - 1][1] != ranked[count][1]:
        return None
    position = ranked[count][1]
    return Tie(position, tuple(team for team, found in ranked if found == position))


def order_from_places(tie: Tie, places: Mapping[int, int | None]) -> list[int] | None:
    """The tied teams in the order of the places the jury gave them (1 is best); None unless
    every tied team has its own place from 1 to the number of tied teams."""
    given = [places.get(team) for team in tie.teams]
    if sorted(place or 0 for place in given) != list(range(1, len(tie.teams) + 1)):
        return None
    return sorted(tie.teams, key=lambda team: places[team] or 0)
