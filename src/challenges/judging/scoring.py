"""Area scores, area ranks and the Champion's ranking (pure).

A team may be judged by several judges. Per row, the levels of the judges who judged that row
are averaged ("not judged" is left out, never counted as 1); a rubric's score is the weighted
sum of those row averages. Core Values (FLL) is the sum of the Core Values rows of both
rubrics plus the Gracious Professionalism ratings of the team's ranking matches (a missing
rating counts as 3). See docs/judging.md.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean

from challenges.judging.rubrics import Row

Levels = Mapping[str, int | None]
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


@dataclass(frozen=True)
class ChampionsRow:
    team: int
    number: int | None
    ranks: dict[str, int]  # area -> rank
    total: int  # the Champion's score: the sum of the area ranks, lowest first
    position: int  # 1, 2, 3 ... after the tie-breakers; equal positions are shared
    tied: bool  # shares its position with another team


def champions_ranking(
    area_ranks_by_area: Mapping[str, Mapping[int, int]],
    numbers: Mapping[int, int | None],
    tie_break_area: str = "core_values",
    by_team_number: bool = True,
) -> list[ChampionsRow]:
    """Teams ranked in every area, by the sum of their area ranks (lowest first).

    Ties go to the better rank in `tie_break_area`, then (when `by_team_number`) the lower team
    number; teams still equal share a position. A team missing any area rank is not ranked.
    """
    areas = list(area_ranks_by_area)
    teams = [t for t in numbers if all(t in area_ranks_by_area[area] for area in areas)]
    tie_ranks = area_ranks_by_area.get(tie_break_area, {})
    keys = {
        team: (
            sum(area_ranks_by_area[area][team] for area in areas),
            tie_ranks.get(team, 0),
            (numbers[team] or 0) if by_team_number else 0,
        )
        for team in teams
    }
    sharing = Counter(keys.values())
    rows: list[ChampionsRow] = []
    for team in sorted(teams, key=lambda team: (keys[team], team)):
        shares_previous = bool(rows) and keys[rows[-1].team] == keys[team]
        rows.append(
            ChampionsRow(
                team=team,
                number=numbers[team],
                ranks={area: area_ranks_by_area[area][team] for area in areas},
                total=keys[team][0],
                position=rows[-1].position if shares_previous else len(rows) + 1,
                tied=sharing[keys[team]] > 1,
            )
        )
    return rows
