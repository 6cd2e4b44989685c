"""Withdrawing a submitted rubric filed for the wrong team, with a reason: a withdrawn version
supersedes it (the submitted one is kept), so it counts nowhere. Never commits."""

import uuid

from flask_babel import gettext as _

from challenges.auth.models import User
from challenges.database import lock_rows
from challenges.errors import DomainError
from challenges.events.models import Event
from challenges.extensions import db
from challenges.judging import panels
from challenges.judging.entries import add_version, contents_of
from challenges.judging.models import RubricEntry, RubricStatus
from challenges.judging.programme import in_words
from challenges.registration.models import Team

WITHDRAW_REASON_LENGTH = 200


def withdrawable(event: Event, entry_id: int, user: User) -> RubricEntry:
    """A current submitted rubric of the event that `user` may withdraw: their own, or any
    when they are the judge advisor."""
    entry = db.session.get(RubricEntry, entry_id)
    if entry is None or entry.event_id != event.id or not entry.current:
        raise DomainError(
            in_words(
                event,
                _("This rubric does not exist (any more)."),
                _("This jury form does not exist (any more)."),
            ),
            status=404,
        )
    if entry.status != RubricStatus.SUBMITTED:
        raise DomainError(
            in_words(
                event,
                _("Only a submitted rubric can be withdrawn."),
                _("Only a submitted jury form can be withdrawn."),
            ),
            status=409,
        )
    if entry.judge_id != user.id and not panels.is_advisor(event, user):
        raise DomainError(
            in_words(
                event,
                _("Only the judge who submitted it or the judge advisor may withdraw it."),
                _("Only the juror who submitted it or the judge advisor may withdraw it."),
            ),
            status=403,
        )
    return entry


def withdraw(event: Event, entry_id: int, user: User, reason: str) -> RubricEntry:
    """Withdraw a submitted rubric: a withdrawn version with the reason takes its place (the
    submitted one is kept); it no longer counts anywhere."""
    reason = " ".join(reason.split())
    if not reason:
        raise DomainError(
            in_words(
                event,
                _("Say why the rubric is withdrawn."),
                _("Say why the jury form is withdrawn."),
            ),
            "reason",
        )
    if len(reason) > WITHDRAW_REASON_LENGTH:
        raise DomainError(_("At most %(max)d characters.", max=WITHDRAW_REASON_LENGTH), "reason")
    team_id = withdrawable(event, entry_id, user).team_id
    lock_rows(db.session, Team, [team_id])
    entry = withdrawable(event, entry_id, user)  # as it is now that the team is ours
    withdrawn = RubricEntry(
        client_key=uuid.uuid4().hex,
        event_id=event.id,
        team_id=entry.team_id,
        judge_id=entry.judge_id,
        judge_name=entry.judge_name,
        rubric_set_key=entry.rubric_set_key,
        rubric=entry.rubric,
        status=RubricStatus.WITHDRAWN,
        version=entry.version + 1,
        supersedes_id=entry.id,
        withdrawn_reason=reason,
        withdrawn_by_id=user.id,
        **contents_of(entry),
    )
    add_version(withdrawn, entry)
    return withdrawn
