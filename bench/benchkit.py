"""What the server benchmarks share: gunicorn, nginx, wrk, CPU accounting and tablets
(seeding.py makes the events they use)."""

import http.client
import json
import os
import random
import re
import resource
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from http.cookiejar import CookieJar
from pathlib import Path
from typing import IO

import psycopg
from seeding import BIN, PASSWORD

BENCH = Path(__file__).parent
# The production settings (README, deployment): gthread, 8 threads, two worker processes.
GUNICORN = ["--config", "python:challenges.gunicorn_config", "--workers", "2"]
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/9"  # rate limits counted together, as in production


# --- databases and servers -----------------------------------------------------------------


def app_env(database_url: str, folder: Path) -> dict:
    return {
        **os.environ,
        "CHALLENGES_INSTANCE_PATH": str(folder),
        "CHALLENGES_DATABASE_URL": database_url,
        "CHALLENGES_COOKIE_SECURE": "false",
        "CHALLENGES_RATELIMIT_STORAGE_URL": REDIS_URL,
    }


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for one run, dropped afterwards."""
    name = f"challenges_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(app_spec: str, env: dict, ready_path: str = "/healthz") -> Iterator["Server"]:
    """gunicorn with the production settings, serving `app_spec`, until the block ends."""
    port = free_port()
    command = [BIN / "gunicorn", *GUNICORN, "--pythonpath", str(BENCH)]
    command += ["--bind", f"127.0.0.1:{port}", app_spec]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
        server = Server(f"http://127.0.0.1:{port}", process.pid)
        try:
            server.wait_ready(ready_path, log)
            # both workers have imported the app and answered before anything is measured
            warm_up = ["wrk", "-t2", "-c16", "-d2s", server.url + ready_path]
            subprocess.run(warm_up, check=True, capture_output=True)
            yield server
        finally:
            process.terminate()
            process.wait()


@dataclass
class Server:
    url: str
    pid: int

    def wait_ready(self, path: str, log: IO[bytes]) -> None:
        for _ in range(200):
            try:
                urllib.request.urlopen(self.url + path).read()
                if len(child_pids(self.pid)) >= 2:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        log.seek(0)
        raise RuntimeError(f"gunicorn did not answer {path}:\n{log.read().decode()}")

    def cpu_seconds(self) -> float:
        return cpu_seconds([self.pid, *child_pids(self.pid)])


NGINX_CONF = """
user root;  # the bench runs as root; the workers write the cache in its temporary folder
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    log_format cache "$upstream_cache_status $upstream_addr";
    access_log {folder}/access.log cache;
    log_subrequest on;  # the background updates too: each asks the app
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    proxy_cache_path {folder}/cache keys_zone=scoreboards:1m max_size=100m;
    upstream challenges {{ server {upstream}; }}
    server {{
        listen 127.0.0.1:{port};
        proxy_set_header Host $http_host;
        proxy_cache_key $scheme$host$request_uri;
        proxy_cache_lock on;
        proxy_cache_revalidate on;
        proxy_cache_use_stale updating error timeout;
        proxy_cache_background_update on;
        location / {{ proxy_pass http://challenges; }}
        location ~ ^/api/v1/events/[^/]+/scoreboard$ {{
            proxy_pass http://challenges;
            proxy_cache scoreboards;
            proxy_ignore_headers Vary;
        }}
    }}
}}
"""


@contextmanager
def nginx_cache(app: Server) -> Iterator[tuple[Server, Path]]:
    """Debian's nginx (one worker process) in front of the app with the README's micro-cache
    for the scoreboard JSON; yields it and its access log: a line per request, with the
    cache status and the app's address ("-" where the app was not asked)."""
    with tempfile.TemporaryDirectory() as name:
        folder, port = Path(name), free_port()
        upstream = urllib.parse.urlsplit(app.url).netloc
        conf = NGINX_CONF.format(folder=folder, upstream=upstream, port=port)
        (folder / "nginx.conf").write_text(conf)
        command = ["nginx", "-p", str(folder), "-c", str(folder / "nginx.conf")]
        process = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.DEVNULL)
        proxy = Server(f"http://127.0.0.1:{port}", process.pid)
        try:
            for _ in range(100):
                with suppress(OSError):
                    urllib.request.urlopen(proxy.url + "/healthz").read()
                    break
                time.sleep(0.05)
            yield proxy, folder / "access.log"
        finally:
            process.terminate()
            process.wait()


# --- CPU accounting from /proc ---------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")


def proc_stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1 : text.rindex(")")]
    return [name, *text[text.rindex(")") + 2 :].split()]


def child_pids(parent: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := proc_stat(int(entry.name))) and stat[2] == str(parent):
            pids.append(int(entry.name))
    return pids


def cpu_seconds(pids: list[int]) -> float:
    """User and system time of these processes (fields utime and stime)."""
    total = 0
    for pid in pids:
        if stat := proc_stat(pid):
            total += int(stat[12]) + int(stat[13])
    return total / TICK


def postgres_cpu_seconds() -> float:
    """All PostgreSQL processes, with the backends that ended (counted in their parent)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := proc_stat(int(entry.name))) and stat[0] == "postgres":
            total += sum(int(value) for value in stat[12:16])  # utime stime cutime cstime
    return total / TICK


def clients_cpu_seconds() -> float:
    """This process (the tablets) and the children it has waited for (wrk)."""
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def machine_busy_seconds() -> float:
    """CPU time spent by everything on the machine (all cores), from /proc/stat."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split()[1:9]]
    idle = fields[3] + fields[4]
    return (sum(fields) - idle) / TICK


@contextmanager
def cpu_meter(server: Server) -> Iterator[dict]:
    """CPU seconds used during the block by the server, PostgreSQL, the clients and the
    whole machine."""
    meters = (server.cpu_seconds, postgres_cpu_seconds, clients_cpu_seconds, machine_busy_seconds)
    before = [meter() for meter in meters]
    used: dict = {}
    yield used
    after = [meter() for meter in meters]
    used["server"], used["postgres"], used["clients"], used["machine"] = (
        b - a for a, b in zip(before, after, strict=True)
    )


# --- wrk -------------------------------------------------------------------------------------

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


@dataclass
class WrkResult:
    requests: int
    seconds: float
    rate: float
    p50: float  # ms
    p99: float
    errors: int  # non-2xx/3xx responses and socket errors
    cpu: dict = field(default_factory=dict)

    @property
    def per_server_cpu_second(self) -> float:
        return self.requests / self.cpu["server"] if self.cpu.get("server") else 0.0


def wrk(
    server: Server,
    path: str,
    seconds: int,
    headers: dict | None = None,
    script: Path | None = None,
    script_args: tuple = (),
) -> WrkResult:
    """wrk with 2 threads and 16 connections against one path of the server."""
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", str(script)]
    command += [server.url + path]
    if script_args:
        command += ["--", *script_args]
    with cpu_meter(server) as cpu:
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result = parse_wrk(output)
    result.cpu = cpu
    return result


def parse_wrk(output: str) -> WrkResult:
    def latency(percent: str) -> float:
        value, unit = re.search(rf"\b{percent}%\s+([\d.]+)(us|ms|s)\b", output).groups()
        return float(value) * UNITS[unit]

    requests, seconds = re.search(r"(\d+) requests in ([\d.]+)(?:s)", output).groups()
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors += sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    return WrkResult(
        requests=int(requests),
        seconds=float(seconds),
        rate=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50=latency("50"),
        p99=latency("99"),
        errors=errors,
    )


# --- tablets ---------------------------------------------------------------------------------


class Tablet:
    """One logged-in device: its session cookie and CSRF token, sent with plain requests (so
    flashed messages that the bench never reads do not pile up in its cookie)."""

    def __init__(self, server: Server, email: str, event_id: int, match_id: int) -> None:
        self.host, self.port = urllib.parse.urlsplit(server.url).netloc.split(":")
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"{server.url}/account/login").read().decode()
        data = {"csrf_token": csrf_token(page), "email": email, "password": PASSWORD}
        opener.open(f"{server.url}/account/login", data=urllib.parse.urlencode(data).encode())
        page = opener.open(f"{server.url}/events/{event_id}/referee/matches/{match_id}").read()
        self.token = csrf_token(page.decode())
        self.cookie = "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)
        self.event_id = event_id

    def post(self, path: str, body: bytes, content_type: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(self.host, int(self.port), timeout=60)
        try:
            headers = {"Content-Type": content_type, "Cookie": self.cookie}
            connection.request("POST", path, body, headers | {"X-CSRFToken": self.token})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def submit(self, match_id: int, answers: dict) -> int:
        """A complete sheet for the match; the stored sheet's id."""
        body = {
            "client_key": uuid.uuid4().hex,
            "match": match_id,
            "answers": answers,
            "referee_name": "Bench",
            "team_confirmation": "B",
        }
        path = f"/api/v1/events/{self.event_id}/sheets"
        status, reply = self.post(path, json.dumps(body).encode(), "application/json")
        if status != 201:
            raise RuntimeError(f"sheet refused: {status} {reply[:200]!r}")
        return json.loads(reply)["id"]

    def verify(self, sheet_id: int) -> None:
        """The head referee's button; the desk answers with a redirect either way."""
        path = f"/events/{self.event_id}/head-referee/sheets/{sheet_id}/verify"
        form = urllib.parse.urlencode({"csrf_token": self.token}).encode()
        status, _ = self.post(path, form, "application/x-www-form-urlencoded")
        if status != 302:
            raise RuntimeError(f"verify answered {status}")


def csrf_token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def log_in_all(make: Callable[[int], Tablet], count: int) -> tuple[list[Tablet], list]:
    """`count` tablets logged in, eight at a time (each log-in hashes a password), and the
    log-ins that were answered with an error and tried again."""
    tablets: list[Tablet | None] = [None] * count
    failures: list[Exception] = []
    numbers = iter(range(count))
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            tablets[number] = logged_in(partial(make, number), failures)

    run_threads([work] * 8)
    return tablets, failures


def logged_in(make: Callable[[], Tablet], failures: list[Exception]) -> Tablet:
    """A tablet, logged in; a log-in answered with an error is noted and tried again."""
    for _ in range(2):
        try:
            return make()
        except urllib.error.HTTPError as error:
            failures.append(error)
    return make()


def run_threads(targets: list[Callable[[], None]]) -> None:
    threads = [threading.Thread(target=target) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def paced(seconds: float, interval: float, action: Callable[[], None]) -> Callable[[], None]:
    """A loop that calls `action` every `interval` seconds (first at a random moment within
    the first interval) for `seconds`: arrivals at a set pace, whatever the latency."""

    def loop() -> None:
        began = time.perf_counter()
        due = began + random.uniform(0, interval)
        while due < began + seconds:
            time.sleep(max(0.0, due - time.perf_counter()))
            action()
            due += interval

    return loop


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]
