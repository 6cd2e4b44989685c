"""Regional and national finals."""

import enum
from datetime import date, datetime, time

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from challenges.database import str_enum, utcnow
from challenges.extensions import db
from challenges.seasons.models import Season


class EventKind(enum.StrEnum):
    REGIONAL = "regional"
    NATIONAL = "national"


class Event(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("season.id"))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[EventKind] = mapped_column(str_enum(EventKind))
    name: Mapped[str] = mapped_column(String(160))
    venue: Mapped[str | None] = mapped_column(String(160))
    address: Mapped[str | None] = mapped_column(String(200))
    town: Mapped[str | None] = mapped_column(String(100))
    host: Mapped[str | None] = mapped_column(String(160))  # the regional partner
    starts_on: Mapped[date]
    start_time: Mapped[time | None]
    end_time: Mapped[time | None]
    capacity: Mapped[int | None]
    tables: Mapped[int | None]  # robot-game tables (FLL)
    rooms: Mapped[int | None]  # judging rooms or panels
    # The least minutes a team has between two robot-game matches, and between judging and a
    # match, as chosen when the schedule was last made (None: generator.Gaps' defaults).
    match_gap: Mapped[int | None]
    judging_gap: Mapped[int | None]
    published: Mapped[bool] = mapped_column(default=False)
    feeds_into_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"))
    results_published_at: Mapped[datetime | None]  # results pages and coaches' feedback
    public_vote_open: Mapped[bool] = mapped_column(default=False)  # the public prize
    # Judging: per-judge normalisation from this many teams per judge (None: the default, 5);
    # whether the judged areas are ranked by normalised scores (raw sums otherwise).
    normalise_min_teams: Mapped[int | None]
    normalised_ranks: Mapped[bool] = mapped_column(default=False)
    # One more whenever something the public scoreboard shows changes (a verified score,
    # freeze, publication, a team's name): its caches and ETags are keyed by it.
    scoreboard_version: Mapped[int] = mapped_column(default=0, server_default="0")

    season: Mapped[Season] = relationship()
    feeds_into: Mapped["Event | None"] = relationship(remote_side=[id])
    quotas: Mapped[list["AdvancementQuota"]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )

    def __str__(self) -> str:
        return self.name


class AdvancementQuota(db.Model):
    """How many teams of a category advance from this event to the next level."""

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    category_id: Mapped[int] = mapped_column(
        ForeignKey("category.id", ondelete="CASCADE"), primary_key=True
    )
    advancing: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="quotas")


class Attendance(enum.StrEnum):
    EXPECTED = "expected"
    PRESENT = "present"
    NO_SHOW = "no_show"


class EventTeam(db.Model):
    """A team placed at an event; one regional final and one national final at most."""

    __table_args__ = (UniqueConstraint("team_id", "event_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    event_kind: Mapped[EventKind] = mapped_column(str_enum(EventKind))
    placed_at: Mapped[datetime] = mapped_column(default=utcnow)
    attendance: Mapped[Attendance] = mapped_column(
        str_enum(Attendance), default=Attendance.EXPECTED
    )
    checked_in_at: Mapped[datetime | None]
    stand: Mapped[int | None]  # Vakkanjers Markt: the team's stand number

    event: Mapped[Event] = relationship()


class Conflict(db.Model):
    """A school a volunteer is linked to: they never judge or referee its teams."""

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    school_id: Mapped[int] = mapped_column(
        ForeignKey("school.id", ondelete="CASCADE"), primary_key=True
    )
    reason: Mapped[str | None] = mapped_column(String(200))
    declared_at: Mapped[datetime] = mapped_column(default=utcnow)


class ScheduleEntry(db.Model):
    """One commitment of a team at an event: a robot-game match or a judging session."""

    # A tablet names its match by id; after a new schedule an old id must name nothing, never
    # another team's match (SQLite would hand out the deleted ids again).
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # practice, ranking, judging
    round: Mapped[int]
    place: Mapped[str] = mapped_column(String(40))  # "table 3", "room 2"
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
