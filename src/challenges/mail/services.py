"""Queue mail in the outbox (inside the caller's transaction) and deliver it later."""

import logging
import smtplib
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import ColumnElement, and_, or_, select, update

from challenges.database import utcnow
from challenges.extensions import db
from challenges.mail.headers import is_single_address, one_line
from challenges.mail.models import ADDRESS_LENGTH, SUBJECT_LENGTH, MailStatus, OutboxMessage

log = logging.getLogger(__name__)

RETRY_BASE = timedelta(minutes=1)
LEASE_TIMEOUTS = 30  # a claim holds this many MAIL_TIMEOUTs (5 minutes by default)


def queue_mail(
    recipient: str,
    subject: str,
    template: str,
    locale: str | None = None,
    reply_to: str | None = None,
    **context: Any,
) -> OutboxMessage:
    """Render templates/mail/<template>.txt in the recipient's language and keep it.

    The subject may hold names people typed: it is made one line. `reply_to` is where answers
    go (the Reply-To header); the template gets it too, to name it in the text. A recipient or
    reply address that is not exactly one address (old data: forms check what people type) is
    kept as a failed message for the organisers' outbox, so the action that sends it still
    succeeds.
    """
    language = locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(language):
        body = render_template(f"mail/{template}.txt", reply_to=reply_to, **context)
        subject = one_line(str(subject), SUBJECT_LENGTH)
    logged = current_app.config["MAIL_BACKEND"] == "log"
    message = OutboxMessage(
        recipient=recipient,
        reply_to=None if reply_to is None else one_line(reply_to, ADDRESS_LENGTH),
        subject=subject,
        body=body,
        language=language,
        status=MailStatus.LOGGED if logged else MailStatus.PENDING,
        next_attempt_at=None if logged else utcnow(),
    )
    if problem := address_problem(recipient, reply_to):
        message.status, message.next_attempt_at = MailStatus.FAILED, None
        message.last_error = problem
        log.error("Mail to %r not sent (reply to %r): not single addresses", recipient, reply_to)
    db.session.add(message)
    if logged:
        log.info("Mail to %s: %s\n%s", recipient, subject, body)
    return message


def address_problem(recipient: str, reply_to: str | None) -> str | None:
    """Why a message cannot be sent to these addresses, in the reader's language; None: it can."""
    if not is_single_address(recipient):
        return _("This is not a single valid e-mail address.")
    if reply_to is not None and not is_single_address(reply_to):
        return _("The reply address is not a single valid e-mail address.")
    return None


def mail_each(
    people: Iterable[Any], subject: Any, template: str, addressed_as: str, **context: Any
) -> None:
    """The same mail to each person, in their own language; the template knows the person
    by the name `addressed_as` (e.g. "coach")."""
    for person in people:
        addressed = {addressed_as: person}
        queue_mail(person.email, subject, template, person.locale, **addressed, **context)


def is_due(now: datetime) -> ColumnElement[bool]:
    """Waiting and due, or claimed by a deliverer whose lease ran out (it stopped mid-send)."""
    return and_(
        OutboxMessage.status.in_((MailStatus.PENDING, MailStatus.SENDING)),
        or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now),
    )


def claim_lease() -> timedelta:
    """How long a claim holds. A send waits at most MAIL_TIMEOUT for each of its few steps
    (connect, TLS, log-in, the SMTP commands): the lease is far longer, so a message is only
    claimed again when its deliverer is gone."""
    return timedelta(seconds=LEASE_TIMEOUTS * current_app.config["MAIL_TIMEOUT"])


def claim_next() -> OutboxMessage | None:
    """Mark the next due message as being sent, in a transaction of its own; None: none due.

    PostgreSQL skips the rows another deliverer is claiming. On SQLite two deliverers may pick
    the same row, but the UPDATE only changes it while it is still due: one of them gets it,
    the other takes the next. A claim's lease is kept in next_attempt_at.
    """
    while True:
        now = utcnow()
        candidate = db.session.scalar(
            select(OutboxMessage.id)
            .where(is_due(now))
            .order_by(OutboxMessage.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        if candidate is None:
            db.session.commit()
            return None
        claim = (
            update(OutboxMessage)
            .where(OutboxMessage.id == candidate, is_due(now))
            .values(status=MailStatus.SENDING, next_attempt_at=now + claim_lease())
            .execution_options(synchronize_session=False)
        )
        claimed = db.session.execute(claim).rowcount == 1
        db.session.commit()
        if claimed:
            return db.session.get(OutboxMessage, candidate)


def deliver_pending(
    limit: int = 50, stopping: Callable[[], bool] = lambda: False
) -> Counter[MailStatus]:
    """Send at most `limit` due messages, until `stopping()` says so between two messages;
    count them by their new status. Commits.

    Any number of deliverers may run at once: each message is claimed before it is sent, so
    one of them sends it. A message that fails for good is marked failed and the round goes on.
    """
    outcome: Counter[MailStatus] = Counter()
    while outcome.total() < limit and not stopping() and (message := claim_next()) is not None:
        send_claimed(message)
        outcome[message.status] += 1
        db.session.commit()
    return outcome


def send_claimed(message: OutboxMessage) -> None:
    try:
        send_over_smtp(message)
    except Exception as error:  # one bad message must not stop the rest
        record_failure(message, error)
    else:
        message.status = MailStatus.SENT
        message.sent_at = utcnow()
        message.next_attempt_at = None
        message.last_error = None


def is_permanent(error: Exception) -> bool:
    """Retrying cannot help: the message cannot be built, or the server refused it (5xx).

    Network trouble, 4xx answers and refusals of our own log-in or sender are retried.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500
    return isinstance(error, smtplib.SMTPNotSupportedError) or not isinstance(error, OSError)


def record_failure(message: OutboxMessage, error: Exception) -> None:
    message.attempts += 1
    message.last_error = f"{type(error).__name__}: {error}"[:500]
    if is_permanent(error) or message.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        message.status = MailStatus.FAILED
        message.next_attempt_at = None
        log.error("Mail %s to %r failed: %s", message.id, message.recipient, message.last_error)
    else:
        message.status = MailStatus.PENDING
        message.next_attempt_at = utcnow() + RETRY_BASE * 2 ** (message.attempts - 1)
        log.warning("Mail %s to %r not sent: %s", message.id, message.recipient, message.last_error)


def build_email(message: OutboxMessage) -> EmailMessage:
    """Raises ValueError for a header that would not be one line (old data, before cleaning)."""
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_SENDER"]
    email["To"] = single_address(message.recipient)
    if message.reply_to is not None:
        email["Reply-To"] = single_address(message.reply_to)
    email["Subject"] = message.subject
    email["Date"] = formatdate(usegmt=True)
    email["Message-ID"] = message_id(message)
    email.set_content(message.body)
    return email


def single_address(address: str) -> str:
    if not is_single_address(address):
        raise ValueError(f"not a single address: {address!r}")
    return address


def message_id(message: OutboxMessage) -> str:
    """The same for every attempt at a message, so a mail sent twice (the server's answer was
    lost) is known as one; unique across databases through the moment it was queued."""
    domain = parseaddr(current_app.config["MAIL_SENDER"])[1].rpartition("@")[2]
    queued = message.created_at.strftime("%Y%m%d%H%M%S%f")
    return f"<outbox.{message.id}.{queued}@{domain or 'localhost'}>"


def send_over_smtp(message: OutboxMessage) -> None:
    config = current_app.config
    email = build_email(message)
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(
        config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"]
    ) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email, to_addrs=[message.recipient])


def retry_failed(message: OutboxMessage) -> bool:
    """Queue a failed message again. Any other is left alone: one being sent, or sent, must
    not go out twice."""
    if message.status is not MailStatus.FAILED:
        return False
    message.status = MailStatus.PENDING
    message.next_attempt_at = utcnow()
    return True
