"""The running Vakkanjers season's first Markt, ready to be run: its crew (the demo event
manager, the demo judge advisor as jury coordinator and three jurors who can log in) and a
teacher coaching every team, so that mails to coaches reach someone. Stands stay unnumbered:
numbering them is the newcomer's first step. Only added, never removed."""

import uuid

from sqlalchemy import select

from challenges.auth.models import EventRole, User, UserRole
from challenges.auth.roles import Role, role_label
from challenges.database import utcnow
from challenges.demo import data
from challenges.events.models import Event
from challenges.extensions import db
from challenges.registration.models import Team
from challenges.schools.models import SchoolMembership
from challenges.seasons.models import Season


def _account(email: str, name: str, password: str) -> tuple[User, bool]:
    """The account with this e-mail, created (confirmed, Dutch) when missing; and whether new."""
    user = db.session.scalar(select(User).where(User.email == email))
    if user is not None:
        return user, False
    user = User(email=email, name=name, locale="nl", confirmed_at=utcnow())
    user.set_password(password)
    db.session.add(user)
    return user, True


def _grant(user: User, event: Event, role: Role) -> None:
    if not user.has_event_role(event.id, frozenset({role})):
        user.event_roles.append(EventRole(event=event, role=role))


def seed_market_crew(market: Event) -> tuple[int, list[tuple[str, str, str]]]:
    """The Markt's crew; the number of new accounts and the jurors' log-ins to print."""
    created = 0
    for email, role in (
        (data.DEMO_EVENT_MANAGER, Role.EVENT_MANAGER),
        (data.DEMO_JUDGE_ADVISOR, Role.JUDGE_ADVISOR),
    ):
        user = db.session.scalar(select(User).where(User.email == email))
        _grant(user, market, role)
    for email, name in data.MARKET_JURORS:
        juror, new = _account(email, name, data.JUROR_PASSWORD)
        created += new
        _grant(juror, market, Role.JUDGE)
    db.session.flush()
    return created, juror_logins()


def juror_logins() -> list[tuple[str, str, str]]:
    """The Markt jurors' log-ins: (role, e-mail, password); the event manager and the jury
    coordinator are demo accounts printed already."""
    label = f"{role_label(Role.JUDGE, robot_game=False)} (Vakkanjers)"
    return [(label, email, data.JUROR_PASSWORD) for email, _ in data.MARKET_JURORS]


def coach_every_team(season: Season) -> int:
    """A teacher of the team's school coaches each team that has no coach; new accounts made
    (nobody logs in as them: their mails land in the outbox)."""
    created = 0
    teams = db.session.scalars(select(Team).where(Team.season_id == season.id).order_by(Team.id))
    for team in teams:
        if team.coaches or team.school is None:
            continue
        school = team.school
        email = f"docent.{school.vestigingscode.lower()}@demo.challenges.nl"
        teacher, new = _account(email, f"Docent {school.name}", f"demo-{uuid.uuid4().hex}")
        created += new
        if new:
            teacher.roles.append(UserRole(role=Role.COACH))
            db.session.add(SchoolMembership(user=teacher, school=school))
        team.coaches.append(teacher)
        db.session.flush()
    return created
