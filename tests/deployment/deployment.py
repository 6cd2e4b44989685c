"""The README's deployment, run as written by a system administrator: the wheel with its Redis
extra in a fresh virtual environment, PostgreSQL, the settings file, `db upgrade`, `doctor`,
the first organiser, two app servers and two mail deliverers as the systemd units start them,
Redis, an SMTP server, and nginx with the README's site on an HTTPS port that is not 443.
Only addresses, ports, paths, passwords and the rate limits' key prefix are the test's own,
and the demo world that the tests of several servers look at (`challenges seed demo`, which the
README never runs)."""

import os
import secrets
import shlex
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from dotenv import dotenv_values

from tests.auth.servers import free_port, healthy, redis_server, wait_for
from tests.databases import POSTGRES_SERVER, fresh_postgres_database
from tests.deployment import readme
from tests.deployment.browser import Browser
from tests.deployment.servers import Inbox, nginx, self_signed_certificate, smtp_server

HOST = "localhost"
SETTINGS_FILE = "/etc/challenges/challenges.env"
VENV_BIN = "/srv/challenges/venv/bin/"
SCOREBOARD_CACHE = "/var/cache/nginx-challenges"
APP_SERVERS = 2


def write_settings(folder: Path, added: dict[str, str], **changed: str) -> Path:
    """The README's settings file with the test's addresses and passwords, and the `added`
    settings that the README does not have (the test's own)."""
    written = readme.settings()
    assert set(changed) <= set(written), set(changed) - set(written)
    assert not set(added) & set(written), set(added) & set(written)
    written.update(changed, **added)
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


def app_command(bin_dir: Path, port: int) -> list[str]:
    return unit_command("challenges.service", bin_dir, ("127.0.0.1:8000", f"127.0.0.1:{port}"))


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


def nginx_site(ports: list[int], https_port: int, http_port: int, tls: tuple, cache: Path) -> str:
    certificate, key = tls
    upstream = "\n    ".join(f"server 127.0.0.1:{port};" for port in ports)
    # The test machine listens on IPv4 loopback only.
    ipv4_only = "\n".join(line for line in readme.block("nginx").splitlines() if "[::]" not in line)
    return readme.replaced(
        ipv4_only,
        (SCOREBOARD_CACHE, str(cache)),
        ("server 127.0.0.1:8000;", upstream),
        ("listen 80 default_server;", f"listen 127.0.0.1:{http_port} default_server;"),
        ("listen 443 ssl default_server;", f"listen 127.0.0.1:{https_port} ssl default_server;"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
        ("challenges.example.nl", HOST),
        (f"/etc/letsencrypt/live/{HOST}/fullchain.pem", str(certificate)),
        (f"/etc/letsencrypt/live/{HOST}/privkey.pem", str(key)),
    )


def rows(database_url: str, query: str, *parameters: Any) -> list[tuple]:
    with psycopg.connect(database_url.replace("+psycopg", "")) as connection:
        return connection.execute(query, parameters).fetchall()


def eventually(check: Callable[[], Any], seconds: float, what: str) -> Any:
    """The first true result of `check`, asked until `seconds` have passed."""
    deadline = time.monotonic() + seconds
    while not (result := check()):
        assert time.monotonic() < deadline, f"{what}: not within {seconds} s"
        time.sleep(0.05)
    return result


@dataclass
class Deployment:
    base_url: str
    database_url: str
    inbox: Inbox
    browser: Browser
    deliverers: list[subprocess.Popen]
    logs: Path
    certificate: Path

    def new_browser(self) -> Browser:
        """Another person's browser: cookies of its own."""
        return Browser(self.base_url, self.certificate)

    def answered_by(self, request_id: str) -> int:
        """The number of the app server that answered (its log has the request's id)."""

        def found() -> list[int]:
            logs = [(self.logs / f"app{n}.log").read_text() for n in range(APP_SERVERS)]
            return [number for number, log in enumerate(logs) if request_id in log]

        [number] = eventually(found, 10, f"request {request_id} in an app server's log")
        return number

    def app_requests(self, path: str) -> int:
        """GET requests for `path` (without a query) in the app servers' access logs."""
        line = f'"GET {path} HTTP/1.'
        return sum((self.logs / f"app{n}.log").read_text().count(line) for n in range(APP_SERVERS))


def step_four() -> list[list[str]]:
    """Step 4: schema, doctor, first organiser (the role in lowercase, as written)."""
    documented = readme.commands()
    app = f"{VENV_BIN}challenges"
    assert [command[:4] for command in documented] == [
        [app, "-e", SETTINGS_FILE, "db"],
        [app, "-e", SETTINGS_FILE, "doctor"],
        [app, "-e", SETTINGS_FILE, "users"],
    ]
    return documented


def seeding_demo(bin_dir: Path, settings: Path) -> subprocess.Popen:
    """The test's own, never the README's (its passwords are public): the demo world, with a
    published event that has verified Robot Game scores and one whose referees can score.
    It runs while the deployment goes on."""
    argv = [str(bin_dir / "challenges"), "-e", str(settings), "seed", "demo"]
    return subprocess.Popen(
        argv, env=clean_environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


@contextmanager
def deployed(folder: Path, bin_dir: Path) -> Iterator[Deployment]:
    server = os.environ.get("CHALLENGES_TEST_DATABASE_URL", POSTGRES_SERVER)
    with ExitStack() as stack:
        database_url = stack.enter_context(fresh_postgres_database(server))
        redis_url = stack.enter_context(redis_server(folder))
        inbox, smtp_port = stack.enter_context(smtp_server())
        https_port, http_port, *app_ports = (free_port() for _ in range(2 + APP_SERVERS))
        base_url = f"https://{HOST}:{https_port}"
        settings = write_settings(
            folder,
            {
                # This run's rate-limit counts, apart from other runs' in a shared Redis.
                "CHALLENGES_RATELIMIT_KEY_PREFIX": f"deployment-{uuid.uuid4().hex}",
                # Public scoreboards are kept 2 seconds, not 5: the tests wait less.
                "CHALLENGES_SCOREBOARD_MAX_AGE": "2",
            },
            CHALLENGES_BASE_URL=base_url,
            CHALLENGES_DATABASE_URL=database_url,
            CHALLENGES_SECRET_KEY=secrets.token_hex(32),
            CHALLENGES_INSTANCE_PATH=str(folder / "instance"),
            CHALLENGES_RATELIMIT_STORAGE_URL=redis_url,
            CHALLENGES_MAIL_SERVER="127.0.0.1",
            CHALLENGES_MAIL_PORT=str(smtp_port),
            CHALLENGES_MAIL_USE_TLS="false",  # the test's SMTP server speaks plain SMTP
            CHALLENGES_MAIL_USERNAME="",
            CHALLENGES_MAIL_PASSWORD="",
        )
        upgrade, *others = step_four()
        run_documented(bin_dir, settings, upgrade)
        demo = stack.enter_context(seeding_demo(bin_dir, settings))
        for command in [*others, upgrade]:  # the upgrade once more, as an upgrade does
            run_documented(bin_dir, settings, command)

        # Step 5: two app servers and two mail deliverers, as their systemd units start them.
        apps = [
            stack.enter_context(
                service(app_command(bin_dir, port), settings, folder / f"app{n}.log")
            )
            for n, port in enumerate(app_ports)
        ]
        deliverer = unit_command("challenges-mail.service", bin_dir, ("--every 30", "--every 1"))
        deliverers = [
            stack.enter_context(service(deliverer, settings, folder / f"mail{number}.log"))
            for number in range(2)
        ]

        # Step 6: nginx with the README's site.
        tls = self_signed_certificate(folder, HOST)
        site = nginx_site(app_ports, https_port, http_port, tls, folder / "nginx" / "cache")
        stack.enter_context(nginx(folder / "nginx", site, https_port))
        for port, process in zip(app_ports, apps, strict=True):
            wait_for(lambda port=port: healthy(f"http://127.0.0.1:{port}"), process, "gunicorn")
        output, _ = demo.communicate(timeout=120)
        assert demo.returncode == 0, output
        browser = Browser(base_url, tls[0])
        yield Deployment(base_url, database_url, inbox, browser, deliverers, folder, tls[0])
