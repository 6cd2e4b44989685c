"""The checks of `challenges doctor`: a server's settings and the services it needs. Each check
says what it found and, when something is wrong, what to change."""

import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask

from challenges.config import Defaults
from challenges.extensions import db
from challenges.health import Schema, database_state

MIN_SECRET_KEY_LENGTH = 32
GENERATED_KEY_FILE = "secret_key"  # written by config.read_or_create_secret_key
NEW_SECRET_KEY = "python -c 'import secrets; print(secrets.token_hex(32))'"
REDIS_TIMEOUT = 5  # seconds


class Level(StrEnum):
    OK = "ok"
    WARNING = "warning"
    PROBLEM = "problem"


@dataclass(frozen=True)
class Finding:
    level: Level
    subject: str
    message: str


def check_base_url(app: Flask) -> Finding:
    url = app.config.get("BASE_URL") or ""
    parts = urlsplit(url)
    fix = "Set CHALLENGES_BASE_URL to the address people open, e.g. https://challenges.example.nl"
    if not url:
        message = f"BASE_URL is not set, so links in mail sent by commands lead nowhere. {fix}"
    elif url == Defaults.BASE_URL:
        message = f"BASE_URL is the development default {url}: links in mail lead nowhere. {fix}"
    elif parts.scheme not in ("http", "https") or not parts.hostname:
        message = f"BASE_URL {url!r} is not an http(s) address. {fix}"
    else:
        return Finding(Level.OK, "Base URL", url)
    return Finding(Level.PROBLEM, "Base URL", message)


def check_cookies(app: Flask) -> Finding:
    secure = app.config["SESSION_COOKIE_SECURE"]
    scheme = urlsplit(app.config.get("BASE_URL") or "").scheme
    if secure and scheme == "http":
        return Finding(
            Level.PROBLEM,
            "Cookies",
            "the log-in cookies are Secure (https only) but BASE_URL is http: browsers drop "
            "them, so nobody can log in. Serve the site over https and set BASE_URL to it; only "
            "on a trusted network set CHALLENGES_COOKIE_SECURE=false instead.",
        )
    if secure:
        return Finding(Level.OK, "Cookies", "Secure: sent over https only.")
    if scheme == "https":
        return Finding(
            Level.WARNING,
            "Cookies",
            "the site is https, but the log-in cookies are not Secure and would also travel "
            "over plain http. Set CHALLENGES_COOKIE_SECURE=true.",
        )
    return Finding(
        Level.WARNING,
        "Cookies",
        "not Secure: log-ins travel unencrypted over http. Fine on a trusted network only.",
    )


def check_proxy(app: Flask) -> Finding:
    """https is served by a proxy in front of gunicorn; without trusting it, every visitor has
    the proxy's address, so a few failed log-ins anywhere block everyone's log-in."""
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        return Finding(
            Level.OK, "Proxy", f"the client's address and scheme come from {proxies} proxy(ies)."
        )
    if urlsplit(app.config.get("BASE_URL") or "").scheme == "https":
        return Finding(
            Level.WARNING,
            "Proxy",
            "BASE_URL is https but no proxy is trusted: behind nginx every visitor would have "
            "the proxy's address (one rate limit for all). Set CHALLENGES_TRUSTED_PROXIES=1.",
        )
    return Finding(Level.OK, "Proxy", "none trusted: the app is reached directly.")


def check_secret_key(app: Flask) -> Finding:
    key = app.config.get("SECRET_KEY")
    fix = f"Set CHALLENGES_SECRET_KEY to a long random text, e.g. from {NEW_SECRET_KEY}"
    if not isinstance(key, str):
        return Finding(
            Level.PROBLEM, "Secret key", f"SECRET_KEY is a {type(key).__name__}, not text. {fix}"
        )
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return Finding(
            Level.PROBLEM,
            "Secret key",
            f"SECRET_KEY has {len(key)} characters; use at least {MIN_SECRET_KEY_LENGTH}. {fix}",
        )
    key_file = Path(app.instance_path) / GENERATED_KEY_FILE
    if key_file.is_file() and key_file.read_text().strip() == key:
        return Finding(
            Level.WARNING,
            "Secret key",
            f"generated in {key_file}. Keep that file with the backups: a new key logs everyone "
            "out and voids the links in mail already sent. Several servers need one key: give "
            "it to each as CHALLENGES_SECRET_KEY.",
        )
    return Finding(Level.OK, "Secret key", f"set ({len(key)} characters).")


SCHEMA_PROBLEMS = {
    Schema.MISSING: "has no schema yet. Run `challenges db upgrade`.",
    Schema.BEHIND: "is at revision {current}, the migrations at {head}. Make a backup, then "
    "run `challenges db upgrade`.",
    Schema.UNKNOWN: "is at revision {current}, which this version of challenges does not know "
    "(its migrations end at {head}): another, perhaps newer, version migrated it. Install "
    "that version, or restore a backup made with this one.",
}


def check_database(app: Flask) -> Finding:
    where = db.engine.url.render_as_string(hide_password=True)
    state = database_state()
    if not state.reachable:
        return Finding(
            Level.PROBLEM,
            "Database",
            f"cannot reach {where} ({state.error}). Start the database server, or correct "
            "CHALLENGES_DATABASE_URL.",
        )
    if not state.healthy:
        problem = SCHEMA_PROBLEMS[state.schema].format(current=state.current, head=state.head)
        return Finding(Level.PROBLEM, "Database", f"{where} {problem}")
    return Finding(Level.OK, "Database", f"{where} answers; its schema is at {state.head}.")


def check_mail(app: Flask) -> Finding:
    config = app.config
    backend = config["MAIL_BACKEND"]
    if backend == "log":
        return Finding(
            Level.WARNING,
            "Mail",
            "MAIL_BACKEND is 'log': mail stays in the outbox and the log, and is not sent. To "
            "send it, set CHALLENGES_MAIL_BACKEND=smtp, CHALLENGES_MAIL_SERVER and _PORT.",
        )
    if backend != "smtp":
        return Finding(
            Level.PROBLEM, "Mail", f"MAIL_BACKEND is {backend!r}; use 'smtp' (send) or 'log'."
        )
    server, port = config["MAIL_SERVER"], config["MAIL_PORT"]
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    try:
        with smtp_class(server, port, timeout=config["MAIL_TIMEOUT"]) as smtp:
            smtp.noop()
    except OSError as error:  # smtplib's errors are OSErrors too
        return Finding(
            Level.PROBLEM,
            "Mail",
            f"cannot reach the mail server {server}:{port} ({error}). Check "
            "CHALLENGES_MAIL_SERVER, CHALLENGES_MAIL_PORT and MAIL_USE_SSL, and that this "
            "machine may connect to it.",
        )
    return Finding(Level.OK, "Mail", f"the mail server {server}:{port} answers.")


def check_rate_limit_storage(app: Flask) -> Finding:
    uri = app.config["RATELIMIT_STORAGE_URI"]
    if uri.startswith("memory://"):
        return Finding(
            Level.WARNING,
            "Rate limits",
            "counted in memory: right for one server process (gunicorn's default, with "
            "threads). Several processes or servers must count together in Redis: set "
            "CHALLENGES_RATELIMIT_STORAGE_URL=redis://...",
        )
    if not uri.startswith(("redis://", "rediss://")):
        storage = urlsplit(uri).scheme
        return Finding(Level.WARNING, "Rate limits", f"kept in {storage}; doctor cannot check it.")
    return check_redis(uri)


def check_redis(uri: str) -> Finding:
    parts = urlsplit(uri)
    where = f"Redis at {parts.hostname}:{parts.port or 6379}"
    try:
        import redis  # optional: only servers that count rate limits in Redis need it
    except ImportError:
        return Finding(
            Level.PROBLEM,
            "Rate limits",
            f"kept in {where}, but the Redis client is not installed. Install it in the app's "
            "environment: pip install 'challenges[redis]'",
        )
    try:
        with redis.Redis.from_url(
            uri, socket_connect_timeout=REDIS_TIMEOUT, socket_timeout=REDIS_TIMEOUT
        ) as client:
            client.ping()
    except redis.RedisError as error:
        return Finding(
            Level.PROBLEM,
            "Rate limits",
            f"{where} does not answer ({error}); meanwhile every process counts on its own. "
            "Start Redis, or correct CHALLENGES_RATELIMIT_STORAGE_URL.",
        )
    return Finding(Level.OK, "Rate limits", f"counted in {where}, which answers.")


CHECKS: tuple[Callable[[Flask], Finding], ...] = (
    check_base_url,
    check_cookies,
    check_proxy,
    check_secret_key,
    check_database,
    check_mail,
    check_rate_limit_storage,
)


def examine(app: Flask) -> list[Finding]:
    return [check(app) for check in CHECKS]
