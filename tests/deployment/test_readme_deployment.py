"""The README's deployment, run as written by a system administrator: the wheel with its Redis
extra in a fresh virtual environment, PostgreSQL, the settings file, `db upgrade`, `doctor`,
the first organiser, two app servers and two mail deliverers as the systemd units start them,
Redis, an SMTP server, and nginx with the README's site on an HTTPS port that is not 443.
Only addresses, ports, paths and passwords are the test's own."""

import http.client
import os
import re
import secrets
import shlex
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import psycopg
import pytest
from dotenv import dotenv_values

from tests.auth.servers import free_port, healthy, redis_server, wait_for
from tests.databases import POSTGRES_SERVER, fresh_postgres_database
from tests.deployment import readme
from tests.deployment.browser import Browser
from tests.deployment.servers import Inbox, nginx, self_signed_certificate, smtp_server

HOST = "localhost"
ORGANISER = "you@example.nl"
PASSWORD = "a long enough password"
SETTINGS_FILE = "/etc/challenges/challenges.env"
VENV_BIN = "/srv/challenges/venv/bin/"
FIVE_MB = 5 * 1024 * 1024


def write_settings(folder: Path, **changed: str) -> Path:
    """The README's settings file with the test's addresses and passwords."""
    written = readme.settings()
    assert set(changed) <= set(written), set(changed) - set(written)
    written.update(changed)
    path = folder / "challenges.env"
    path.write_text("".join(f"{name}={shlex.quote(value)}\n" for name, value in written.items()))
    return path


def run_documented(bin_dir: Path, settings: Path, command: list[str]) -> str:
    """A README command with this installation's `challenges` and settings file."""
    assert command[0] == f"{VENV_BIN}challenges"
    arguments = [str(settings) if a == SETTINGS_FILE else a for a in command[1:]]
    argv = [str(bin_dir / "challenges"), *arguments]
    result = subprocess.run(argv, capture_output=True, text=True, env=clean_environment())
    assert result.returncode == 0, f"{shlex.join(map(str, argv))}\n{result.stdout}{result.stderr}"
    return result.stdout


def clean_environment() -> dict[str, str]:
    """This machine's environment without the test suite's own settings."""
    return {k: v for k, v in os.environ.items() if not k.startswith("CHALLENGES_")}


def unit_command(unit: str, bin_dir: Path, *pairs: tuple[str, str]) -> list[str]:
    line = shlex.join(readme.exec_start(unit))
    return shlex.split(readme.replaced(line, (VENV_BIN, f"{bin_dir}/"), *pairs))


@contextmanager
def service(command: list[str], settings: Path, log: Path) -> Iterator[subprocess.Popen]:
    """A process as systemd starts it: the settings file as its environment."""
    environment = {**clean_environment(), **dotenv_values(settings)}
    with log.open("w") as output:
        process = subprocess.Popen(command, env=environment, stdout=output, stderr=output)
        try:
            yield process
        finally:
            process.terminate()
            process.wait(timeout=20)


def nginx_site(app_ports: list[int], https_port: int, http_port: int, tls: tuple) -> str:
    certificate, key = tls
    upstream = "\n    ".join(f"server 127.0.0.1:{port};" for port in app_ports)
    # The test machine listens on IPv4 loopback only.
    ipv4_only = "\n".join(line for line in readme.block("nginx").splitlines() if "[::]" not in line)
    return readme.replaced(
        ipv4_only,
        ("server 127.0.0.1:8000;", upstream),
        ("listen 80 default_server;", f"listen 127.0.0.1:{http_port} default_server;"),
        ("listen 443 ssl default_server;", f"listen 127.0.0.1:{https_port} ssl default_server;"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
        ("challenges.example.nl", HOST),
        (f"/etc/letsencrypt/live/{HOST}/fullchain.pem", str(certificate)),
        (f"/etc/letsencrypt/live/{HOST}/privkey.pem", str(key)),
    )


def body(message: Message) -> str:
    return message.get_payload(decode=True).decode()


def link_in(message: Message, base_url: str, path: str) -> str:
    found = re.search(rf"https?://\S+{path}\S+", body(message))
    assert found, body(message)
    assert found.group(0).startswith(base_url + path), found.group(0)
    return found.group(0).removeprefix(base_url)


def outbox_statuses(database_url: str) -> list[str]:
    with psycopg.connect(database_url.replace("+psycopg", "")) as connection:
        return [row[0] for row in connection.execute("SELECT status FROM outbox_message")]


@dataclass
class Deployment:
    base_url: str
    database_url: str
    inbox: Inbox
    browser: Browser
    deliverers: list[subprocess.Popen]
    logs: Path


def install_as_documented(bin_dir: Path, settings: Path) -> None:
    """Step 4: schema, doctor, first organiser (the role in lowercase, as written); the
    upgrade once more, as an upgrade does."""
    documented = readme.commands()
    app = f"{VENV_BIN}challenges"
    assert [command[:4] for command in documented] == [
        [app, "-e", SETTINGS_FILE, "db"],
        [app, "-e", SETTINGS_FILE, "doctor"],
        [app, "-e", SETTINGS_FILE, "users"],
    ]
    for command in documented:
        run_documented(bin_dir, settings, command)
    run_documented(bin_dir, settings, documented[0])


@pytest.fixture
def deployment(tmp_path, installed_wheel) -> Iterator[Deployment]:
    server = os.environ.get("CHALLENGES_TEST_DATABASE_URL", POSTGRES_SERVER)
    with ExitStack() as stack:
        bin_dir = installed_wheel
        database_url = stack.enter_context(fresh_postgres_database(server))
        redis_url = stack.enter_context(redis_server(tmp_path))
        inbox, smtp_port = stack.enter_context(smtp_server())
        https_port, http_port, *app_ports = (free_port() for _ in range(4))
        base_url = f"https://{HOST}:{https_port}"
        settings = write_settings(
            tmp_path,
            CHALLENGES_BASE_URL=base_url,
            CHALLENGES_DATABASE_URL=database_url,
            CHALLENGES_SECRET_KEY=secrets.token_hex(32),
            CHALLENGES_INSTANCE_PATH=str(tmp_path / "instance"),
            CHALLENGES_RATELIMIT_STORAGE_URL=redis_url,
            CHALLENGES_MAIL_SERVER="127.0.0.1",
            CHALLENGES_MAIL_PORT=str(smtp_port),
            CHALLENGES_MAIL_USE_TLS="false",  # the test's SMTP server speaks plain SMTP
            CHALLENGES_MAIL_USERNAME="",
            CHALLENGES_MAIL_PASSWORD="",
        )
        install_as_documented(bin_dir, settings)

        # Step 5: two app servers and two mail deliverers, as their systemd units start them.
        for number, port in enumerate(app_ports):
            app = unit_command(
                "challenges.service", bin_dir, ("127.0.0.1:8000", f"127.0.0.1:{port}")
            )
            process = stack.enter_context(service(app, settings, tmp_path / f"app{number}.log"))
            wait_for(lambda port=port: healthy(f"http://127.0.0.1:{port}"), process, "gunicorn")
        deliverer = unit_command("challenges-mail.service", bin_dir, ("--every 30", "--every 1"))
        deliverers = [
            stack.enter_context(service(deliverer, settings, tmp_path / f"mail{number}.log"))
            for number in range(2)
        ]

        # Step 6: nginx with the README's site.
        tls = self_signed_certificate(tmp_path, HOST)
        site = nginx_site(app_ports, https_port, http_port, tls)
        stack.enter_context(nginx(tmp_path / "nginx", site, https_port))
        browser = Browser(base_url, tls[0])
        yield Deployment(base_url, database_url, inbox, browser, deliverers, tmp_path)


def forged_host_is_dropped(deployment: Deployment) -> bool:
    """nginx's default server closes the connection without an answer."""
    port = int(deployment.base_url.rsplit(":", 1)[1])
    tls = deployment.browser.tls
    connection = http.client.HTTPSConnection(HOST, port, context=tls, timeout=10)
    try:
        connection.request("GET", "/account/reset", headers={"Host": "evil.example"})
        connection.getresponse()
    except http.client.RemoteDisconnected:
        return True
    finally:
        connection.close()
    return False


@pytest.mark.slow
def test_the_readme_deployment_runs_as_written(deployment):
    base_url, browser, inbox = deployment.base_url, deployment.browser, deployment.inbox
    [invitation] = inbox.wait_for(1)
    assert invitation["Date"]
    assert invitation["Message-ID"]
    welcome = link_in(invitation, base_url, "/account/welcome/")

    # The organiser chooses a password and logs in, through the proxy, over HTTPS.
    assert browser.get(welcome).status == 200
    chosen = browser.submit(welcome, {"password": PASSWORD, "password_repeat": PASSWORD})
    assert chosen.url == f"{base_url}/account/login", chosen.text
    dashboard = browser.submit("/account/login", {"email": ORGANISER, "password": PASSWORD})
    assert dashboard.status == 200
    assert "Your Name" in dashboard.text

    # 5 MB through the proxy: the app answers about the file, not nginx with a 413.
    assert browser.get("/admin/schools/import").status == 200
    content = b"VESTIGINGSCODE;NAAM\n" + b"x" * FIVE_MB
    upload = browser.upload(
        "/admin/schools/import", {"kind": "", "dry_run": "y"}, "vestigingen.csv", content
    )
    assert upload.status in (200, 422), upload.status
    assert "DUO" in upload.text

    # A forged Host never reaches the app; forged X-Forwarded-* never reach a mailed link.
    assert forged_host_is_dropped(deployment)
    assert browser.get("/account/reset").status == 200
    forged = {"X-Forwarded-Host": "evil.example", "X-Forwarded-Prefix": "/evil"}
    browser.submit("/account/reset", {"email": ORGANISER}, forged)
    invitation, reset = inbox.wait_for(2)
    link_in(reset, base_url, "/account/reset/")
    assert "evil" not in body(reset)

    # Two deliverers, each message once: stopped once the outbox is sent, nothing more came.
    first = deployment.deliverers[0]
    wait_for(lambda: outbox_statuses(deployment.database_url) == ["sent"] * 2, first, "mail")
    for process in deployment.deliverers:
        process.terminate()
        process.wait(timeout=20)
    assert len(inbox.messages) == 2
    assert reset["Message-ID"] != invitation["Message-ID"]

    # Both app servers answered through the proxy; the health check passes through it.
    assert browser.get("/healthz").status == 200
    for number in range(2):
        assert "GET /account/" in (deployment.logs / f"app{number}.log").read_text()


def test_the_dutch_readme_deploys_with_the_same_commands_and_files():
    assert readme.deployment_blocks("README.nl.md") == readme.deployment_blocks("README.md")
