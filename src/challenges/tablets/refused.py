"""Refused on arrival, kept for a person to decide: a sheet that came after verification, in
a closed round or for a no-show; a rubric from a judge no longer seated for the team. The
tablet shows the refusal too; nothing is dropped. Never commits."""

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from challenges.auth.models import User
from challenges.database import utcnow
from challenges.errors import DomainError
from challenges.extensions import db
from challenges.i18n import current_language
from challenges.tablets.models import Kind, Outcome, RefusedItem

# The refusals that concern the state of the match or team, not what the tablet filled in.
STATE_REFUSALS = (403, 409)


def keep(
    event_id: int, kind: Kind, team_id: int, payload: dict[str, Any], user: User, reason: str
) -> None:
    """Keep a refused item, once per client key, with the language its reason is in (the
    sender's: a page in another language marks it so)."""
    client_key = str(payload.get("client_key") or "")
    found = db.session.scalar(
        select(RefusedItem).where(RefusedItem.kind == kind, RefusedItem.client_key == client_key)
    )
    if found is not None:
        found.reason, found.reason_language = reason[:300], current_language()
        return
    item = RefusedItem(
        event_id=event_id,
        kind=kind,
        client_key=client_key,
        team_id=team_id,
        sent_by_id=user.id,
        sent_by=user.name,
        payload=payload,
        reason=reason[:300],
        reason_language=current_language(),
    )
    try:
        with db.session.begin_nested():
            db.session.add(item)
    except IntegrityError:  # the same item refused twice at the same moment: kept once
        pass


def waiting(event_id: int, kind: Kind) -> list[RefusedItem]:
    """Items nobody has decided on yet, oldest first."""
    return list(
        db.session.scalars(
            select(RefusedItem)
            .where(
                RefusedItem.event_id == event_id,
                RefusedItem.kind == kind,
                RefusedItem.outcome.is_(None),
            )
            .order_by(RefusedItem.received_at, RefusedItem.id)
        )
    )


def undecided(event_id: int, kind: Kind, item_id: int) -> RefusedItem:
    item = db.session.get(RefusedItem, item_id, populate_existing=True)
    if item is None or item.event_id != event_id or item.kind != kind:
        raise DomainError(_("There is no such refused item at this event."), status=404)
    if item.outcome is not None:
        raise DomainError(_("Someone decided on this item meanwhile; look again."), status=409)
    return item


def decide(item: RefusedItem, outcome: Outcome, user: User) -> None:
    item.outcome = outcome
    item.decided_by = user.name
    item.decided_at = utcnow()


def arrived_after_all(kind: Kind, client_key: str) -> None:
    """A refused item sent again and now stored needs no decision any more."""
    for item in db.session.scalars(
        select(RefusedItem).where(
            RefusedItem.kind == kind,
            RefusedItem.client_key == client_key,
            RefusedItem.outcome.is_(None),
        )
    ):
        item.outcome = Outcome.ACCEPTED
        item.decided_by = item.sent_by
        item.decided_at = utcnow()
