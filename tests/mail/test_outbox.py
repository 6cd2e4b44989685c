from datetime import timedelta

import time_machine

from challenges.auth.roles import Role
from challenges.database import utcnow
from challenges.extensions import db
from challenges.mail.cli import mail
from challenges.mail.models import MailStatus, OutboxMessage
from challenges.mail.services import deliver_pending
from tests.factories import make_user
from tests.mail.conftest import free_port, queue


def test_log_backend_keeps_mail_in_the_outbox_without_sending(app):
    message = queue(app)
    assert message.status is MailStatus.LOGGED
    assert "Hallo Jan" in message.body
    assert deliver_pending() == {}


def test_smtp_backend_delivers(app, inbox):
    message = queue(app)
    assert message.status is MailStatus.PENDING
    assert deliver_pending() == {MailStatus.SENT: 1}
    assert message.status is MailStatus.SENT
    [received] = inbox.messages
    assert received["To"] == "jan@example.nl"
    assert received["Subject"] == "Onderwerp"


def test_unreachable_mail_server_is_retried_then_reported(app):
    app.config.update(
        MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_MAX_ATTEMPTS=3
    )
    message = queue(app)
    assert deliver_pending() == {MailStatus.PENDING: 1}
    assert message.status is MailStatus.PENDING
    assert message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error
    assert deliver_pending() == {}  # not due yet: it backs off
    for minutes in (2, 10):
        with time_machine.travel(utcnow() + timedelta(minutes=minutes)):
            deliver_pending()
    assert message.status is MailStatus.FAILED
    assert message.attempts == 3


def test_signup_succeeds_while_the_mail_server_is_down(client, app):
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    response = client.submit(
        "/account/signup",
        {
            "name": "Els",
            "email": "els@example.nl",
            "password": "een lang wachtwoord",
            "password_repeat": "een lang wachtwoord",
        },
    )
    assert response.status_code == 302
    [message] = db.session.query(OutboxMessage).all()
    assert message.status is MailStatus.PENDING
    assert deliver_pending() == {MailStatus.PENDING: 1}
    assert message.status is MailStatus.PENDING


def test_organiser_reads_the_outbox_and_retries_failed_mail(client, app):
    message = queue(app)
    message.status = MailStatus.FAILED
    message.last_error = "SMTPRecipientsRefused: no such mailbox"
    db.session.commit()
    organiser = make_user(roles=(Role.ORGANISER,))
    client.log_in(organiser.email)
    listing = client.get("/admin/outbox/").get_data(as_text=True)
    assert "jan@example.nl" in listing
    assert "SMTPRecipientsRefused: no such mailbox" in listing
    page = f"/admin/outbox/{message.id}"
    assert "Hallo Jan" in client.get(page).get_data(as_text=True)
    client.submit(f"{page}/retry", {}, page=page)
    db.session.refresh(message)
    assert message.status is MailStatus.PENDING


def test_cli_delivers(runner, app, inbox):
    queue(app)
    result = runner.invoke(mail, ["deliver"])
    assert "Sent 1, failed 0, to retry later 0." in result.output
    assert len(inbox.messages) == 1


def test_a_dutch_mail_on_an_english_outbox_page_says_it_is_dutch(client, app):
    """WCAG 3.1.2: the stored subject and text are marked with the language they were written in."""
    message = queue(app, subject="Bevestig je adres")
    assert message.language == "nl"
    organiser = make_user(roles=(Role.ORGANISER,))
    client.log_in(organiser.email)
    client.submit("/language", {"language": "en"}, page="/")
    listing = client.get("/admin/outbox/").get_data(as_text=True)
    assert f'href="/admin/outbox/{message.id}" lang="nl">Bevestig je adres</a>' in listing
    page = client.get(f"/admin/outbox/{message.id}").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert '<h1 lang="nl">Bevestig je adres</h1>' in page
    assert '<pre class="mail-body" lang="nl">' in page
