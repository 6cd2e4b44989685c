"""Rate limits count once, however many threads, worker processes or servers answer: in memory
for one process (the default), in Redis for more; gunicorn refuses more processes than that."""

import subprocess
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pytest

from challenges.gunicorn_config import check_rate_limit_storage
from tests.auth.servers import (
    free_port,
    gunicorn,
    gunicorn_command,
    redis_server,
    server_environment,
)
from tests.factories import CSRF_FIELD

pytestmark = pytest.mark.database

LIMIT = 10
ATTEMPTS = 30
STORAGE_SETTING = "CHALLENGES_RATELIMIT_STORAGE_URL=redis://127.0.0.1:6379/0"


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


@pytest.mark.parametrize(
    "config_overrides", [{"RATELIMIT_STORAGE_URI": free_redis_url(), "RATELIMIT_LOGIN": "2/hour"}]
)
def test_unreachable_redis_counts_in_memory_instead_of_failing(client, config_overrides):
    wrong = {"email": "a@example.nl", "password": "not the password"}
    statuses = [client.submit("/account/login", wrong).status_code for _ in range(3)]
    assert statuses == [422, 422, 429]


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
    with gunicorn(tmp_path, "--workers", "1", RATELIMIT_LOGIN=f"{LIMIT} per hour") as url:
        assert answers_to_many_attempts(url) == {422: LIMIT, 429: ATTEMPTS - LIMIT}
    assert len(worker_processes(tmp_path)) == 1


@pytest.mark.slow
def test_two_processes_hold_the_limit_together_in_redis(tmp_path):
    with (
        redis_server(tmp_path) as redis_url,
        gunicorn(
            tmp_path,
            "--workers",
            "2",
            RATELIMIT_STORAGE_URL=redis_url,
            RATELIMIT_LOGIN=f"{LIMIT} per hour",
        ) as url,
    ):
        assert answers_to_many_attempts(url) == {422: LIMIT, 429: ATTEMPTS - LIMIT}
    assert len(worker_processes(tmp_path)) == 2  # both processes answered
