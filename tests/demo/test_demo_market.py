"""A fresh demo has an upcoming Vakkanjers Markt that a newcomer runs with the printed log-ins."""

from datetime import UTC, date, datetime

import time_machine
from sqlalchemy import select

from challenges.auth.models import EventRole, User
from challenges.auth.roles import Role, role_label
from challenges.demo import data
from challenges.events.models import Event, EventTeam
from challenges.extensions import db
from challenges.registration.models import Team

NOON = datetime(
    2026, 12, 3, 12, 0, tzinfo=UTC
)  # FLL 2026-2027 registering, no Markt this season yet
JURORS = [
    "jurylid1@demo.challenges.nl",
    "jurylid2@demo.challenges.nl",
    "jurylid3@demo.challenges.nl",
]


def printed_logins(output: str) -> dict[str, tuple[str, str]]:
    """E-mail -> (role, password) of each log-in line the seed printed (the last one wins)."""
    logins = {}
    for line in output.splitlines():
        words = line.split()
        if len(words) >= 3 and "@demo.challenges.nl" in words[-2]:
            logins[words[-2]] = (" ".join(words[:-2]), words[-1])
    return logins


def seed(runner) -> dict[str, tuple[str, str]]:
    with time_machine.travel(NOON, tick=False):
        result = runner.invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    return printed_logins(result.output)


def demo_market() -> Event:
    return db.session.scalar(select(Event).where(Event.slug == data.world(NOON.date()).demo_market))


def test_the_upcoming_markt_is_published_with_unnumbered_stands_in_every_category(runner):
    seed(runner)
    market = demo_market()
    assert (market.name, market.starts_on, market.published) == (
        "Vakkanjers Markt Utrecht",
        date(2027, 4, 7),
        True,
    )
    season = market.season
    assert (season.programme.key, season.name, season.theme) == (
        "vakkanjers",
        "2026-2027",
        "Koele Klas",
    )
    assert season.client
    assert season.design_questions
    assert market.feeds_into.name == "Landelijke finale Vakkanjers"
    assert market.feeds_into.starts_on == date(2027, 6, 1)
    placed = db.session.execute(
        select(EventTeam, Team)
        .join(Team, EventTeam.team_id == Team.id)
        .where(EventTeam.event_id == market.id)
    ).all()
    assert {team.category.name for _, team in placed} == {"Junior", "Scout", "Explorer", "Pioneer"}
    assert all(entry.stand is None for entry, _ in placed)
    assert all(team.coaches for _, team in placed)
    coached = {
        team.name
        for _, team in placed
        if "coach@demo.challenges.nl" in {c.email for c in team.coaches}
    }
    assert coached  # the demo coach has a team at the Markt (besides the FLL ones)


def test_the_markt_crew_logs_in_with_the_printed_passwords(runner, client):
    logins = seed(runner)
    market = demo_market()
    crew = dict(
        db.session.execute(
            select(User.email, EventRole.role)
            .join(EventRole.user)
            .where(EventRole.event_id == market.id)
        ).all()
    )
    assert crew == {
        "eventmanager@demo.challenges.nl": Role.EVENT_MANAGER,
        data.DEMO_JUDGE_ADVISOR: Role.JUDGE_ADVISOR,
        **dict.fromkeys(JURORS, Role.JUDGE),
    }
    assert logins[data.DEMO_JUDGE_ADVISOR] == (Role.JUDGE_ADVISOR.label, "demo-judge-advisor-2025")
    juror = f"{role_label(Role.JUDGE, robot_game=False)} (Vakkanjers)"
    assert {logins[email] for email in JURORS} == {(juror, "demo-juror-2025")}

    client.log_in("eventmanager@demo.challenges.nl", logins["eventmanager@demo.challenges.nl"][1])
    cockpit = client.get(f"/events/{market.id}/cockpit")
    assert cockpit.status_code == 200
    assert f"/events/{market.id}/market" in cockpit.get_data(as_text=True)
    client.post("/account/logout")

    for email in JURORS:
        client.log_in(email, logins[email][1])
        dashboard = client.get("/dashboard").get_data(as_text=True)
        assert market.name in dashboard
        assert f"/events/{market.id}/market" in dashboard
        assert client.get(f"/events/{market.id}/market").status_code == 200
        assert client.get(f"/events/{market.id}/judging/market").status_code == 200
        client.post("/account/logout")
