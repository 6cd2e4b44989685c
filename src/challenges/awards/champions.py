"""The Champion's ranking (pure): teams ranked in every area by the sum of their area ranks,
with the tie-breakers. See docs/judging.md."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass


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
