"""`challenges doctor` against real services: the test database, an SMTP server, Redis."""

import sys

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink

from challenges import create_app
from challenges.core.cli import doctor
from challenges.health import migrations
from tests.auth.servers import free_port, redis_server
from tests.factories import app_config


@pytest.fixture
def smtp_port():
    controller = Controller(Sink(), hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port
    controller.stop()


@pytest.fixture
def redis_url(tmp_path):
    with redis_server(tmp_path) as url:
        yield url


@pytest.fixture
def fine(app, smtp_port, redis_url):
    """A production-like configuration in which every check passes."""
    app.config.update(
        BASE_URL="https://challenges.example.nl",
        SESSION_COOKIE_SECURE=True,
        SECRET_KEY="k" * 64,
        TRUSTED_PROXIES=1,
        MAIL_BACKEND="smtp",
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=smtp_port,
        RATELIMIT_STORAGE_URI=redis_url,
    )
    return app


def examined(app, **settings) -> tuple[int, dict[str, str]]:
    """Doctor's exit code and its lines, by subject ("Mail": "problem  Mail: ...")."""
    app.config.update(settings)
    result = app.test_cli_runner().invoke(doctor)
    lines = [line for line in result.output.splitlines() if ": " in line]
    return result.exit_code, {line.split(":")[0].split(maxsplit=1)[1]: line for line in lines}


def test_a_fine_configuration_exits_0(fine):
    code, lines = examined(fine)
    assert code == 0
    subjects = ["Base URL", "Cookies", "Proxy", "Secret key", "Database", "Mail", "Rate limits"]
    assert list(lines) == subjects
    assert all(line.startswith("ok ") for line in lines.values()), lines
    assert f"its schema is at {migrations().head}" in lines["Database"]


def test_http_with_secure_cookies_is_a_problem(fine):
    code, lines = examined(fine, BASE_URL="http://challenges.example.nl")
    assert code == 1
    assert lines["Cookies"].startswith("problem")
    assert "BASE_URL is http: browsers drop them" in lines["Cookies"]
    assert lines["Base URL"].startswith("ok")


def test_https_without_a_trusted_proxy_is_a_warning(fine):
    code, lines = examined(fine, TRUSTED_PROXIES=0)
    assert code == 0
    assert lines["Proxy"].startswith("warning")
    assert "CHALLENGES_TRUSTED_PROXIES=1" in lines["Proxy"]


def test_https_without_secure_cookies_is_a_warning(fine):
    code, lines = examined(fine, SESSION_COOKIE_SECURE=False)
    assert code == 0
    assert lines["Cookies"].startswith("warning")
    assert "CHALLENGES_COOKIE_SECURE=true" in lines["Cookies"]


@pytest.mark.parametrize(
    ("base_url", "said"),
    [
        ("", "BASE_URL is not set"),
        (None, "BASE_URL is not set"),
        ("http://127.0.0.1:5000", "the development default"),
        ("challenges.example.nl", "is not an http(s) address"),
    ],
)
def test_a_missing_or_default_base_url_is_a_problem(fine, base_url, said):
    code, lines = examined(fine, BASE_URL=base_url)
    assert code == 1
    assert lines["Base URL"].startswith("problem")
    assert said in lines["Base URL"]
    assert "CHALLENGES_BASE_URL" in lines["Base URL"]


@pytest.mark.parametrize(
    ("key", "said"),
    [("short", "has 5 characters; use at least 32"), (b"k" * 64, "is a bytes, not text")],
)
def test_a_weak_secret_key_is_a_problem(fine, key, said):
    code, lines = examined(fine, SECRET_KEY=key)
    assert code == 1
    assert said in lines["Secret key"]


@pytest.mark.parametrize("config_overrides", [{"SECRET_KEY": None}])
def test_a_generated_secret_key_is_a_warning(app):
    _code, lines = examined(app)
    assert lines["Secret key"].startswith("warning")
    assert f"generated in {app.instance_path}/secret_key" in lines["Secret key"]


def test_an_unreachable_smtp_server_is_a_problem(fine):
    port = free_port()
    code, lines = examined(fine, MAIL_PORT=port)
    assert code == 1
    assert lines["Mail"].startswith("problem")
    assert f"cannot reach the mail server 127.0.0.1:{port}" in lines["Mail"]


def test_mail_kept_in_the_log_is_a_warning(fine):
    code, lines = examined(fine, MAIL_BACKEND="log")
    assert code == 0
    assert "mail stays in the outbox and the log, and is not sent" in lines["Mail"]


def test_an_unreachable_redis_is_a_problem(fine):
    port = free_port()
    code, lines = examined(fine, RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{port}/0")
    assert code == 1
    assert lines["Rate limits"].startswith("problem")
    assert f"Redis at 127.0.0.1:{port} does not answer" in lines["Rate limits"]


def test_redis_without_its_package_is_a_problem(fine, monkeypatch):
    monkeypatch.setitem(sys.modules, "redis", None)  # `import redis` fails as if not installed
    code, lines = examined(fine)
    assert code == 1
    assert "the Redis client is not installed" in lines["Rate limits"]


def test_rate_limits_in_memory_are_a_warning(fine):
    code, lines = examined(fine, RATELIMIT_STORAGE_URI="memory://")
    assert code == 0
    assert "right for one server process" in lines["Rate limits"]


def test_an_unreachable_database_is_a_problem(tmp_path, monkeypatch):
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path))
    app = create_app(app_config(f"postgresql://nobody:secret@127.0.0.1:{free_port()}/none"))
    with app.app_context():
        code, lines = examined(app)
    assert code == 1
    assert "cannot reach postgresql+psycopg://nobody:***@127.0.0.1" in lines["Database"]
    assert "secret" not in lines["Database"]


def test_the_summary_counts_problems_and_warnings(fine):
    fine.config.update(BASE_URL="http://challenges.example.nl", MAIL_BACKEND="log")
    result = fine.test_cli_runner().invoke(doctor)
    assert result.exit_code == 1
    assert result.output.endswith("\n1 problem(s), 1 warning(s).\n")
