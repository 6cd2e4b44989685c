"""Organisers' weights and wordings of rubric rows per season and category, locked once the
season's first rubric is submitted. Never commits."""

from flask_babel import gettext as _
from sqlalchemy import exists, select

from challenges.errors import DomainError
from challenges.events.models import Event
from challenges.extensions import db
from challenges.judging.models import RubricAdjustment, RubricEntry, RubricStatus
from challenges.judging.rubrics import RubricSet, UnknownRubricSet, adjusted, load
from challenges.seasons.models import Category, Season

MAX_WEIGHT = 10.0
TITLE_LENGTH = 120


def base_set(season: Season) -> RubricSet:
    try:
        return load(season.rubric_set_key or "")
    except UnknownRubricSet:
        raise DomainError(_("This season has no rubrics.")) from None


def changes_for(season: Season, category_id: int) -> dict[str, tuple[float, dict[str, str]]]:
    found = db.session.scalars(
        select(RubricAdjustment).where(
            RubricAdjustment.season_id == season.id, RubricAdjustment.category_id == category_id
        )
    )
    return {
        change.row: (
            change.weight,
            {
                lang: text
                for lang, text in (("nl", change.title_nl), ("en", change.title_en))
                if text
            },
        )
        for change in found
    }


def rubric_set_for(season: Season, category_id: int) -> RubricSet:
    """The season's rubrics as the category's jury uses them."""
    return adjusted(base_set(season), changes_for(season, category_id))


def scoring_started(season: Season) -> bool:
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    RubricEntry.event_id == Event.id,
                    Event.season_id == season.id,
                    RubricEntry.status == RubricStatus.SUBMITTED,
                )
            )
        )
    )


def save(season: Season, category: Category, given: dict[str, tuple[str, str, str]]) -> None:
    """given: row id -> (weight, Dutch title, English title) as typed; empty titles keep the
    rubric's own wording. Refused as a whole on any problem."""
    if scoring_started(season):
        raise DomainError(
            _("Judging has started in this season: the rubric can no longer change.")
            if season.programme.has_robot_game
            else _("Judging has started in this season: the jury form can no longer change."),
            status=409,
        )
    if category.season_id != season.id:
        raise DomainError(_("This category belongs to another season."), status=404)
    rows = {row.id: row for rubric in base_set(season).rubrics for row in rubric.rows}
    changes = []
    for row_id, (weight_text, title_nl, title_en) in given.items():
        if row_id not in rows:
            raise DomainError(_("This row is not part of the rubric."), row_id)
        try:
            weight = float(weight_text.replace(",", "."))
        except ValueError:
            weight = -1.0
        if not 0 < weight <= MAX_WEIGHT:
            raise DomainError(
                _("A weight is a number above 0 and at most %(max)d.", max=MAX_WEIGHT), row_id
            )
        if max(len(title_nl.strip()), len(title_en.strip())) > TITLE_LENGTH:
            raise DomainError(_("At most %(max)d characters.", max=TITLE_LENGTH), row_id)
        changes.append(
            RubricAdjustment(
                season_id=season.id,
                category_id=category.id,
                row=row_id,
                weight=weight,
                title_nl=title_nl.strip() or None,
                title_en=title_en.strip() or None,
            )
        )
    for old in db.session.scalars(
        select(RubricAdjustment).where(
            RubricAdjustment.season_id == season.id, RubricAdjustment.category_id == category.id
        )
    ):
        db.session.delete(old)
    db.session.flush()
    db.session.add_all(changes)
