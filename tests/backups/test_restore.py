"""`challenges backup restore`: every row back, identical; refusals change nothing."""

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from challenges.auth.models import User
from challenges.backups import dump
from challenges.backups.restoring import code_revision
from challenges.extensions import db
from tests.backups.conftest import all_rows, app_on, invoke, rewritten, with_manifest
from tests.databases import fresh_database

pytestmark = pytest.mark.database


@pytest.fixture
def target(tmp_path) -> Iterator[Flask]:
    """An app on a database without any table (CI: PostgreSQL)."""
    with fresh_database(tmp_path) as url, app_on(url, tmp_path / "instance") as app:
        yield app


@pytest.fixture
def restored(target, demo_backup) -> Flask:
    invoke(target, "backup", "restore", str(demo_backup.path))
    return target


def test_a_backup_restores_every_row_of_every_table_identically(target, demo_backup):
    output = invoke(target, "backup", "restore", str(demo_backup.path))

    assert all_rows() == demo_backup.rows
    total = sum(len(rows) for rows in demo_backup.rows.values())
    assert f"{total} rijen" in output
    assert all(demo_backup.rows[name] for name in ("event", "branding", "score_sheet"))


def test_new_rows_get_fresh_ids_after_a_restore(restored, demo_backup):
    highest = max(row[0] for row in demo_backup.rows["user"])
    user = User(email="nieuw@example.nl", name="Nieuw")
    db.session.add(user)
    db.session.commit()
    assert user.id > highest


def test_a_database_that_holds_data_is_refused_and_force_replaces_it(restored, demo_backup):
    db.session.add(User(email="extra@example.nl", name="Extra"))
    db.session.commit()
    before = all_rows()

    output = invoke(restored, "backup", "restore", str(demo_backup.path), code=1)
    assert "niet leeg" in output
    assert "--force" in output
    assert all_rows() == before

    invoke(restored, "backup", "restore", str(demo_backup.path), "--force")
    assert all_rows() == demo_backup.rows


def cut_in_the_middle(lines: list[str]) -> list[str]:
    return lines[: len(lines) // 2]


def one_more_line(lines: list[str]) -> list[str]:
    return [*lines, "[1]\n"]


def row_of_the_wrong_length(lines: list[str]) -> list[str]:
    return [*lines[:-1], "[1, 2]\n"]


def date_that_is_no_date(lines: list[str]) -> list[str]:
    """The outbox message's next attempt (see add_every_kind_of_value) on 30 February."""
    return [line.replace('"2026-03-29T01:30:15', '"2026-02-30T01:30:15') for line in lines]


BROKEN_CONTENT = [
    pytest.param(cut_in_the_middle, "onvolledig", id="rows missing"),
    pytest.param(one_more_line, "na de laatste tabel", id="a line too many"),
    pytest.param(row_of_the_wrong_length, "geen rij van tabel", id="row of the wrong length"),
    pytest.param(date_that_is_no_date, "geen rij van tabel", id="a date that is no date"),
    pytest.param(with_manifest(format="other"), "geen back-up", id="another format"),
    pytest.param(with_manifest(version=2), "formaatversie 2", id="a later version"),
]


@pytest.mark.parametrize(("change", "message"), BROKEN_CONTENT)
def test_a_broken_backup_is_refused_and_the_database_stays_as_it_was(
    restored, demo_backup, tmp_path, change, message
):
    before = all_rows()
    broken = rewritten(demo_backup.path, tmp_path / "broken.jsonl.gz", change)

    output = invoke(restored, "backup", "restore", str(broken), "--force", code=1)

    assert "Niet teruggezet, niets veranderd" in output
    assert message in output
    assert all_rows() == before


def test_a_file_that_is_no_backup_is_refused_with_a_clear_message(target, demo_backup, tmp_path):
    data = demo_backup.path.read_bytes()
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0xFF
    files = {
        "cut.jsonl.gz": (data[: len(data) // 2], "onvolledig"),
        "flipped.jsonl.gz": (bytes(flipped), "Niet teruggezet, niets veranderd"),
        "plain.jsonl": (gzip.decompress(data), "geen gzip-bestand"),
        "empty.jsonl.gz": (b"", "geen back-up"),
        "json.jsonl.gz": (gzip.compress(b'{"hello": 1}\n'), "geen back-up"),
        "text.jsonl.gz": (gzip.compress(b"hello\n"), "geen back-up"),
        "latin1.jsonl.gz": (gzip.compress("caf\xe9\n".encode("latin-1")), "UTF-8"),
    }
    for name, (content, message) in files.items():
        path = tmp_path / name
        path.write_bytes(content)
        output = invoke(target, "backup", "restore", str(path), code=1)
        assert message in output, name


def test_a_backup_of_another_revision_names_both_revisions(restored, demo_backup, tmp_path):
    before = all_rows()
    other = rewritten(demo_backup.path, tmp_path / "old.jsonl.gz", with_manifest(revision="0ld"))

    output = invoke(restored, "backup", "restore", str(other), "--force", code=1)

    assert "0ld" in output
    assert code_revision() in output
    assert all_rows() == before


def test_a_database_at_another_revision_is_told_to_upgrade_first(restored, demo_backup):
    with db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0ld'")

    output = invoke(restored, "backup", "restore", str(demo_backup.path), "--force", code=1)

    assert "challenges db upgrade" in output
    assert db.session.scalar(select(func.count()).select_from(User)) > 0


def test_the_manifest_counts_every_row(demo_backup):
    with demo_backup.path.open("rb") as stream:
        manifest = dump.read_manifest(stream)
    assert {t.name: t.rows for t in manifest.tables} == {
        name: len(rows) for name, rows in demo_backup.rows.items()
    }
    assert not manifest.automatic


def test_create_refuses_a_folder_that_does_not_exist(restored, tmp_path):
    output = invoke(restored, "backup", "create", "--out", str(tmp_path / "nope" / "x.gz"), code=1)
    assert "Geen back-up gemaakt" in output
    assert not Path(tmp_path / "nope").exists()
