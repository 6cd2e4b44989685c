"""Programmes (FLL Challenge, Vakkanjers, ...), their seasons and categories: data, not code."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from challenges.extensions import db


class Programme(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    has_robot_game: Mapped[bool] = mapped_column(default=False)
    numbers_teams: Mapped[bool] = mapped_column(default=False)
    allows_clubs: Mapped[bool] = mapped_column(default=False)  # out-of-school teams

    seasons: Mapped[list["Season"]] = relationship(back_populates="programme")


class Season(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    key: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    theme: Mapped[str] = mapped_column(String(160))
    client: Mapped[str | None] = mapped_column(String(160))
    design_questions: Mapped[str | None] = mapped_column(Text)
    registration_opens_at: Mapped[datetime | None]
    registration_closes_at: Mapped[datetime | None]
    robot_game_key: Mapped[str | None] = mapped_column(String(60))
    rubric_set_key: Mapped[str | None] = mapped_column(String(60))
    published: Mapped[bool] = mapped_column(default=False)

    programme: Mapped[Programme] = relationship(back_populates="seasons")
    categories: Mapped[list["Category"]] = relationship(
        back_populates="season", order_by="Category.position", cascade="all, delete-orphan"
    )

    def __str__(self) -> str:
        return f"{self.programme.name} {self.name} — {self.theme}"


class Category(db.Model):
    __table_args__ = (UniqueConstraint("season_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("season.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    team_size_min: Mapped[int] = mapped_column(default=2)
    team_size_max: Mapped[int] = mapped_column(default=6)
    # School years on one scale: groep 1-8 are 1-8, klas 1-6 of secondary school are 9-14.
    school_year_min: Mapped[int | None]
    school_year_max: Mapped[int | None]
    # Secondary levels this category is meant for ("vmbo", "havo", "vwo"), comma-separated;
    # empty means any level.
    levels: Mapped[str | None] = mapped_column(String(60))

    season: Mapped[Season] = relationship(back_populates="categories")
