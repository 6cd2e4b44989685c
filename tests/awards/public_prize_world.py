"""A Vakkanjers Markt for the public-prize tests: four teams at numbered stands (named so that
the alphabet and the stand numbers disagree), each with a submitted jury form."""

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.events.models import EventTeam
from challenges.extensions import db
from challenges.judging import entries
from challenges.judging.assessment import FilledRubric
from challenges.mail.models import OutboxMessage
from tests.factories import (
    grant_event_role,
    make_event,
    make_open_season,
    make_placed_teams,
    make_user,
)

JURY_ROWS = ("idea", "process", "prototype", "client_fit", "presentation")


@dataclass
class Market:
    event: object
    teams: list  # by stand: teams[0] at stand 1 (not the alphabet's order)
    stands: dict  # team id → stand number
    manager: object
    organiser: object


def make_market() -> Market:
    season = make_open_season(
        numbers_teams=False, allows_clubs=False, categories=(("Scout", 2, 6, None, None, None),)
    )
    season.programme.name = "Vakkanjers"
    season.rubric_set_key = "vakkanjers-jury"
    event = make_event(season=season, name="Vakkanjers Markt Zwolle")
    teams = make_placed_teams(event, 4)
    names = ("Zonnedans", "Afvalrobot", "Waterpunt", "Mooi Zo")
    placed = db.session.scalars(select(EventTeam).where(EventTeam.event_id == event.id))
    stands = {row.team_id: row for row in placed}
    for number, (team, name) in enumerate(zip(teams, names, strict=True), start=1):
        team.name, team.name_key, team.number = name, name.lower(), None  # Vakkanjers: no numbers
        stands[team.id].stand = number
    juror = make_user(name="Jurylid Jet")
    grant_event_role(juror, event, Role.JUDGE)
    for level, team in enumerate(teams, start=1):
        levels = {row: min(3, level) for row in JURY_ROWS}
        given = entries.RubricInput(
            uuid.uuid4().hex, team.id, "jury", FilledRubric(levels, {}), True
        )
        entries.save(event, given, juror, check_seat=False)
    manager = make_user(name="Erik Evenement")
    grant_event_role(manager, event, Role.EVENT_MANAGER)
    organiser = make_user(name="Olga Organisator", roles=(Role.ORGANISER,))
    event.public_vote_open = True
    db.session.commit()
    return Market(
        event, teams, {team.id: n for n, team in enumerate(teams, start=1)}, manager, organiser
    )


def vote(client, event, team, email):
    url = f"/events/{event.slug}/vote"
    return client.submit(url, {"team": team.id if team else "", "email": email}, page=url)


def confirm_link(email: str) -> str:
    """The path of the last link mailed to this address."""
    mail = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == email).order_by(OutboxMessage.id)
    ).all()[-1]
    return re.search(r"http://\S+", mail.body).group(0).replace("http://localhost", "")


def votes(client, event, *teams) -> None:
    """One confirmed vote per team given (a team given twice gets two)."""
    for number, team in enumerate(teams):
        email = f"fan{number}-{uuid.uuid4().hex[:6]}@example.nl"
        vote(client, event, team, email)
        client.get(confirm_link(email))
