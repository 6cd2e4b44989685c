"""The event manager records an event's visitors (flushes, never commits)."""

from challenges.auth.models import User
from challenges.events.models import Event
from challenges.extensions import db
from challenges.reports.models import EventVisitors


def visitors_of(event: Event) -> EventVisitors | None:
    return db.session.get(EventVisitors, event.id)


def record_visitors(event: Event, visitors: int | None, note: str | None, by: User) -> None:
    found = visitors_of(event) or EventVisitors(event_id=event.id)
    found.visitors = visitors
    found.note = (note or "").strip() or None
    found.entered_by = by.name
    db.session.add(found)
    db.session.flush()
