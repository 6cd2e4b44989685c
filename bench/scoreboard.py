"""Benchmark: the public scoreboard and referee submissions under concurrent clients.

A 60-team event with two verified ranking rounds is served by gunicorn (4 sync workers) on
SQLite and on PostgreSQL (127.0.0.1:5432, user postgres). For each database, 16 client
threads ask for the scoreboard for a few seconds (plain and with If-None-Match), then 8
logged-in referees submit sheets. Prints requests per second and latencies.

Run: .venv/bin/python bench/scoreboard.py   (figures in RESULTS.md)
"""

import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from http.cookiejar import CookieJar
from pathlib import Path

import psycopg

BIN = Path(sys.executable).parent
TEAMS = 60
SECONDS = 5
PASSWORD = "bench-referee-password"


def prepare(env: dict) -> None:
    """Schema, season, event, teams, schedule, a referee and verified scores for two rounds."""
    subprocess.run([BIN / "challenges", "db", "upgrade"], env=env, check=True, capture_output=True)
    os.environ.update(env)
    from challenges import create_app
    from challenges.auth.models import EventRole, User
    from challenges.auth.roles import Role
    from challenges.events.models import Event, EventKind, EventTeam, ScheduleEntry
    from challenges.extensions import db
    from challenges.registration.models import Team
    from challenges.robot_game import sheets
    from challenges.robot_game.definitions import load
    from challenges.seasons.models import Category, Programme, Season

    app = create_app()
    with app.test_request_context():
        season = Season(
            programme=Programme(key="fll", name="FLL Challenge", has_robot_game=True),
            key="fll-bench",
            name="2025-2026",
            theme="UNEARTHED",
            robot_game_key="fll-2025-unearthed",
        )
        category = Category(name="Challenge", season=season)
        event = Event(
            season=season,
            slug="bench",
            kind=EventKind.REGIONAL,
            name="Bench",
            starts_on=datetime(2026, 1, 24).date(),
            published=True,
        )
        referee = User(email="referee@bench.nl", name="Referee", confirmed_at=datetime.now(UTC))
        referee.set_password(PASSWORD)
        db.session.add_all([season, category, event, referee])
        db.session.flush()
        db.session.add(EventRole(user_id=referee.id, event_id=event.id, role=Role.REFEREE))
        start = datetime(2026, 1, 24, 8, 0, tzinfo=UTC)
        definition = load("fll-2025-unearthed")
        answers = {q.id: False for q in definition.questions if q.type == "yesno"}
        answers |= {q.id: 0 for q in definition.questions if q.type == "count"}
        answers |= definition.start_sheet()
        for index in range(TEAMS):
            team = Team(
                season=season,
                category=category,
                name=f"Team {index}",
                name_key=f"team {index}",
                number=1001 + index,
                pupil_count=4,
                town="Utrecht",
            )
            db.session.add(team)
            db.session.flush()
            db.session.add(EventTeam(event_id=event.id, team_id=team.id, event_kind=event.kind))
            for number in (1, 2, 3):
                at = start + timedelta(minutes=8 * (index + TEAMS * number))
                entry = ScheduleEntry(
                    event_id=event.id,
                    team_id=team.id,
                    kind="ranking",
                    round=number,
                    place=f"table {index % 4 + 1}",
                    starts_at=at,
                    ends_at=at + timedelta(minutes=3),
                )
                db.session.add(entry)
                db.session.flush()
                if number < 3:
                    given = sheets.SheetInput(
                        uuid.uuid4().hex,
                        entry.id,
                        answers | {"m06_ore_blocks": index % 4},
                        "R",
                        "X",
                    )
                    sheet, _ = sheets.submit(event, given, referee)
                    db.session.flush()
                    sheets.verify(sheet, "Head")
        db.session.commit()
        from challenges.robot_game import standings

        began = time.perf_counter()
        for _ in range(200):
            standings.public(event)
        print(
            f"  standings of {TEAMS} teams, in process: {(time.perf_counter() - began) * 5:.2f} ms"
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_test(worker, clients: int) -> tuple[int, list[float]]:
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + SECONDS

    def run(number: int) -> None:
        state = worker.setup(number)
        mine = []
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            worker.request(state)
            mine.append(time.perf_counter() - began)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies), latencies


class Scoreboard:
    def __init__(self, url: str, conditional: bool) -> None:
        self.url, self.conditional = f"{url}/api/v1/events/bench/scoreboard", conditional

    def setup(self, _number):
        with urllib.request.urlopen(self.url) as response:
            return {"etag": response.headers["ETag"]}

    def request(self, state):
        headers = {"If-None-Match": state["etag"]} if self.conditional else {}
        try:
            with urllib.request.urlopen(urllib.request.Request(self.url, headers=headers)) as r:
                r.read()
        except urllib.error.HTTPError as error:
            if error.code != 304:  # 304 Not Modified is the point of If-None-Match
                raise


class Submissions:
    def __init__(self, url: str, matches: list[int]) -> None:
        self.url, self.matches = url, matches
        from challenges.robot_game.definitions import load

        definition = load("fll-2025-unearthed")
        self.answers = {q.id: False for q in definition.questions if q.type == "yesno"}
        self.answers |= {q.id: 0 for q in definition.questions if q.type == "count"}
        self.answers |= definition.start_sheet() | {"m00_inspection": True}

    def setup(self, _number):
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        page = opener.open(f"{self.url}/account/login").read().decode()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode(
            {"csrf_token": token, "email": "referee@bench.nl", "password": PASSWORD}
        ).encode()
        opener.open(f"{self.url}/account/login", data=data).read()
        page = opener.open(f"{self.url}/events/1/referee/matches/{self.matches[0]}").read()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.decode())
        return {"opener": opener, "token": token.group(1)}

    def request(self, state):
        body = {
            "client_key": uuid.uuid4().hex,
            "match": random.choice(self.matches),
            "answers": self.answers,
            "referee_name": "Bench",
            "team_confirmation": "B",
        }
        request = urllib.request.Request(
            f"{self.url}/api/v1/events/1/sheets",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "X-CSRFToken": state["token"]},
        )
        with state["opener"].open(request) as response:
            assert response.status == 201, response.status  # stored (a conflict when repeated)


def report(label: str, count: int, latencies: list[float]) -> None:
    ordered = sorted(latencies)
    p95 = ordered[int(len(ordered) * 0.95)] * 1000
    print(
        f"  {label:<42} {count / SECONDS:7.0f} req/s   "
        f"median {statistics.median(ordered) * 1000:5.1f} ms   p95 {p95:5.1f} ms"
    )


def bench(database_url: str, folder: Path) -> None:
    env = {
        **os.environ,
        "CHALLENGES_INSTANCE_PATH": str(folder),
        "CHALLENGES_DATABASE_URL": database_url,
        "CHALLENGES_COOKIE_SECURE": "false",
        "CHALLENGES_RATELIMIT_ENABLED": "false",
    }
    subprocess.run([sys.executable, __file__, "--prepare"], env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [
            BIN / "gunicorn",
            "--workers",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
            "challenges:create_app()",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/healthz").read()
                break
            except OSError:
                time.sleep(0.1)
        report("scoreboard JSON, 16 clients", *load_test(Scoreboard(url, False), 16))
        report("scoreboard JSON with If-None-Match (304)", *load_test(Scoreboard(url, True), 16))
        matches = list(range(3, 3 * TEAMS + 1, 3))  # the third-round matches
        report("sheet submissions, 8 referees", *load_test(Submissions(url, matches), 8))
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    if "--prepare" in sys.argv:
        prepare(dict(os.environ))
        return
    with tempfile.TemporaryDirectory() as folder:
        print("SQLite (WAL)")
        bench(f"sqlite:///{folder}/bench.db", Path(folder))
    name = f"challenges_bench_{uuid.uuid4().hex[:8]}"
    admin = "postgresql://postgres@127.0.0.1:5432/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory() as folder:
            print("PostgreSQL")
            bench(f"postgresql://postgres@127.0.0.1:5432/{name}", Path(folder))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
