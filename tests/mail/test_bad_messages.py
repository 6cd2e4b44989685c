"""One bad message never stops the others, and no header value can carry another header."""

import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.database import utcnow
from challenges.extensions import db
from challenges.mail.cli import mail
from challenges.mail.headers import is_single_address, one_line
from challenges.mail.models import MailStatus, OutboxMessage
from challenges.mail.services import deliver_pending
from challenges.schools.services import request_school
from tests.factories import make_teacher, make_user
from tests.mail.conftest import LATER, REFUSED, queue

INJECTED = "Nieuwe School\r\nBcc: x@example.org"
CLEANED = "Nieuwe School Bcc: x@example.org"


def recipients(inbox) -> list[str]:
    """The envelope recipients of each message the server received, in order."""
    return [received["X-RcptTo"] for received in inbox.messages]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (INJECTED, CLEANED),
        ("a\rb\nc\tde\x00f\x85g\u2028h", "a b c de f g h"),
        ("  \r\nSchool\r\n", "School"),
        ("Basisschool De Kiëvit", "Basisschool De Kiëvit"),
        ("x" * 300, "x" * 200),
    ],
)
def test_one_line(text, expected):
    assert one_line(text, 200) == expected


@pytest.mark.parametrize(
    ("text", "single"),
    [
        ("juf@example.nl", True),
        ("juf+fll@school.example.nl", True),
        ("jan@école.fr", True),
        ("juf@example.nl\r\nBcc: x@example.org", False),
        ("juf@example.nl, x@example.org", False),
        ("Juf <juf@example.nl>", False),
        ("juf@example.nl x@example.org", False),
        ("juf", False),
        ("", False),
    ],
)
def test_is_single_address(text, single):
    assert is_single_address(text) is single


@pytest.mark.parametrize(
    "recipient", ["juf@example.nl\r\nBcc: x@example.org", "juf@example.nl, x@example.org"]
)
def test_a_recipient_that_is_not_one_address_is_kept_as_failed_without_stopping_the_action(
    app, recipient
):
    queue(app, recipient)
    [kept] = db.session.scalars(select(OutboxMessage)).all()
    assert kept.status is MailStatus.FAILED
    assert kept.last_error == "Dit is niet één geldig e-mailadres."
    assert deliver_pending() == {}


def test_injected_subject_arrives_as_one_line_to_the_intended_recipient_only(app, inbox):
    message = queue(app, "jan@example.nl", f"Je verzoek voor {INJECTED}")
    assert message.subject == f"Je verzoek voor {CLEANED}"
    assert deliver_pending() == {MailStatus.SENT: 1}
    [received] = inbox.messages
    assert received["Subject"] == f"Je verzoek voor {CLEANED}"
    assert received["Bcc"] is None
    assert received.get_all("To") == ["jan@example.nl"]
    assert recipients(inbox) == ["jan@example.nl"]


def test_a_message_that_cannot_be_built_fails_and_the_rest_is_delivered(app, runner, inbox, caplog):
    queue(app, "eerst@example.nl")
    broken = OutboxMessage(
        recipient="oud@example.nl",
        subject=f"Je verzoek voor {INJECTED}",  # stored before subjects were cleaned
        body="Oude mail",
        status=MailStatus.PENDING,
        next_attempt_at=utcnow(),
    )
    db.session.add(broken)
    db.session.commit()
    queue(app, "daarna@example.nl")

    result = runner.invoke(mail, ["deliver"])

    assert result.exit_code == 0, result.output
    assert "Sent 2, failed 1, to retry later 0." in result.output
    assert recipients(inbox) == ["eerst@example.nl", "daarna@example.nl"]
    db.session.refresh(broken)
    assert broken.status is MailStatus.FAILED
    assert broken.attempts == 1
    assert broken.last_error.startswith("ValueError: Header values may not contain linefeed")
    assert f"Mail {broken.id} to 'oud@example.nl' failed: ValueError" in caplog.text
    again = runner.invoke(mail, ["deliver"])
    assert again.exit_code == 0
    assert "Sent 0, failed 0, to retry later 0." in again.output


def test_a_refused_recipient_fails_and_the_others_are_delivered(app, inbox):
    queue(app, "een@example.nl")
    refused = queue(app, REFUSED)
    queue(app, "twee@example.nl")
    assert deliver_pending() == {MailStatus.SENT: 2, MailStatus.FAILED: 1}
    assert recipients(inbox) == ["een@example.nl", "twee@example.nl"]
    assert refused.status is MailStatus.FAILED
    assert refused.attempts == 1
    assert refused.next_attempt_at is None
    assert "SMTPRecipientsRefused" in refused.last_error
    assert "550" in refused.last_error


def test_a_recipient_refused_for_now_is_retried_later(app, inbox):
    later = queue(app, LATER)
    assert deliver_pending() == {MailStatus.PENDING: 1}
    assert later.status is MailStatus.PENDING
    assert later.attempts == 1
    assert later.next_attempt_at > utcnow()
    assert "451" in later.last_error


def test_school_request_with_a_line_break_then_rejection_and_password_reset(
    app, client, runner, inbox
):
    teacher = make_teacher(email="juf@nieuw.nl")
    client.log_in(teacher.email)
    refused = client.submit("/schools/request", {"name": INJECTED, "town": "Delft", "kind": "po"})
    assert refused.status_code == 422
    assert "De naam moet op één regel staan, zonder regeleinden of tabs." in refused.text
    old = request_school(teacher, INJECTED, "Delft", "po")  # asked before the form refused it
    db.session.commit()
    client.submit("/account/logout", {}, page="/")

    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    queue_page = "/admin/schools/requests"
    client.submit(f"{queue_page}/{old.id}/reject", {"reason": "Bestaat niet"}, page=queue_page)
    client.submit("/account/logout", {}, page="/")
    client.submit("/account/reset", {"email": teacher.email})

    result = runner.invoke(mail, ["deliver"])

    assert result.exit_code == 0, result.output
    assert "Sent 2, failed 0, to retry later 0." in result.output
    rejection, reset = inbox.messages
    assert rejection["Subject"] == f"Je verzoek voor {CLEANED}"
    assert rejection["Bcc"] is None
    assert "Bestaat niet" in rejection.get_payload(decode=True).decode()
    assert reset["Subject"] == "Nieuw wachtwoord kiezen"
    assert recipients(inbox) == ["juf@nieuw.nl", "juf@nieuw.nl"]
