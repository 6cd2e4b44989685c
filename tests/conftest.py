"""Fixtures: one app per test on SQLite (default) or PostgreSQL (CHALLENGES_TEST_DATABASE_URL)."""

import os
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask_sqlalchemy import SQLAlchemy
from jinja2 import MemcachedBytecodeCache
from sqlalchemy import create_engine, text
from werkzeug.routing import Rule

from challenges import create_app
from challenges.config import normalise_database_url
from challenges.extensions import db, migrate
from tests.databases import empty_all_tables
from tests.factories import FormClient, IsolatedClient, app_config
from tests.installed_wheel import install_wheel

POSTGRES_URL = os.environ.get("CHALLENGES_TEST_DATABASE_URL")
TRANSLATIONS = Path(__file__).resolve().parents[1] / "src/challenges/translations"


# A test uses a database when it takes one of these fixtures, or when its module says so
# (`pytestmark = pytest.mark.database`: it builds its own). The others are marked
# `no_database`, and CI runs them once, on SQLite, not again on PostgreSQL; so does a module
# that marks itself `no_database` because its result does not depend on the database (the
# accessibility audit reads markup).
DATABASE_FIXTURES = {"database_url", "live_server"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not DATABASE_FIXTURES & set(item.fixturenames) and not item.get_closest_marker(
            "database"
        ):
            item.add_marker(pytest.mark.no_database)


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    """Test what the .po files say now, not what was compiled at the last install. Each
    catalogue replaces the old one at once: CI runs two suites side by side, and the other
    one never reads half a file."""
    for source in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        with source.open("rb") as po:
            catalogue = read_po(po)
        compiled = source.with_name(f"messages.mo.{os.getpid()}")
        with compiled.open("wb") as mo:
            write_mo(mo, catalogue)
        os.replace(compiled, source.with_suffix(".mo"))


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
    with engine.begin() as connection:  # at the migrations' head, as `db upgrade` leaves it
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        MigrationContext.configure(connection).stamp(ScriptDirectory(migrate.directory), "head")
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def installed_wheel(tmp_path_factory) -> Path:
    """The bin folder of a virtual environment with the wheel installed, as in production."""
    return install_wheel(tmp_path_factory.mktemp("installed"))


@pytest.fixture
def config_overrides() -> dict:
    return {}


class CompiledTemplates(dict):
    """Every test builds its own app, and so its own Jinja environment: without a shared
    cache each test compiled the templates it uses again (a quarter of a second a page)."""

    def set(self, key: str, value: bytes, timeout: int | None = None) -> None:
        self[key] = value


COMPILED_TEMPLATES = MemcachedBytecodeCache(CompiledTemplates())


def url_builders_once(compile_builder):
    """Werkzeug compiles two URL-building functions per route, for each app anew: half of
    building an app, and every test builds one. A builder depends only on the rule's text and
    defaults (it takes the rule as its first argument), so the tests compile each one once."""
    builders = {}

    def compiled(rule: Rule, append_unknown: bool = True):
        key = (rule.rule, rule.subdomain, rule.host, rule.merge_slashes, repr(rule.defaults))
        key += (append_unknown,)
        if key not in builders:
            builders[key] = compile_builder(rule, append_unknown)
        return builders[key]

    return compiled


Rule._compile_builder = url_builders_once(Rule._compile_builder)


def one_engine_for_the_test_apps(make_engine):
    """Each test's app makes an engine, and on PostgreSQL a new engine with its first connection
    costs 25 ms. The `app` fixture's apps (SHARED_TEST_ENGINE) share one per database and
    engine options, and so its pooled connections (returned rolled back); other apps, such as a
    second worker, make their own."""
    engines = {}

    def make(extension: SQLAlchemy, bind_key, options: dict, app):
        if not app.config.get("SHARED_TEST_ENGINE"):
            return make_engine(extension, bind_key, options, app)
        key = repr(sorted(options.items(), key=lambda item: item[0]))
        if key not in engines:
            engines[key] = make_engine(extension, bind_key, options, app)
        return engines[key]

    return make


SQLAlchemy._make_engine = one_engine_for_the_test_apps(SQLAlchemy._make_engine)


@pytest.fixture
def app(database_url, tmp_path, monkeypatch, config_overrides):
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(app_config(database_url, SHARED_TEST_ENGINE=True, **config_overrides))
    app.test_client_class = IsolatedClient
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    with app.app_context():
        yield app
        empty_all_tables(keep_connections=True)


@pytest.fixture
def client(app) -> FormClient:
    return FormClient(app.test_client())


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
