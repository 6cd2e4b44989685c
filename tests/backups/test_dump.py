"""The file format on its own: values in and out, and every way a file can be no backup."""

import enum
import gzip
import io
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from challenges.backups import dump
from challenges.backups.dump import BackupReader, Manifest, NotABackup, TableDump
from challenges.backups.services import file_stem


class Colour(enum.StrEnum):
    RED = "rood"


MOMENT = datetime(2026, 12, 2, 21, 30, 5, 250, tzinfo=UTC)
VALUES = [
    # value as the database gives it, as written, the column's type, as read back
    (MOMENT, "2026-12-02T21:30:05.000250Z", datetime, MOMENT),
    (
        datetime(2026, 12, 2, 22, 30, 5, tzinfo=timezone(timedelta(hours=1))),
        "2026-12-02T21:30:05Z",
        datetime,
        datetime(2026, 12, 2, 21, 30, 5, tzinfo=UTC),
    ),
    (datetime(2026, 1, 1, 8, 0), "2026-01-01T08:00:00", datetime, datetime(2026, 1, 1, 8, 0)),
    (date(2026, 1, 24), "2026-01-24", date, date(2026, 1, 24)),
    (time(8, 30, 15), "08:30:15", time, time(8, 30, 15)),
    (bytes(range(256))[:4], "AAECAw==", bytes, b"\x00\x01\x02\x03"),
    (b"", "", bytes, b""),
    (Colour.RED, "rood", Colour, "rood"),
    ({"ü": [1, None, 2.5]}, {"ü": [1, None, 2.5]}, dict, {"ü": [1, None, 2.5]}),
    (0.1 + 0.2, 0.1 + 0.2, float, 0.1 + 0.2),
    (True, True, bool, True),
    ("Één 🤖\n\x1f", "Één 🤖\n\x1f", str, "Één 🤖\n\x1f"),
    (None, None, datetime, None),
]


@pytest.mark.parametrize(("value", "written", "kind", "read"), VALUES)
def test_each_value_is_written_portably_and_read_back(value, written, kind, read):
    assert dump.encode(value) == written
    manifest = Manifest("abc", MOMENT, "test", False, (TableDump("t", ("c",), 1),))
    [row] = BackupReader(io.BytesIO(backup(manifest, {"t": [[value]]}))).rows(
        manifest.tables[0], [kind]
    )
    assert row == [read]
    assert type(row[0]) is type(read)


def backup(manifest: Manifest, rows: dict[str, list[list]]) -> bytes:
    stream = io.BytesIO()
    dump.write(stream, manifest, lambda table: rows.get(table.name, []))
    return stream.getvalue()


TWO_TABLES = Manifest(
    "abc", MOMENT, "schema vervangen", True, (TableDump("a", ("x",), 2), TableDump("b", (), 0))
)


def test_the_manifest_comes_back_as_it_was_written():
    data = backup(TWO_TABLES, {"a": [[1], [2]]})
    assert dump.read_manifest(io.BytesIO(data)) == TWO_TABLES
    reader = BackupReader(io.BytesIO(data))
    assert list(reader.rows(TWO_TABLES.tables[0], [int])) == [[1], [2]]
    assert list(reader.rows(TWO_TABLES.tables[1], [])) == []
    reader.finish()


def test_a_table_that_gives_other_rows_than_counted_is_never_written():
    with pytest.raises(RuntimeError):
        backup(TWO_TABLES, {"a": [[1]]})


def lines_of(*lines: str) -> bytes:
    return gzip.compress("".join(line + "\n" for line in lines).encode())


GOOD = backup(TWO_TABLES, {"a": [[1], [2]]})
MANIFEST_LINE = gzip.decompress(GOOD).decode().splitlines()[0]

NOT_BACKUPS = [
    (b"", "not_a_backup"),
    (b"plain text\n", "damaged"),
    (GOOD[: len(GOOD) - 12], "truncated"),
    (GOOD[:-4] + b"\x00\x00\x00\x00", "damaged"),  # the length check fails
    (gzip.compress(b"\xff\xfe\n"), "not_text"),
    (lines_of("not json"), "not_a_backup"),
    (lines_of("[1, 2]"), "not_a_backup"),
    (lines_of('{"format": "challenges-backup"}'), "version"),
    (lines_of('{"format": "challenges-backup", "version": 1}'), "not_a_backup"),
    (lines_of(MANIFEST_LINE.replace('"version":1', '"version":7')), "version"),
    (lines_of(MANIFEST_LINE.replace('Z"', '"', 1)), "not_a_backup"),  # a time without zone
    (lines_of(MANIFEST_LINE, "[1]"), "truncated"),
    (lines_of(MANIFEST_LINE, "[1]", "[2", "[3]"), "not_json"),
    (lines_of(MANIFEST_LINE, "[1]", "[2, 3]"), "bad_row"),
    (lines_of(MANIFEST_LINE, "[1]", '{"x": 2}'), "bad_row"),
    (lines_of(MANIFEST_LINE, "[1]", "[2]", "[3]"), "extra"),
]


@pytest.mark.parametrize(("data", "code"), NOT_BACKUPS)
def test_whatever_is_no_complete_backup_is_refused_with_its_reason(data, code):
    with pytest.raises(NotABackup) as refused:
        read_all(data)
    assert refused.value.code == code


def read_all(data: bytes) -> None:
    reader = BackupReader(io.BytesIO(data))
    for table in reader.manifest.tables:
        list(reader.rows(table, [int] * len(table.columns)))
    reader.finish()


def test_a_value_that_does_not_fit_its_column_is_refused_with_the_line():
    manifest = Manifest("abc", MOMENT, "", False, (TableDump("t", ("when", "logo"), 2),))
    data = backup(manifest, {"t": [["2026-01-01T00:00:00Z", "AA=="], ["2026-02-30", "AA=="]]})
    reader = BackupReader(io.BytesIO(data))
    with pytest.raises(NotABackup) as refused:
        list(reader.rows(manifest.tables[0], [datetime, bytes]))
    assert refused.value.params == {"line": 3, "table": "t"}


@pytest.mark.parametrize(
    ("reason", "stem"),
    [
        ("schema vervangen", "2026-12-02T21-30-05Z-schema-vervangen"),
        ("Ronde 2 heropend!", "2026-12-02T21-30-05Z-ronde-2-heropend"),
        (
            "Seizoen 2025/2026 opgeschoond (AVG)",
            "2026-12-02T21-30-05Z-seizoen-2025-2026-opgeschoond-avg",
        ),
        ("Één café ", "2026-12-02T21-30-05Z-een-cafe"),
        ("../../etc/passwd", "2026-12-02T21-30-05Z-etc-passwd"),
        ("🤖", "2026-12-02T21-30-05Z-backup"),
        ("x" * 100, "2026-12-02T21-30-05Z-" + "x" * 40),
    ],
)
def test_a_file_is_named_after_its_utc_time_and_reason(reason, stem):
    local = MOMENT.astimezone(timezone(timedelta(hours=1)))
    assert file_stem(local, reason) == stem
