"""Award decisions, tickets to the national final and public-prize votes."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from challenges.database import str_enum, utcnow
from challenges.events.models import Event
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


class AdvancementKind(enum.StrEnum):
    WINNER = "award_winner"  # a place of the first award (Champion's winner, a jury prize)
    RANK = "rank"  # the next teams in Champion's (or jury) order
    WILDCARD = "wildcard"  # chosen nationally by one panel, with a reason


class AdvancementStatus(enum.StrEnum):
    CONFIRMED = "confirmed"  # invited: the organiser confirmed the ticket
    ACCEPTED = "accepted"  # the team's coach said it comes
    DECLINED = "declined"  # the place passed to the next team


class Advancement(db.Model):
    """A team's ticket from a regional final to the national final, confirmed by an organiser."""

    id: Mapped[int] = mapped_column(primary_key=True)
    from_event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), index=True
    )
    to_event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    kind: Mapped[AdvancementKind] = mapped_column(str_enum(AdvancementKind))
    # Why, as keys (the label is made in the reader's language, `awarding.ticket_reason`):
    # the first award's id and the place in it (award_winner), or the ranking position (rank).
    award: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[int | None]
    reason: Mapped[str | None] = mapped_column(String(300))  # a wildcard: the panel's words
    status: Mapped[AdvancementStatus] = mapped_column(
        str_enum(AdvancementStatus), default=AdvancementStatus.CONFIRMED
    )
    decided_by: Mapped[str] = mapped_column(String(120))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    declined_reason: Mapped[str | None] = mapped_column(String(300))
    answered_at: Mapped[datetime | None]  # when the coach accepted or declined

    team: Mapped[Team] = relationship()
    from_event: Mapped[Event] = relationship(foreign_keys=[from_event_id])
    to_event: Mapped[Event] = relationship(foreign_keys=[to_event_id])


class TieBreak(db.Model):
    """The jury's order for teams that tie where the quota line falls, with why. It applies
    while these teams (or some of them) still share a position (`ties.settle`)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(40))  # the list it orders: "tickets"
    teams: Mapped[list[int]] = mapped_column(JSON)  # team ids, best first
    reason: Mapped[str] = mapped_column(String(300))
    decided_by: Mapped[str] = mapped_column(String(120))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)


class ResultsSetting(db.Model):
    """What the public results page of an event shows besides prizes and tickets."""

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    show_ranking: Mapped[bool] = mapped_column(default=False)


class PublicVote(db.Model):
    """One visitor's vote for the public prize; it counts once its e-mail address is confirmed."""

    __table_args__ = (UniqueConstraint("event_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254))  # lower-cased
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]

    team: Mapped[Team] = relationship()


class PublicPrize(db.Model):
    """The public prize's winner at an event: a team with the most confirmed votes, recorded
    after the vote closed; `tie_reason` says why this team when several had the most."""

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    votes: Mapped[int]  # the confirmed votes it won with
    tie_reason: Mapped[str | None] = mapped_column(String(300))
    decided_by: Mapped[str] = mapped_column(String(120))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)

    team: Mapped[Team] = relationship()
