import re

from sqlalchemy import select

from challenges.extensions import db
from challenges.mail.models import OutboxMessage

LINK = re.compile(r"https?://[^/\s]+(/account/[^\s]+)")


def outbox() -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def last_link(recipient: str) -> str:
    """The path of the link in the newest mail to recipient."""
    message = [m for m in outbox() if m.recipient == recipient][-1]
    return LINK.search(message.body).group(1)
