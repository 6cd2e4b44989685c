"""Benchmark: the season in numbers of a national-size season, page and report.

A season of 1,500 teams (about 600 of them at 27 regional finals, 50 at the national final)
from 350 schools in the twelve provinces, the season before it (1,400 teams) to compare with,
visitors at every final and 2,000 answered surveys (of 2,600 asked). Times, in process through
Flask's test client as a logged-in organiser: the overview page (target under 1 s), the PDF
report (under 3 s) and the workbook; the median of five requests after one warm-up.

Run: .venv/bin/python bench/season_report.py [--postgres]   (figures in RESULTS.md)
"""

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from sqlalchemy import Engine, event, insert, select

from challenges import create_app
from challenges.auth.models import User, UserRole
from challenges.auth.roles import Role
from challenges.awards.models import Advancement, AdvancementKind, AdvancementStatus
from challenges.events.models import Event, EventKind, EventTeam
from challenges.extensions import db
from challenges.registration.forms import PROVINCES
from challenges.registration.models import Team
from challenges.registration.status import TeamStatus
from challenges.reports.models import EventVisitors
from challenges.schools.models import School
from challenges.seasons.models import Category, Programme, Season
from challenges.surveys.models import Audience, Survey, SurveyInvitation

TEAMS, PREVIOUS_TEAMS, SCHOOLS, FINALS, PLACED, NATIONAL = 1500, 1400, 350, 27, 600, 50
ASKED, ANSWERED = 2600, 2000  # survey invitations, coaches and volunteers
EMAIL, PASSWORD = "organiser@bench.example", "bench-organiser-password"
RUNS = 5
STATUSES = [TeamStatus.CONFIRMED] * 8 + [TeamStatus.WAITLISTED, TeamStatus.WITHDRAWN]


def add_season(programme_id: int, key: str, name: str) -> tuple[int, list[int]]:
    season = Season(programme_id=programme_id, key=key, name=name, theme="BENCH", published=True)
    db.session.add(season)
    db.session.flush()
    categories = [
        Category(season_id=season.id, name=name, position=n)
        for n, name in enumerate(("Challenge", "Explore", "Discover"))
    ]
    db.session.add_all(categories)
    db.session.flush()
    return season.id, [category.id for category in categories]


def add_teams(season_id: int, categories: list[int], schools: list[int], count: int) -> list[int]:
    rows = [
        {
            "season_id": season_id,
            "category_id": categories[n % 7 // 5],  # five in seven Challenge
            "school_id": schools[n * 7 % len(schools)],
            "name": f"Team {n}",
            "name_key": f"team {n}",
            "number": 1000 + n,
            "pupil_count": 4 + n % 7,
            "status": STATUSES[n % len(STATUSES)],
        }
        for n in range(count)
    ]
    db.session.execute(insert(Team), rows)
    return list(
        db.session.scalars(
            select(Team.id)
            .where(Team.season_id == season_id, Team.status == TeamStatus.CONFIRMED)
            .order_by(Team.id)
        )
    )


def add_events(season_id: int, category: int, teams: list[int], prefix: str) -> list[int]:
    national = Event(
        season_id=season_id,
        slug=f"{prefix}-national",
        kind=EventKind.NATIONAL,
        name="Landelijke finale",
        starts_on=date(2026, 4, 18),
        capacity=60,
    )
    db.session.add(national)
    db.session.flush()
    finals = [
        Event(
            season_id=season_id,
            slug=f"{prefix}-final-{n}",
            kind=EventKind.REGIONAL,
            name=f"Regiofinale {n + 1}",
            starts_on=date(2026, 2, 1 + n % 27),
            capacity=24,
            feeds_into_id=national.id,
        )
        for n in range(FINALS)
    ]
    db.session.add_all(finals)
    db.session.flush()
    placed = [(finals[n % FINALS].id, team) for n, team in enumerate(teams[:PLACED])]
    db.session.execute(
        insert(EventTeam),
        [
            {"event_id": final, "team_id": team, "event_kind": EventKind.REGIONAL}
            for final, team in placed
        ],
    )
    db.session.execute(
        insert(EventTeam),
        [
            {"event_id": national.id, "team_id": team, "event_kind": EventKind.NATIONAL}
            for _final, team in placed[:NATIONAL]
        ],
    )
    db.session.execute(
        insert(Advancement),
        [
            {
                "from_event_id": final,
                "to_event_id": national.id,
                "category_id": category,
                "team_id": team,
                "kind": AdvancementKind.RANK,
                "position": 1 + n // FINALS,
                "status": AdvancementStatus.CONFIRMED,
                "decided_by": "Bench",
            }
            for n, (final, team) in enumerate(placed[:NATIONAL])
        ],
    )
    return [final.id for final in finals] + [national.id]


def add_surveys(events: list[int]) -> None:
    db.session.execute(
        insert(EventVisitors),
        [
            {"event_id": event, "visitors": 400 + n, "entered_by": "Bench"}
            for n, event in enumerate(events)
        ],
    )
    db.session.execute(
        insert(Survey), [{"event_id": event, "closes_on": date(2026, 3, 1)} for event in events]
    )
    answered = datetime(2026, 2, 20, 12, tzinfo=UTC)
    db.session.execute(
        insert(SurveyInvitation),
        [
            {
                "event_id": events[n % len(events)],
                "audience": Audience.COACH if n % 4 else Audience.VOLUNTEER,
                "answered_at": answered if n < ANSWERED else None,
                "programme_rating": 6 + n % 5 if n < ANSWERED and n % 4 else None,
                "event_rating": 5 + n % 6 if n < ANSWERED else None,
                "went_well": "Alles" if n < ANSWERED else None,
            }
            for n in range(ASKED)
        ],
    )


def seed() -> int:
    """The two seasons; returns the id of the newer one."""
    programme = Programme(
        key="fll-challenge", name="FIRST LEGO League Challenge", numbers_teams=True
    )
    db.session.add(programme)
    db.session.flush()
    db.session.execute(
        insert(School),
        [
            {
                "vestigingscode": f"{n:04d}AA",
                "name": f"School {n}",
                "town": f"Plaats {n % 90}",
                "province": PROVINCES[n % len(PROVINCES)],
                "kind": "po" if n % 3 else "vo",
            }
            for n in range(SCHOOLS)
        ],
    )
    schools = list(db.session.scalars(select(School.id).order_by(School.id)))
    before, before_categories = add_season(programme.id, "fll-2024-2025", "2024-2025")
    add_events(
        before,
        before_categories[0],
        add_teams(before, before_categories, schools[20:], PREVIOUS_TEAMS),
        "old",
    )
    season, categories = add_season(programme.id, "fll-2025-2026", "2025-2026")
    teams = add_teams(season, categories, schools, TEAMS)
    add_surveys(add_events(season, categories[0], teams, "new"))
    organiser = User(
        email=EMAIL, name="Bench Organisator", locale="nl", confirmed_at=datetime.now(UTC)
    )
    organiser.set_password(PASSWORD)
    organiser.roles.append(UserRole(role=Role.ORGANISER))
    db.session.add(organiser)
    db.session.commit()
    return season


@contextmanager
def counted_statements(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def timed(get: Callable[[], object], engine: Engine) -> tuple[float, int]:
    """The median seconds of RUNS requests after a warm-up, and the SQL statements of one."""
    get()
    with counted_statements(engine) as statements:
        get()
    seconds = []
    for _ in range(RUNS):
        started = time.perf_counter()
        get()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), len(statements)


def log_in(client) -> None:
    page = client.get("/account/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post(
        "/account/login", data={"csrf_token": token, "email": EMAIL, "password": PASSWORD}
    )
    assert response.status_code == 302, response.status_code


def measure(database_url: str) -> None:
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False}
    )
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        season = seed()
        engine = db.engine
        print(f"seeded in {time.perf_counter() - started:.1f} s")
    client = app.test_client()
    log_in(client)
    base = f"/admin/reports/seasons/{season}"

    def fetch(path: str) -> Callable[[], object]:
        def get() -> None:
            response = client.get(base + path)
            assert response.status_code == 200, response.status_code

        return get

    for label, path, target in (
        ("overview page", "", "< 1 s"),
        ("PDF report", "/report.pdf", "< 3 s"),
        ("workbook", "/report.xlsx", ""),
    ):
        seconds, statements = timed(fetch(path), engine)
        print(f"{label:>14}: {seconds * 1000:7.0f} ms median of {RUNS} ({statements} SQL) {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="on a new PostgreSQL database")
    arguments = parser.parse_args()
    if arguments.postgres:
        sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
        from benchkit import postgres_database

        with postgres_database() as url:
            print("PostgreSQL")
            measure(url)
        return
    with tempfile.TemporaryDirectory() as folder:
        print("SQLite")
        measure(f"sqlite:///{folder}/bench.db")


if __name__ == "__main__":
    main()
