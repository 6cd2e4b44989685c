"""Regional and national finals."""

import enum
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from challenges.database import str_enum
from challenges.extensions import db
from challenges.seasons.models import Season


class EventKind(enum.StrEnum):
    REGIONAL = "regional"
    NATIONAL = "national"

    @property
    def label(self) -> str:
        return str(_l("Regional final") if self is EventKind.REGIONAL else _l("National final"))


class Event(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("season.id"))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[EventKind] = mapped_column(str_enum(EventKind))
    name: Mapped[str] = mapped_column(String(160))
    venue: Mapped[str | None] = mapped_column(String(160))
    town: Mapped[str | None] = mapped_column(String(100))
    starts_on: Mapped[date]
    capacity: Mapped[int | None]
    published: Mapped[bool] = mapped_column(default=False)
    feeds_into_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"))

    season: Mapped[Season] = relationship()
    feeds_into: Mapped["Event | None"] = relationship(remote_side=[id])

    def __str__(self) -> str:
        return self.name
