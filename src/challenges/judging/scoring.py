"""Area scores and area ranks (pure); the Champion's ranking over them is awards.champions.

A team may be judged by several judges. Per row, the levels of the judges who judged that row
are averaged ("not judged" is left out, never counted as 1); a rubric's score is the weighted
sum of those row averages. Core Values (FLL) is the sum of the Core Values rows of both
rubrics plus the Gracious Professionalism ratings of the team's ranking matches (a missing
rating counts as 3). See docs/judging.md.
"""

from collections.abc import Iterable, Mapping, Sequence
from statistics import fmean

from challenges.judging.rubrics import Row

Levels = Mapping[str, int | None]
# The areas a team is ranked in besides its rubrics.
CORE_VALUES = "core_values"
ROBOT_GAME = "robot_game"
DEFAULT_GP = 3


def row_averages(rows: Iterable[Row], sheets: Sequence[Levels]) -> dict[str, float]:
    """Per row, the mean level of the judges who judged it; rows nobody judged are left out."""
    averages = {}
    for row in rows:
        given = [sheet[row.id] for sheet in sheets if sheet.get(row.id) is not None]
        if given:
            averages[row.id] = fmean(given)
    return averages


def weighted_score(rows: Iterable[Row], sheets: Sequence[Levels]) -> float | None:
    """The weighted sum of the row averages; None when no judge judged any row."""
    rows = list(rows)
    averages = row_averages(rows, sheets)
    if not averages:
        return None
    return round(sum(row.weight * averages[row.id] for row in rows if row.id in averages), 2)


def gracious_professionalism(ratings: Sequence[int | None], ranking_rounds: int) -> int:
    """The sum of a team's GP ratings over the ranking rounds; a missing one counts as 3."""
    given = [rating if rating is not None else DEFAULT_GP for rating in ratings[:ranking_rounds]]
    return sum(given) + DEFAULT_GP * (ranking_rounds - len(given))


def area_ranks(scores: Mapping[int, float | None]) -> dict[int, int]:
    """Rank = 1 + the number of teams with a strictly better score; unscored teams get none."""
    scored = {team: score for team, score in scores.items() if score is not None}
    return {
        team: 1 + sum(other > score for other in scored.values()) for team, score in scored.items()
    }
