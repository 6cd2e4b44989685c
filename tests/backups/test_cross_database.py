"""An event moves from the venue's laptop (SQLite) to the central server (PostgreSQL) and
back: each restores the other's backup, row for row."""

import os

import pytest

from tests.backups.conftest import all_rows, app_on, invoke
from tests.databases import fresh_database

pytestmark = [
    pytest.mark.database,
    pytest.mark.skipif(
        not os.environ.get("CHALLENGES_TEST_DATABASE_URL"),
        reason="needs PostgreSQL: set CHALLENGES_TEST_DATABASE_URL",
    ),
]


def test_sqlite_to_postgresql_and_back(demo_backup, tmp_path):
    from_server = tmp_path / "server.jsonl.gz"
    with (
        fresh_database(tmp_path) as url,
        app_on(url, tmp_path / "server") as server,
    ):
        assert server.extensions["sqlalchemy"].engine.dialect.name == "postgresql"
        invoke(server, "backup", "restore", str(demo_backup.path))
        assert all_rows() == demo_backup.rows
        invoke(server, "backup", "create", "--out", str(from_server))

    with app_on(f"sqlite:///{tmp_path / 'laptop.db'}", tmp_path / "laptop") as laptop:
        invoke(laptop, "backup", "restore", str(from_server))
        assert all_rows() == demo_backup.rows
