"""Who advances from a regional final to the national final (pure). See fll-rules.md.

The order is the winner of the first award first (the Champion's Award, or the 1st jury prize,
as the judges decided it), then the teams in Champion's order (ties already broken there:
Core Values rank, then team number); for Vakkanjers the jury's order. Teams already
confirmed keep their ticket; a team that declines passes its place to the next in the order.
Only ranked teams (present, judged in every part) are in the order, so no-shows never
advance. Wildcards come on top of the quota.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass

WINNER = "award_winner"
RANK = "rank"


@dataclass(frozen=True)
class Ticket:
    team: int
    kind: str  # award_winner or rank
    position: int  # the team's position in the ranking


def order(ranking: Sequence[tuple[int, int]], champion: int | None) -> list[tuple[int, int]]:
    """(team, position) pairs, the first award's winner moved to the front."""
    first = [pair for pair in ranking if pair[0] == champion]
    return first + [pair for pair in ranking if pair[0] != champion]


def proposal(
    ranking: Sequence[tuple[int, int]],
    champion: int | None,
    places: int,
    taken: Collection[int],
) -> list[Ticket]:
    """The next teams in order for the `places` still open; `taken` teams (confirmed or
    declined) are skipped."""
    waiting = [(team, position) for team, position in order(ranking, champion) if team not in taken]
    return [
        Ticket(team, WINNER if team == champion else RANK, position)
        for team, position in waiting[: max(places, 0)]
    ]
