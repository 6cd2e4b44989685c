"""What organisers see of the registrations: filters, counts and export rows (reads only)."""

from collections import Counter
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from challenges.extensions import db
from challenges.inputs import parse_id
from challenges.registration.models import AuditEntry, Team, status_label
from challenges.registration.status import TeamStatus
from challenges.schools.models import School
from challenges.seasons.models import Category, Programme, Season

AUDIT_PAGE = 200


@dataclass(frozen=True)
class Filters:
    season: int | None = None
    programme: int | None = None
    category: int | None = None
    province: str | None = None
    status: str | None = None
    school: int | None = None
    q: str | None = None

    @classmethod
    def from_args(cls, args: Any) -> "Filters":
        def number(name: str) -> int | None:
            return args.get(name, type=parse_id)

        status = args.get("status")
        return cls(
            season=number("season"),
            programme=number("programme"),
            category=number("category"),
            province=(args.get("province") or None),
            status=status if status in set(TeamStatus) else None,
            school=number("school"),
            q=(args.get("q") or "").strip()[:100] or None,
        )

    def as_args(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def province_of(team: Team) -> str | None:
    return team.school.province if team.school else team.preferred_province


def query(filters: Filters) -> Select:
    statement = (
        select(Team)
        .join(Team.season)
        .outerjoin(Team.school)
        .options(
            joinedload(Team.school),
            joinedload(Team.category),
            joinedload(Team.season).joinedload(Season.programme),
            selectinload(Team.coaches),
        )
        .order_by(Season.key.desc(), Team.name)
    )
    conditions = {
        "season": Team.season_id == filters.season,
        "programme": Season.programme_id == filters.programme,
        "category": Team.category_id == filters.category,
        "status": Team.status == filters.status,
        "school": Team.school_id == filters.school,
        "province": or_(
            School.province == filters.province, Team.preferred_province == filters.province
        ),
    }
    for name, condition in conditions.items():
        if getattr(filters, name):
            statement = statement.where(condition)
    if filters.q:
        pattern = f"%{filters.q.lower()}%"
        statement = statement.where(
            or_(
                func.lower(Team.name).like(pattern),
                func.lower(School.name).like(pattern),
                func.lower(func.coalesce(School.town, Team.town)).like(pattern),
            )
        )
    return statement


def filtered_teams(filters: Filters) -> list[Team]:
    return list(db.session.scalars(query(filters)).unique())


def counts(teams: list[Team]) -> tuple[Counter, Counter]:
    """Teams per category and per province, leaving withdrawn teams out."""
    active = [team for team in teams if team.status is not TeamStatus.WITHDRAWN]
    by_category = Counter(
        f"{t.season.programme.name} {t.season.name} · {t.category.name}" for t in active
    )
    by_province = Counter(province_of(team) or "—" for team in active)
    return by_category, by_province


EXPORT_COLUMNS = (
    "team number",
    "team",
    "status",
    "programme",
    "season",
    "category",
    "school",
    "vestigingscode",
    "town",
    "province",
    "pupils",
    "coaches",
    "coach e-mail addresses",
    "first choice",
    "second choice",
    "registered at",
)


def export_rows(teams: list[Team]) -> list[list[Any]]:
    return [
        [
            team.number,
            team.name,
            status_label(team.status),
            team.season.programme.name,
            team.season.name,
            team.category.name,
            team.school.name if team.school else "",
            team.school.vestigingscode if team.school else "",
            team.school.town if team.school else team.town,
            province_of(team) or "",
            team.pupil_count,
            ", ".join(c.name for c in team.coaches),
            ", ".join(c.email for c in team.coaches),
            team.first_choice.name if team.first_choice else "",
            team.second_choice.name if team.second_choice else "",
            team.registered_at.strftime("%Y-%m-%d %H:%M"),
        ]
        for team in teams
    ]


def coach_addresses(teams: list[Team]) -> list[str]:
    return sorted({coach.email for team in teams for coach in team.coaches})


def audit_trail(team_id: int | None = None) -> list[AuditEntry]:
    statement = (
        select(AuditEntry)
        .options(joinedload(AuditEntry.user))
        .order_by(AuditEntry.id.desc())
        .limit(AUDIT_PAGE)
    )
    if team_id:
        statement = statement.where(AuditEntry.subject == "team", AuditEntry.subject_id == team_id)
    return list(db.session.scalars(statement))


def filter_choices() -> dict[str, list]:
    categories = select(Category).options(joinedload(Category.season))
    return {
        "seasons": list(db.session.scalars(select(Season).order_by(Season.key.desc()))),
        "programmes": list(db.session.scalars(select(Programme).order_by(Programme.name))),
        "categories": list(
            db.session.scalars(categories.order_by(Category.season_id, Category.position))
        ),
    }
