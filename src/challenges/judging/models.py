"""Judges in rooms and the rubrics they fill (every submitted version kept)."""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from challenges.database import str_enum, unique_where, utcnow
from challenges.extensions import db
from challenges.registration.models import Team


class PanelMember(db.Model):
    """A judge sits in one judging room (a panel) of an event."""

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    room: Mapped[str] = mapped_column(String(40))  # as in the schedule: "room 2"


class RubricStatus(enum.StrEnum):
    DRAFT = "draft"  # saved while filling in; not a score
    SUBMITTED = "submitted"  # a judge's score
    WITHDRAWN = "withdrawn"  # a submission taken back (filed for the wrong team): not counted


class RubricEntry(db.Model):
    """One judge's rubric for one team: a draft, or a submitted version (never changed).

    Submitting again after a submission adds a version that supersedes the previous one
    (`current` moves); the raw scores of every version are kept. Withdrawing a submission adds
    a withdrawn version with the reason, which counts nowhere.
    """

    __table_args__ = (
        Index("ix_rubric_entry_team", "event_id", "team_id", "rubric"),
        # One current rubric per judge, team and rubric, and one newer version per version.
        Index("uq_rubric_entry_supersedes_id", "supersedes_id", unique=True),
        unique_where(
            "uq_rubric_entry_one_current",
            ("event_id", "team_id", "judge_id", "rubric"),
            '"current"',
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_key: Mapped[str] = mapped_column(String(64), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    judge_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    judge_name: Mapped[str] = mapped_column(String(120))
    rubric_set_key: Mapped[str] = mapped_column(String(60))
    rubric: Mapped[str] = mapped_column(String(40))
    levels: Mapped[dict[str, Any]] = mapped_column(JSON)  # row -> 1..4, or null: not judged
    notes: Mapped[dict[str, Any]] = mapped_column(JSON)  # row -> why Exceeds
    went_well: Mapped[str] = mapped_column(Text, default="")
    think_about: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[RubricStatus] = mapped_column(str_enum(RubricStatus))
    version: Mapped[int] = mapped_column(default=1)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("rubric_entry.id"))
    current: Mapped[bool] = mapped_column(default=True)
    device_time: Mapped[datetime | None]
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    team: Mapped[Team] = relationship()


class ClaimEnd(enum.StrEnum):
    """Why a stand claim ended: only the juror's own give-back (or away report) can be undone."""

    GIVEN_BACK = "given_back"  # the juror gave the stand back without judging it
    AWAY = "away"  # the juror reported the team away from its stand
    JUDGED = "judged"  # the juror submitted the stand's jury form
    FREED = "freed"  # the judge advisor freed the stand for the juror


class StandClaim(db.Model):
    """A juror on the way to (or at) a market stand; released when judged, given back, the team
    is away or the judge advisor frees it (`ended` says which). An open claim blocks the stand
    for other jurors until it is released (no timeout: a visit takes as long as it takes).
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    judge_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
    released_at: Mapped[datetime | None]
    ended: Mapped[ClaimEnd | None] = mapped_column(str_enum(ClaimEnd))

    team: Mapped[Team] = relationship()


class RubricAdjustment(db.Model):
    """An organiser's weight or wording of one rubric row for one season and category.

    Locked once the first rubric of the season is submitted.
    """

    season_id: Mapped[int] = mapped_column(
        ForeignKey("season.id", ondelete="CASCADE"), primary_key=True
    )
    category_id: Mapped[int] = mapped_column(
        ForeignKey("category.id", ondelete="CASCADE"), primary_key=True
    )
    row: Mapped[str] = mapped_column(String(60), primary_key=True)
    weight: Mapped[float] = mapped_column(default=1.0)
    title_nl: Mapped[str | None] = mapped_column(String(120))
    title_en: Mapped[str | None] = mapped_column(String(120))
