"""Writing backups of the whole database while the app runs (one snapshot on a connection of
its own), and the backups kept in the instance folder. Restoring is in `restoring`."""

import contextvars
import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from alembic.migration import MigrationContext
from flask import current_app
from sqlalchemy import Connection, Engine, func, select

from challenges.backups import dump
from challenges.backups.dump import Manifest, NotABackup, TableDump
from challenges.database import utcnow
from challenges.extensions import db

log = logging.getLogger(__name__)

FOLDER = "backups"
SUFFIX = ".jsonl.gz"
KEPT = 20  # automatic backups kept, unless BACKUPS_KEPT says otherwise
MANUAL_REASON = "handmatig"
BATCH = 1000
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.jsonl\.gz")


@dataclass(frozen=True)
class StoredBackup:
    """A backup file in the instance folder; `manifest` is None when it cannot be read."""

    name: str
    size: int
    modified: datetime
    manifest: Manifest | None

    @property
    def created_at(self) -> datetime:
        return self.manifest.created_at if self.manifest else self.modified


def automatic(reason: str) -> Path | None:
    """Back up the whole database into the instance folder before a risky action.

    Call it in the view before the action (replacing a schedule, reopening a round, an
    import, a season purge), with a few Dutch words that name the file and are shown on the
    backups page::

        if backups.automatic("schema vervangen") is None:
            flash(_("No backup could be made first; ..."), "error")

    The backup reads the last committed state on its own connection, never through the
    request's session or transaction, so it may be called anywhere in a view. It keeps the
    newest BACKUPS_KEPT (default 20) automatic backups and deletes older ones. Returns the
    file, or None when no backup could be made (a full disk, ...): that is logged, and the
    caller decides whether the action goes ahead.
    """
    path = _save_in_folder(reason, automatic=True)
    if path is not None:
        _prune(kept())
    return path


def kept() -> int:
    """How many automatic backups are kept."""
    return max(1, int(current_app.config.get("BACKUPS_KEPT", KEPT)))


def by_hand() -> Path | None:
    """A backup in the instance folder that is never deleted automatically."""
    return _save_in_folder(MANUAL_REASON, automatic=False)


def create(out: Path) -> Manifest:
    """Write a backup to `out`; an existing file there is replaced once the new one is whole."""
    with _partial_file(out.parent) as partial:
        manifest = _write(partial, MANUAL_REASON, automatic=False)
        os.replace(partial, out)
    return manifest


def _save_in_folder(reason: str, automatic: bool) -> Path | None:
    folder = backup_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with _partial_file(folder) as partial:
            manifest = _write(partial, reason, automatic)
            return _publish(partial, folder, file_stem(manifest.created_at, reason))
    except Exception:  # whatever went wrong, the caller's action must not fail because of it
        log.exception("No backup made (%s)", reason)
        return None


def _write(path: Path, reason: str, automatic: bool) -> Manifest:
    engine = db.engine
    with path.open("wb") as stream:
        # On SQLite a connection opened while a request may write begins with BEGIN IMMEDIATE
        # (challenges.database) and would wait for the write lock the request itself holds.
        # Outside the request's context the backup's connection begins a plain read.
        return contextvars.Context().run(write_backup, engine, stream, reason, automatic)


def write_backup(engine: Engine, stream: BinaryIO, reason: str, automatic: bool) -> Manifest:
    """Every table, read in one snapshot on a connection of its own, row by row."""
    with _snapshot(engine) as connection:
        manifest = Manifest(
            revision=MigrationContext.configure(connection).get_current_revision(),
            created_at=utcnow(),
            reason=reason,
            automatic=automatic,
            tables=tuple(
                TableDump(
                    table.name,
                    tuple(table.columns.keys()),
                    connection.scalar(select(func.count()).select_from(table)),
                )
                for table in db.metadata.sorted_tables
            ),
        )
        dump.write(stream, manifest, lambda table: _rows(connection, table))
    return manifest


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """One read transaction: REPEATABLE READ on PostgreSQL; on SQLite (WAL) every read
    transaction sees one snapshot."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
        with connection.begin():
            # pysqlite begins no transaction before a read; without one each SELECT would see
            # the latest commits (the app's own "begin" listener may have begun one already).
            if connection.dialect.name == "sqlite" and not _sqlite_in_transaction(connection):
                connection.exec_driver_sql("BEGIN")
            yield connection


def _sqlite_in_transaction(connection: Connection) -> bool:
    return connection.connection.dbapi_connection.in_transaction


def _rows(connection: Connection, table: TableDump) -> Iterable[Any]:
    source = db.metadata.tables[table.name]
    statement = select(source).order_by(*source.primary_key.columns)
    return connection.execute(statement.execution_options(yield_per=BATCH))


@contextmanager
def _partial_file(folder: Path) -> Iterator[Path]:
    """A file that disappears unless it was moved: no half backup is ever left."""
    handle, name = tempfile.mkstemp(dir=folder, prefix=".backup-", suffix=".partial")
    os.close(handle)
    try:
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def _publish(partial: Path, folder: Path, stem: str) -> Path:
    """Give the file its name; a second backup in the same second gets `-2`, `-3`, ..."""
    target, number = folder / f"{stem}{SUFFIX}", 1
    while True:
        try:
            os.link(partial, target)  # fails when the name is taken: nothing is overwritten
            return target
        except FileExistsError:
            number += 1
            target = folder / f"{stem}-{number}{SUFFIX}"


def file_stem(created_at: datetime, reason: str) -> str:
    """2026-12-02T21-30-05Z-schema-vervangen"""
    ascii_text = unicodedata.normalize("NFKD", reason).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")
    return f"{created_at.astimezone(UTC):%Y-%m-%dT%H-%M-%SZ}-{slug or 'backup'}"


def backup_folder() -> Path:
    return Path(current_app.instance_path) / FOLDER


def stored_backups() -> list[StoredBackup]:
    """The backups in the instance folder, newest first."""
    found = [_stored(entry) for entry in _entries()]
    return sorted(found, key=lambda backup: backup.created_at, reverse=True)


def stored_backup(name: str) -> Path | None:
    """The file of that name, only when the folder lists it as a backup."""
    return next((Path(entry.path) for entry in _entries() if entry.name == name), None)


def _entries() -> list[os.DirEntry]:
    try:
        with os.scandir(backup_folder()) as entries:
            return [
                entry
                for entry in entries
                if NAME.fullmatch(entry.name) and entry.is_file(follow_symlinks=False)
            ]
    except FileNotFoundError:
        return []


def _stored(entry: os.DirEntry) -> StoredBackup:
    status = entry.stat(follow_symlinks=False)
    try:
        with open(entry.path, "rb") as stream:
            manifest = dump.read_manifest(stream)
    except (OSError, NotABackup):
        manifest = None
    modified = datetime.fromtimestamp(status.st_mtime, UTC)
    return StoredBackup(entry.name, status.st_size, modified, manifest)


def _prune(keep: int) -> None:
    made_automatically = [b for b in stored_backups() if b.manifest and b.manifest.automatic]
    for backup in made_automatically[keep:]:
        try:
            (backup_folder() / backup.name).unlink(missing_ok=True)
        except OSError:
            log.exception("Old backup %s not deleted", backup.name)
