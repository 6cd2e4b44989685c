"""The Alembic migrations build exactly the schema the models describe (no drift)."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from challenges import create_app
from challenges.extensions import db
from tests.databases import fresh_database
from tests.factories import app_config

pytestmark = pytest.mark.database


def schema_differences() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_migrations_match_the_models(tmp_path, monkeypatch):
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path))
    with fresh_database(tmp_path) as url:
        app = create_app(app_config(url))
        with app.app_context():
            upgrade()
            assert schema_differences() == []
            tables = set(inspect(db.engine).get_table_names())
            assert {"user", "user_role", "event_role", "outbox_message", "team", "event"} <= tables

            downgrade(revision="base")
            assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
            upgrade()
            assert schema_differences() == []
            db.engine.dispose()
