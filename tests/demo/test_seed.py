from datetime import UTC, datetime

import time_machine
from sqlalchemy import func, select

from challenges.auth.models import EventRole, User
from challenges.auth.roles import Role
from challenges.demo.finished import FINISHED_FLL, FINISHED_VAKKANJERS
from challenges.events.models import Event, EventKind
from challenges.extensions import db
from challenges.models import Category, Programme, School, Season, Team

NOON = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)  # FLL 2026-2027 is running, 2025-2026 is over


def counts() -> dict[str, int]:
    models = (Programme, Season, Category, School, Team, Event, User, EventRole)
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in models}


def test_seed_demo_is_realistic_and_idempotent(runner):
    with time_machine.travel(NOON, tick=False):
        first = runner.invoke(args=["seed", "demo"])
    assert first.exit_code == 0, first.output
    after_first = counts()
    assert after_first["Programme"] == 2
    assert after_first["School"] >= 20
    assert after_first["Team"] >= 40
    # The accounts per role, the two finished juries, the running Markt's three jurors and a
    # teacher at each school of a running Vakkanjers team (19 schools, the demo coach at one more)
    assert after_first["User"] == 7 + 9 + 3 + 19
    provinces = db.session.scalars(select(School.province).distinct()).all()
    assert len(provinces) >= 8
    seasons = {s.theme: s for s in db.session.scalars(select(Season))}
    assert seasons["UNEARTHED"].name == "2025-2026"
    assert seasons["Circulair Festival"].client == "Milieu Centraal"
    fll_events = db.session.scalars(
        select(Event).join(Season).where(Season.theme == "UNEARTHED")
    ).all()
    assert sorted(e.kind for e in fll_events) == [
        EventKind.NATIONAL,
        EventKind.REGIONAL,
        EventKind.REGIONAL,
    ]
    national = next(e for e in fll_events if e.kind is EventKind.NATIONAL)
    assert all(e.feeds_into_id == national.id for e in fll_events if e.kind is EventKind.REGIONAL)

    with time_machine.travel(NOON, tick=False):
        second = runner.invoke(args=["seed", "demo"])
    assert second.exit_code == 0
    assert "nothing new" in second.output
    assert counts() == after_first


def test_seed_prints_one_login_per_role_that_works(runner, client):
    output = runner.invoke(args=["seed", "demo"]).output
    for role in Role:
        assert role.label in output
    line = next(line for line in output.splitlines() if "organiser@demo" in line)
    email, password = line.split()[-2:]
    client.log_in(email, password)
    assert "Overzicht" in client.get("/dashboard").get_data(as_text=True)


def test_if_empty_leaves_a_used_database_alone(runner):
    runner.invoke(args=["seed", "demo"])
    before = counts()
    db.session.execute(Team.__table__.delete())
    db.session.commit()
    result = runner.invoke(args=["seed", "demo", "--if-empty"])
    assert "no demo data loaded" in result.output
    assert "organiser@demo.challenges.nl" in result.output  # the log-ins are shown again
    assert counts()["Team"] == 0 != before["Team"]


def test_demo_judge_reaches_only_their_event(runner, client):
    runner.invoke(args=["seed", "demo"])
    judge = db.session.scalar(select(User).where(User.email == "judge@demo.challenges.nl"))
    [grant] = judge.event_roles
    other = db.session.scalar(select(Event).where(Event.id != grant.event_id))
    client.log_in(judge.email, "demo-judge-2025")
    assert client.get(f"/events/{grant.event_id}/volunteers").status_code == 200
    assert client.get(f"/events/{other.id}/volunteers").status_code == 403


def test_two_demo_events_are_finished_with_results_to_show(runner, client):
    from challenges.awards.models import Advancement, AwardWinner
    from challenges.judging.models import RubricEntry
    from challenges.robot_game.models import ScoreSheet, SheetStatus

    runner.invoke(args=["seed", "demo"])
    finished = db.session.scalars(select(Event).where(Event.results_published_at.is_not(None)))
    by_slug = {event.slug: event for event in finished}
    assert sorted(by_slug) == [FINISHED_FLL, FINISHED_VAKKANJERS]
    groningen, zwolle = by_slug[FINISHED_FLL], by_slug[FINISHED_VAKKANJERS]
    sheets = db.session.scalars(select(ScoreSheet).where(ScoreSheet.event_id == groningen.id))
    assert {sheet.status for sheet in sheets} == {SheetStatus.VERIFIED}
    for event in (groningen, zwolle):
        assert db.session.scalar(
            select(func.count(RubricEntry.id)).where(RubricEntry.event_id == event.id)
        )
        assert db.session.scalar(
            select(func.count(AwardWinner.id)).where(AwardWinner.event_id == event.id)
        )
        assert db.session.scalar(
            select(func.count(Advancement.id)).where(Advancement.from_event_id == event.id)
        )
    page = client.get(f"/events/{FINISHED_FLL}/results").get_data(as_text=True)
    assert "Champion&#39;s Award" in page
    assert "Naar de landelijke finale" in page
    market = client.get(f"/events/{FINISHED_VAKKANJERS}/results").get_data(as_text=True)
    assert "Juryprijs" in market
    assert "Juryprijs: 1e plaats" in market  # why the jury prize winner advances
    assert "Publieksprijs" in market
