"""The judged event of the judging tests (four teams with rubrics and robot-game scores),
feeding a national final, and its organiser."""

import re
from datetime import date

import pytest

from challenges.auth.roles import Role
from challenges.awards.models import AwardWinner
from challenges.events.models import AdvancementQuota, Event, EventKind
from challenges.extensions import db
from tests.factories import make_teacher, make_user
from tests.judging.conftest import judged  # noqa: F401 (a fixture)


def feed_national_final(regional: Event, name: str, on: date, quota: int) -> Event:
    """A published national final that the regional final feeds; `quota` teams of its first
    category advance."""
    national = Event(
        season=regional.season,
        slug=name.lower().replace(" ", "-"),
        kind=EventKind.NATIONAL,
        name=name,
        starts_on=on,
        published=True,
    )
    db.session.add(national)
    db.session.flush()
    regional.feeds_into_id = national.id
    category = regional.season.categories[0]
    db.session.add(AdvancementQuota(event_id=regional.id, category_id=category.id, advancing=quota))
    return national


def proposed_on_page(client, event_id: int, category_id: int) -> list[str]:
    """The team ids the advancement page's confirm button of a category posts, as shown."""
    url = f"/events/{event_id}/awards/advancement"
    page = client.get(url).get_data(as_text=True)
    start = page.find(f'action="{url}/{category_id}/confirm"')
    form = page[start : page.index("</form>", start)] if start >= 0 else ""
    return re.findall(r'name="team" value="(\d+)"', form)


def confirm_proposal(client, event_id: int, category_id: int, **kwargs):
    """Click a category's confirm button, as the organiser sees it."""
    url = f"/events/{event_id}/awards/advancement"
    seen = proposed_on_page(client, event_id, category_id)
    return client.submit(f"{url}/{category_id}/confirm", {"team": seen}, page=url, **kwargs)


@pytest.fixture
def final(judged):  # noqa: F811 (the fixture imported above)
    """The judged regional final feeds a national final; two teams advance; T3 won the
    Champion's Award although T2 tops the ranking."""
    national = feed_national_final(judged.event, "Landelijke finale", date(2026, 3, 14), 2)
    category = judged.event.season.categories[0]
    db.session.add(
        AwardWinner(
            event_id=judged.event.id,
            category_id=category.id,
            award="champions",
            team_id=judged.teams[3].id,
            place=1,
            reason="Deliberation",
            decided_by="Anna",
        )
    )
    coach = make_teacher(school=judged.teams[0].school, email="coach@school.nl")
    judged.organiser_email = "olga@ptvt.example"
    for team in judged.teams:
        team.coaches.append(coach)
    db.session.commit()
    judged.national = national
    judged.coach = coach
    return judged


@pytest.fixture
def organiser(client, final):
    boss = make_user(name="Olga Organisator", email=final.organiser_email, roles=(Role.ORGANISER,))
    client.log_in(boss.email)
    return client
