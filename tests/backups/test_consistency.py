"""A backup taken while others keep writing is one moment of the database: everything
committed before it started, nothing committed while it was reading, no half transaction."""

import threading
from itertools import count

import pytest
from flask_migrate import upgrade
from sqlalchemy import Engine, event, insert, select

from challenges.auth.models import User, UserRole
from challenges.auth.roles import Role
from challenges.backups import dump, services
from challenges.extensions import db
from challenges.mail.models import MailStatus, OutboxMessage
from tests.backups.conftest import all_rows, app_on, invoke
from tests.databases import fresh_database

pytestmark = pytest.mark.database

WRITERS = 3
FIRST_ROWS = 5  # each writer's rows before the backup starts
MOST_ROWS = 2000  # a writer stops here at the latest
numbers = count(1)


def write_one(engine: Engine) -> int:
    """One transaction: an account, its role and a mail to it."""
    number = next(numbers)
    with engine.begin() as connection:
        user_id = connection.execute(
            insert(User)
            .values(email=f"w{number}@example.nl", name=f"W {number}")
            .returning(User.id)
        ).scalar_one()
        connection.execute(insert(UserRole).values(user_id=user_id, role=Role.COACH))
        connection.execute(
            insert(OutboxMessage).values(
                recipient=f"w{number}@example.nl", subject="s", body="b", status=MailStatus.PENDING
            )
        )
    return user_id


class Writers:
    """Threads that commit transactions before and all through a backup. Once the backup is
    inside its snapshot (`reading`), each writer commits one more (`late`) before the backup
    may go on."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.committed: list[int] = []
        self.late: list[int] = []
        self.started = threading.Barrier(WRITERS + 1, timeout=60)
        self.inside = threading.Barrier(WRITERS + 1, timeout=60)
        self.reading = threading.Event()
        self.done = threading.Event()
        self.threads = [threading.Thread(target=self.write) for _ in range(WRITERS)]

    def write(self) -> None:
        for _ in range(FIRST_ROWS):
            self.committed.append(write_one(self.engine))
        self.started.wait()
        waited = False
        for _ in range(MOST_ROWS):
            if self.done.is_set():
                return
            late = self.reading.is_set() and not waited
            user_id = write_one(self.engine)
            self.committed.append(user_id)
            if late:
                self.late.append(user_id)
                self.inside.wait()
                waited = True

    def pause_the_backup(self, connection, cursor, statement, *args) -> None:
        """Before the backup reads its first rows (it has counted every table by then)."""
        backup = threading.current_thread() is threading.main_thread()
        if backup and "ORDER BY" in statement and not self.reading.is_set():
            self.reading.set()
            self.inside.wait()


def test_a_backup_while_others_write_restores_one_consistent_moment(tmp_path):
    backup = tmp_path / "busy.jsonl.gz"
    with fresh_database(tmp_path) as url, app_on(url, tmp_path / "source"):
        upgrade()
        writers = Writers(db.engine)
        for thread in writers.threads:
            thread.start()
        writers.started.wait()
        before = set(writers.committed)
        event.listen(db.engine, "before_cursor_execute", writers.pause_the_backup)
        try:
            services.create(backup)
        finally:
            event.remove(db.engine, "before_cursor_execute", writers.pause_the_backup)
            writers.done.set()
            for thread in writers.threads:
                thread.join()
        committed = set(writers.committed)

    with fresh_database(tmp_path) as url, app_on(url, tmp_path / "target") as target:
        invoke(target, "backup", "restore", str(backup))
        restored = set(db.session.scalars(select(User.id)))
        with_role = set(db.session.scalars(select(UserRole.user_id)))
        rows = all_rows()

    assert len(writers.late) == WRITERS
    assert before <= restored <= committed
    assert restored.isdisjoint(writers.late)
    assert with_role == restored
    assert len(rows["outbox_message"]) == len(restored)
    with backup.open("rb") as stream:
        counted = {table.name: table.rows for table in dump.read_manifest(stream).tables}
    assert counted == {name: len(found) for name, found in rows.items()}
