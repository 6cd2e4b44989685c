import io

import pytest
from sqlalchemy import func, select

from challenges.auth.roles import Role
from challenges.extensions import db
from challenges.schools.models import School
from tests.factories import make_user
from tests.schools.test_duo import BOSCH, RODE, ZOOM, current_file


def school_count() -> int:
    return db.session.scalar(select(func.count()).select_from(School))


@pytest.fixture
def duo_file(tmp_path):
    path = tmp_path / "vestigingen.csv"
    path.write_bytes(current_file(BOSCH, RODE, "12AB;bad;x;;;;Delft;;;;;;"))
    return path


def test_cli_import_reports_and_is_idempotent(runner, duo_file):
    first = runner.invoke(args=["schools", "import", str(duo_file)])
    assert first.exit_code == 0, first.output
    assert "Created 2, updated 0, unchanged 0, rejected 1." in first.output
    assert "line 4:" in first.output
    assert school_count() == 2
    again = runner.invoke(args=["schools", "import", str(duo_file)])
    assert "Created 0, updated 0, unchanged 2, rejected 1." in again.output
    assert school_count() == 2


def test_cli_import_updates_changed_schools(runner, tmp_path, duo_file):
    runner.invoke(args=["schools", "import", str(duo_file)])
    changed = tmp_path / "changed.csv"
    changed.write_bytes(current_file(BOSCH.replace("De Kiëvit", "De Nieuwe Kiëvit"), RODE, ZOOM))
    result = runner.invoke(args=["schools", "import", str(changed)])
    assert "Created 1, updated 1, unchanged 1, rejected 0." in result.output
    assert db.session.scalar(select(School.name).where(School.vestigingscode == "12AB00")) == (
        "Basisschool De Nieuwe Kiëvit"
    )


def test_cli_dry_run_changes_nothing(runner, duo_file):
    result = runner.invoke(args=["schools", "import", "--dry-run", str(duo_file)])
    assert "Would create 2" in result.output
    assert school_count() == 0


def test_cli_unknown_header_stops_with_a_clear_message(runner, tmp_path):
    path = tmp_path / "other.csv"
    path.write_bytes(b"NAAM;ADRES\nx;y\n")
    result = runner.invoke(args=["schools", "import", str(path)])
    assert result.exit_code == 1
    assert "nothing changed" in result.output
    assert "VESTIGINGSNAAM" in result.output
    assert school_count() == 0


def upload(client, data: bytes, dry_run: bool):
    fields = {"file": (io.BytesIO(data), "vestigingen.csv"), "kind": ""}
    if dry_run:
        fields["dry_run"] = "y"
    return client.submit("/admin/schools/import", fields, content_type="multipart/form-data")


def test_organiser_uploads_a_file_checks_then_imports(client):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    data = current_file(BOSCH, RODE, "12AB;bad;x;;;;Delft;;;;;;")
    checked = upload(client, data, dry_run=True)
    assert checked.status_code == 200
    assert "er is niets veranderd" in checked.text
    assert school_count() == 0
    imported = upload(client, data, dry_run=False)
    assert "Geïmporteerd" in imported.text
    assert "is niet 2 cijfers, 2 letters en 2 cijfers" in imported.text
    assert school_count() == 2


def test_upload_of_a_foreign_file_is_refused(client):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    response = upload(client, b"\x89PNG\r\n\x1a\n", dry_run=False)
    assert response.status_code == 422
    assert school_count() == 0


def test_upload_over_the_size_limit_is_413(client, app):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = upload(client, b"x" * 4096, dry_run=False)
    assert response.status_code == 413


def test_only_organisers_import(client):
    client.log_in(make_user(roles=(Role.COACH,)).email)
    assert client.get("/admin/schools/import").status_code == 403
