"""A season's figures from the database, by aggregate queries only: counts and sums per
group, never a team or a pupil (reads only)."""

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import distinct, func, select

from challenges.awards.models import Advancement, AdvancementStatus
from challenges.events.models import Event, EventKind, EventTeam
from challenges.extensions import db
from challenges.registration.models import Team
from challenges.registration.status import TeamStatus
from challenges.reports.figures import (
    CategoryFigures,
    FinalFigures,
    ProvinceFigures,
    SchoolFigures,
    SeasonFigures,
    SeasonTotals,
    StatusCounts,
)
from challenges.reports.models import EventVisitors
from challenges.schools.models import School
from challenges.seasons.models import Category, Season
from challenges.surveys.figures import SurveyFigures
from challenges.surveys.summary import season_summary

TAKING_PART = Team.status != TeamStatus.WITHDRAWN
TICKET = Advancement.status != AdvancementStatus.DECLINED
PRIMARY = "po"


def find_season(key: str) -> Season | None:
    return db.session.scalar(select(Season).where(Season.key == key))


def programme_seasons(season: Season) -> list[Season]:
    """The programme's seasons up to and including this one, oldest first."""
    earlier = db.session.scalars(
        select(Season).where(Season.programme_id == season.programme_id).order_by(Season.name)
    )
    return [other for other in earlier if other.name <= season.name]


def season_figures(season: Season) -> SeasonFigures:
    seasons = programme_seasons(season)
    previous = seasons[-2] if len(seasons) > 1 else None
    evaluations, evaluated = _evaluations(season)
    return SeasonFigures(
        programme=season.programme.name,
        season=season.name,
        theme=season.theme,
        robot_game=season.programme.has_robot_game,
        categories=_categories(season),
        schools=_schools(season, previous),
        provinces=_provinces(season),
        finals=_finals(season),
        national_teams=_count_placed(season, EventKind.NATIONAL),
        visitors=_visitors(season),
        history=_history(seasons),
        evaluations=evaluations,
        evaluated=evaluated,
    )


def _evaluations(season: Season) -> tuple[Sequence[SurveyFigures], SurveyFigures | None]:
    """The surveys' figures (surveys.summary): per event, and the season's if one was sent."""
    summary = season_summary(season)
    return summary.events, summary.total if summary.events else None


def _per_category(statement) -> dict[int, int]:
    return {category: count for category, count in db.session.execute(statement)}


def _categories(season: Season) -> list[CategoryFigures]:
    by_status: dict[int, dict[str, int]] = defaultdict(dict)
    pupils: dict[int, int] = defaultdict(int)
    statuses = db.session.execute(
        select(Team.category_id, Team.status, func.count(), func.sum(Team.pupil_count))
        .where(Team.season_id == season.id)
        .group_by(Team.category_id, Team.status)
    )
    for category, status, count, pupil_sum in statuses:
        by_status[category][TeamStatus(status).name.lower()] = count
        if status != TeamStatus.WITHDRAWN:
            pupils[category] += pupil_sum or 0
    placed = _per_category(
        select(Team.category_id, func.count())
        .join(EventTeam, EventTeam.team_id == Team.id)
        .where(Team.season_id == season.id, EventTeam.event_kind == EventKind.REGIONAL)
        .group_by(Team.category_id)
    )
    advanced = _per_category(
        select(Team.category_id, func.count(distinct(Team.id)))
        .join(Advancement, Advancement.team_id == Team.id)
        .where(Team.season_id == season.id, TICKET)
        .group_by(Team.category_id)
    )
    names = db.session.execute(
        select(Category.id, Category.name)
        .where(Category.season_id == season.id)
        .order_by(Category.position, Category.name)
    )
    return [
        CategoryFigures(
            name,
            StatusCounts(
                **by_status[category],
                placed=placed.get(category, 0),
                advanced=advanced.get(category, 0),
                pupils=pupils[category],
            ),
        )
        for category, name in names
    ]


def _schools(season: Season, previous: Season | None) -> SchoolFigures:
    kinds = dict(
        db.session.execute(
            select(School.kind, func.count(distinct(School.id)))
            .join(Team, Team.school_id == School.id)
            .where(Team.season_id == season.id, TAKING_PART)
            .group_by(School.kind)
        ).all()
    )
    primary = kinds.pop(PRIMARY, 0)
    returning = None
    if previous is not None:
        before = select(Team.school_id).where(Team.season_id == previous.id, TAKING_PART)
        returning = db.session.scalar(
            select(func.count(distinct(Team.school_id))).where(
                Team.season_id == season.id, TAKING_PART, Team.school_id.in_(before)
            )
        )
    return SchoolFigures(primary=primary, secondary=sum(kinds.values()), returning=returning)


def _provinces(season: Season) -> list[ProvinceFigures]:
    province = func.coalesce(School.province, Team.preferred_province)
    rows = db.session.execute(
        select(
            province,
            func.count(Team.id),
            func.count(distinct(Team.school_id)),
            func.sum(Team.pupil_count),
        )
        .select_from(Team)
        .outerjoin(School, School.id == Team.school_id)
        .where(Team.season_id == season.id, TAKING_PART)
        .group_by(province)
    )
    found = [
        ProvinceFigures(name, teams, schools, pupils or 0) for name, teams, schools, pupils in rows
    ]
    return sorted(found, key=lambda row: (row.name is None, row.name or ""))


def _finals(season: Season) -> list[FinalFigures]:
    placed = (
        select(EventTeam.event_id, func.count().label("teams"))
        .where(EventTeam.event_kind == EventKind.REGIONAL)
        .group_by(EventTeam.event_id)
        .subquery()
    )
    tickets = (
        select(Advancement.from_event_id, func.count(distinct(Advancement.team_id)).label("teams"))
        .where(TICKET)
        .group_by(Advancement.from_event_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Event.name, Event.capacity, placed.c.teams, tickets.c.teams, EventVisitors.visitors)
        .outerjoin(placed, placed.c.event_id == Event.id)
        .outerjoin(tickets, tickets.c.from_event_id == Event.id)
        .outerjoin(EventVisitors, EventVisitors.event_id == Event.id)
        .where(Event.season_id == season.id, Event.kind == EventKind.REGIONAL)
        .order_by(Event.starts_on, Event.name)
    )
    return [
        FinalFigures(name, capacity, teams or 0, advanced or 0, visitors)
        for name, capacity, teams, advanced, visitors in rows
    ]


def _visitors(season: Season) -> int | None:
    """The visitors of the season's events whose visitors were entered (None: none were)."""
    return db.session.scalar(
        select(func.sum(EventVisitors.visitors))
        .join(Event, Event.id == EventVisitors.event_id)
        .where(Event.season_id == season.id)
    )


def _count_placed(season: Season, kind: EventKind) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(EventTeam)
        .join(Event, Event.id == EventTeam.event_id)
        .where(Event.season_id == season.id, EventTeam.event_kind == kind)
    )


def _per_season(statement) -> dict[int, tuple]:
    return {season_id: rest for season_id, *rest in db.session.execute(statement)}


def _history(seasons: list[Season]) -> list[SeasonTotals]:
    ids = [season.id for season in seasons]
    teams = _per_season(
        select(
            Team.season_id,
            func.count(),
            func.sum(Team.pupil_count).filter(TAKING_PART),
            func.count(distinct(Team.school_id)).filter(TAKING_PART),
        )
        .where(Team.season_id.in_(ids))
        .group_by(Team.season_id)
    )
    placed = _per_season(
        select(Team.season_id, func.count())
        .join(EventTeam, EventTeam.team_id == Team.id)
        .where(Team.season_id.in_(ids), EventTeam.event_kind == EventKind.REGIONAL)
        .group_by(Team.season_id)
    )
    advanced = _per_season(
        select(Team.season_id, func.count(distinct(Team.id)))
        .join(Advancement, Advancement.team_id == Team.id)
        .where(Team.season_id.in_(ids), TICKET)
        .group_by(Team.season_id)
    )
    return [
        SeasonTotals(
            season.name,
            *(value or 0 for value in teams.get(season.id, (0, 0, 0))),
            placed=placed.get(season.id, (0,))[0],
            advanced=advanced.get(season.id, (0,))[0],
        )
        for season in seasons
    ]
