"""What a tablet sent that the server refused because of the match's or team's state."""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from challenges.database import str_enum, utcnow
from challenges.extensions import db
from challenges.registration.models import Team


class Kind(enum.StrEnum):
    SHEET = "sheet"  # for the head referee
    RUBRIC = "rubric"  # for the judge advisor


class Outcome(enum.StrEnum):
    ACCEPTED = "accepted"
    SET_ASIDE = "set_aside"


class RefusedItem(db.Model):
    """A sheet or rubric as the tablet sent it, with the reason it was refused, kept until the
    head referee or judge advisor decides. One row per client key and kind."""

    __table_args__ = (UniqueConstraint("kind", "client_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    kind: Mapped[Kind] = mapped_column(str_enum(Kind))
    client_key: Mapped[str] = mapped_column(String(64))
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    sent_by: Mapped[str] = mapped_column(String(120))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(String(300))
    reason_language: Mapped[str | None] = mapped_column(String(8))  # the sender's; None: unknown
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    outcome: Mapped[Outcome | None] = mapped_column(str_enum(Outcome))
    decided_by: Mapped[str | None] = mapped_column(String(120))
    decided_at: Mapped[datetime | None]

    team: Mapped[Team] = relationship()
