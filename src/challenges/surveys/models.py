"""An event's evaluation and the people asked to fill it in, with their answers."""

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from challenges.auth.models import User
from challenges.database import str_enum, utcnow
from challenges.events.models import Event
from challenges.extensions import db

KEY_LENGTH = 43  # secrets.token_urlsafe(32)


class Audience(enum.StrEnum):
    COACH = "coach"
    VOLUNTEER = "volunteer"  # a referee, judge or juror of the event


class Again(enum.StrEnum):
    """Would they take part again?"""

    YES = "yes"
    MAYBE = "maybe"
    NO = "no"


class Survey(db.Model):
    """An event's evaluation: sent once after the event, at most one reminder, open until
    `closes_on` or until it is closed by hand."""

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    closes_on: Mapped[date]  # the last day answers are taken
    reminded_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]  # closed by hand before closes_on

    event: Mapped[Event] = relationship()


class SurveyInvitation(db.Model):
    """One person asked about one event, and their answers once given (changeable until the
    survey closes). The season purge removes the person, the link's key and the texts; the
    ratings stay, anonymous, for the figures."""

    __table_args__ = (UniqueConstraint("event_id", "user_id", "audience"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("survey.event_id", ondelete="CASCADE"), index=True
    )
    audience: Mapped[Audience] = mapped_column(str_enum(Audience, length=16))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    link_key: Mapped[str | None] = mapped_column(String(KEY_LENGTH))  # None: link is dead
    answered_at: Mapped[datetime | None]
    programme_rating: Mapped[int | None]  # coaches: the programme, 1-10
    event_rating: Mapped[int | None]  # coaches: the event; volunteers: its organisation
    again: Mapped[Again | None] = mapped_column(str_enum(Again, length=8))
    went_well: Mapped[str | None] = mapped_column(Text)
    could_be_better: Mapped[str | None] = mapped_column(Text)
    remarks: Mapped[str | None] = mapped_column(Text)

    survey: Mapped[Survey] = relationship()
    user: Mapped[User | None] = relationship()
