"""The version of an event's public scoreboard: one more whenever something the scoreboard
shows changes. Its caches and ETags are keyed by it, so every server and worker sees a change
at its next request. Bumped in the caller's transaction by one UPDATE ... SET version =
version + 1, so a change and its bump commit together and two bumps at once both count."""

from sqlalchemy import ColumnElement, select, update

from challenges.events.models import Event, EventTeam
from challenges.extensions import db


def bump(*event_ids: int) -> None:
    _bump(Event.id.in_(event_ids))


def bump_where_placed(team_id: int) -> None:
    """For a change to a team (its name): the scoreboards of the events it is placed at."""
    _bump(Event.id.in_(select(EventTeam.event_id).where(EventTeam.team_id == team_id)))


def _bump(events: ColumnElement[bool]) -> None:
    db.session.execute(
        update(Event)
        .where(events)
        .values(scoreboard_version=Event.scoreboard_version + 1)
        # events loaded in this session forget their version and read the new one when asked
        .execution_options(synchronize_session="fetch")
    )
