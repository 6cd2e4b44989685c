"""make_* factories with every field defaulted, and a test client that fills in CSRF tokens."""

import contextvars
import re
from datetime import date
from itertools import count

from flask import has_app_context
from flask.testing import FlaskClient

from challenges.auth.models import EventRole, User, UserRole
from challenges.auth.roles import Role
from challenges.database import utcnow
from challenges.events.models import Event, EventKind
from challenges.extensions import db
from challenges.seasons.models import Programme, Season

PASSWORD = "correct horse battery"
_sequence = count(1)

CSRF_FIELD = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)


def make_user(
    email: str | None = None,
    name: str = "Test Gebruiker",
    password: str | None = PASSWORD,
    confirmed: bool = True,
    roles: tuple[Role, ...] = (),
    locale: str | None = None,
) -> User:
    user = User(
        email=email or f"user{next(_sequence)}@example.nl",
        name=name,
        locale=locale,
        confirmed_at=utcnow() if confirmed else None,
    )
    if password:
        user.set_password(password)
    user.roles = [UserRole(role=role) for role in roles]
    db.session.add(user)
    db.session.commit()
    return user


def make_season(key: str | None = None) -> Season:
    number = next(_sequence)
    programme = Programme(
        key=f"programme-{number}", name="FIRST LEGO League Challenge", has_robot_game=True
    )
    season = Season(
        programme=programme, key=key or f"season-{number}", name="2025-2026", theme="UNEARTHED"
    )
    db.session.add(season)
    db.session.commit()
    return season


def make_event(
    season: Season | None = None, name: str | None = None, published: bool = True
) -> Event:
    number = next(_sequence)
    event = Event(
        season=season or make_season(),
        slug=f"event-{number}",
        kind=EventKind.REGIONAL,
        name=name or f"Regiofinale {number}",
        starts_on=date(2026, 1, 24),
        published=published,
    )
    db.session.add(event)
    db.session.commit()
    return event


def grant_event_role(user: User, event: Event, role: Role) -> None:
    db.session.add(EventRole(user_id=user.id, event_id=event.id, role=role))
    db.session.commit()


class IsolatedClient(FlaskClient):
    """Runs each request in an empty context, so it gets its own app context, `g` and
    database session, as in production, although the test itself holds an app context."""

    def open(self, *args, **kwargs):
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context():
            db.session.expire_all()  # the test's own objects are read again
        return response


class FormClient:
    """Wraps Flask's test client: `submit` fetches the form page first, like a browser."""

    def __init__(self, client) -> None:
        self.raw = client

    def __getattr__(self, name):
        return getattr(self.raw, name)

    def csrf_token(self, page: str = "/account/login") -> str:
        html = self.raw.get(page).get_data(as_text=True)
        match = CSRF_FIELD.search(html)
        assert match, f"no CSRF token on {page}"
        return match.group(1) or match.group(2)

    def submit(self, url: str, data: dict, page: str | None = None, **kwargs):
        token = self.csrf_token(page or url)
        return self.raw.post(url, data={"csrf_token": token, **data}, **kwargs)

    def log_in(self, email: str, password: str = PASSWORD):
        response = self.submit("/account/login", {"email": email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return response


FAST_PASSWORD_HASH = "pbkdf2:sha256:1"


def app_config(database_url: str, **overrides) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MAIL_BACKEND": "log",
        "SERVER_NAME": None,
        "BASE_URL": "http://localhost",
        # a tenth of a second per password is for attackers, not for a test suite
        "PASSWORD_HASH_METHOD": FAST_PASSWORD_HASH,
        # the board's version is read at every request: a test sees a change at once
        "SCOREBOARD_VERSION_TTL": 0,
        **overrides,
    }


def make_open_season(
    numbers_teams: bool = True,
    allows_clubs: bool = True,
    closes_in_days: int = 30,
    categories: tuple[tuple, ...] = (("Challenge", 2, 10, None, None, None),),
) -> Season:
    """A published season whose registration is open now, with its categories."""
    from datetime import timedelta

    from challenges.seasons.models import Category

    number = next(_sequence)
    programme = Programme(
        key=f"programme-{number}",
        name="FIRST LEGO League Challenge",
        numbers_teams=numbers_teams,
        allows_clubs=allows_clubs,
    )
    now = utcnow()
    season = Season(
        programme=programme,
        key=f"season-{number}",
        name="2026-2027",
        theme="BIOGLOW",
        published=True,
        registration_opens_at=now - timedelta(days=30),
        registration_closes_at=now + timedelta(days=closes_in_days),
    )
    for position, (name, size_min, size_max, year_min, year_max, levels) in enumerate(categories):
        season.categories.append(
            Category(
                name=name,
                position=position,
                team_size_min=size_min,
                team_size_max=size_max,
                school_year_min=year_min,
                school_year_max=year_max,
                levels=levels,
            )
        )
    db.session.add(season)
    db.session.commit()
    return season


def make_school(
    name: str | None = None, town: str = "Eindhoven", postcode: str = "5611 AB", kind: str = "vo"
):
    from challenges.schools.models import School

    number = next(_sequence)
    school = School(
        vestigingscode=f"{number % 100:02d}XY{number % 100:02d}",
        name=name or f"School {number}",
        town=town,
        postcode=postcode,
        kind=kind,
    )
    db.session.add(school)
    db.session.commit()
    return school


def make_teacher(school=None, email: str | None = None) -> User:
    from challenges.schools.models import SchoolMembership

    teacher = make_user(email=email, roles=(Role.COACH,))
    if school is not None:
        db.session.add(SchoolMembership(user_id=teacher.id, school_id=school.id))
        db.session.commit()
    return teacher


def make_placed_teams(event, count: int, coach: User | None = None, no_shows: tuple[int, ...] = ()):
    """Numbered teams placed at the event; the indexes in no_shows did not come."""
    from challenges.events.models import Attendance, EventTeam
    from challenges.registration.models import Team

    school = make_school()
    teams = []
    for index in range(count):
        team = Team(
            season_id=event.season_id,
            category=event.season.categories[0],
            school=school,
            name=f"Team {index}",
            name_key=f"team {index}",
            number=1001 + index,
            pupil_count=4,
        )
        if coach:
            team.coaches.append(coach)
        db.session.add(team)
        db.session.flush()
        attendance = Attendance.NO_SHOW if index in no_shows else Attendance.EXPECTED
        db.session.add(
            EventTeam(
                event_id=event.id, team_id=team.id, event_kind=event.kind, attendance=attendance
            )
        )
        teams.append(team)
    db.session.commit()
    return teams
