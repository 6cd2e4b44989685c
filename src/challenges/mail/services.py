"""Queue mail in the outbox (inside the caller's transaction) and deliver it later."""

import logging
import smtplib
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import or_, select

from challenges.database import utcnow
from challenges.extensions import db
from challenges.mail.models import MailStatus, OutboxMessage

log = logging.getLogger(__name__)

RETRY_BASE = timedelta(minutes=1)


def queue_mail(
    recipient: str, subject: str, template: str, locale: str | None = None, **context: Any
) -> OutboxMessage:
    """Render templates/mail/<template>.txt in the recipient's language and keep it."""
    with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        body = render_template(f"mail/{template}.txt", **context)
        subject = str(subject)
    logged = current_app.config["MAIL_BACKEND"] == "log"
    message = OutboxMessage(
        recipient=recipient,
        subject=subject,
        body=body,
        status=MailStatus.LOGGED if logged else MailStatus.PENDING,
        next_attempt_at=None if logged else utcnow(),
    )
    db.session.add(message)
    if logged:
        log.info("Mail to %s: %s\n%s", recipient, subject, body)
    return message


def due_messages(limit: int) -> list[OutboxMessage]:
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.status == MailStatus.PENDING)
        .where(
            or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= utcnow())
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def deliver_pending(limit: int = 50) -> tuple[int, int]:
    """Try to send what is due; return (sent, failed attempts). Commits per message."""
    sent = failed = 0
    for message in due_messages(limit):
        try:
            send_over_smtp(message)
        except (OSError, smtplib.SMTPException) as error:
            record_failure(message, error)
            failed += 1
        else:
            message.status = MailStatus.SENT
            message.sent_at = utcnow()
            message.last_error = None
            sent += 1
        db.session.commit()
    return sent, failed


def record_failure(message: OutboxMessage, error: Exception) -> None:
    message.attempts += 1
    message.last_error = f"{type(error).__name__}: {error}"[:500]
    if message.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        message.status = MailStatus.FAILED
        message.next_attempt_at = None
    else:
        message.next_attempt_at = utcnow() + RETRY_BASE * 2 ** (message.attempts - 1)
    log.warning("Mail %s to %s not sent: %s", message.id, message.recipient, message.last_error)


def send_over_smtp(message: OutboxMessage) -> None:
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["MAIL_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(message.body)
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(
        config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"]
    ) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email)


def retry_failed(message: OutboxMessage) -> None:
    message.status = MailStatus.PENDING
    message.next_attempt_at = utcnow()
