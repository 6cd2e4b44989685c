"""Every mail says when it was sent and which message it is; a retry is the same message."""

from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
import time_machine

from challenges.database import utcnow
from challenges.mail.models import MailStatus
from challenges.mail.services import deliver_pending
from tests.mail.conftest import Inbox, queue


class AnswerLostOnce(Inbox):
    """Keeps the first message, but answers as if the connection broke before it was kept:
    the sender must try again, and the recipient gets it twice."""

    async def handle_DATA(self, server, session, envelope) -> str:
        answer = await super().handle_DATA(server, session, envelope)
        return "451 4.4.2 Connection dropped" if len(self.messages) == 1 else answer


@pytest.fixture
def smtp_handler() -> Inbox:
    return AnswerLostOnce()


def test_a_retried_mail_has_the_same_message_id_and_a_date(app, inbox):
    app.config["MAIL_SENDER"] = "FIRST LEGO League <noreply@fll.example.nl>"
    message = queue(app)

    assert deliver_pending() == {MailStatus.PENDING: 1}
    with time_machine.travel(message.next_attempt_at + timedelta(seconds=1)):
        assert deliver_pending() == {MailStatus.SENT: 1}

    first, retried = inbox.messages
    assert first["Message-ID"] == retried["Message-ID"]
    assert first["Message-ID"].startswith("<")
    assert first["Message-ID"].endswith("@fll.example.nl>")
    for received in (first, retried):
        sent = parsedate_to_datetime(received["Date"])
        assert sent.utcoffset() == timedelta(0)
        assert abs(sent - utcnow()) < timedelta(minutes=5)


def test_each_message_has_its_own_message_id(app, inbox):
    queue(app, "een@example.nl")
    queue(app, "twee@example.nl")
    deliver_pending()

    by_recipient = {received["X-RcptTo"]: received["Message-ID"] for received in inbox.messages}
    assert len(set(by_recipient.values())) == 2
    assert by_recipient["een@example.nl"].endswith("@localhost>")  # the default MAIL_SENDER
