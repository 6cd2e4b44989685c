"""Rate limits count once, however many threads, worker processes or servers answer: in memory
for one process (the default), in Redis for more; gunicorn refuses more processes than that.
Without Redis each process counts on its own, and the log says so."""

import logging
import shutil
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pytest
import redis
from limits.storage import RedisStorage

from challenges.gunicorn_config import check_rate_limit_storage
from challenges.ratelimits import check_storage_client
from tests.auth.servers import (
    free_port,
    gunicorn,
    gunicorn_command,
    listening,
    redis_server,
    server_environment,
    stopping,
    wait_for,
)
from tests.factories import CSRF_FIELD, PASSWORD, make_user

pytestmark = pytest.mark.database

LIMIT = 10
ATTEMPTS = 30
STORAGE_SETTING = "CHALLENGES_RATELIMIT_STORAGE_URL=redis://127.0.0.1:6379/0"
# One account from one address: the account's limit is the one that holds.
ONE_ACCOUNT = {"RATELIMIT_LOGIN_ACCOUNT": f"{LIMIT}/hour", "RATELIMIT_LOGIN_ADDRESS": "1000/hour"}
PER_PROCESS = (
    "WARNING",
    "Redis cannot be reached: the rate limits are counted per process, in memory, until Redis "
    "is back",
)
TOGETHER_AGAIN = ("INFO", "Redis is back: the rate limits are counted together again")


def log_in_attempt(url: str) -> int:
    """A browser of its own: fetch the log-in form, send it with a wrong password."""
    browser = build_opener(HTTPCookieProcessor(CookieJar()))
    with browser.open(f"{url}/account/login", timeout=30) as page:
        token = next(filter(None, CSRF_FIELD.search(page.read().decode()).groups()))
    form = {"csrf_token": token, "email": "nobody@example.nl", "password": "not the password"}
    try:
        with browser.open(f"{url}/account/login", urlencode(form).encode(), timeout=30) as answer:
            return answer.status
    except HTTPError as error:
        error.close()
        return error.code


def answers_to_many_attempts(url: str) -> Counter[int]:
    with ThreadPoolExecutor(max_workers=6) as pool:
        return Counter(pool.map(log_in_attempt, [url] * ATTEMPTS))


def worker_processes(folder: Path) -> set[str]:
    return set((folder / "access.log").read_text().split())


@pytest.mark.parametrize(
    ("processes", "storage"),
    [(1, "memory://"), (1, "redis://127.0.0.1:6379/0"), (4, "redis://redis.internal:6379/0")],
)
def test_settings_that_count_once_are_accepted(processes, storage):
    check_rate_limit_storage(processes, storage)


def test_several_processes_counting_in_memory_are_refused():
    with pytest.raises(RuntimeError, match="CHALLENGES_RATELIMIT_STORAGE_URL=redis://"):
        check_rate_limit_storage(2, "memory://")


def free_redis_url() -> str:
    return f"redis://127.0.0.1:{free_port()}/0"


def log_in(client, email: str, password: str, **kwargs) -> int:
    form = {"email": email, "password": password}
    return client.submit("/account/login", form, **kwargs).status_code


def storage_news(caplog) -> list[tuple[str, str]]:
    return [
        (record.levelname, record.getMessage())
        for record in caplog.records
        if record.name == "challenges.ratelimits"
    ]


@pytest.mark.parametrize(
    "config_overrides",
    [{"RATELIMIT_STORAGE_URI": free_redis_url(), "RATELIMIT_LOGIN_ACCOUNT": "3/hour"}],
)
def test_unreachable_redis_counts_in_memory_and_says_so_once(client, caplog):
    user = make_user()
    with caplog.at_level(logging.INFO, logger="challenges.ratelimits"):
        statuses = [
            log_in(client, user.email, password)
            for password in ("not it", PASSWORD, "not it", PASSWORD, "not it", PASSWORD)
        ]
    assert statuses == [422, 302, 422, 302, 422, 429]
    assert storage_news(caplog) == [PER_PROCESS]


@contextmanager
def redis_started_for(url: str, folder: Path) -> Iterator[None]:
    """Debian's redis-server, on the port of `url` that nothing listened on so far."""
    port = redis.Redis.from_url(url).connection_pool.connection_kwargs["port"]
    command = [shutil.which("redis-server"), "--bind", "127.0.0.1", "--port", str(port)]
    command += ["--dir", str(folder), "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with stopping(process):
        wait_for(lambda: listening(port), process, "redis-server")
        yield


@pytest.mark.slow
@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_STORAGE_URI": free_redis_url()}])
def test_redis_coming_back_is_said_once_and_counted_in_again(app, client, caplog, tmp_path):
    url = app.config["RATELIMIT_STORAGE_URI"]
    with caplog.at_level(logging.INFO, logger="challenges.ratelimits"):
        assert log_in(client, "jan@example.nl", "not it") == 422
        with redis_started_for(url, tmp_path):
            deadline = time.monotonic() + 70  # Flask-Limiter looks again after 1, 2, 4 ... 32 s
            while TOGETHER_AGAIN not in storage_news(caplog) and time.monotonic() < deadline:
                client.get("/account/login")
                time.sleep(0.2)
            assert log_in(client, "jan@example.nl", "not it") == 422
            assert redis.Redis.from_url(url).keys("*account:jan@example.nl*")
    assert storage_news(caplog) == [PER_PROCESS, TOGETHER_AGAIN]


@pytest.mark.parametrize(
    "config_overrides", [{"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0"}]
)
def test_a_log_in_goes_on_when_redis_goes_away_before_it_is_taken_back(client, monkeypatch, caplog):
    user = make_user(email=f"{uuid.uuid4().hex}@example.nl")  # new counters in the shared Redis
    address = f"2001:db8::{uuid.uuid4().hex[:4]}"
    counting = RedisStorage.incr

    def redis_gone_when_taking_back(storage, key, expiry, amount=1):
        if amount < 0:
            raise redis.ConnectionError("Connection refused")
        return counting(storage, key, expiry, amount)

    monkeypatch.setattr(RedisStorage, "incr", redis_gone_when_taking_back)
    assert log_in(client, user.email, PASSWORD, environ_base={"REMOTE_ADDR": address}) == 302
    assert "could not be taken back" in caplog.text


@pytest.mark.slow
def test_gunicorn_refuses_several_processes_counting_in_memory(tmp_path):
    started = subprocess.run(
        gunicorn_command("--workers", "2", port=free_port()),
        env=server_environment(tmp_path, f"sqlite:///{tmp_path / 'unused.db'}"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 1
    assert STORAGE_SETTING in started.stderr


@pytest.mark.slow
def test_one_process_with_threads_holds_the_limit_in_memory(tmp_path):
    with gunicorn(tmp_path, "--workers", "1", **ONE_ACCOUNT) as url:
        assert answers_to_many_attempts(url) == {422: LIMIT, 429: ATTEMPTS - LIMIT}
    assert len(worker_processes(tmp_path)) == 1


@pytest.mark.slow
def test_two_processes_hold_the_limit_together_in_redis(tmp_path):
    with (
        redis_server(tmp_path) as redis_url,
        gunicorn(tmp_path, "--workers", "2", RATELIMIT_STORAGE_URL=redis_url, **ONE_ACCOUNT) as url,
    ):
        assert answers_to_many_attempts(url) == {422: LIMIT, 429: ATTEMPTS - LIMIT}
    assert len(worker_processes(tmp_path)) == 2  # both processes answered


def test_redis_without_its_client_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "redis", None)  # as if `challenges[redis]` was not installed
    with pytest.raises(RuntimeError, match=r"pip install 'challenges\[redis\]'"):
        check_storage_client("redis://127.0.0.1:6379/0")
    check_storage_client("memory://")
