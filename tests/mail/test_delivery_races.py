"""Deliverers at the same moment, each in its own thread (own session and connection), send
each message exactly once. Run on SQLite and on PostgreSQL (CHALLENGES_TEST_DATABASE_URL)."""

from collections import Counter
from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.database import utcnow
from challenges.extensions import db
from challenges.mail.models import MailStatus, OutboxMessage
from challenges.mail.services import claim_next, deliver_pending
from tests.concurrency import at_the_same_moment
from tests.factories import make_user
from tests.mail.conftest import queue

QUEUED = 60


def queue_numbered(app, count: int) -> list[str]:
    """`count` messages, each with its own subject; returns the subjects."""
    subjects = [f"Bericht {number}" for number in range(1, count + 1)]
    for number, subject in enumerate(subjects, start=1):
        queue(app, f"jan{number}@example.nl", subject)
    return subjects


def deliverer(app) -> Callable[[], Counter[MailStatus]]:
    """`challenges mail deliver` on another server: its own app context and session."""

    def deliver() -> Counter[MailStatus]:
        with app.app_context():
            try:
                return deliver_pending(limit=200)
            finally:
                db.session.remove()

    return deliver


def statuses() -> Counter[MailStatus]:
    db.session.expire_all()
    return Counter(db.session.scalars(select(OutboxMessage.status)))


@pytest.mark.parametrize("deliverers", [2, 4])
def test_deliverers_at_the_same_moment_send_each_message_once(app, inbox, client, deliverers):
    subjects = queue_numbered(app, QUEUED)

    outcomes = at_the_same_moment(*[deliverer(app)] * deliverers)

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert sum(outcomes, Counter()) == {MailStatus.SENT: QUEUED}
    assert sorted(received["Subject"] for received in inbox.messages) == sorted(subjects)
    assert statuses() == {MailStatus.SENT: QUEUED}
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    listing = client.get("/admin/outbox/").text
    assert listing.count('class="tag status-sent"') == 50  # one page
    assert "status-sending" not in listing
    assert "status-pending" not in listing


def test_a_claim_whose_deliverer_stopped_is_sent_after_its_lease(app, inbox, client):
    [subject] = queue_numbered(app, 1)
    claimed = claim_next()  # then that deliverer stops, before sending
    assert claimed.status is MailStatus.SENDING
    assert timedelta(minutes=4) < claimed.next_attempt_at - utcnow() <= timedelta(minutes=5)
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    assert "wordt verzonden" in client.get("/admin/outbox/").text

    assert deliver_pending() == {}  # the claim holds
    assert claim_next() is None
    with time_machine.travel(claimed.next_attempt_at + timedelta(seconds=1)):
        assert deliver_pending() == {MailStatus.SENT: 1}

    assert [received["Subject"] for received in inbox.messages] == [subject]
    assert claimed.status is MailStatus.SENT
    assert claimed.next_attempt_at is None
    assert "verstuurd" in client.get("/admin/outbox/").text


def test_try_again_leaves_a_message_that_is_being_sent_alone(app, inbox, client):
    queue_numbered(app, 1)
    claimed = claim_next()
    lease = claimed.next_attempt_at
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    page = f"/admin/outbox/{claimed.id}"
    assert "Opnieuw proberen" not in client.get(page).text

    response = client.submit(f"{page}/retry", {}, page=page)

    assert response.status_code == 302
    db.session.refresh(claimed)
    assert claimed.status is MailStatus.SENDING
    assert claimed.next_attempt_at == lease
