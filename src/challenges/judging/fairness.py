"""Judge statistics, per-judge normalisation and agreement (pure). See docs/judging.md.

Normalisation: each judge's scores become z-scores, z = (x - judge's mean) / judge's spread
(sample standard deviation; 0 when all their scores are equal); a team's z-scores are
averaged and mapped back onto the rubric scale as overall mean + z * overall spread. It is
applied only when every judge scored at least `minimum_teams` teams; otherwise the raw
scores stand and the reason says why. Raw scores are always kept beside it.

Agreement: Krippendorff's alpha for ordinal data over the rubric rows (units are a team's
row, values the judges' levels; "not judged" is missing), computed by the `krippendorff`
package. At least 0.8 is good, at least 0.667 tentative.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean, stdev

import krippendorff
import numpy

DEFAULT_MINIMUM_TEAMS = 5
GOOD_ALPHA = 0.8
TENTATIVE_ALPHA = 0.667


@dataclass(frozen=True)
class Score:
    judge: int
    team: int
    value: float


@dataclass(frozen=True)
class JudgeStats:
    judge: int
    count: int
    mean: float
    spread: float  # sample standard deviation, 0 with fewer than two scores


@dataclass(frozen=True)
class Normalisation:
    applied: bool
    reason: str  # applied, no_scores, too_few_teams
    judges: dict[int, JudgeStats]
    raw: dict[int, float]  # team -> mean raw score
    normalised: dict[int, float] = field(default_factory=dict)  # empty unless applied
    short_judges: tuple[int, ...] = ()  # judges below the minimum

    def score(self, team: int) -> float:
        return self.normalised[team] if self.applied else self.raw[team]


def judge_stats(scores: Sequence[Score]) -> dict[int, JudgeStats]:
    by_judge: dict[int, list[float]] = {}
    for score in scores:
        by_judge.setdefault(score.judge, []).append(score.value)
    return {
        judge: JudgeStats(
            judge, len(values), fmean(values), stdev(values) if len(values) > 1 else 0.0
        )
        for judge, values in by_judge.items()
    }


def _team_means(values: Sequence[tuple[int, float]]) -> dict[int, float]:
    by_team: dict[int, list[float]] = {}
    for team, value in values:
        by_team.setdefault(team, []).append(value)
    return {team: fmean(found) for team, found in by_team.items()}


def normalise(scores: Sequence[Score], minimum_teams: int = DEFAULT_MINIMUM_TEAMS) -> Normalisation:
    judges = judge_stats(scores)
    raw = {
        team: round(mean, 2)
        for team, mean in _team_means([(score.team, score.value) for score in scores]).items()
    }
    if not scores:
        return Normalisation(False, "no_scores", judges, raw)
    short = tuple(sorted(j for j, stats in judges.items() if stats.count < minimum_teams))
    if short:
        return Normalisation(False, "too_few_teams", judges, raw, short_judges=short)
    values = [score.value for score in scores]
    overall_mean = fmean(values)
    overall_spread = stdev(values) if len(values) > 1 else 0.0

    def z(score: Score) -> float:
        stats = judges[score.judge]
        return (score.value - stats.mean) / stats.spread if stats.spread else 0.0

    z_means = _team_means([(score.team, z(score)) for score in scores])
    normalised = {
        team: round(overall_mean + z_mean * overall_spread, 2) for team, z_mean in z_means.items()
    }
    return Normalisation(True, "applied", judges, raw, normalised)


def ordinal_alpha(ratings: Mapping[int, Mapping[str, int | None]]) -> float | None:
    """Krippendorff's alpha (ordinal) of judge -> unit -> level; None when it is undefined
    (fewer than two judges rating one unit, or every rating the same)."""
    units = sorted({unit for given in ratings.values() for unit in given})
    matrix = [
        [numpy.nan if given.get(unit) is None else float(given[unit]) for unit in units]
        for given in ratings.values()
    ]
    pairable = sum(
        sum(row[index] == row[index] for row in matrix) >= 2 for index in range(len(units))
    )
    if not pairable:
        return None
    data = numpy.array(matrix, dtype=float)
    if len(numpy.unique(data[~numpy.isnan(data)])) < 2:
        return None
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal"))


def agreement_level(alpha: float | None) -> str:
    """good (at least 0.8), tentative (at least 0.667), low, or undefined."""
    if alpha is None:
        return "undefined"
    if alpha >= GOOD_ALPHA:
        return "good"
    return "tentative" if alpha >= TENTATIVE_ALPHA else "low"
