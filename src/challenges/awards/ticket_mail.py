"""The mail of a ticket to the national final, to each coach of the team in their own
language: why (a wildcard says so, never the panel's internal reason), what happens next,
whom to answer, and a link to accept or decline that works for this ticket only. Never
commits."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeTimedSerializer

from challenges.auth.models import User
from challenges.awards.awarding import ticket_reason
from challenges.awards.models import Advancement, AdvancementKind
from challenges.extensions import db
from challenges.links import absolute_url
from challenges.mail.models import MailStatus
from challenges.mail.services import queue_mail

ANSWER_SALT = "ticket-answer"
ANSWER_MAX_AGE = 120 * 24 * 3600  # from a regional final in spring to the final in June


def _serializer() -> URLSafeTimedSerializer:
    fallbacks = current_app.config.get("SECRET_KEY_FALLBACKS") or []
    keys = [*reversed(fallbacks), current_app.config["SECRET_KEY"]]
    return URLSafeTimedSerializer(keys, salt=ANSWER_SALT)


def answer_token(ticket: Advancement, coach: User) -> str:
    return _serializer().dumps({"ticket": ticket.id, "coach": coach.id})


def read_answer_token(token: str) -> tuple[Advancement, User] | None:
    """The ticket and the coach a link was made for; None for a link that is not ours, too
    old, or for a coach who no longer coaches the team."""
    try:
        data = _serializer().loads(token, max_age=ANSWER_MAX_AGE)
    except BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    ticket = db.session.get(Advancement, data.get("ticket"))
    coach = db.session.get(User, data.get("coach"))
    if ticket is None or coach is None or coach not in ticket.team.coaches:
        return None
    return ticket, coach


def reply_address(decided_by: User) -> str:
    """Whom the coach answers: the organisers' configured address (ORGANISER_EMAIL), else the
    organiser who confirmed the ticket (events have no contact address of their own)."""
    return current_app.config["ORGANISER_EMAIL"] or decided_by.email


def mail_coaches(ticket: Advancement, decided_by: User) -> int:
    """Queue the ticket's mail to each coach of the team; returns how many were queued (an
    address that is not one valid address is kept for the outbox, but not counted)."""
    team, national = ticket.team, ticket.to_event
    wildcard = ticket.kind is AdvancementKind.WILDCARD
    subject = (
        _l("Wildcard: %(team)s goes to %(event)s", team=team.name, event=national.name)
        if wildcard
        else _l("%(team)s advances to %(event)s", team=team.name, event=national.name)
    )
    queued = 0
    for coach in team.coaches:
        message = queue_mail(
            coach.email,
            subject,
            "ticket_wildcard" if wildcard else "team_advances",
            coach.locale,
            coach=coach,
            team=team,
            event=national,
            ticket=ticket,
            reason=ticket_reason,
            reply_to=reply_address(decided_by),
            answer_url=absolute_url(
                "awards_results.answer_ticket", token=answer_token(ticket, coach)
            ),
        )
        queued += message.status is not MailStatus.FAILED
    return queued
