"""Referee sheets (append-only versions), the scoreboard's frozen state and closed rounds."""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from challenges.database import str_enum, unique_where, utcnow
from challenges.extensions import db
from challenges.registration.models import Team


class SheetStatus(enum.StrEnum):
    SUBMITTED = "submitted"  # waits for the head referee
    VERIFIED = "verified"  # counts for the ranking and public screens
    REJECTED = "rejected"  # with a reason; kept
    VOID = "void"  # the match is re-run; kept


class ScoreSheet(db.Model):
    """One version of one referee's sheet for one match; never changed, only reviewed.

    An edit is a new row that supersedes the old one (`current` moves to the new row). Team,
    round and table are copied from the match, so a sheet outlives a regenerated schedule.
    """

    __table_args__ = (
        Index("ix_score_sheet_match", "event_id", "team_id", "round_kind", "round"),
        # The database itself refuses a forked history: one newer version per version, and
        # one current verified score per team and round.
        Index("uq_score_sheet_supersedes_id", "supersedes_id", unique=True),
        unique_where(
            "uq_score_sheet_one_verified",
            ("event_id", "team_id", "round_kind", "round"),
            "\"current\" AND status = 'verified'",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_key: Mapped[str] = mapped_column(String(64), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    match_id: Mapped[int | None] = mapped_column(
        ForeignKey("schedule_entry.id", ondelete="SET NULL")
    )
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    round_kind: Mapped[str] = mapped_column(String(20))  # practice, ranking
    round: Mapped[int]
    table: Mapped[str] = mapped_column(String(40))
    season_key: Mapped[str] = mapped_column(String(60))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    score: Mapped[int]
    gp: Mapped[int | None]
    no_show: Mapped[bool] = mapped_column(default=False)
    referee_name: Mapped[str] = mapped_column(String(120))
    team_confirmation: Mapped[str] = mapped_column(String(40), default="")
    version: Mapped[int] = mapped_column(default=1)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("score_sheet.id"))
    current: Mapped[bool] = mapped_column(default=True)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    device_time: Mapped[datetime | None]  # what the tablet's clock said
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[SheetStatus] = mapped_column(
        str_enum(SheetStatus), default=SheetStatus.SUBMITTED
    )
    reviewed_by: Mapped[str | None] = mapped_column(String(120))
    reviewed_at: Mapped[datetime | None]
    review_reason: Mapped[str | None] = mapped_column(String(300))

    team: Mapped[Team] = relationship()

    @property
    def match_key(self) -> tuple[int, str, int]:
        return (self.team_id, self.round_kind, self.round)


class ScoreboardState(db.Model):
    """A frozen public scoreboard shows the standings as they were when it was frozen."""

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    frozen_at: Mapped[datetime | None]
    frozen_by: Mapped[str | None] = mapped_column(String(120))
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ClosedRound(db.Model):
    """A round the head referee has closed: referees can no longer submit sheets for it."""

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    round_kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    round: Mapped[int] = mapped_column(primary_key=True)
    closed_by: Mapped[str] = mapped_column(String(120))
    closed_at: Mapped[datetime] = mapped_column(default=utcnow)
