"""A fresh, empty database for tests that build the schema themselves (migrations, servers),
and emptying the shared test database after a test."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from challenges.config import normalise_database_url
from challenges.extensions import db

POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


@contextmanager
def fresh_database(folder: Path) -> Iterator[str]:
    server_url = os.environ.get("CHALLENGES_TEST_DATABASE_URL")
    if not server_url:
        yield f"sqlite:///{folder / f'fresh-{uuid.uuid4().hex[:8]}.db'}"
        return
    with fresh_postgres_database(server_url) as url:
        yield url


@contextmanager
def fresh_postgres_database(server_url: str = POSTGRES_SERVER) -> Iterator[str]:
    """A new, empty database on that PostgreSQL server, dropped afterwards; its URL."""
    url = make_url(normalise_database_url(server_url))
    name = f"challenges_fresh_{uuid.uuid4().hex[:12]}"
    admin = url.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def empty_all_tables(keep_connections: bool = False) -> None:
    """End the app's session and delete every row, so the next test starts empty (on
    PostgreSQL in one round trip: one per table cost 25 ms a test). The engine's connections
    are closed, unless the next test's app shares them."""
    db.session.remove()
    tables = [table.name for table in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("; ".join(f'DELETE FROM "{name}"' for name in tables))
        else:
            for name in tables:
                connection.exec_driver_sql(f'DELETE FROM "{name}"')
    if not keep_connections:
        db.engine.dispose()
