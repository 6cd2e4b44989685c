"""Award decisions of the judge advisor."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from challenges.database import utcnow
from challenges.extensions import db
from challenges.registration.models import Team


class AwardWinner(db.Model):
    """A place of an award given by the judge advisor at an event (per category)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="CASCADE"))
    award: Mapped[str] = mapped_column(String(40))
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    place: Mapped[int] = mapped_column(default=1)
    reason: Mapped[str] = mapped_column(String(300))
    override_reason: Mapped[str | None] = mapped_column(String(300))  # one-award rule lifted
    decided_by: Mapped[str] = mapped_column(String(120))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)

    team: Mapped[Team] = relationship()
