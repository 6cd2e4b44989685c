"""Inviting coaches to a team: change and log, never commit.

An invitation grants nothing until the owner of the address accepts it, and the coach who
invites learns nothing about who has an account: no account is looked up, made or shown.
The link's token is random and only its sha256 is stored.
"""

import logging
import secrets
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from challenges.auth import services as accounts
from challenges.auth.models import User, hash_secret
from challenges.auth.roles import Role
from challenges.errors import DomainError
from challenges.extensions import db
from challenges.labels import audit_details
from challenges.links import absolute_url
from challenges.mail.services import mail_each, queue_mail
from challenges.registration.models import CoachInvitation, Team
from challenges.registration.rules import InvitationState
from challenges.registration.services import audit, ensure_may_edit

log = logging.getLogger(__name__)

CLOSED = {
    InvitationState.ACCEPTED: _l("This invitation has been accepted already: a link works once."),
    InvitationState.CANCELLED: _l("This invitation was withdrawn by the team's coach."),
    InvitationState.EXPIRED: _l(
        "This invitation has expired. Ask the team's coach to invite you again."
    ),
}


def open_invitations(team: Team, now: datetime) -> list[CoachInvitation]:
    """The team's invitations that can still be accepted, oldest first."""
    unanswered = db.session.scalars(
        select(CoachInvitation)
        .where(
            CoachInvitation.team_id == team.id,
            CoachInvitation.accepted_at.is_(None),
            CoachInvitation.cancelled_at.is_(None),
        )
        .order_by(CoachInvitation.created_at, CoachInvitation.id)
    )
    return [each for each in unanswered if each.state(now) is InvitationState.OPEN]


def invite_coach(team: Team, name: str, email: str, inviter: User, now: datetime) -> None:
    """Mail the address a link to become a coach of the team. The answer is the same whether
    or not the address has an account."""
    ensure_may_edit(team, inviter, now)
    email = email.strip().lower()
    if email in {coach.email.lower() for coach in team.coaches}:
        raise DomainError(_("%(email)s already coaches this team.", email=email), field="email")
    if any(invitation.email == email for invitation in open_invitations(team, now)):
        raise DomainError(
            _("%(email)s has been invited already and has not answered yet.", email=email),
            field="email",
        )
    token = secrets.token_urlsafe(32)
    invitation = CoachInvitation(
        team=team,
        email=email,
        name=name.strip(),
        token_hash=hash_secret(token),
        invited_by=inviter,
        created_at=now,
    )
    db.session.add(invitation)
    audit(inviter, "coach:invited", team, email)
    queue_mail(
        email,
        _l("Invitation to coach %(team)s", team=team.name),
        "coach_invitation",
        None,
        invitation=invitation,
        team=team,
        inviter=inviter,
        link=absolute_url("registration.invitation", token=token),
    )


def cancel_invitation(team: Team, invitation_id: int, user: User, now: datetime) -> None:
    """Withdraw an open invitation. Taking access away is allowed after the deadline too."""
    invitation = db.session.get(CoachInvitation, invitation_id)
    if invitation is None or invitation.team_id != team.id:
        raise DomainError(_("This invitation does not exist."), status=404)
    if invitation.state(now) is not InvitationState.OPEN:
        raise DomainError(str(CLOSED[invitation.state(now)]), status=409)
    invitation.cancelled_at = now
    audit(user, "coach:invitation-cancelled", team, invitation.email)


def open_invitation(token: str, now: datetime, lock: bool = False) -> CoachInvitation:
    """The invitation the link's token belongs to, when it can still be accepted."""
    query = select(CoachInvitation).where(CoachInvitation.token_hash == hash_secret(token))
    invitation = db.session.scalar(query.with_for_update() if lock else query)
    if invitation is None:
        raise DomainError(
            _("This invitation link is not valid. Check that you copied the whole link."),
            status=404,
        )
    state = invitation.state(now)
    if state is not InvitationState.OPEN:
        raise DomainError(str(CLOSED[state]), status=410)
    return invitation


def ensure_addressed_to(invitation: CoachInvitation, user: User) -> None:
    if not invitation.is_for(user):
        raise DomainError(
            _(
                "This invitation was sent to another e-mail address. Log out, and log in with "
                "the address the invitation was sent to."
            ),
            status=403,
        )


def accept_invitation(token: str, user: User, now: datetime) -> Team:
    """Make the invited person a coach of the team, once."""
    invitation = open_invitation(token, now, lock=True)
    ensure_addressed_to(invitation, user)
    invitation.accepted_at = now
    team = invitation.team
    accounts.grant_role(user, Role.COACH, None, invitation.invited_by)
    if user not in team.coaches:
        others = list(team.coaches)
        team.coaches.append(user)
        audit(
            user,
            "coach:joined",
            team,
            audit_details(email=user.email, invited_by=inviter_of(invitation)),
        )
        mail_each(
            others,
            _l("%(name)s now coaches %(team)s", name=user.name, team=team.name),
            "coach_joined",
            "coach",
            newcomer=user,
            team=team,
        )
    log.info("%s accepted the invitation to coach team %s", user.email, team.id)
    return team


def inviter_of(invitation: CoachInvitation) -> str:
    return invitation.invited_by.email if invitation.invited_by else "—"
