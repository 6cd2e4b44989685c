"""An event that is over: three teams (one did not come), their coaches, its volunteers and
manager, and the links the survey's mails hold."""

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select

from challenges.auth.models import User
from challenges.auth.roles import Role
from challenges.events.models import Event
from challenges.extensions import db
from challenges.mail.models import OutboxMessage
from challenges.seasons.models import Category
from challenges.surveys.services import today
from tests.factories import (
    grant_event_role,
    make_event,
    make_placed_teams,
    make_season,
    make_user,
)

LINK = re.compile(r"http://localhost/survey/(\S+)")


@dataclass
class Survey:
    event: Event
    coaches: list[User]  # the two who get the survey
    absent_coach: User  # coaches only the team that did not come
    volunteers: list[User]
    manager: User

    def link_of(self, person: User) -> str:
        """The survey link in the newest mail to this person."""
        body = db.session.scalars(
            select(OutboxMessage.body)
            .where(OutboxMessage.recipient == person.email)
            .order_by(OutboxMessage.id.desc())
        ).first()
        assert body is not None, f"no mail to {person.email}"
        return f"/survey/{LINK.search(body).group(1)}"


def make_survey_event(robot_game: bool = True, days_ago: int = 2) -> Survey:
    season = make_season()
    season.programme.has_robot_game = robot_game
    if not robot_game:
        season.programme.name = "Vakkanjers"
    season.categories.append(Category(name="Challenge"))
    event = make_event(season, name="Regiofinale Delft" if robot_game else "Markt Utrecht")
    event.starts_on = today() - timedelta(days=days_ago)
    ada, bas, cor = (make_user(name=name, roles=(Role.COACH,)) for name in ("Ada", "Bas", "Cor"))
    teams = make_placed_teams(event, 3, coach=ada, no_shows=(2,))
    teams[1].coaches.append(bas)
    teams[2].coaches.append(cor)
    referee, judge = make_user(name="Ria Scheids"), make_user(name="Jan Jury")
    grant_event_role(referee, event, Role.REFEREE)
    grant_event_role(referee, event, Role.HEAD_REFEREE)  # two roles: one mail
    grant_event_role(judge, event, Role.JUDGE)
    manager = make_user(name="Eva Manager")
    grant_event_role(manager, event, Role.EVENT_MANAGER)
    db.session.commit()
    return Survey(event, [ada, bas], cor, [referee, judge], manager)


@pytest.fixture
def world(app) -> Survey:
    return make_survey_event()


def mail_count() -> int:
    return db.session.scalar(select(db.func.count(OutboxMessage.id)))


def send(client, world: Survey, action: str = "send"):
    """The event manager presses a button on the event's survey page."""
    page = f"/admin/surveys/events/{world.event.id}"
    return client.submit(f"{page}/{action}", {}, page=page, follow_redirects=True)
