"""Automatic backups before risky actions: in the instance folder, the newest N kept, never
through the request's own transaction, and a failure is logged, not raised."""

import logging

import pytest
from flask import current_app
from sqlalchemy import select

from challenges.auth.models import User
from challenges.backups import dump, services
from challenges.extensions import db
from tests.factories import make_user


@pytest.fixture
def config_overrides(monkeypatch) -> dict:
    monkeypatch.setenv("CHALLENGES_BACKUPS_KEPT", "3")  # the README's setting
    return {}


def names() -> list[str]:
    return sorted(path.name for path in services.backup_folder().iterdir())


def test_only_the_newest_automatic_backups_are_kept(app):
    by_hand = services.by_hand()
    made = [services.automatic("Schema vervangen") for _ in range(5)]

    assert by_hand.name.endswith("Z-handmatig.jsonl.gz")
    assert all(path.parent == services.backup_folder() for path in made)
    newest = made[2:]
    assert len(set(newest)) == 3  # made in the same second: -2, -3, ...
    assert sorted([by_hand.name, *(path.name for path in newest)]) == names()
    assert made[0].name.endswith("Z-schema-vervangen.jsonl.gz")
    with made[-1].open("rb") as stream:
        manifest = dump.read_manifest(stream)
    assert (manifest.reason, manifest.automatic) == ("Schema vervangen", True)


def test_a_failed_backup_is_logged_and_leaves_no_file(app, monkeypatch, caplog):
    def disk_full(*args):
        raise OSError(28, "No space left on device")

    services.by_hand()
    before = names()
    monkeypatch.setattr(services, "write_backup", disk_full)

    with caplog.at_level(logging.ERROR, logger="challenges.backups.services"):
        assert services.automatic("ronde heropend") is None

    assert "ronde heropend" in caplog.text
    assert names() == before


def test_an_instance_folder_that_cannot_hold_backups_gives_none(app, caplog):
    services.backup_folder().parent.mkdir(parents=True, exist_ok=True)
    services.backup_folder().write_text("a file where the folder should be")
    with caplog.at_level(logging.ERROR, logger="challenges.backups.services"):
        assert services.automatic("import") is None
    assert "import" in caplog.text


def test_a_view_may_back_up_while_its_own_transaction_holds_the_write_lock(app):
    """SQLite: the request's session took the write lock at BEGIN IMMEDIATE; the backup reads
    the last committed state beside it, without the request's uncommitted row."""
    make_user(email="vastgelegd@example.nl")
    with current_app.test_request_context(method="POST"):
        db.session.add(User(email="onaf@example.nl", name="Nog niet vastgelegd"))
        db.session.flush()

        path = services.automatic("schema vervangen")

        db.session.rollback()
    assert path is not None
    with path.open("rb") as stream:
        reader = dump.BackupReader(stream)
        tables = {table.name: table for table in reader.manifest.tables}
        emails = set()
        for table in reader.manifest.tables:
            rows = list(reader.rows(table, [None] * len(table.columns)))
            if table.name == "user":
                emails = {row[table.columns.index("email")] for row in rows}
    assert emails == {"vastgelegd@example.nl"}
    assert tables["user"].rows == 1
    assert db.session.scalar(select(User.email).where(User.email == "onaf@example.nl")) is None
