"""Teams registered for a season, their coaches and invited coaches, and the audit trail."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from challenges.auth.models import EMAIL_LENGTH, NAME_LENGTH, User
from challenges.database import str_enum, utcnow
from challenges.events.models import Event
from challenges.extensions import db
from challenges.registration.rules import INVITATION_LIFETIME, InvitationState, invitation_state
from challenges.registration.status import TeamStatus
from challenges.schools.models import School
from challenges.seasons.models import Category, Season

STATUS_LABELS = {
    TeamStatus.REGISTERED: _l("registered"),
    TeamStatus.CONFIRMED: _l("confirmed"),
    TeamStatus.WAITLISTED: _l("waiting list"),
    TeamStatus.WITHDRAWN: _l("withdrawn"),
}


def status_label(status: TeamStatus) -> str:
    return str(STATUS_LABELS[status])


class Team(db.Model):
    __table_args__ = (
        UniqueConstraint("season_id", "number"),
        UniqueConstraint("season_id", "name_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("season.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"))
    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(80))  # case-folded name, unique per season
    number: Mapped[int | None]  # FLL team number, unique per season, never reused
    town: Mapped[str | None] = mapped_column(String(100))  # out-of-school (club) teams
    responsible_adult: Mapped[str | None] = mapped_column(String(120))  # club teams
    pupil_count: Mapped[int]
    # Pupils' first names only (one per line), printed only with the school's consent.
    pupil_first_names: Mapped[str | None] = mapped_column(Text)
    names_consent: Mapped[bool] = mapped_column(default=False)
    first_choice_event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"))
    second_choice_event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"))
    preferred_province: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[TeamStatus] = mapped_column(str_enum(TeamStatus), default=TeamStatus.REGISTERED)
    status_reason: Mapped[str | None] = mapped_column(String(500))
    registered_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The one-time key of the form that registered the team: the same form sent twice (a double
    # tap) finds the team instead of registering it again.
    registration_key: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    season: Mapped[Season] = relationship()
    category: Mapped[Category] = relationship()
    school: Mapped[School | None] = relationship()
    first_choice: Mapped[Event | None] = relationship(foreign_keys=[first_choice_event_id])
    second_choice: Mapped[Event | None] = relationship(foreign_keys=[second_choice_event_id])
    coaches: Mapped[list[User]] = relationship(secondary="team_coach", order_by="User.name")

    @property
    def first_names(self) -> list[str]:
        return [name for name in (self.pupil_first_names or "").splitlines() if name.strip()]


class TeamCoach(db.Model):
    team_id: Mapped[int] = mapped_column(
        ForeignKey("team.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )


class AuditEntry(db.Model):
    """Who changed what, when: append-only."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(40))  # e.g. "team"
    subject_id: Mapped[int | None] = mapped_column(index=True)
    details: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User | None] = relationship()


class CoachInvitation(db.Model):
    """Someone a coach asked to join a team. Nothing is granted until the person who owns the
    address accepts; the team page shows the name and address as they were typed."""

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(EMAIL_LENGTH))  # lower-cased
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))  # as typed
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the link's token
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    accepted_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]

    team: Mapped[Team] = relationship()
    invited_by: Mapped[User | None] = relationship()

    def state(self, now: datetime) -> InvitationState:
        return invitation_state(self.created_at, self.accepted_at, self.cancelled_at, now)

    @property
    def expires_at(self) -> datetime:
        return self.created_at + INVITATION_LIFETIME

    def is_for(self, user: User) -> bool:
        return user.email.strip().lower() == self.email
