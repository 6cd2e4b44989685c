"""Mail a coach answers (tickets, wildcards) carries a Reply-To: the organisers' address
(ORGANISER_EMAIL) or the organiser who confirmed. It is kept with the message, sent as the
header and checked like every address: a bad one never sends, never injects, never gives a 500."""

import pytest
from sqlalchemy import select

from challenges import create_app
from challenges.auth.models import User
from challenges.database import utcnow
from challenges.extensions import db
from challenges.mail.models import MailStatus, OutboxMessage
from challenges.mail.services import deliver_pending
from tests.awards.conftest import confirm_proposal, final, organiser  # noqa: F401 (fixtures)
from tests.factories import app_config
from tests.judging.conftest import judged  # noqa: F401 (a fixture)
from tests.mail.conftest import queue

ORGANISERS = "info@ptvt.example"
INJECTED = "olga@ptvt.example\r\nBcc: x@example.org"


def confirm_tickets(client, regional) -> str:
    """The organiser confirms the proposed tickets (two teams, one coach): the flash text."""
    category = regional.event.season.categories[0].id
    response = confirm_proposal(client, regional.event.id, category, follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def give_wildcard(client, regional) -> None:
    url = f"/events/{regional.national.id}/awards/wildcards"
    client.submit(url, {"team": regional.teams[0].id, "reason": "Strong pitch video"}, page=url)


def test_a_ticket_mail_is_answered_to_the_organiser_who_confirmed(organiser, final, inbox):  # noqa: F811
    assert "2 coaches gemaild" in confirm_tickets(organiser, final)
    assert deliver_pending() == {MailStatus.SENT: 2}
    for received in inbox.messages:
        assert received["Reply-To"] == final.organiser_email
        assert received["From"] == "Challenges <noreply@localhost>"
        body = received.get_payload(decode=True).decode()
        assert f"Vragen? Beantwoord deze mail; je antwoord gaat naar {final.organiser_email}." in (
            body
        )
        assert "niet op deze mail" not in body


@pytest.mark.parametrize("config_overrides", [{"ORGANISER_EMAIL": ORGANISERS}])
def test_the_organisers_address_answers_ticket_and_wildcard_mails(organiser, final, inbox):  # noqa: F811
    confirm_tickets(organiser, final)
    give_wildcard(organiser, final)
    assert deliver_pending() == {MailStatus.SENT: 3}
    assert [received["Reply-To"] for received in inbox.messages] == [ORGANISERS] * 3
    assert "Wildcard" in inbox.messages[2]["Subject"]
    assert ORGANISERS in inbox.messages[2].get_payload(decode=True).decode()

    [wildcard] = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.subject.startswith("Wildcard"))
    ).all()
    page = organiser.get(f"/admin/outbox/{wildcard.id}").get_data(as_text=True)
    assert f"<dt>Antwoord naar</dt><dd>{ORGANISERS}</dd>" in page


def test_other_mail_has_no_reply_to(app, inbox):
    message = queue(app)
    assert message.reply_to is None
    deliver_pending()
    [received] = inbox.messages
    assert received["Reply-To"] is None


@pytest.mark.parametrize(
    "reply_to",
    [INJECTED, "olga@ptvt.example, x@example.org", "Olga <olga@ptvt.example>", "", "x" * 400],
)
def test_a_reply_address_that_is_not_one_address_is_kept_as_failed(app, inbox, reply_to):
    message = queue(app, reply_to=reply_to)
    assert message.status is MailStatus.FAILED
    assert message.last_error == "Het antwoordadres is niet één geldig e-mailadres."
    assert "\n" not in message.reply_to
    assert len(message.reply_to) <= 254
    assert deliver_pending() == {}
    assert inbox.messages == []


def test_an_organiser_with_an_old_bad_address_confirms_and_is_told_nobody_was_mailed(
    organiser,  # noqa: F811
    final,  # noqa: F811
):
    olga = db.session.scalar(select(User).where(User.email == final.organiser_email))
    olga.email = INJECTED  # stored before addresses were checked
    db.session.commit()
    text = confirm_tickets(organiser, final)
    assert "2 teams zijn geplaatst" in text
    assert "Geen coach om te mailen" in text
    kept = db.session.scalars(select(OutboxMessage)).all()
    assert [m.status for m in kept] == [MailStatus.FAILED] * 2
    assert kept[0].reply_to == "olga@ptvt.example Bcc: x@example.org"
    page = organiser.get(f"/admin/outbox/{kept[0].id}").get_data(as_text=True)
    assert "Het antwoordadres is niet één geldig e-mailadres." in page


def test_an_old_message_with_a_bad_reply_to_fails_at_delivery_and_the_rest_goes(app, inbox):
    db.session.add(
        OutboxMessage(
            recipient="oud@example.nl",
            reply_to=INJECTED,  # stored before reply addresses were checked
            subject="Oude mail",
            body="Oude mail",
            status=MailStatus.PENDING,
            next_attempt_at=utcnow(),
        )
    )
    db.session.commit()
    queue(app, "jan@example.nl", reply_to="olga@ptvt.example")

    assert deliver_pending() == {MailStatus.FAILED: 1, MailStatus.SENT: 1}
    [received] = inbox.messages
    assert received["To"] == "jan@example.nl"
    assert received["Reply-To"] == "olga@ptvt.example"
    assert received["Bcc"] is None
    old = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.recipient == "oud@example.nl")
    )
    assert old.last_error.startswith("ValueError: not a single address")


@pytest.mark.parametrize("address", ["Olga <olga@ptvt.example>", "a@ptvt.example,b@ptvt.example"])
def test_the_app_does_not_start_with_an_organiser_email_that_is_not_one_address(
    database_url, monkeypatch, tmp_path, address
):
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("CHALLENGES_ORGANISER_EMAIL", address)
    with pytest.raises(ValueError, match="CHALLENGES_ORGANISER_EMAIL must be one bare"):
        create_app(app_config(database_url))


def test_the_organiser_email_is_read_from_the_environment(database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path))
    assert create_app(app_config(database_url)).config["ORGANISER_EMAIL"] == ""
    monkeypatch.setenv("CHALLENGES_ORGANISER_EMAIL", ORGANISERS)
    assert create_app(app_config(database_url)).config["ORGANISER_EMAIL"] == ORGANISERS
