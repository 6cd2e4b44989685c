"""Two seasons of one programme with every kind of count the overview shows."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.awards.models import Advancement, AdvancementKind, AdvancementStatus
from challenges.events.models import Event, EventKind, EventTeam
from challenges.extensions import db
from challenges.registration.models import Team
from challenges.registration.status import TeamStatus
from challenges.seasons.models import Category, Season
from challenges.surveys.models import Audience, Survey, SurveyInvitation
from tests.factories import make_school, make_season, make_user


@dataclass
class Reports:
    previous: Season
    season: Season
    organiser_email: str

    def season_events(self) -> list[Event]:
        return list(db.session.scalars(select(Event).where(Event.season_id == self.season.id)))


def add_teams(season, category, school, status, count, pupils, province=None):
    teams = []
    for _ in range(count):
        number = len(season_team_names) + 1
        season_team_names.append(number)
        team = Team(
            season=season,
            category=category,
            school=school,
            name=f"Geheim Team {number}",
            name_key=f"geheim team {number}",
            pupil_count=pupils,
            status=status,
            preferred_province=province,
        )
        db.session.add(team)
        teams.append(team)
    db.session.flush()
    return teams


season_team_names: list[int] = []


def add_event(season, name, kind=EventKind.REGIONAL, capacity=None, day=1):
    event = Event(
        season=season,
        slug=f"{season.key}-{name.lower()}",
        kind=kind,
        name=name,
        starts_on=date(2026, 2, day),
        capacity=capacity,
    )
    db.session.add(event)
    db.session.flush()
    return event


def place(event, teams):
    for team in teams:
        db.session.add(EventTeam(event_id=event.id, team_id=team.id, event_kind=event.kind))


def ticket(event, national, team, status=AdvancementStatus.CONFIRMED):
    db.session.add(
        Advancement(
            from_event_id=event.id,
            to_event_id=national.id,
            category_id=team.category_id,
            team_id=team.id,
            kind=AdvancementKind.RANK,
            position=1,
            status=status,
            decided_by="Organisator",
        )
    )


COACH_MARKS = ((8, 9), (7, 8), (9, 10), (6, 7), (8, 9), (7, 8))  # (programme, event)
VOLUNTEER_MARKS = (9, 8)


def add_survey(event) -> None:
    """Eight coaches asked, six answered; two volunteers asked and answered."""
    db.session.add(Survey(event_id=event.id, closes_on=date(2026, 2, 22)))
    db.session.flush()
    answered = datetime(2026, 2, 3, 12, tzinfo=UTC)
    marks = [(Audience.COACH, programme, mark) for programme, mark in COACH_MARKS]
    marks += [(Audience.VOLUNTEER, None, mark) for mark in VOLUNTEER_MARKS]
    for audience, programme, mark in marks:
        db.session.add(
            SurveyInvitation(
                event_id=event.id,
                audience=audience,
                answered_at=answered,
                programme_rating=programme,
                event_rating=mark,
                remarks="Geheime opmerking",
            )
        )
    for _ in range(2):
        db.session.add(SurveyInvitation(event_id=event.id, audience=Audience.COACH))


@pytest.fixture
def reports(app) -> Reports:
    return build_reports()


def build_reports() -> Reports:
    season_team_names.clear()
    previous = make_season(key="fll-2024-2025")
    previous.name = "2024-2025"
    previous.theme = "SUBMERGED"
    old_challenge = Category(name="Challenge", season=previous)
    db.session.add(old_challenge)
    season = Season(
        programme=previous.programme, key="fll-2025-2026", name="2025-2026", theme="UNEARTHED"
    )
    challenge = Category(name="Challenge", season=season, position=0)
    explore = Category(name="Explore", season=season, position=1)
    db.session.add_all([season, challenge, explore])
    primary = make_school("Basisschool De Ark", kind="po")
    primary.province = "Utrecht"
    secondary = make_school("Het College", kind="vo")
    secondary.province = "Utrecht"
    limburg = make_school("Maas Lyceum", kind="vo")
    limburg.province = "Limburg"
    gone = make_school("Weg School", kind="vo")

    add_teams(previous, old_challenge, primary, TeamStatus.CONFIRMED, 6, 5)
    add_teams(previous, old_challenge, secondary, TeamStatus.WITHDRAWN, 1, 5)

    confirmed = add_teams(season, challenge, primary, TeamStatus.CONFIRMED, 7, 5)
    add_teams(season, challenge, secondary, TeamStatus.REGISTERED, 2, 4)
    add_teams(season, challenge, limburg, TeamStatus.WAITLISTED, 1, 6)
    add_teams(season, challenge, gone, TeamStatus.WITHDRAWN, 3, 5)
    add_teams(season, explore, None, TeamStatus.CONFIRMED, 1, 3, province="Zeeland")

    north = add_event(season, "Noord", capacity=10, day=1)
    south = add_event(season, "Zuid", day=2)
    national = add_event(season, "Finale", kind=EventKind.NATIONAL, capacity=40, day=28)
    place(north, confirmed[:6])
    place(south, confirmed[6:])
    place(national, confirmed[:2])
    ticket(north, national, confirmed[0])
    ticket(north, national, confirmed[1])
    ticket(north, national, confirmed[2], AdvancementStatus.DECLINED)
    add_survey(north)
    db.session.commit()
    organiser = make_user(roles=(Role.ORGANISER,))
    return Reports(previous, season, organiser.email)
