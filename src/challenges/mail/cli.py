"""`challenges mail`: deliver the outbox, once (cron) or as a service (`--every N`)."""

import logging
import select
import signal
import socket
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from types import FrameType

import click
from flask.cli import AppGroup
from sqlalchemy.exc import InterfaceError, OperationalError

from challenges.extensions import db
from challenges.mail.models import MailStatus
from challenges.mail.services import deliver_pending

log = logging.getLogger(__name__)

mail = AppGroup("mail", help="The e-mail outbox.")

LONGEST_PAUSE = 300  # seconds: the back-off while the database is unreachable stops growing


@mail.command("deliver")
@click.option("--limit", default=200, show_default=True, help="At most this many per round.")
@click.option("--every", type=click.IntRange(min=1), help="Keep running: a round every N seconds.")
def deliver_command(limit: int, every: int | None) -> None:
    """Send the mail that is due (once, e.g. from cron; or as a service with --every).

    Any number may run at once: each message is sent once. As a service it waits out a
    database outage, and SIGTERM (systemd stop) ends it between rounds.
    """
    if every is None:
        report(deliver_pending(limit))
    else:
        DeliveryService(limit, every).run()


def report(outcome: Counter[MailStatus]) -> None:
    click.echo(
        f"Sent {outcome[MailStatus.SENT]}, failed {outcome[MailStatus.FAILED]}, "
        f"to retry later {outcome[MailStatus.PENDING]}."
    )


@contextmanager
def on_sigterm(handler: Callable[[int, FrameType | None], None]) -> Iterator[socket.socket]:
    """Call handler on SIGTERM. The socket turns readable when a signal arrives: the system may
    deliver it to any thread, and only a wait in the thread that got it would be cut short."""
    reader, writer = socket.socketpair()
    with reader, writer:
        reader.setblocking(False)
        writer.setblocking(False)
        previous_handler = signal.signal(signal.SIGTERM, handler)
        previous_wakeup = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        try:
            yield reader
        finally:
            signal.set_wakeup_fd(previous_wakeup)
            signal.signal(signal.SIGTERM, previous_handler)


class DeliveryService:
    """Rounds every `every` seconds; after failed rounds the pause doubles, up to
    LONGEST_PAUSE (or `every` when that is longer), and a good round brings it back."""

    def __init__(self, limit: int, every: int) -> None:
        self.limit = limit
        self.every = every
        self.stopping = False

    def run(self) -> None:
        with on_sigterm(self.stop) as wakeup:
            failures = 0
            while not self.stopping:
                failures = 0 if self.deliver_round() else failures + 1
                self.pause(self.pause_after(failures), wakeup)

    def stop(self, signum: int, frame: FrameType | None) -> None:
        """The message being sent is finished (so systemd's stop never cuts a send in half);
        the round ends after it and a pause ends at once."""
        self.stopping = True

    def pause(self, seconds: int, wakeup: socket.socket) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and (left := deadline - time.monotonic()) > 0:
            select.select([wakeup], [], [], left)
            with suppress(BlockingIOError):
                wakeup.recv(64)  # another signal's byte must not end the next wait at once

    def pause_after(self, failures: int) -> int:
        if not failures:
            return self.every
        return min(self.every * 2 ** (failures - 1), max(self.every, LONGEST_PAUSE))

    def deliver_round(self) -> bool:
        """False when the database could not be reached (the round is retried later)."""
        try:
            outcome = deliver_pending(self.limit, stopping=lambda: self.stopping)
        except (OperationalError, InterfaceError) as error:
            log.warning("Mail round stopped, the database is unreachable: %s", error)
            return False
        finally:
            db.session.remove()
        if outcome:
            report(outcome)
        return True
