import pytest
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from challenges import create_app
from challenges.extensions import db, migrate
from challenges.health import migrations
from tests.databases import fresh_database
from tests.factories import app_config

pytestmark = pytest.mark.database


def test_health_checks_the_database_and_its_schema(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok", "schema": migrations().head}


def test_health_reports_503_when_database_is_unreachable(tmp_path, monkeypatch):
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path))
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": "postgresql://nobody@127.0.0.1:1/none"}
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unreachable"


@pytest.fixture
def fresh_app(tmp_path, monkeypatch):
    """An app on a database of its own, still empty."""
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path))
    with fresh_database(tmp_path) as url:
        app = create_app(app_config(url))
        with app.app_context():
            yield app
            db.engine.dispose()


def test_health_reports_503_before_the_first_migration(fresh_app):
    response = fresh_app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {
        "status": "unavailable",
        "database": "ok",
        "schema": "missing",
        "current": None,
        "head": migrations().head,
    }


def test_health_reports_503_when_the_schema_is_one_migration_behind(fresh_app):
    upgrade()  # as `challenges db upgrade` does
    assert fresh_app.test_client().get("/healthz").status_code == 200

    downgrade()  # one revision back: the code expects a column or table that is not there
    response = fresh_app.test_client().get("/healthz")
    assert response.status_code == 503
    head = migrations().head
    assert response.json == {
        "status": "unavailable",
        "database": "ok",
        "schema": "behind",
        "current": ScriptDirectory(migrate.directory).get_revision(head).down_revision,
        "head": head,
    }


def test_health_reports_503_for_a_revision_of_another_version(fresh_app):
    upgrade()
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00d0000cafe'"))
    response = fresh_app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["schema"] == "unknown"
    assert response.json["current"] == "f00d0000cafe"
