"""Real servers on loopback ports for the rate-limit tests: Redis, and gunicorn serving the app
on its own migrated database."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.databases import fresh_database

BIN = Path(sys.executable).parent
REDIS_PORT = 6379
NO_REDIS = (
    "These tests need a Redis server: Debian's redis-server binary (apt-get install -y "
    "redis-server), or one listening on 127.0.0.1:6379."
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_for(ready, process: subprocess.Popen, what: str) -> None:
    for _ in range(150):
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped: {process.stdout.read()}")
        if ready():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start in 15 seconds")


@contextmanager
def stopping(process: subprocess.Popen) -> Iterator[subprocess.Popen]:
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    """The Redis on the usual port, or Debian's redis-server started on a free one."""
    if listening(REDIS_PORT):
        yield f"redis://127.0.0.1:{REDIS_PORT}/0"
        return
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail(NO_REDIS)
    port = free_port()
    command = [binary, "--bind", "127.0.0.1", "--port", str(port), "--dir", str(folder)]
    command += ["--save", "", "--appendonly", "no"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with stopping(process):
        wait_for(lambda: listening(port), process, "redis-server")
        yield f"redis://127.0.0.1:{port}/0"


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def server_environment(folder: Path, database_url: str, **settings: str) -> dict[str, str]:
    """The app's settings as environment variables; its own counters in a shared Redis."""
    env = {
        **os.environ,
        "CHALLENGES_INSTANCE_PATH": str(folder / "instance"),
        "CHALLENGES_DATABASE_URL": database_url,
        "CHALLENGES_COOKIE_SECURE": "false",
        "CHALLENGES_RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }
    env.update({f"CHALLENGES_{name}": value for name, value in settings.items()})
    return env


def gunicorn_command(*options: str, port: int) -> list[str]:
    return [
        str(BIN / "gunicorn"),
        "--config",
        "python:challenges.gunicorn_config",
        *options,
        "--bind",
        f"127.0.0.1:{port}",
        "challenges:create_app()",
    ]


@contextmanager
def gunicorn(folder: Path, *options: str, **settings: str) -> Iterator[str]:
    """gunicorn as `make run` starts it (plus options), on a migrated database; its URL.

    The access log (`folder/access.log`) names the worker process of every request.
    """
    with fresh_database(folder) as database_url:
        env = server_environment(folder, database_url, **settings)
        subprocess.run(
            [BIN / "challenges", "db", "upgrade"], env=env, check=True, capture_output=True
        )
        port = free_port()
        log = ["--access-logfile", str(folder / "access.log"), "--access-logformat", "%(p)s"]
        process = subprocess.Popen(
            gunicorn_command(*options, *log, port=port),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        url = f"http://127.0.0.1:{port}"
        with stopping(process):
            wait_for(lambda: healthy(url), process, "gunicorn")
            yield url
