"""Apps on fresh databases built by the migrations (a backup carries the database's Alembic
revision), and the demo world with a value of every column type, backed up once per run."""

import gzip
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import select

from challenges import create_app
from challenges.events.models import Event
from challenges.extensions import db
from challenges.mail.models import MailStatus, OutboxMessage
from challenges.printing.models import Branding
from challenges.robot_game.models import ScoreboardState
from tests.factories import app_config

Rows = dict[str, list[tuple]]


@contextmanager
def app_on(url: str, instance: Path, **config: Any) -> Iterator[Flask]:
    """An app on that database, its context pushed; the engine is closed afterwards."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHALLENGES_INSTANCE_PATH", str(instance))
        app = create_app(app_config(url, RATELIMIT_ENABLED=False, **config))
    with app.app_context():
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


def all_rows() -> Rows:
    """Every row of every table as the app reads it, in an order both databases agree on."""
    with db.engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for table in db.metadata.sorted_tables
        }


def invoke(app: Flask, *args: str, code: int = 0) -> str:
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit | None), result.exception  # no traceback
    return result.output


def add_every_kind_of_value() -> None:
    """What the demo lacks: bytes of every value and empty bytes, a float, JSON and SQL NULL in
    one column, non-ASCII text, times, enums and an event that feeds into one created after it."""
    first_event, *_others = db.session.scalars(select(Event).order_by(Event.id))
    later = Event(
        season_id=first_event.season_id,
        slug="landelijke-finale-later",
        kind=first_event.kind,
        name="Landelijke finale — «later» 🤖",
        starts_on=first_event.starts_on,
        start_time=time(8, 30),
        end_time=time(17, 45, 30),
    )
    db.session.add(later)
    db.session.flush()
    first_event.feeds_into_id = later.id
    # The demo brands every season: its branding takes these bytes instead.
    db.session.merge(
        Branding(season_id=first_event.season_id, logo=bytes(range(256)), signature=b"")
    )
    db.session.add_all(
        [
            ScoreboardState(event_id=first_event.id, snapshot={"ü": [1, 2.5, None, True]}),
            ScoreboardState(event_id=later.id, snapshot=None),
            OutboxMessage(
                recipient="jan@example.nl",
                subject="Één bericht",
                body='regel 1\nregel 2\t"quote" \\',
                status=MailStatus.PENDING,
                next_attempt_at=datetime(2026, 3, 29, 1, 30, 15, 123456, tzinfo=UTC),
            ),
        ]
    )
    db.session.commit()


@dataclass(frozen=True)
class DemoBackup:
    path: Path
    rows: Rows


@pytest.fixture(scope="session")
def demo_backup(tmp_path_factory) -> DemoBackup:
    """The demo world on SQLite, backed up with `challenges backup create`."""
    folder = tmp_path_factory.mktemp("demo")
    with app_on(f"sqlite:///{folder / 'demo.db'}", folder / "instance") as app:
        upgrade()
        invoke(app, "seed", "demo")
        add_every_kind_of_value()
        path = folder / "demo.jsonl.gz"
        invoke(app, "backup", "create", "--out", str(path))
        return DemoBackup(path, all_rows())


def rewritten(source: Path, target: Path, change: Callable[[list[str]], list[str]]) -> Path:
    """A copy of a backup with its lines changed (and compressed again)."""
    lines = gzip.decompress(source.read_bytes()).decode().splitlines(keepends=True)
    target.write_bytes(gzip.compress("".join(change(lines)).encode()))
    return target


def with_manifest(**changes: Any) -> Callable[[list[str]], list[str]]:
    def change(lines: list[str]) -> list[str]:
        manifest = json.loads(lines[0]) | changes
        return [json.dumps(manifest) + "\n", *lines[1:]]

    return change
