"""A real SMTP server (aiosmtpd) on 127.0.0.1, the app configured to send to it, and mail
queued for it."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from challenges.extensions import db
from challenges.mail.models import OutboxMessage
from challenges.mail.services import queue_mail
from tests.factories import make_user

REFUSED = "refused@example.nl"  # answered 550: never
LATER = "later@example.nl"  # answered 451: not now


class Inbox(Message):
    """Keeps what arrives (with the envelope in X-MailFrom / X-RcptTo); refuses two addresses."""

    def __init__(self) -> None:
        super().__init__()
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if address == REFUSED:
            return "550 5.1.1 No such mailbox"
        if address == LATER:
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def handle_message(self, message) -> None:
        self.messages.append(message)


def queue(
    app, recipient: str = "jan@example.nl", subject: str = "Onderwerp", reply_to: str | None = None
) -> OutboxMessage:
    """A confirmation mail to Jan, committed."""
    with app.test_request_context("/"):
        message = queue_mail(
            recipient,
            subject,
            "confirm",
            reply_to=reply_to,
            user=make_user(name="Jan"),
            link="https://x/y",
        )
        db.session.commit()
    return message


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_handler() -> Inbox:
    """What the server does with the mail; a test module may answer otherwise."""
    return Inbox()


@pytest.fixture
def smtp_server(smtp_handler):
    inbox = smtp_handler
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def inbox(app, smtp_server) -> Inbox:
    """The app sends over SMTP to the test server; returns what the server received."""
    controller, inbox = smtp_server
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port)
    return inbox
