"""Seeding for the server benchmarks: events, teams, verified rounds, referee accounts.

Runs in a child process (`python bench/<script>.py --prepare`) that reads its database from
the environment, so each database gets a fresh app; what the clients need (event ids, open
matches, accounts) goes to `seed.json` in the instance folder.
"""

import json
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

BIN = Path(sys.executable).parent
PASSWORD = "bench-referee-password"
SEASON_KEY = "fll-2025-unearthed"
TABLES = 8


def seed(
    slugs: list[str],
    teams: int,
    scored_rounds: int,
    rounds: int,
    referees: int,
    password_method: str = "scrypt",
) -> dict:
    """Events with `teams` teams and `rounds` ranking rounds, the first `scored_rounds`
    verified; per event `referees` referee accounts and one head referee (one password,
    hashed with `password_method`: the app's default unless said otherwise). Returns per
    slug the event id, the open matches, and the accounts."""
    from werkzeug.security import generate_password_hash

    from challenges import create_app
    from challenges.extensions import db
    from challenges.seasons.models import Category, Programme, Season

    app = create_app()
    seeded = {}
    with app.test_request_context():
        season = Season(
            programme=Programme(key="fll", name="FLL Challenge", has_robot_game=True),
            key="fll-bench",
            name="2025-2026",
            theme="UNEARTHED",
            robot_game_key=SEASON_KEY,
        )
        category = Category(name="Challenge", season=season)
        db.session.add_all([season, category])
        password_hash = generate_password_hash(PASSWORD, method=password_method)
        for number, slug in enumerate(slugs):
            seeded[slug] = seed_event(
                season, category, slug, number * teams, (teams, scored_rounds, rounds)
            )
            seeded[slug]["accounts"] = add_accounts(
                seeded[slug]["id"], slug, referees, password_hash
            )
            db.session.commit()
    return seeded


def seed_event(season, category, slug: str, first_team: int, size: tuple[int, int, int]) -> dict:
    from challenges.auth.models import User
    from challenges.events.models import Event, EventKind, EventTeam, ScheduleEntry
    from challenges.extensions import db
    from challenges.registration.models import Team
    from challenges.robot_game import reviewing, submitting
    from challenges.robot_game.sheet_input import SheetInput

    teams, scored_rounds, rounds = size
    event = Event(
        season=season,
        slug=slug,
        kind=EventKind.REGIONAL,
        name=f"Bench {slug}",
        starts_on=datetime(2026, 1, 24).date(),
        published=True,
    )
    scorer = User(email=f"seed-{slug}@bench.nl", name="Seed", confirmed_at=datetime.now(UTC))
    db.session.add_all([event, scorer])
    db.session.flush()
    start = datetime(2026, 1, 24, 8, 0, tzinfo=UTC)
    answers = complete_answers()
    open_matches = []
    for index in range(teams):
        number = first_team + index
        team = Team(
            season=season,
            category=category,
            name=f"Team {number}",
            name_key=f"team {number}",
            number=1001 + number,
            pupil_count=4,
            town="Utrecht",
        )
        db.session.add(team)
        db.session.flush()
        db.session.add(EventTeam(event_id=event.id, team_id=team.id, event_kind=event.kind))
        for round_number in range(1, rounds + 1):
            at = start + timedelta(minutes=8 * (index + teams * round_number))
            entry = ScheduleEntry(
                event_id=event.id,
                team_id=team.id,
                kind="ranking",
                round=round_number,
                place=f"table {index % TABLES + 1}",
                starts_at=at,
                ends_at=at + timedelta(minutes=3),
            )
            db.session.add(entry)
            db.session.flush()
            if round_number > scored_rounds:
                open_matches.append(entry.id)
                continue
            given = SheetInput(
                uuid.uuid4().hex, entry.id, answers | {"m06_ore_blocks": index % 4}, "R", "X"
            )
            sheet, _ = submitting.submit(event, given, scorer)
            db.session.flush()
            reviewing.verify(sheet, "Head")
    return {"id": event.id, "open_matches": open_matches}


def add_accounts(event_id: int, slug: str, referees: int, password_hash: str) -> dict:
    from challenges.auth.models import EventRole, User
    from challenges.auth.roles import Role
    from challenges.extensions import db

    accounts = {"referees": [f"referee-{n}-{slug}@bench.nl" for n in range(referees)]}
    accounts["head_referee"] = f"head-{slug}@bench.nl"
    for email in [*accounts["referees"], accounts["head_referee"]]:
        user = User(email=email, name="Referee", confirmed_at=datetime.now(UTC))
        user.password_hash = password_hash
        db.session.add(user)
        db.session.flush()
        head = email == accounts["head_referee"]
        role = Role.HEAD_REFEREE if head else Role.REFEREE
        db.session.add(EventRole(user_id=user.id, event_id=event_id, role=role))
    return accounts


def complete_answers() -> dict:
    """A complete sheet: every mission answered (nothing scored but the start position)."""
    from challenges.robot_game.definitions import load

    definition = load(SEASON_KEY)
    answers = {q.id: False for q in definition.questions if q.type == "yesno"}
    answers |= {q.id: 0 for q in definition.questions if q.type == "count"}
    return answers | definition.start_sheet() | {"m00_inspection": True}


def run_seed(script: Path, env: dict, folder: Path) -> dict:
    """`script --prepare` with the schema made first; what it seeded."""
    subprocess.run([BIN / "challenges", "db", "upgrade"], env=env, check=True, capture_output=True)
    subprocess.run([sys.executable, script, "--prepare"], env=env, check=True)
    return json.loads((folder / "seed.json").read_text())


def write_seed(seeded: dict) -> None:
    folder = Path(os.environ["CHALLENGES_INSTANCE_PATH"])
    (folder / "seed.json").write_text(json.dumps(seeded))
