"""`challenges mail deliver --every N` as a service: it waits out a database outage with a
growing pause and stops on SIGTERM (systemd stop) after the message it is sending."""

import os
import signal
import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from challenges.extensions import db
from challenges.mail import cli
from challenges.mail.cli import mail
from challenges.mail.models import MailStatus, OutboxMessage
from challenges.mail.services import deliver_pending
from tests.mail.conftest import queue

OUTAGE = OperationalError("SELECT", {}, ConnectionRefusedError("connection refused"))


def stop_service() -> None:
    os.kill(os.getpid(), signal.SIGTERM)


def scripted_rounds(monkeypatch, *rounds: Callable[[int], object]) -> None:
    """The service's rounds, in order: each gets the limit and returns deliver_pending's."""
    script = iter(rounds)
    monkeypatch.setattr(cli, "deliver_pending", lambda limit, stopping=None: next(script)(limit))


def database_gone(limit: int) -> None:
    """The round had begun to write when the connection broke: nothing of it may stay."""
    for message in db.session.scalars(select(OutboxMessage)):
        message.status = MailStatus.FAILED
    db.session.flush()
    raise OUTAGE


def last_round(limit: int):
    outcome = deliver_pending(limit)
    stop_service()
    return outcome


@pytest.fixture
def pauses(monkeypatch) -> list[int]:
    """The pauses between rounds, recorded instead of waited."""
    waited: list[int] = []
    monkeypatch.setattr(
        cli.DeliveryService, "pause", lambda service, seconds, wakeup: waited.append(seconds)
    )
    return waited


def test_the_service_waits_out_a_database_outage_with_a_growing_pause(
    app, runner, inbox, monkeypatch, pauses, caplog
):
    queue(app, "eerst@example.nl")

    def queued_meanwhile(limit: int):
        queue(app, "daarna@example.nl")
        return deliver_pending(limit)

    scripted_rounds(
        monkeypatch,
        *[database_gone] * 4,
        deliver_pending,
        queued_meanwhile,
        database_gone,
        last_round,
    )
    sigterm_handler = signal.getsignal(signal.SIGTERM)

    result = runner.invoke(mail, ["deliver", "--every", "60"])

    assert result.exit_code == 0, result.output
    assert pauses == [60, 120, 240, 300, 60, 60, 60, 60]
    assert result.output.splitlines() == ["Sent 1, failed 0, to retry later 0."] * 2
    assert [received["X-RcptTo"] for received in inbox.messages] == [
        "eerst@example.nl",
        "daarna@example.nl",
    ]
    assert caplog.text.count("Mail round stopped, the database is unreachable") == 5
    assert signal.getsignal(signal.SIGTERM) == sigterm_handler


@pytest.mark.skipif(
    not os.environ.get("CHALLENGES_TEST_DATABASE_URL"),
    reason="needs PostgreSQL: set CHALLENGES_TEST_DATABASE_URL",
)
def test_the_service_goes_on_after_the_server_ended_its_connection(
    app, runner, inbox, monkeypatch, pauses, caplog
):
    queue(app)

    def connection_ended(limit: int) -> None:
        db.session.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))

    scripted_rounds(monkeypatch, connection_ended, last_round)

    result = runner.invoke(mail, ["deliver", "--every", "5"])

    assert result.exit_code == 0, result.output
    assert "terminating connection due to administrator command" in caplog.text
    assert result.output == "Sent 1, failed 0, to retry later 0.\n"
    assert len(inbox.messages) == 1
    assert pauses == [5, 5]


def test_the_pause_is_never_shorter_than_the_interval(app, runner, monkeypatch, pauses):
    scripted_rounds(monkeypatch, database_gone, database_gone, last_round)
    runner.invoke(mail, ["deliver", "--every", "600"])
    assert pauses == [600, 600, 600]


def test_sigterm_ends_a_pause_at_once(app, runner, inbox, monkeypatch):
    queue(app)
    pausing = threading.Event()
    real_pause = cli.DeliveryService.pause

    def pause(service, seconds: int, wakeup) -> None:
        pausing.set()
        real_pause(service, seconds, wakeup)

    monkeypatch.setattr(cli.DeliveryService, "pause", pause)
    stopper = threading.Thread(target=lambda: pausing.wait(30) and stop_service())
    stopper.start()
    started = time.monotonic()

    result = runner.invoke(mail, ["deliver", "--every", "30"])

    stopper.join()
    assert time.monotonic() - started < 20
    assert result.exit_code == 0, result.output
    assert result.output == "Sent 1, failed 0, to retry later 0.\n"
    assert len(inbox.messages) == 1


def test_once_reports_even_when_nothing_was_due(app, runner):
    result = runner.invoke(mail, ["deliver"])
    assert result.exit_code == 0
    assert result.output == "Sent 0, failed 0, to retry later 0.\n"


def test_once_fails_loudly_when_the_database_is_gone(app, runner, monkeypatch):
    scripted_rounds(monkeypatch, database_gone)
    result = runner.invoke(mail, ["deliver"])
    assert result.exit_code == 1
    assert result.exception is OUTAGE


def test_a_stop_ends_the_round_after_the_message_being_sent(app, inbox):
    """systemd's stop while the mail server is slow: the send finishes, the rest waits."""
    for number in range(3):
        queue(app, subject=f"Bericht {number}")
    outcome = deliver_pending(200, stopping=lambda: len(inbox.messages) >= 1)
    assert outcome[MailStatus.SENT] == 1
    assert len(inbox.messages) == 1
    statuses = db.session.scalars(select(OutboxMessage.status).order_by(OutboxMessage.id)).all()
    assert statuses == [MailStatus.SENT, MailStatus.PENDING, MailStatus.PENDING]
