"""Benchmark: a national Saturday, all 27 regional finals at once on one PostgreSQL.

Each final has 40 teams, two verified ranking rounds, and 8 tablets (one per table, each its
own logged-in referee) that send a complete sheet every 2.5 minutes, each verified at once
by the final's head referee (so every sheet changes that final's scoreboard). Phones poll the
scoreboard JSON of each final every 5 seconds with the ETag they have, as the phone page
does: wrk (2 threads, 16 connections) goes round the 27 scoreboards, and the share of polls
that find a new board (answered 200, the rest 304) is the day's: a phone polling every 5 s
with a change every 150 / 8 s sees one at 5 / 18.75 = 27 % of its polls.

Three phases of PHASE_SECONDS, on one gunicorn (production settings) and one PostgreSQL:
1. phones as fast as the server answers, tablets at the day's pace: what a core serves;
2. phones held to about half that rate, tablets TABLET_SPEED times faster: time is scaled for
   the tablets only (a sheet per table every 15 s instead of 150 s), so that 45 s give 648
   submissions; every submission also changes a board, so the boards are made again ten
   times as often as on the day;
3. the same tablets, and all 13,500 phones (held to 13,500 / 5 = 2,700 req/s) through
   Debian's nginx (one worker process) with the README's 5-second micro-cache: how many
   requests still reach the app, and what the proxy costs.
Everything, the load generators included, runs on this machine's cores; the CPU time of the
gunicorn, nginx and PostgreSQL processes is read from /proc, so the per-core figures leave
the clients out. The bench accounts have a cheap password hash, so that 243 log-ins take
seconds; log-ins are not measured here.

Needs wrk and nginx (Debian: apt-get install wrk nginx), PostgreSQL and Redis as for
bench/scoreboard.py.

Run: .venv/bin/python bench/national_day.py   (figures in RESULTS.md)
"""

import math
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import benchkit
import psycopg
import seeding

FINALS = 27
TEAMS = 40
TABLETS = 8  # per final
SHEET_EVERY = 150.0  # seconds between one table's sheets on the day
TABLET_SPEED = 10  # phases 2 and 3: a sheet per table every 15 s instead of 150 s
PHASE_SECONDS = 45
POLL_SECONDS = 5
PHONES = 13_500
FRESH = min(1.0, POLL_SECONDS / (SHEET_EVERY / TABLETS))
CONNECTIONS = 16
CORES = os.cpu_count() or 1
CORES_PER_SERVER = 2
HEADROOM = 0.5  # plan servers to run at half of what they can do at most
SLUGS = [f"final-{number:02d}" for number in range(1, FINALS + 1)]
CHEAP_HASH = "pbkdf2:sha256:1000"


def prepare() -> None:
    seeded = seeding.seed(
        SLUGS, TEAMS, scored_rounds=2, rounds=4, referees=TABLETS, password_method=CHEAP_HASH
    )
    seeding.write_seed(seeded)


class Final:
    """One final's tablets and head referee; each tablet scores its own matches."""

    def __init__(self, server: benchkit.Server, event: dict) -> None:
        accounts, self.matches = event["accounts"], event["open_matches"]
        first = self.matches[0]
        self.head = benchkit.Tablet(server, accounts["head_referee"], event["id"], first)
        self.tablets = [
            benchkit.Tablet(server, email, event["id"], first) for email in accounts["referees"]
        ]
        self.queues = [iter(self.matches[n::TABLETS]) for n in range(TABLETS)]


class Recorder:
    def __init__(self) -> None:
        self.submits: list[float] = []
        self.verifies: list[float] = []
        self.errors: list[Exception] = []
        self.slow: list[tuple[float, float]] = []  # (when, seconds) of submissions over 0.5 s
        self.began = time.perf_counter()

    def sheet(self, final: Final, number: int, answers: dict) -> None:
        """One table's sheet, then the head referee's verification, each timed."""
        try:
            began = time.perf_counter()
            sheet_id = final.tablets[number].submit(next(final.queues[number]), answers)
            submitted = time.perf_counter()
            final.head.verify(sheet_id)
        except Exception as error:  # counted and shown: a failed sheet is a finding
            self.errors.append(error)
            return
        self.submits.append(submitted - began)
        self.verifies.append(time.perf_counter() - submitted)
        if submitted - began > 0.5:
            self.slow.append((began - self.began, submitted - began))

    def lines(self) -> list[str]:
        submits, verifies, slow = self.submits, self.verifies, sorted(self.slow)
        failed = f" (first: {self.errors[0]})" if self.errors else ""
        return [
            f"sheets: {len(submits)} stored and verified, {len(self.errors)} failed{failed}",
            f"submit p50 {ms(submits, 0.5):.1f} ms, p95 {ms(submits, 0.95):.1f} ms, max"
            f" {ms(submits, 1):.1f} ms; verify p50 {ms(verifies, 0.5):.1f} ms,"
            f" p95 {ms(verifies, 0.95):.1f} ms",
            f"submissions over 0.5 s: {len(slow)}"
            + (", sent at (s into the phase) " if slow else "")
            + ", ".join(f"{when:.0f} ({seconds:.1f} s)" for when, seconds in slow[:10]),
        ]


def ms(values: list[float], fraction: float) -> float:
    return benchkit.percentile(values, fraction) * 1000 if values else float("nan")


def tablet_loops(finals: list[Final], recorder: Recorder, speed: float) -> Iterator:
    answers = seeding.complete_answers()
    for final in finals:
        for number in range(TABLETS):
            action = partial(recorder.sheet, final, number, answers)
            yield benchkit.paced(PHASE_SECONDS, SHEET_EVERY / speed, action)


@dataclass
class Outcome:
    phones: benchkit.WrkResult  # its cpu["server"] is the server the phones asked
    recorder: Recorder

    def cpu_ms_per_phone(self, part: str) -> float:
        return self.phones.cpu[part] / self.phones.requests * 1000

    def report(self, label: str, server: str = "gunicorn") -> None:
        phones, cpu = self.phones, self.phones.cpu
        per_request = self.cpu_ms_per_phone("server")
        lines = [
            f"phones: {phones.rate:.0f} req/s (p50 {phones.p50:.1f} ms, p99 {phones.p99:.1f} ms,"
            f" {phones.errors} errors)",
            *self.recorder.lines(),
            f"CPU seconds: {server} {cpu['server']:.1f}, PostgreSQL {cpu['postgres']:.1f},"
            f" clients {cpu['clients']:.1f}, whole machine {cpu['machine']:.1f} of"
            f" {phones.seconds * CORES:.0f}",
            f"per phone request (tablets' work included): {server} {per_request:.2f} ms CPU ="
            f" {1000 / per_request:.0f} req/s per core; PostgreSQL"
            f" {self.cpu_ms_per_phone('postgres'):.2f} ms CPU",
        ]
        print(label + "".join(f"\n  {line}" for line in lines))


def phase(server, finals, seeded, speed: float, phones_rate: float | None) -> Outcome:
    """Phones (wrk, held to about `phones_rate` req/s, or as fast as they are answered when
    None) and all tablets (at `speed` times the day's pace) at once for PHASE_SECONDS."""
    recorder = Recorder()
    targets = [f"{seeded[slug]['id']}:/api/v1/events/{slug}/scoreboard" for slug in SLUGS]
    pause_ms = CONNECTIONS / phones_rate * 1000 if phones_rate else 0
    phones: list[benchkit.WrkResult] = []

    def poll() -> None:
        arguments = (str(FRESH), str(round(pause_ms)), *targets)
        script = Path(__file__).parent / "phones.lua"
        phones.append(
            benchkit.wrk(server, "/", PHASE_SECONDS, script=script, script_args=arguments)
        )

    benchkit.run_threads([poll, *tablet_loops(finals, recorder, speed)])
    return Outcome(phones[0], recorder)


def behind_proxy(server, finals, seeded) -> tuple[Outcome, dict, float]:
    """Phase 3 through nginx: the outcome, the app's CPU, and the requests nginx passed on
    to the app per second."""
    with benchkit.nginx_cache(server) as (proxy, log), benchkit.cpu_meter(server) as app_cpu:
        outcome = phase(proxy, finals, seeded, TABLET_SPEED, PHONES / POLL_SECONDS)
        lines = [line.split() for line in log.read_text().splitlines()]
    statuses = Counter(status for status, _app in lines)
    asked = sum(1 for _status, app in lines if app != "-")
    print(f"  nginx cache statuses: {dict(statuses)}")
    return outcome, app_cpu, asked / outcome.phones.seconds


def servers_needed(flat_out: Outcome, proxied: Outcome, app_cpu: dict, passed: float) -> None:
    rate = PHONES / POLL_SECONDS
    cores = rate * flat_out.cpu_ms_per_phone("server") / 1000
    servers = math.ceil(cores / HEADROOM / CORES_PER_SERVER)
    print(
        f"Without a proxy cache, {PHONES} phones every {POLL_SECONDS} s = {rate:.0f} req/s:"
        f" {cores:.1f} app cores flat out, {cores / HEADROOM:.1f} at {HEADROOM:.0%} load ="
        f" {servers} servers of {CORES_PER_SERVER} cores; PostgreSQL"
        f" {rate * flat_out.cpu_ms_per_phone('postgres') / 1000:.1f} cores"
    )
    seconds = proxied.phones.seconds
    proxy_cores = proxied.phones.cpu["server"] / seconds
    print(
        f"With the {POLL_SECONDS}-second micro-cache: nginx passed {passed:.1f} req/s to the app"
        f" (at most {FINALS / POLL_SECONDS:.1f} + revalidations); the app with the tablets at"
        f" {TABLET_SPEED}x used {app_cpu['server'] / seconds:.2f} cores, PostgreSQL"
        f" {app_cpu['postgres'] / seconds:.2f}; nginx used {proxy_cores:.2f} cores for"
        f" {proxied.phones.rate:.0f} req/s (plain http)"
    )


def main() -> None:
    if "--prepare" in sys.argv:
        prepare()
        return
    print(
        f"{time.strftime('%Y-%m-%d %H:%M')} UTC, {CORES} cores; {FINALS} finals x {TEAMS} teams,"
        f" {FINALS * TABLETS} tablets, {FRESH:.0%} of polls find a new board;"
        f" {PHASE_SECONDS} s a phase"
    )
    with benchkit.postgres_database() as url, tempfile.TemporaryDirectory() as folder:
        env = benchkit.app_env(url, Path(folder))
        began = time.perf_counter()
        seeded = seeding.run_seed(Path(__file__), env, Path(folder))
        print(f"seeded in {time.perf_counter() - began:.0f} s")
        with benchkit.gunicorn("challenges:create_app()", env) as server:
            finals = log_in(server, seeded)
            flat_out = phase(server, finals, seeded, speed=1, phones_rate=None)
            flat_out.report("1. Phones as fast as the server answers, tablets at the day's pace")
            half = flat_out.phones.rate / 2
            busy = phase(server, finals, seeded, TABLET_SPEED, half)
            busy.report(f"2. Phones held to about {half:.0f} req/s, tablets {TABLET_SPEED}x faster")
            proxied, app_cpu, passed = behind_proxy(server, finals, seeded)
            proxied.report(
                f"3. {PHONES} phones through nginx's micro-cache, tablets {TABLET_SPEED}x faster",
                "nginx",
            )
        servers_needed(flat_out, proxied, app_cpu, passed)
        check_sheets(url)


def log_in(server: benchkit.Server, seeded: dict) -> list[Final]:
    """All finals' accounts, one thread per final."""
    finals: dict[str, Final] = {}

    def make(slug: str) -> None:
        finals[slug] = Final(server, seeded[slug])

    benchkit.run_threads([partial(make, slug) for slug in SLUGS])
    return [finals[slug] for slug in SLUGS]


def check_sheets(url: str) -> None:
    """What the database holds afterwards: every bench sheet verified, none left over."""
    query = "select status, count(*) from score_sheet group by status order by status"
    with psycopg.connect(url) as connection:
        rows = connection.execute(query).fetchall()
    print("sheets in the database: " + ", ".join(f"{status} {count}" for status, count in rows))


if __name__ == "__main__":
    main()
