"""Programmes, seasons and categories: change and log, never commit."""

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import func, select

from challenges.errors import DomainError
from challenges.extensions import db
from challenges.seasons import rules
from challenges.seasons.models import Category, Programme, Season

log = logging.getLogger(__name__)
# What keeps a category in use: registration builds on seasons, so it names how to count a
# category's teams when the app starts (`count_category_teams_with`).
_team_counters: list[Callable[[Category], int]] = []
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SEASON_FIELDS = (
    "key",
    "name",
    "theme",
    "client",
    "design_questions",
    "robot_game_key",
    "rubric_set_key",
    "published",
)
CATEGORY_FIELDS = (
    "name",
    "description",
    "team_size_min",
    "team_size_max",
    "school_year_min",
    "school_year_max",
    "levels",
)


def from_amsterdam(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=AMSTERDAM).astimezone(UTC) if moment else None


def to_amsterdam(moment: datetime | None) -> datetime | None:
    return moment.astimezone(AMSTERDAM).replace(tzinfo=None) if moment else None


def ensure_free_key(model: type, key: str, current_id: int | None = None) -> None:
    with db.session.no_autoflush:  # the new object is not complete yet
        taken = db.session.scalar(
            select(model.id).where(model.key == key, model.id != (current_id or -1))
        )
    if taken:
        raise DomainError(_("This key is already in use."), field="key")


def create_programme(values: dict[str, Any]) -> Programme:
    ensure_free_key(Programme, values["key"])
    programme = Programme(**values)
    db.session.add(programme)
    db.session.flush()
    log.info("Programme %s created", programme.key)
    return programme


def save_season(season: Season, values: dict[str, Any]) -> None:
    ensure_free_key(Season, values["key"], season.id)
    for name in SEASON_FIELDS:
        setattr(season, name, values[name] if values[name] != "" else None)
    season.registration_opens_at = from_amsterdam(values["registration_opens_at"])
    season.registration_closes_at = from_amsterdam(values["registration_closes_at"])
    db.session.add(season)
    db.session.flush()


def save_category(category: Category, values: dict[str, Any]) -> None:
    with db.session.no_autoflush:
        clash = db.session.scalar(
            select(Category.id).where(
                Category.season_id == category.season_id,
                func.lower(Category.name) == values["name"].strip().lower(),
                Category.id != (category.id or -1),
            )
        )
    if clash:
        raise DomainError(_("This season already has a category with this name."), field="name")
    for name in CATEGORY_FIELDS:
        setattr(category, name, values[name] if values[name] != "" else None)
    db.session.add(category)
    db.session.flush()


def count_category_teams_with(*counters: Callable[[Category], int]) -> None:
    """Name the functions that count the teams registered in a category."""
    _team_counters[:] = counters


def remove_category(category: Category) -> None:
    used = sum(count(category) for count in _team_counters)
    if used:
        raise DomainError(
            _(
                "%(count)d team(s) are registered in this category; it cannot be removed.",
                count=used,
            ),
            status=409,
        )
    db.session.delete(category)


def copy_season(season: Season) -> Season:
    """Next year's season with the same categories, unpublished, its window a year later."""
    key = rules.next_school_year(season.key)
    with db.session.no_autoflush:
        if db.session.scalar(select(Season.id).where(Season.key == key)):
            raise DomainError(_("Next year's season exists already."), status=409)
    copy = Season(
        programme_id=season.programme_id,
        key=key,
        name=rules.next_school_year(season.name),
        theme=_("(new theme)"),
        client=None,
        design_questions=None,
        registration_opens_at=rules.a_year_later(season.registration_opens_at),
        registration_closes_at=rules.a_year_later(season.registration_closes_at),
        robot_game_key=None,
        rubric_set_key=season.rubric_set_key,
        published=False,
    )
    for category in season.categories:
        copy.categories.append(
            Category(
                position=category.position,
                **{name: getattr(category, name) for name in CATEGORY_FIELDS},
            )
        )
    db.session.add(copy)
    db.session.flush()
    log.info("Season %s copied to %s", season.key, copy.key)
    return copy
