"""Configuration: defaults -> instance/config.py -> CHALLENGES_* environment -> test mapping."""

import json
import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Config, Flask

from challenges.mail.headers import is_single_address

ENV_PREFIX = "CHALLENGES"

# Environment names that differ from the Flask/extension setting they fill.
ENV_ALIASES = {
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "RATELIMIT_STORAGE_URL": "RATELIMIT_STORAGE_URI",
    "COOKIE_SECURE": "SESSION_COOKIE_SECURE",
}


class Defaults:
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    LANGUAGES = ("nl", "en")

    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    PASSWORD_HASH_METHOD = "scrypt"  # Werkzeug's; a stored hash names its own method
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024

    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=365)  # "keep me logged in", also on the server
    WTF_CSRF_TIME_LIMIT = 8 * 3600  # a whole competition day on one tablet

    RATELIMIT_STORAGE_URI = "memory://"  # counts per process: several need redis://
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True  # Redis down: count per process, do not fail
    RATELIMIT_ENABLED = True  # said for every app: the limiter object keeps the last app's value
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_STRATEGY = "fixed-window"  # a log-in that succeeds is taken back (auth.views)
    # Failed log-ins only (a success is not counted): per account, and per address, which a
    # whole venue may share behind one internet connection.
    RATELIMIT_LOGIN_ACCOUNT = "5 per minute;20 per hour"
    RATELIMIT_LOGIN_ADDRESS = "30 per minute;200 per hour"
    RATELIMIT_RESET = "5 per minute;20 per hour"
    RATELIMIT_SIGNUP = "10 per hour"
    RATELIMIT_VOTE = "10 per minute;60 per hour"
    RATELIMIT_INVITE = "20 per hour"  # coach invitations per account: each one mails someone
    RATELIMIT_LINK = "10 per hour"  # links to schools per account: each one mails teachers

    MAIL_BACKEND = "log"  # "log": keep in the outbox and log; "smtp": send
    MAIL_SENDER = "Challenges <noreply@localhost>"
    MAIL_SERVER = "localhost"
    MAIL_PORT = 25
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_TIMEOUT = 10
    MAIL_MAX_ATTEMPTS = 8
    # The Reply-To of mail a coach answers (tickets, wildcards): one bare address, such as
    # info@example.nl. Empty: the address of the organiser who confirmed the ticket.
    ORGANISER_EMAIL = ""

    CONFIRM_TOKEN_MAX_AGE = 7 * 24 * 3600
    RESET_TOKEN_MAX_AGE = 3600
    TRUSTED_PROXIES = 0
    BASE_URL = "http://127.0.0.1:5000"  # for links in mail sent from the command line
    SERVER_NAME = None
    SCOREBOARD_MAX_AGE = 5  # seconds proxies and browsers may reuse a published scoreboard
    # seconds a process answers a public scoreboard from memory before it reads the version again
    SCOREBOARD_VERSION_TTL = 0.5

    LOG_LEVEL = "INFO"
    LOG_FORMAT = "plain"  # "plain": one readable line; "json": one JSON object per line


# Settings that are text whatever they look like: from_prefixed_env reads every value as JSON,
# so an all-digit key or password would become a number. Those with a text default, and these.
TEXT_SETTINGS = frozenset(
    {"SECRET_KEY", "DATABASE_URL", "RATELIMIT_STORAGE_URL", "SERVER_NAME"}
    | {name for name, value in vars(Defaults).items() if isinstance(value, str)}
)
# Older secret keys still accepted (Flask's SECRET_KEY_FALLBACKS), so that rotating the key
# breaks neither sessions nor the links already mailed.
KEY_FALLBACKS = "SECRET_KEY_FALLBACKS"


def instance_path() -> str:
    return os.path.abspath(os.environ.get(f"{ENV_PREFIX}_INSTANCE_PATH", "instance"))


def read_layers(config: Config) -> None:
    """Defaults, then the instance folder's config.py, then CHALLENGES_* variables."""
    config.from_object(Defaults)
    config.from_pyfile("config.py", silent=True)
    config.from_prefixed_env(ENV_PREFIX)
    read_text_settings(config)
    for env_name, setting in ENV_ALIASES.items():
        if env_name in config:
            config[setting] = config.pop(env_name)


def read_text_settings(config: Config) -> None:
    """The text settings (and the list of older keys) as written in the environment."""
    for name in TEXT_SETTINGS:
        value = os.environ.get(f"{ENV_PREFIX}_{name}")
        if value is not None:
            config[name] = value
    fallbacks = os.environ.get(f"{ENV_PREFIX}_{KEY_FALLBACKS}")
    if fallbacks is not None:
        config[KEY_FALLBACKS] = parse_key_list(fallbacks)


def parse_key_list(text: str) -> list[str]:
    """Keys, newest first: a JSON list of strings (`["old", "older"]`) or `old,older`."""
    if not text.lstrip().startswith("["):
        return [key.strip() for key in text.split(",") if key.strip()]
    try:
        keys = json.loads(text)
    except ValueError:
        keys = None
    if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
        raise ValueError(
            f"{ENV_PREFIX}_{KEY_FALLBACKS} must be a JSON list of strings (keys in double "
            'quotes, such as ["old-key"]) or keys separated by commas.'
        )
    return keys


def ratelimit_storage_uri() -> str:
    """Where rate limits are counted, read as the app reads it, without building the app."""
    config = Config(instance_path())
    read_layers(config)
    return config["RATELIMIT_STORAGE_URI"]


def load_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    read_layers(app.config)
    if test_config:
        app.config.update(test_config)
    # One switch for both log-in cookies: a Secure remember cookie on plain http is dropped.
    app.config.setdefault("REMEMBER_COOKIE_SECURE", app.config["SESSION_COOKIE_SECURE"])
    app.config.setdefault(
        "SQLALCHEMY_DATABASE_URI", f"sqlite:///{Path(app.instance_path) / 'challenges.db'}"
    )
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = read_or_create_secret_key(Path(app.instance_path))
    check_organiser_email(app.config["ORGANISER_EMAIL"])


def check_organiser_email(address: str) -> None:
    """A Reply-To that is not one address would fail every ticket mail: refuse to start."""
    if address and not is_single_address(address):
        raise ValueError(
            f"{ENV_PREFIX}_ORGANISER_EMAIL must be one bare e-mail address (such as "
            f"info@example.nl, without a name or a list), not {address!r}."
        )


def normalise_database_url(url: str) -> str:
    """Point plain PostgreSQL URLs at the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def read_or_create_secret_key(folder: Path) -> str:
    """Generate a secret key once and keep it in the instance folder."""
    key_file = folder / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
