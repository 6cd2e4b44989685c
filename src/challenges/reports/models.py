"""What the event manager estimates about an event for the season report."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from challenges.database import utcnow
from challenges.extensions import db


class EventVisitors(db.Model):
    """The number of visitors of an event, an estimate with a note (no row: not known yet)."""

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    visitors: Mapped[int | None]
    note: Mapped[str | None] = mapped_column(String(300))
    entered_by: Mapped[str] = mapped_column(String(120))
    entered_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
