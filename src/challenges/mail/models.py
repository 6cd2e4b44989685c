"""Every e-mail the app sends goes through this outbox first."""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from challenges.database import str_enum, utcnow
from challenges.extensions import db

SUBJECT_LENGTH = 200
ADDRESS_LENGTH = 254


class MailStatus(enum.StrEnum):
    LOGGED = "logged"  # development: written to the log, never sent
    PENDING = "pending"
    SENDING = "sending"  # claimed by a deliverer until next_attempt_at (its lease)
    SENT = "sent"
    FAILED = "failed"  # gave up: refused for good, or after the maximum number of attempts

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    MailStatus.LOGGED: _l("logged (not sent)"),
    MailStatus.PENDING: _l("waiting"),
    MailStatus.SENDING: _l("sending"),
    MailStatus.SENT: _l("sent"),
    MailStatus.FAILED: _l("failed"),
}


class OutboxMessage(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(ADDRESS_LENGTH))
    reply_to: Mapped[str | None] = mapped_column(String(ADDRESS_LENGTH))  # None: no Reply-To
    subject: Mapped[str] = mapped_column(String(SUBJECT_LENGTH))
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))  # the recipient's; None: unknown
    status: Mapped[MailStatus] = mapped_column(str_enum(MailStatus, length=16), index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[datetime | None]  # pending: due then; sending: the lease's end
    sent_at: Mapped[datetime | None]
