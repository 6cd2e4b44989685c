"""Fixtures: one app per test on SQLite (default) or PostgreSQL (CHALLENGES_TEST_DATABASE_URL)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from challenges import create_app
from challenges.config import normalise_database_url
from challenges.extensions import db
from tests.databases import empty_all_tables
from tests.factories import FormClient, IsolatedClient, app_config

POSTGRES_URL = os.environ.get("CHALLENGES_TEST_DATABASE_URL")
TRANSLATIONS = Path(__file__).resolve().parents[1] / "src/challenges/translations"


# A test uses a database when it takes one of these fixtures, or when its module says so
# (`pytestmark = pytest.mark.database`: it builds its own). The others are marked
# `no_database`, and CI runs them once, on SQLite, not again on PostgreSQL.
DATABASE_FIXTURES = {"database_url", "live_server"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not DATABASE_FIXTURES & set(item.fixturenames) and not item.get_closest_marker(
            "database"
        ):
            item.add_marker(pytest.mark.no_database)


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    """Test what the .po files say now, not what was compiled at the last install."""
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run(
        [pybabel, "compile", "--directory", TRANSLATIONS],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """The schema is built once per run; each test empties the tables afterwards."""
    url = (
        normalise_database_url(POSTGRES_URL)
        if POSTGRES_URL
        else (f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}")
    )
    import challenges.models  # noqa: F401  (every table in the metadata)

    engine = create_engine(url)
    db.metadata.drop_all(engine)
    db.metadata.create_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def config_overrides() -> dict:
    return {}


@pytest.fixture
def app(database_url, tmp_path, monkeypatch, config_overrides):
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(app_config(database_url, **config_overrides))
    app.test_client_class = IsolatedClient
    with app.app_context():
        yield app
        empty_all_tables()


@pytest.fixture
def client(app) -> FormClient:
    return FormClient(app.test_client())


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
