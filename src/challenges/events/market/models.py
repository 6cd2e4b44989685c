"""A Vakkanjers Markt's stored jury round plan: when the rounds run and who visits which stand."""

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from challenges.database import utcnow
from challenges.extensions import db


class MarketPlan(db.Model):
    """A Vakkanjers Markt's jury rounds, fixed when the market starts: round n runs from
    `starts_at` + (n - 1) x `round_minutes`. Only making it again changes it (`version`)."""

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    starts_at: Mapped[datetime]
    round_minutes: Mapped[int]
    version: Mapped[int] = mapped_column(default=1)
    made_at: Mapped[datetime] = mapped_column(default=utcnow)
    made_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))


class PlannedVisit(db.Model):
    """In a round of the market plan, a juror visits one stand (the team, whatever its number)."""

    event_id: Mapped[int] = mapped_column(
        ForeignKey("market_plan.event_id", ondelete="CASCADE"), primary_key=True
    )
    round: Mapped[int] = mapped_column(primary_key=True)
    judge_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
