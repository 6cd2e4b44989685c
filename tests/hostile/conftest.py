"""The demo world, seeded once per module, and visitors whose session survives every request.

The hostile-input tests walk every route: a realistic event (teams, schedule, verified sheets,
rubrics, awards, tickets) gets each page past its 404s, so the hostile values reach the code
that reads them.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from sqlalchemy import select

from challenges import create_app
from challenges.auth.models import User
from challenges.awards.models import Advancement, AwardWinner
from challenges.demo.finished import FINISHED_FLL, FINISHED_VAKKANJERS
from challenges.demo.seed import seed_demo
from challenges.events.models import Event, EventTeam, ScheduleEntry
from challenges.extensions import db
from challenges.judging.entries import rubric_set_of
from challenges.judging.models import RubricEntry
from challenges.mail.models import OutboxMessage
from challenges.registration.models import Team
from challenges.robot_game.match_sheets import MATCH_KINDS
from challenges.robot_game.models import ScoreSheet
from challenges.schools.models import SchoolRequest
from tests.databases import empty_all_tables
from tests.factories import CSRF_FIELD, IsolatedClient, app_config
from tests.judging.conftest import judged, panel  # noqa: F401 (fixtures)
from tests.robot_game.conftest import arena  # noqa: F401 (a fixture)

ORGANISER = ("organiser@demo.challenges.nl", "demo-organiser-2025")


@pytest.fixture(scope="module")
def world(database_url, tmp_path_factory) -> Iterator[Any]:
    """The app with the demo loaded: two finished events (FLL and a Vakkanjers Markt)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path_factory.mktemp("instance")))
        app = create_app(app_config(database_url, RATELIMIT_ENABLED=False))
    app.test_client_class = IsolatedClient
    with app.app_context():
        seed_demo()
        requester = first(User).id
        db.session.add(SchoolRequest(requested_by_id=requester, name="Nova", town="Ede", kind="po"))
        db.session.commit()
        yield app
        empty_all_tables()


def first(model, *conditions):
    return db.session.scalars(select(model).where(*conditions).order_by(model.id)).first()


def event_args(slug: str) -> dict[str, Any]:
    """A valid value for every path parameter, all about one event."""
    event = first(Event, Event.slug == slug)
    team = first(Team, Team.id.in_(select(EventTeam.team_id).where(EventTeam.event_id == event.id)))
    at_event = ScheduleEntry.event_id == event.id
    match = first(ScheduleEntry, at_event, ScheduleEntry.kind.in_(MATCH_KINDS))
    sheet = first(ScoreSheet, ScoreSheet.event_id == event.id)
    winner = first(AwardWinner, AwardWinner.event_id == event.id)
    ticket = first(Advancement, Advancement.from_event_id == event.id)
    message = first(OutboxMessage)
    entry = first(RubricEntry, RubricEntry.event_id == event.id, RubricEntry.current.is_(True))
    return {
        "event_id": event.id,
        "event_ref": event.slug,
        "season_id": event.season_id,
        "programme_id": event.season.programme_id,
        "category_id": team.category_id,
        "team_id": team.id,
        "school_id": team.school_id,
        "user_id": first(User, User.email != ORGANISER[0]).id,
        "match_id": match.id if match else 1,
        "sheet_id": sheet.id if sheet else 1,
        "winner_id": winner.id if winner else 1,
        "ticket_id": ticket.id if ticket else 1,
        "message_id": message.id if message else 1,
        "request_id": first(SchoolRequest).id,
        "invitation_id": 1,  # the demo has no coach invitations: a 404 is the walk's answer
        "backup_name": "2026-01-01T00-00-00Z-handmatig.jsonl.gz",
        "item_id": 1,  # nothing was refused on arrival in the demo: a 404 is the answer
        "entry_id": entry.id if entry else 1,
        "rubric_id": rubric_set_of(event).rubrics[0].id,
        "number": 1,
        "token": "not-a-token",
        "filename": "css/app.css",
    }


@pytest.fixture(scope="module")
def contexts(world) -> list[dict[str, Any]]:
    return [event_args(FINISHED_FLL), event_args(FINISHED_VAKKANJERS)]


@dataclass
class Visitor:
    """A browser whose session (and so its log-in and CSRF token) is the same at every
    request, whatever the request before did to it (flash messages, a log-out)."""

    name: str
    client: Any
    cookie: str = ""
    token: str = ""
    credentials: tuple[str, str] | None = None

    def start(self) -> "Visitor":
        if self.credentials:
            email, password = self.credentials
            token = self.fresh_token()
            response = self.client.post(
                "/account/login", data={"csrf_token": token, "email": email, "password": password}
            )
            assert response.status_code == 302, response.get_data(as_text=True)[:500]
        self.token = self.fresh_token()
        self.cookie = self.client.get_cookie("session").value
        return self

    def fresh_token(self) -> str:
        match = CSRF_FIELD.search(self.client.get("/account/login").get_data(as_text=True))
        assert match, "no CSRF token on the log-in page"
        return match.group(1) or match.group(2)

    def open(self, method: str, url: str, **kwargs: Any):
        self.client.set_cookie("session", self.cookie)
        response = self.client.open(url, method=method, **kwargs)
        response.get_data()
        response.close()
        return response

    def still_logged_in(self) -> bool:
        return self.open("GET", "/dashboard").status_code == 200


@pytest.fixture(scope="module")
def organiser(world) -> Visitor:
    return Visitor("organiser", world.test_client(), credentials=ORGANISER).start()


@pytest.fixture(scope="module")
def anonymous(world) -> Visitor:
    return Visitor("anonymous", world.test_client()).start()


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)  # name -> input type


class FormParser(HTMLParser):
    """The forms of a page: where they go and the names and types of their fields."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.forms: list[Form] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            method = (found.get("method") or "get").lower()
            self.forms.append(Form(found.get("action") or self.page, method))
        elif tag in ("input", "select", "textarea", "button") and self.forms and found.get("name"):
            kind = (found.get("type") or "text") if tag == "input" else tag
            self.forms[-1].fields[found["name"] or ""] = kind


def page_forms(page: str, html: str) -> list[Form]:
    parser = FormParser(page)
    parser.feed(html)
    return parser.forms
