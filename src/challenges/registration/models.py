"""Teams registered for a season."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from challenges.database import utcnow
from challenges.extensions import db
from challenges.schools.models import School
from challenges.seasons.models import Category, Season


class Team(db.Model):
    __table_args__ = (UniqueConstraint("season_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("season.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"))
    name: Mapped[str] = mapped_column(String(80))
    number: Mapped[int | None]  # FLL team number, unique per season
    town: Mapped[str | None] = mapped_column(String(100))  # out-of-school (club) teams
    pupil_count: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), default="registered")
    registered_at: Mapped[datetime] = mapped_column(default=utcnow)

    season: Mapped[Season] = relationship()
    category: Mapped[Category] = relationship()
    school: Mapped[School | None] = relationship()
