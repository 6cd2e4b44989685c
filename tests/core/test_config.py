"""CHALLENGES_* variables: text settings stay text, and older secret keys keep mailed links
working after the key is rotated."""

import pytest
from flask import Config, Flask
from itsdangerous import URLSafeTimedSerializer

from challenges import create_app
from challenges.auth.models import User
from challenges.auth.tokens import RESET_SALT, make_reset_token
from challenges.config import ENV_PREFIX, read_layers
from challenges.extensions import db
from tests.factories import FormClient, IsolatedClient, app_config, make_user


def set_environment(monkeypatch, **variables: str) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(f"{ENV_PREFIX}_{name}", value)


def read_environment(monkeypatch, tmp_path, **variables: str) -> Config:
    set_environment(monkeypatch, **variables)
    config = Config(str(tmp_path))
    read_layers(config)
    return config


@pytest.fixture
def app_from_environment(app, database_url, monkeypatch):
    """Builds another app on the test database that takes its secret key from CHALLENGES_*
    variables (the test settings hold none); the `app` fixture empties the tables after."""
    built: list[Flask] = []

    def build(**variables: str) -> Flask:
        set_environment(monkeypatch, **variables)
        settings = app_config(database_url)
        del settings["SECRET_KEY"]
        built.append(create_app(settings))
        built[-1].test_client_class = IsolatedClient
        return built[-1]

    yield build
    for other in built:
        with other.app_context():
            db.engine.dispose()


@pytest.mark.parametrize(
    "name", ["SECRET_KEY", "MAIL_PASSWORD", "MAIL_USERNAME", "MAIL_SENDER", "BASE_URL"]
)
def test_an_all_digit_text_setting_stays_text(monkeypatch, tmp_path, name):
    config = read_environment(monkeypatch, tmp_path, **{name: "0123456789"})
    assert config[name] == "0123456789"


def test_aliased_text_settings_stay_text_and_other_settings_are_still_parsed(monkeypatch, tmp_path):
    config = read_environment(
        monkeypatch,
        tmp_path,
        DATABASE_URL="12345",
        MAIL_PORT="587",
        COOKIE_SECURE="false",
        TRUSTED_PROXIES="1",
    )
    assert config["SQLALCHEMY_DATABASE_URI"] == "12345"
    assert "DATABASE_URL" not in config
    assert config["MAIL_PORT"] == 587
    assert config["SESSION_COOKIE_SECURE"] is False
    assert config["TRUSTED_PROXIES"] == 1


@pytest.mark.parametrize(
    ("given", "keys"),
    [
        ('["newer-old", "oldest"]', ["newer-old", "oldest"]),
        ('["123456"]', ["123456"]),
        ("newer-old, oldest", ["newer-old", "oldest"]),
        ("123456", ["123456"]),
        ("", []),
        ("[]", []),
    ],
)
def test_key_fallbacks_are_a_list_of_text(monkeypatch, tmp_path, given, keys):
    config = read_environment(monkeypatch, tmp_path, SECRET_KEY_FALLBACKS=given)
    assert config["SECRET_KEY_FALLBACKS"] == keys


@pytest.mark.parametrize("given", ["[123456]", '["old", 1]', '["old", ["older"]]', "[old"])
def test_key_fallbacks_that_cannot_be_read_stop_the_start(monkeypatch, tmp_path, given):
    with pytest.raises(ValueError, match="CHALLENGES_SECRET_KEY_FALLBACKS"):
        read_environment(monkeypatch, tmp_path, SECRET_KEY_FALLBACKS=given)


def test_a_numeric_secret_key_works_for_requests(app_from_environment):
    user = make_user()
    numeric = app_from_environment(SECRET_KEY="1234567890123456")
    assert numeric.config["SECRET_KEY"] == "1234567890123456"
    browser = FormClient(numeric.test_client())
    browser.log_in(user.email)
    assert browser.get("/dashboard").status_code == 200


def reset_link(app: Flask, user_id: int) -> str:
    with app.app_context():
        return f"/account/reset/{make_reset_token(db.session.get(User, user_id))}"


def opens(app: Flask, link: str) -> bool:
    """The password page opens; a refused link sends the visitor back to ask for a new one."""
    response = app.test_client().get(link)
    assert response.status_code in (200, 302)
    return response.status_code == 200


def test_links_signed_with_an_older_key_still_open_after_rotation(app_from_environment):
    user_id = make_user().id
    old_link = reset_link(app_from_environment(SECRET_KEY="old-key"), user_id)
    unknown_link = reset_link(app_from_environment(SECRET_KEY="someone-elses-key"), user_id)
    rotated = app_from_environment(SECRET_KEY="new-key", SECRET_KEY_FALLBACKS="old-key")

    assert opens(rotated, old_link)
    assert not opens(rotated, unknown_link)
    new_token = reset_link(rotated, user_id).rsplit("/", 1)[1]
    assert URLSafeTimedSerializer("new-key", salt=RESET_SALT).loads(new_token)["user"] == user_id
    retired = app_from_environment(SECRET_KEY="new-key", SECRET_KEY_FALLBACKS="")
    assert not opens(retired, old_link)
