"""An event's judged results per category: area scores, area ranks and the Champion's ranking.

Only submitted rubrics count; no-shows are left out. Scores are raw (`scoring.py`); the
normalised score per rubric is computed beside them for the judge advisor (`fairness.py`).
Teams are only ever compared within one event and one category.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from challenges.awards.champions import ChampionsRow, champions_ranking
from challenges.events.models import Attendance, Event, EventTeam
from challenges.extensions import db
from challenges.judging import adjustments, entries
from challenges.judging.fairness import DEFAULT_MINIMUM_TEAMS, Normalisation, Score, normalise
from challenges.judging.models import RubricEntry, RubricStatus
from challenges.judging.rubrics import RubricSet
from challenges.judging.scoring import (
    CORE_VALUES,
    ROBOT_GAME,
    area_ranks,
    gracious_professionalism,
    weighted_score,
)
from challenges.registration.models import Team
from challenges.robot_game import standings
from challenges.robot_game.ranking import rank
from challenges.seasons.models import Category


@dataclass
class CategoryResults:
    category: Category
    teams: dict[int, Team]
    areas: list[str]
    scores: dict[str, dict[int, float | None]]  # area -> team -> raw score (robot game: best)
    ranks: dict[str, dict[int, int]]  # area -> team -> area rank
    ranking: list[ChampionsRow]
    unranked: list[Team] = field(default_factory=list)  # missing a judged area or the robot game


@dataclass
class EventResults:
    rubric_set: RubricSet
    categories: list[CategoryResults]
    normalisations: dict[str, Normalisation]  # rubric -> per-judge normalisation (event-wide)
    gp_counted: bool


def submitted(event: Event) -> list[RubricEntry]:
    return list(
        db.session.scalars(
            select(RubricEntry).where(
                RubricEntry.event_id == event.id,
                RubricEntry.current.is_(True),
                RubricEntry.status == RubricStatus.SUBMITTED,
            )
        )
    )


def present_teams(event: Event) -> list[Team]:
    return list(
        db.session.scalars(
            select(Team)
            .join(EventTeam, EventTeam.team_id == Team.id)
            .where(EventTeam.event_id == event.id, EventTeam.attendance != Attendance.NO_SHOW)
            .order_by(Team.number, Team.name)
        )
    )


def judge_scores(rubric_set: RubricSet, rubric_id: str, found: list[RubricEntry]) -> list[Score]:
    """Each judge's own weighted score per team for one rubric."""
    rows = rubric_set.rubric(rubric_id).rows
    scores = []
    for entry in found:
        if entry.rubric != rubric_id or entry.judge_id is None:
            continue
        value = weighted_score(rows, [entry.levels])
        if value is not None:
            scores.append(Score(entry.judge_id, entry.team_id, value))
    return scores


def event_results(event: Event) -> EventResults:
    """Per category the area scores and ranks; the judged areas use normalised scores only
    when the event says so and every judge scored enough teams."""
    rubric_set = entries.rubric_set_of(event)
    found = submitted(event)
    minimum = event.normalise_min_teams or DEFAULT_MINIMUM_TEAMS
    normalisations = {
        rubric_id: normalise(judge_scores(rubric_set, rubric_id, found), minimum)
        for rubric_id in rubric_set.rubric_ids
    }
    sheets: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for entry in found:
        sheets[entry.team_id][entry.rubric].append(entry.levels)
    has_robot_game = event.season.programme.has_robot_game
    scores, ratings, rounds = standings.ranking_rounds(event) if has_robot_game else ({}, {}, 0)
    by_category: dict[int, list[Team]] = defaultdict(list)
    for team in present_teams(event):
        by_category[team.category_id].append(team)
    categories = []
    for teams in by_category.values():
        category_set = adjustments.rubric_set_for(event.season, teams[0].category_id)
        area_scores = _area_scores(category_set, teams, sheets, ratings, rounds)
        if event.normalised_ranks:
            _use_normalised(area_scores, normalisations)
        robot_game_ranks = {}
        if has_robot_game:
            standing = rank({team.id: scores.get(team.id, []) for team in teams}, rounds)
            ranked = [s for s in standing if s.rank is not None]
            area_scores[ROBOT_GAME] = {s.team: s.best for s in ranked}
            robot_game_ranks = {ROBOT_GAME: {s.team: s.rank for s in ranked}}
        categories.append(_rank(teams, area_scores, robot_game_ranks))
    categories.sort(key=lambda results: results.category.position)
    return EventResults(
        rubric_set, categories, normalisations, rubric_set.counts_gracious_professionalism
    )


def _use_normalised(
    scores: dict[str, dict[int, float | None]], normalisations: dict[str, Normalisation]
) -> None:
    for rubric_id, normalisation in normalisations.items():
        if normalisation.applied:
            by_team = scores[rubric_id]
            for team in by_team:
                by_team[team] = normalisation.normalised.get(team, by_team[team])


def _area_scores(
    rubric_set: RubricSet,
    teams: list[Team],
    sheets: dict[int, dict[str, list]],
    ratings: dict[int, list],
    rounds: int,
) -> dict[str, dict[int, float | None]]:
    scores: dict[str, dict[int, float | None]] = {}
    for rubric in rubric_set.rubrics:
        scores[rubric.id] = {
            team.id: weighted_score(rubric.rows, sheets[team.id][rubric.id]) for team in teams
        }
    if rubric_set.has_core_values:
        core = rubric_set.core_value_rows()
        scores[CORE_VALUES] = {}
        for team in teams:
            every_sheet = [levels for found in sheets[team.id].values() for levels in found]
            value = weighted_score(core, every_sheet)
            if value is not None and rubric_set.counts_gracious_professionalism:
                value += gracious_professionalism(ratings.get(team.id, []), rounds)
            scores[CORE_VALUES][team.id] = value
    return scores


def _rank(
    teams: list[Team],
    scores: dict[str, dict[int, float | None]],
    ranked_elsewhere: dict[str, dict[int, int]],
) -> CategoryResults:
    """Area ranks from the scores, except areas ranked by their own rules (the robot game:
    best score, then second and third best)."""
    ranks = {area: area_ranks(by_team) for area, by_team in scores.items()} | ranked_elsewhere
    numbers = {team.id: team.number for team in teams}
    ranking = champions_ranking(ranks, numbers, tie_break_area=CORE_VALUES)
    ranked = {row.team for row in ranking}
    return CategoryResults(
        category=teams[0].category,
        teams={team.id: team for team in teams},
        areas=list(scores),
        scores=scores,
        ranks=ranks,
        ranking=ranking,
        unranked=[team for team in teams if team.id not in ranked],
    )
