"""A real server (migrations, demo data, gunicorn) and Debian's chromium driven by Playwright."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from sqlalchemy import create_engine

from challenges.config import normalise_database_url
from challenges.demo.data import DEMO_EVENT
from tests.browser.wifi import Wifi
from tests.databases import fresh_database
from tests.factories import FAST_PASSWORD_HASH

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
BIN = Path(sys.executable).parent
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

PHONE = {"width": 390, "height": 844}
TABLET = {"width": 1024, "height": 768}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, server: subprocess.Popen) -> None:
    for _ in range(100):
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped: {server.stdout.read()}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not become healthy in 10 seconds")


class LiveServer(str):
    """The server's base URL, with a direct line to its database for reading mail."""

    database_url: str

    def rows(self, sql: str, *params) -> list[tuple]:
        """A query on the server's database; `?` marks a parameter."""
        engine = create_engine(normalise_database_url(self.database_url))
        if engine.dialect.name == "postgresql":
            sql = sql.replace("?", "%s")
        with engine.connect() as connection:
            found = connection.exec_driver_sql(sql, params).all()
        engine.dispose()
        return found

    def last_mail_link(self, recipient: str) -> str:
        [(body,), *_older] = self.rows(
            "SELECT body FROM outbox_message WHERE recipient = ? ORDER BY id DESC", recipient
        )
        return next(word for word in body.split() if word.startswith("http"))


@contextmanager
def serving(folder: Path) -> Iterator[LiveServer]:
    """gunicorn on a fresh, migrated database with the demo data; its URL."""
    port = free_port()
    with fresh_database(folder) as database_url:
        env = {
            **os.environ,
            "CHALLENGES_INSTANCE_PATH": str(folder / "instance"),
            "CHALLENGES_DATABASE_URL": database_url,
            "CHALLENGES_COOKIE_SECURE": "false",
            "CHALLENGES_BASE_URL": f"http://127.0.0.1:{port}",  # the links in its mail
            # as in the other tests: the demo's accounts and every log-in without scrypt's
            # tenth of a second (tests/deployment serves with the deployment's own hash)
            "CHALLENGES_PASSWORD_HASH_METHOD": FAST_PASSWORD_HASH,
        }
        for command in (["db", "upgrade"], ["seed", "demo"]):
            subprocess.run([BIN / "challenges", *command], env=env, check=True, capture_output=True)
        server = subprocess.Popen(
            [
                BIN / "gunicorn",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "challenges:create_app()",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        url = LiveServer(f"http://127.0.0.1:{port}")
        url.database_url = database_url
        try:
            wait_until_healthy(url, server)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)
            server.stdout.close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("live")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("CHALLENGES_CHROMIUM") or shutil.which("chromium")
    if not executable:
        pytest.fail("Debian's chromium is needed for browser tests: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@contextmanager
def page_without_errors(browser, **context_options):
    """A page in a browser context of its own; afterwards, no script error may have shown."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    yield page
    context.close()
    assert problems == [], problems


@pytest.fixture
def phone(browser):
    with page_without_errors(
        browser, viewport=PHONE, is_mobile=True, has_touch=True, locale="nl-NL"
    ) as page:
        yield page


def demo_event_id(server: LiveServer) -> int:
    """The id of the event the demo crew works at (`DEMO_EVENT`) in the server's database."""
    [(event_id,)] = server.rows("SELECT id FROM event WHERE slug = ?", DEMO_EVENT)
    return event_id


def log_in(page, server: str, email: str, password: str) -> None:
    """Logs in on the log-in page, as a person would."""
    page.goto(f"{server}/account/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def wifi(live_server):
    """The venue's wifi between the browser and the server (browse `wifi.url`), see wifi.py."""
    line = Wifi(live_server)
    yield line
    line.close()
