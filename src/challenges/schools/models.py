"""The school directory (DUO vestigingen, plus schools added after review) and who teaches where."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from challenges.auth.models import User
from challenges.database import str_enum, utcnow
from challenges.extensions import db


class School(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    # DUO's 6-character vestigingscode; BRIN is its first 4 characters. None for schools
    # that are not (yet) in the DUO files.
    vestigingscode: Mapped[str | None] = mapped_column(String(6), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    street: Mapped[str | None] = mapped_column(String(200))
    town: Mapped[str] = mapped_column(String(100), index=True)
    postcode: Mapped[str | None] = mapped_column(String(7), index=True)
    municipality: Mapped[str | None] = mapped_column(String(100))
    province: Mapped[str | None] = mapped_column(String(40))
    denomination: Mapped[str | None] = mapped_column(String(100))
    website: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(2))  # "po" primary, "vo" secondary
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @property
    def brin(self) -> str | None:
        return self.vestigingscode[:4] if self.vestigingscode else None

    def __str__(self) -> str:
        return f"{self.name}, {self.town}"


class SchoolMembership(db.Model):
    """A teacher linked to a school; they see and register that school's teams."""

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    school_id: Mapped[int] = mapped_column(
        ForeignKey("school.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()
    school: Mapped[School] = relationship()


class RequestStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    MERGED = "merged"
    REJECTED = "rejected"


class SchoolRequest(db.Model):
    """'My school is not in the list': reviewed by an organiser."""

    id: Mapped[int] = mapped_column(primary_key=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    town: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(2))
    status: Mapped[RequestStatus] = mapped_column(
        str_enum(RequestStatus), default=RequestStatus.PENDING, index=True
    )
    reason: Mapped[str | None] = mapped_column(String(500))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    school: Mapped[School | None] = relationship()
