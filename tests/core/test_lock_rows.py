"""lock_rows: the locked rows come back as they are in the database now, whatever the
session read before; what the caller asks to forget is read again; nothing unflushed is lost."""

from sqlalchemy import text

from challenges.auth.models import User
from challenges.database import lock_rows
from challenges.events.models import Event
from challenges.extensions import db
from tests.factories import make_event, make_user


def renamed_elsewhere(table: str, row_id: int, name: str) -> None:
    """Another request changes the row and commits (its own connection)."""
    with db.engine.begin() as connection:
        connection.execute(
            text(f'UPDATE "{table}" SET name = :name WHERE id = :id'), {"name": name, "id": row_id}
        )


def test_the_locked_rows_are_read_again_even_when_not_forgotten(app):
    user = make_user(name="Oud")
    db.session.commit()  # the test's own transaction must not see an old snapshot
    renamed_elsewhere("user", user.id, "Nieuw")
    [locked] = lock_rows(db.session, User, [user.id], forget=(Event,))
    assert locked is user
    assert locked.name == "Nieuw"


def test_what_is_forgotten_is_read_again_and_the_rest_stays(app):
    event = make_event()
    user = make_user(name="Oud")
    db.session.commit()
    assert user.name == "Oud"
    season = event.season  # loaded; the lock must not make the event read it again
    renamed_elsewhere("event", event.id, "Nieuwe naam")
    renamed_elsewhere("user", user.id, "Nieuw")
    [locked] = lock_rows(db.session, Event, [event.id], forget=(User,), shared=True)
    assert locked.name == "Nieuwe naam"
    assert user.name == "Nieuw"  # forgotten, read again when used
    assert "season" in locked.__dict__  # still loaded: not read again
    assert locked.season is season


def test_nothing_unflushed_is_lost(app):
    user = make_user(name="Oud")
    user.name = "Nog niet bewaard"
    lock_rows(db.session, User, [user.id])
    assert user.name == "Nog niet bewaard"
