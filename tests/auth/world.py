"""One realistic world for the authorization matrix: an FLL event with teams, a schedule,
sheets, rubrics, an award and a ticket; a second event of the same season; and one account
for each of the 14 roles the matrix tries."""

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from werkzeug.routing import Rule

from challenges.auth.models import User
from challenges.auth.roles import Role
from challenges.awards.models import Advancement, AdvancementKind, AwardWinner
from challenges.database import utcnow
from challenges.events.models import EventKind
from challenges.extensions import db
from challenges.judging import panels
from challenges.judging.models import RubricEntry
from challenges.mail.services import queue_mail
from challenges.registration.models import CoachInvitation
from challenges.robot_game.models import ScoreSheet
from challenges.schools.models import SchoolMembership, SchoolRequest
from challenges.tablets.models import Kind, RefusedItem
from tests.factories import grant_event_role, make_event, make_user
from tests.judging.conftest import make_panel, rubric, verified
from tests.robot_game.conftest import SEASON, schedule_matches

ANONYMOUS = "anonymous"
COACH = "coach of the team"
OTHER_COACH = "coach of another team"
ORGANISER = "organiser"
HERE = {
    Role.REFEREE: "referee",
    Role.HEAD_REFEREE: "head referee",
    Role.JUDGE: "judge",
    Role.JUDGE_ADVISOR: "judge advisor",
    Role.EVENT_MANAGER: "event manager",
}
ELSEWHERE = {role: f"{name} elsewhere" for role, name in HERE.items()}
ANY_CHOICE = re.compile(r"<any\(([^)]*)\):(\w+)>")
ROLES = (ANONYMOUS, COACH, OTHER_COACH, *HERE.values(), *ELSEWHERE.values(), ORGANISER)


@dataclass
class World:
    params: dict[str, Any]  # a real value for every path parameter of the app
    users: dict[str, Any] = field(default_factory=dict)  # role -> account (none if anonymous)


def build_world() -> World:
    panel = make_panel()
    event, team, other_team = panel.event, panel.teams[0], panel.teams[1]
    season = event.season
    season.robot_game_key = SEASON
    season.programme.has_robot_game = True
    elsewhere = make_event(season=season, name="Regiofinale Elders")
    national = make_event(season=season, name="Finale")
    national.kind = EventKind.NATIONAL
    matches = schedule_matches(event, panel.teams)
    verified(panel, team, [200, 150])
    rubric(panel, panel.judge, team, "innovation_project", 3)
    winner = AwardWinner(
        event_id=event.id,
        category_id=team.category_id,
        award="champions",
        team_id=team.id,
        reason="Sterk in alles",
        decided_by="Anna Advisor",
    )
    ticket = Advancement(
        from_event_id=event.id,
        to_event_id=national.id,
        category_id=team.category_id,
        team_id=team.id,
        kind=AdvancementKind.WINNER,
        position=1,
        reason="Champion's",
        decided_by="Organisator",
    )
    db.session.add_all([winner, ticket])
    db.session.flush()
    users = role_accounts(event, elsewhere, team, other_team)
    seats = {
        panel.judge.id: "room 1",
        panel.other_judge.id: "room 2",
        users[HERE[Role.JUDGE]].id: "room 1",
    }
    panels.seat(event, seats)
    rubric(panel, users[HERE[Role.JUDGE]], team, "robot_design", 3)  # the judge's own, to withdraw
    co_coach = make_user(name="Co Coach")
    team.coaches.append(co_coach)
    for teacher in (users[COACH], users[OTHER_COACH]):  # a link to the school grants no team
        db.session.add(SchoolMembership(user_id=teacher.id, school_id=team.school_id))
    event.results_published_at = utcnow()
    request = SchoolRequest(requested_by=users[COACH], name="Nieuwe School", town="Ede", kind="po")
    invitation = CoachInvitation(
        team=team, email="genodigd@example.nl", name="Genodigd", token_hash="0" * 64
    )
    message = queue_mail("iemand@example.nl", "Test", "confirm", None, user=co_coach, link="x")
    late = RefusedItem(
        event_id=event.id,
        kind=Kind.SHEET,
        client_key="refused-on-arrival",
        team_id=team.id,
        sent_by="Rita Referee",
        payload={},
        reason="De ronde is gesloten.",
    )
    db.session.add_all([request, invitation, late])
    db.session.commit()
    sheet = db.session.query(ScoreSheet).filter_by(event_id=event.id).first()
    params = {
        "event_id": event.id,
        "event_ref": event.slug,
        "team_id": team.id,
        "season_id": season.id,
        "programme_id": season.programme_id,
        "category_id": team.category_id,
        "school_id": team.school_id,
        "user_id": co_coach.id,
        "ticket_id": ticket.id,
        "winner_id": winner.id,
        "sheet_id": sheet.id,
        "match_id": matches[(0, "ranking", 3)],
        "number": 1,
        "rubric_id": "innovation_project",
        "message_id": message.id,
        "request_id": request.id,
        "invitation_id": invitation.id,
        "backup_name": "2026-01-01T00-00-00Z-handmatig.jsonl.gz",
        "item_id": late.id,
        "entry_id": db.session.scalar(
            select(RubricEntry.id).where(RubricEntry.judge_id == users[HERE[Role.JUDGE]].id)
        ),
        "token": "not-a-valid-token",
    }
    return World(params, users)


def account(name: str, roles: tuple[Role, ...] = ()) -> User:
    return make_user(name=name, roles=roles)


def role_accounts(event, elsewhere, team, other_team) -> dict[str, Any]:
    users: dict[str, Any] = {ORGANISER: account("Organisator", (Role.ORGANISER,))}
    users[COACH] = account("Coach", (Role.COACH,))
    users[OTHER_COACH] = account("Andere Coach", (Role.COACH,))
    team.coaches.append(users[COACH])
    other_team.coaches.append(users[OTHER_COACH])
    for role, name in HERE.items():
        users[name] = account(name.title())
        grant_event_role(users[name], event, role)
    for role, name in ELSEWHERE.items():
        users[name] = account(name.title())
        grant_event_role(users[name], elsewhere, role)
    db.session.commit()
    return users


def url_for_rule(rule: Rule, params: dict) -> str:
    """The rule's path with the world's real values (the first choice of an `any`)."""
    path = ANY_CHOICE.sub(lambda match: match.group(1).split(",")[0].strip(), rule.rule)
    for name in rule.arguments:
        if name not in params and f"<{name}>" not in path:
            continue
        assert name in params, f"the world has no value for <{name}> ({rule.endpoint})"
        path = re.sub(rf"<(?:[a-z]+:)?{name}>", str(params[name]), path)
    assert "<" not in path, path
    return path
