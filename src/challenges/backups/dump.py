"""The backup file: gzip'd JSON lines, readable by any later version of the same schema.

Line 1 is the manifest (format, version, the database's Alembic revision, when, why, and per
table its columns and number of rows); then every row of every table in the manifest's order,
each a JSON array of its values. Values are written as the database stores them, in a form that
SQLite and PostgreSQL both read: datetimes ISO 8601 in UTC, dates and times ISO 8601, bytes
base64, enumerations their stored value, JSON columns as JSON.

No Flask and no SQLAlchemy here: the database side is in `services`.
"""

import base64
import binascii
import enum
import gzip
import io
import json
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, BinaryIO

FORMAT = "challenges-backup"
VERSION = 1
MANIFEST_LIMIT = 1024 * 1024  # characters; a manifest is a few kilobytes


class NotABackup(Exception):
    """The file is not a (complete) backup; `code` and `params` say what is wrong."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class TableDump:
    name: str
    columns: tuple[str, ...]
    rows: int


@dataclass(frozen=True)
class Manifest:
    revision: str | None
    created_at: datetime
    reason: str
    automatic: bool
    tables: tuple[TableDump, ...]

    @property
    def total_rows(self) -> int:
        return sum(table.rows for table in self.tables)

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "revision": self.revision,
            "created_at": encode(self.created_at),
            "reason": self.reason,
            "automatic": self.automatic,
            "tables": [
                {"name": table.name, "columns": list(table.columns), "rows": table.rows}
                for table in self.tables
            ],
        }


def encode(value: Any) -> Any:
    """A column's value as JSON."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.isoformat()
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _bytes(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


# How a value is read back, by the column's Python type; other values are JSON as they are.
DECODERS: dict[type, Callable[[Any], Any]] = {
    datetime: datetime.fromisoformat,
    date: date.fromisoformat,
    time: time.fromisoformat,
    bytes: _bytes,
}


def write(
    stream: BinaryIO,
    manifest: Manifest,
    rows_of: Callable[[TableDump], Iterable[Sequence[Any]]],
) -> None:
    """The manifest, then each table's rows as `rows_of` gives them (a stream, not a list)."""
    with (
        gzip.GzipFile(fileobj=stream, mode="wb", compresslevel=6) as compressed,
        io.TextIOWrapper(compressed, encoding="utf-8", newline="\n") as text,
    ):
        text.write(_line(manifest.as_json()))
        for table in manifest.tables:
            written = 0
            for row in rows_of(table):
                text.write(_line([encode(value) for value in row]))
                written += 1
            if written != table.rows:
                raise RuntimeError(f"{table.name}: counted {table.rows} rows, read {written}")


def _line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def read_manifest(stream: BinaryIO) -> Manifest:
    """Only the first line: cheap enough for a list of files."""
    return BackupReader(stream).manifest


class BackupReader:
    """Reads a backup front to back; every problem is a NotABackup."""

    def __init__(self, stream: BinaryIO) -> None:
        self._text = io.TextIOWrapper(gzip.GzipFile(fileobj=stream, mode="rb"), encoding="utf-8")
        self.line = 0
        self.manifest = _manifest(self._json(self._next_line(MANIFEST_LIMIT), "not_a_backup"))

    def rows(self, table: TableDump, types: Sequence[type | None]) -> Iterator[list[Any]]:
        """The table's rows, each value decoded for its column's Python type."""
        decoders = [DECODERS.get(kind) if kind else None for kind in types]
        for _ in range(table.rows):
            line = self._next_line()
            if not line:
                raise NotABackup("truncated")
            row = self._json(line, "not_json")
            if not isinstance(row, list) or len(row) != len(decoders):
                raise NotABackup("bad_row", line=self.line, table=table.name)
            yield self._decoded(row, decoders, table)

    def finish(self) -> None:
        """After the last table: nothing may follow."""
        if self._next_line():
            raise NotABackup("extra", line=self.line)

    def _next_line(self, limit: int = -1) -> str:
        try:
            line = self._text.readline(limit)
        except EOFError:
            raise NotABackup("truncated") from None
        except (gzip.BadGzipFile, zlib.error):
            raise NotABackup("damaged") from None
        except UnicodeDecodeError:
            raise NotABackup("not_text") from None
        self.line += 1
        return line

    def _json(self, line: str, problem: str) -> Any:
        try:
            return json.loads(line)
        except ValueError:
            raise NotABackup(problem, line=self.line) from None

    def _decoded(self, row: list[Any], decoders: list, table: TableDump) -> list[Any]:
        try:
            return [
                decode(value) if decode and value is not None else value
                for decode, value in zip(decoders, row, strict=True)
            ]
        except (ValueError, TypeError, binascii.Error):
            raise NotABackup("bad_row", line=self.line, table=table.name) from None


def _manifest(data: Any) -> Manifest:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotABackup("not_a_backup")
    if data.get("version") != VERSION:
        raise NotABackup("version", version=data.get("version"))
    try:
        created_at = datetime.fromisoformat(data["created_at"])
        if created_at.tzinfo is None:
            raise ValueError("created_at without a time zone")
        return Manifest(
            revision=data["revision"],
            created_at=created_at,
            reason=str(data["reason"]),
            automatic=bool(data["automatic"]),
            tables=tuple(
                TableDump(str(table["name"]), tuple(map(str, table["columns"])), int(table["rows"]))
                for table in data["tables"]
            ),
        )
    except (KeyError, TypeError, ValueError):
        raise NotABackup("not_a_backup") from None
