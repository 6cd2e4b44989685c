"""Restoring a backup into an empty database, in one transaction; a database without the
app's tables is migrated first. SQLite and PostgreSQL read each other's backups."""

from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from alembic.migration import MigrationContext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_migrate import upgrade
from sqlalchemy import Column, Connection, Table, bindparam, func, insert, inspect, select, update
from sqlalchemy import text as sql
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.types import TypeDecorator

from challenges.backups import dump
from challenges.backups.dump import Manifest, NotABackup
from challenges.errors import DomainError
from challenges.extensions import db
from challenges.health import migrations

BATCH = 1000

PROBLEMS = {
    "damaged": _l("it is not a gzip file, or it is damaged"),
    "truncated": _l("the file is incomplete (cut off)"),
    "not_text": _l("it holds bytes that are not UTF-8 text"),
    "not_a_backup": _l("it is not a backup of this app: its first line is no backup's manifest"),
    "tables": _l("its tables do not match this version of the app"),
    "not_json": _l("line %(line)s is not JSON"),
    "version": _l("it has format version %(version)s, which this app cannot read"),
    "bad_row": _l("line %(line)s is not a row of table %(table)s"),
    "extra": _l("line %(line)s follows the last table"),
}


def restore(path: Path, force: bool = False) -> Manifest:
    """Fill an empty database from a backup, in one transaction: a refused or failed restore
    changes no row. With `force` the database is emptied first (in the same transaction)."""
    try:
        with path.open("rb") as stream:
            reader = dump.BackupReader(stream)
            code = code_revision()
            _check_revision(reader.manifest, code)
            _prepare_schema(code)
            with db.engine.begin() as connection:
                _empty(connection, force)
                _insert_all(connection, reader)
                _reset_sequences(connection)
                _verify(connection, reader.manifest)
    except NotABackup as problem:
        text = str(PROBLEMS[problem.code]) % problem.params
        raise DomainError(_("Not restored, nothing changed: %(problem)s.", problem=text)) from None
    except OSError as error:
        raise DomainError(_("Not restored, nothing changed: %(problem)s.", problem=error)) from None
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0][:300]
        raise DomainError(
            _(
                "Not restored, nothing changed: the database refused the data (%(reason)s).",
                reason=reason,
            )
        ) from None
    return reader.manifest


def code_revision() -> str | None:
    """The Alembic revision this version of the app migrates to."""
    return migrations().head


def _check_revision(manifest: Manifest, code: str | None) -> None:
    if manifest.revision != code:
        raise DomainError(
            _(
                "Not restored, nothing changed: the backup has database revision %(file)s, "
                "this version of the app has revision %(code)s. Restore it with the version "
                "of the app that made it.",
                file=manifest.revision,
                code=code,
            )
        )


def _prepare_schema(code: str | None) -> None:
    """A database without the app's tables is migrated first, as `challenges db upgrade`."""
    with db.engine.connect() as connection:
        existing = set(inspect(connection).get_table_names()) & set(db.metadata.tables)
        revision = MigrationContext.configure(connection).get_current_revision()
    if not existing:
        upgrade()
    elif revision != code:
        raise DomainError(
            _(
                "Not restored, nothing changed: the database has revision %(database)s, this "
                "version of the app %(code)s. Run 'challenges db upgrade' first.",
                database=revision,
                code=code,
            )
        )


def _empty(connection: Connection, force: bool) -> None:
    tables = db.metadata.sorted_tables
    filled = [t.name for t in tables if connection.scalar(select(1).select_from(t).limit(1))]
    if filled and not force:
        raise DomainError(
            _(
                "Not restored, nothing changed: the database is not empty (%(tables)s). "
                "Restore into an empty database, or add --force to delete everything in it "
                "first.",
                tables=", ".join(filled[:5]) + (", ..." if len(filled) > 5 else ""),
            )
        )
    for table in reversed(tables):
        connection.execute(table.delete())


def _insert_all(connection: Connection, reader: dump.BackupReader) -> None:
    _check_tables(reader.manifest)
    for table_dump in reader.manifest.tables:
        table = db.metadata.tables[table_dump.name]
        types = [_python_type(column) for column in table.columns]
        _insert(connection, table, reader.rows(table_dump, types))
    reader.finish()


def _check_tables(manifest: Manifest) -> None:
    """The file holds exactly this schema's tables and columns, each after those it needs."""
    seen: set[str] = set()
    for table_dump in manifest.tables:
        table = db.metadata.tables.get(table_dump.name)
        if table is None or tuple(table.columns.keys()) != table_dump.columns:
            raise NotABackup("tables")
        seen.add(table.name)
        if not {key.column.table.name for key in table.foreign_keys} <= seen:
            raise NotABackup("tables")
    if seen != set(db.metadata.tables):
        raise NotABackup("tables")


def _python_type(column: Column) -> type | None:
    kind = column.type.impl_instance if isinstance(column.type, TypeDecorator) else column.type
    try:
        return kind.python_type
    except NotImplementedError:
        return None


def _insert(connection: Connection, table: Table, rows: Iterator[list[Any]]) -> None:
    """In batches. A reference to a row of the same table (a later version of a sheet, an
    event that feeds into a final) is filled in afterwards: it may point at a later row."""
    names = list(table.columns.keys())
    own = [key.parent.name for key in table.foreign_keys if key.column.table is table]
    keys = [column.name for column in table.primary_key.columns]
    references = []
    while batch := [dict(zip(names, row, strict=True)) for row in islice(rows, BATCH)]:
        for record in batch:
            if any(record[name] is not None for name in own):
                references.append(
                    {f"key_{k}": record[k] for k in keys} | {f"ref_{n}": record[n] for n in own}
                )
                record.update(dict.fromkeys(own))
        connection.execute(insert(table), batch)
    if references:
        statement = (
            update(table)
            .where(*(table.c[k] == bindparam(f"key_{k}") for k in keys))
            .values({n: bindparam(f"ref_{n}") for n in own})
        )
        connection.execute(statement, references)


def _reset_sequences(connection: Connection) -> None:
    """PostgreSQL: the next id of each table follows the highest restored one."""
    if connection.dialect.name != "postgresql":
        return
    quoted = connection.dialect.identifier_preparer
    for table in db.metadata.sorted_tables:
        column = table.autoincrement_column
        if column is None:
            continue
        connection.execute(
            sql(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"coalesce(max({quoted.quote(column.name)}), 0) + 1, false) "
                f"FROM {quoted.format_table(table)}"
            ),
            {"table": quoted.format_table(table), "column": column.name},
        )


def _verify(connection: Connection, manifest: Manifest) -> None:
    problems = []
    for table in manifest.tables:
        found = connection.scalar(select(func.count()).select_from(db.metadata.tables[table.name]))
        if found != table.rows:
            problems.append(f"{table.name}: {found} ≠ {table.rows}")
    if connection.dialect.name == "sqlite":
        problems += [str(row) for row in connection.exec_driver_sql("PRAGMA foreign_key_check")]
        checked = connection.exec_driver_sql("PRAGMA integrity_check").scalars()
        problems += [line for line in checked if line != "ok"]
    if problems:
        raise DomainError(
            _(
                "Not restored, nothing changed: the restored database does not match the "
                "backup (%(problems)s).",
                problems="; ".join(problems[:5]),
            )
        )
