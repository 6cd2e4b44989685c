"""Benchmark: the public scoreboard against a bare Flask app, and 50 referee tablets.

One run, side by side, on SQLite and on PostgreSQL (127.0.0.1:5432, user postgres): a bare
Flask "hello" app (bench/hello.py) and the app, each under gunicorn with the production
settings (2 gthread workers x 8 threads), are loaded by wrk (2 threads, 16 connections) for
SECONDS each, in turn, ROUNDS times over: hello, the scoreboard JSON of a 60-team event with
two verified rounds, the same with If-None-Match (304), and the phone page. Then 50 logged-in
referees (tablets) submit complete sheets: at a set pace (one per tablet every SHEET_EVERY
seconds), and as fast as they can.

Needs wrk (Debian: apt-get install wrk), PostgreSQL at 127.0.0.1:5432 and Redis at
127.0.0.1:6379 (the rate limits are counted there, as in production).

Run: .venv/bin/python bench/scoreboard.py            (figures in RESULTS.md)
     .venv/bin/python bench/scoreboard.py --profile [postgres]  (where a request's time goes,
     in process, on SQLite or PostgreSQL)
"""

import cProfile
import os
import pstats
import random
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path

import benchkit
import seeding

TEAMS = 60
TABLETS = 50
SECONDS = 5  # per wrk measurement
ROUNDS = 3
SHEET_EVERY = 2.5  # seconds between one tablet's sheets: a table's 2.5 minutes, 60 times faster
PACED_SECONDS = 20
JSON = "/api/v1/events/bench/scoreboard"
PAGE = "/events/bench/scoreboard"
TARGETS = {"JSON": 0.50, "JSON 304": 0.90, "page": 0.40}


def prepare() -> None:
    seeded = seeding.seed(["bench"], TEAMS, scored_rounds=2, rounds=3, referees=TABLETS)
    seeding.write_seed(seeded)


def measure_reads(env: dict) -> dict[str, list[benchkit.WrkResult]]:
    """hello, the JSON, the 304 and the page in turn, ROUNDS times over, both servers up: a
    disturbance from outside the run hits a round, not one of them."""
    app = "challenges:create_app()"
    with (
        benchkit.gunicorn("hello:app", env, ready_path="/") as hello,
        benchkit.gunicorn(app, env) as server,
    ):
        with urllib.request.urlopen(server.url + JSON) as response:
            etag = response.headers["ETag"]
        cases = {
            "hello": (hello, "/", None),
            "JSON": (server, JSON, None),
            "JSON 304": (server, JSON, {"If-None-Match": etag}),
            "page": (server, PAGE, None),
        }
        results: dict[str, list[benchkit.WrkResult]] = {name: [] for name in cases}
        for _ in range(ROUNDS):
            for name, (target, path, headers) in cases.items():
                results[name].append(benchkit.wrk(target, path, SECONDS, headers))
    return results


def report_reads(rounds: dict[str, list[benchkit.WrkResult]]) -> None:
    """Each kind's median round (by req/s), and the range of its rounds."""
    results = {
        name: sorted(runs, key=lambda r: r.rate)[len(runs) // 2] for name, runs in rounds.items()
    }
    hello = results["hello"]
    print(
        f"  {'':<10} {'req/s':>6} {'(rounds)':>15} {'of hello':>9} {'target':>7} {'p50 ms':>7}"
        f" {'p99 ms':>7} {'errors':>6} {'req per server CPU-s':>21} {'of hello':>9}"
    )
    for name, result in results.items():
        target = TARGETS.get(name)
        spread = "-".join(f"{r.rate:.0f}" for r in sorted(rounds[name], key=lambda r: r.rate))
        print(
            f"  {name:<10} {result.rate:6.0f} {spread:>15} {result.rate / hello.rate:9.0%}"
            f" {f'{target:.0%}' if target else '':>7} {result.p50:7.2f} {result.p99:7.2f}"
            f" {sum(r.errors for r in rounds[name]):6d} {result.per_server_cpu_second:21.0f}"
            f" {result.per_server_cpu_second / hello.per_server_cpu_second:9.0%}"
        )
    busy = {name: r.cpu["machine"] / r.seconds for name, r in results.items()}
    print("  cores busy (whole machine): " + ", ".join(f"{n} {b:.2f}" for n, b in busy.items()))


def measure_submissions(env: dict, seeded: dict) -> None:
    event = seeded["bench"]
    with benchkit.gunicorn("challenges:create_app()", env) as server:
        emails = event["accounts"]["referees"]
        tablets, failures = benchkit.log_in_all(
            lambda n: benchkit.Tablet(server, emails[n], event["id"], event["open_matches"][0]),
            TABLETS,
        )
        if failures:
            print(
                f"  log-ins answered with an error and tried again: {len(failures)} ({failures[0]})"
            )
        answers = seeding.complete_answers()
        latencies: list[float] = []
        errors: list[Exception] = []

        def sender(tablet: benchkit.Tablet) -> Callable[[], None]:
            def submit() -> None:  # rivals are fine: none is verified
                tablet.submit(random.choice(event["open_matches"]), answers)

            return lambda: timed(submit, latencies, errors)

        loops = [benchkit.paced(PACED_SECONDS, SHEET_EVERY, sender(t)) for t in tablets]
        with benchkit.cpu_meter(server) as cpu:
            benchkit.run_threads(loops)
        label = f"paced, {TABLETS / SHEET_EVERY:.0f} sheets/s offered"
        report_submissions(label, PACED_SECONDS, latencies, errors, cpu)
        latencies.clear()
        errors.clear()
        deadline = time.perf_counter() + SECONDS
        flat_out = [flat_out_loop(sender(t), deadline) for t in tablets]
        with benchkit.cpu_meter(server) as cpu:
            benchkit.run_threads(flat_out)
        report_submissions("as fast as they can", SECONDS, latencies, errors, cpu)


def flat_out_loop(send: Callable[[], None], deadline: float) -> Callable[[], None]:
    def loop() -> None:
        while time.perf_counter() < deadline:
            send()

    return loop


def timed(action: Callable[[], object], latencies: list[float], errors: list) -> None:
    began = time.perf_counter()
    try:
        action()
    except Exception as error:  # counted and shown: a refused or failed sheet is a finding
        errors.append(error)
        return
    latencies.append(time.perf_counter() - began)


def report_submissions(
    label: str, seconds: float, latencies: list[float], errors: list, cpu: dict
) -> None:
    print(
        f"  sheets, {TABLETS} tablets, {label}: {len(latencies)} stored"
        f" ({len(latencies) / seconds:.0f}/s), "
        f"p50 {benchkit.percentile(latencies, 0.5) * 1000:.1f} ms, "
        f"p95 {benchkit.percentile(latencies, 0.95) * 1000:.1f} ms, "
        f"max {max(latencies) * 1000:.1f} ms, {len(errors)} failed"
        + (f" (first: {errors[0]})" if errors else "")
        + f"; server CPU {cpu['server']:.1f} s, PostgreSQL CPU {cpu['postgres']:.1f} s"
    )


def run(label: str, database_url: Callable[[Path], str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = benchkit.app_env(database_url(Path(folder)), Path(folder))
        seeded = seeding.run_seed(Path(__file__), env, Path(folder))
        print(label)
        report_reads(measure_reads(env))
        measure_submissions(env, seeded)


def profile(database_url: Callable[[Path], str]) -> None:
    """In process, no server: per request of hello, the JSON, the 304, the page and a sheet,
    the time through Flask's test client and the SQL statements; then cProfile's view."""
    with tempfile.TemporaryDirectory() as folder:
        env = benchkit.app_env(database_url(Path(folder)), Path(folder))
        seeded = seeding.run_seed(Path(__file__), env, Path(folder))
        os.environ.update(env)
        import hello

        from challenges import create_app

        app = create_app()
        client, bare = app.test_client(), hello.app.test_client()
        etag = client.get(JSON).headers["ETag"]
        cases = {
            "hello": lambda: bare.get("/"),
            "JSON": lambda: client.get(JSON),
            "JSON 304": lambda: client.get(JSON, headers={"If-None-Match": etag}),
            "page": lambda: client.get(PAGE),
            "sheet": referee(app, seeded["bench"]),
        }
        statements = statement_counter(app)
        for name, request in cases.items():
            request()  # the board made once for this version
            statements.clear()
            request()
            count = len(statements)
            print(
                f"  {name:<9} {per_request_ms(request, 500):6.3f} ms per request (test client),"
                f" {count} SQL statements"
            )
        for name in ("JSON 304", "page", "sheet"):
            print(f"\ncProfile, {name}, 600 requests, by cumulative time:")
            profiler = cProfile.Profile()
            profiler.runcall(per_request_ms, cases[name], 500)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


def referee(app, event: dict) -> Callable[[], None]:
    """A logged-in referee's test client that sends a complete sheet at each call."""
    client = app.test_client()
    page = client.get("/account/login").get_data(as_text=True)
    email = event["accounts"]["referees"][0]
    login = {"csrf_token": benchkit.csrf_token(page), "email": email, "password": seeding.PASSWORD}
    client.post("/account/login", data=login)
    page = client.get(f"/events/{event['id']}/referee/matches/{event['open_matches'][0]}")
    headers = {"X-CSRFToken": benchkit.csrf_token(page.get_data(as_text=True))}
    answers = seeding.complete_answers()

    def submit() -> None:
        body = {
            "client_key": uuid.uuid4().hex,
            "match": random.choice(event["open_matches"]),
            "answers": answers,
            "referee_name": "Bench",
            "team_confirmation": "B",
        }
        response = client.post(f"/api/v1/events/{event['id']}/sheets", json=body, headers=headers)
        assert response.status_code == 201, response.status_code

    return submit


def statement_counter(app) -> list[str]:
    """The SQL statements the app sends from now on (cleared by the caller)."""
    from sqlalchemy import event

    from challenges.extensions import db

    statements: list[str] = []
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    return statements


def per_request_ms(request: Callable[[], object], count: int = 2000) -> float:
    for _ in range(count // 20):
        request()
    began = time.perf_counter()
    for _ in range(count):
        request()
    return (time.perf_counter() - began) / count * 1000


def main() -> None:
    if "--prepare" in sys.argv:
        prepare()
        return
    if "--profile" in sys.argv and "postgres" in sys.argv:
        with benchkit.postgres_database() as url:
            profile(lambda _folder: url)
        return
    if "--profile" in sys.argv:
        profile(lambda folder: f"sqlite:///{folder}/bench.db")
        return
    print(
        f"{time.strftime('%Y-%m-%d %H:%M')} UTC, {os.cpu_count()} cores, wrk -t2 -c16 -d{SECONDS}s"
    )
    run("SQLite (WAL)", lambda folder: f"sqlite:///{folder}/bench.db")
    with benchkit.postgres_database() as url:
        run("PostgreSQL", lambda _folder: url)


if __name__ == "__main__":
    main()
