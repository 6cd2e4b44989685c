"""Robot-game ranking (pure).

Rank = best verified ranking-round score; ties are broken by the second-best score, then the
third-best (a round without a verified score counts as 0). Teams still tied share the rank:
each team's rank is 1 + the number of teams with a strictly better list of scores. A team
without any verified score is listed last, without a rank.
"""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby


@dataclass(frozen=True)
class Standing:
    team: Hashable
    rank: int | None  # None: no verified score yet
    shared: bool  # another team has the same rank
    scores: tuple[int | None, ...]  # per ranking round, in round order
    best: int | None


def sort_key(scores: Sequence[int | None], rounds: int) -> tuple[int, ...]:
    """The team's scores from best to worst, missing rounds as 0, padded to `rounds`."""
    played = sorted((score or 0 for score in scores), reverse=True)
    return tuple(played + [0] * (rounds - len(played)))


def rank(scores: Mapping[Hashable, Sequence[int | None]], rounds: int = 3) -> list[Standing]:
    """`scores[team][i]` is the verified score of ranking round i+1, or None."""
    keys = {team: sort_key(team_scores, rounds) for team, team_scores in scores.items()}
    played = [
        team for team, team_scores in scores.items() if any(s is not None for s in team_scores)
    ]
    played.sort(key=lambda team: keys[team], reverse=True)
    standings = []
    for _key, group in groupby(played, key=lambda team: keys[team]):
        tied = list(group)
        position = len(standings) + 1
        standings += [
            _standing(team, position, len(tied) > 1, scores[team], rounds) for team in tied
        ]
    standings += [
        _standing(team, None, False, team_scores, rounds)
        for team, team_scores in scores.items()
        if team not in set(played)
    ]
    return standings


def _standing(team, position, shared, team_scores, rounds) -> Standing:
    padded = tuple(team_scores) + (None,) * (rounds - len(team_scores))
    played = [score for score in padded if score is not None]
    return Standing(team, position, shared, padded, max(played) if played else None)
