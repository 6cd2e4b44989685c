from pathlib import Path

import pytest
from sqlalchemy import text

from challenges import create_app
from challenges.config import normalise_database_url
from challenges.extensions import db

pytestmark = pytest.mark.database


def test_defaults_sqlite_in_instance_folder_and_dutch(tmp_path, monkeypatch):
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path / "inst"))
    app = create_app()
    assert app.instance_path == str(tmp_path / "inst")
    assert (
        app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'inst' / 'challenges.db'}"
    )
    assert app.config["BABEL_DEFAULT_LOCALE"] == "nl"
    assert app.config["BABEL_DEFAULT_TIMEZONE"] == "Europe/Amsterdam"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path))
    first = create_app().config["SECRET_KEY"]
    second = create_app().config["SECRET_KEY"]
    key_file = Path(tmp_path / "secret_key")
    assert first == second == key_file.read_text().strip()
    assert len(first) == 64
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_environment_variables_with_prefix(tmp_path, monkeypatch):
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("CHALLENGES_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/x")
    monkeypatch.setenv("CHALLENGES_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("CHALLENGES_MAIL_SERVER", "smtp.example.nl")
    monkeypatch.setenv("CHALLENGES_MAIL_PORT", "587")
    monkeypatch.setenv("CHALLENGES_COOKIE_SECURE", "false")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://postgres@127.0.0.1:5432/x"
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["MAIL_SERVER"] == "smtp.example.nl"
    assert app.config["MAIL_PORT"] == 587
    assert app.config["SESSION_COOKIE_SECURE"] is False
    assert app.config["REMEMBER_COOKIE_SECURE"] is False  # else "keep me logged in" is dropped
    assert not (tmp_path / "secret_key").exists()


def test_test_config_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("CHALLENGES_MAIL_SERVER", "smtp.example.nl")
    app = create_app({"MAIL_SERVER": "localhost", "TESTING": True})
    assert app.config["MAIL_SERVER"] == "localhost"
    assert app.testing


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_database_url_uses_psycopg3(given, expected):
    assert normalise_database_url(given) == expected


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True})
    with app.app_context():
        with db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        db.engine.dispose()


def test_footer_shows_version(client):
    from challenges import __version__

    html = client.get("/").get_data(as_text=True)
    assert f"Challenges {__version__}" in html
