"""The demo lives in the running season, whatever day it is loaded on."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from challenges.auth.models import EventRole, User
from challenges.auth.roles import Role
from challenges.demo import data
from challenges.demo.dates import nth_weekday, running_year
from challenges.events.models import Event, EventKind, EventTeam, ScheduleEntry
from challenges.extensions import db
from challenges.judging import panels
from challenges.printing.models import Branding
from challenges.seasons.models import Season

TODAY = date(2026, 12, 3)  # a day in FLL season 2026-2027, BIOGLOW
NOON = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
CREW = {
    "referee@demo.challenges.nl": Role.REFEREE,
    "headreferee@demo.challenges.nl": Role.HEAD_REFEREE,
    "judge@demo.challenges.nl": Role.JUDGE,
    "judgeadvisor@demo.challenges.nl": Role.JUDGE_ADVISOR,
    "eventmanager@demo.challenges.nl": Role.EVENT_MANAGER,
}


@pytest.mark.parametrize(
    ("year", "month", "nth", "expected"),
    [
        (2027, 1, 1, date(2027, 1, 2)),
        (2027, 1, 3, date(2027, 1, 16)),
        (2026, 8, 1, date(2026, 8, 1)),  # the month starts on a Saturday
        (2028, 2, 2, date(2028, 2, 12)),
    ],
)
def test_nth_saturday(year, month, nth, expected):
    assert nth_weekday(year, month, nth) == expected


@pytest.mark.parametrize(
    ("today", "first_year"),
    [
        (date(2026, 12, 3), 2026),
        (date(2027, 1, 15), 2026),  # the last day to register for 2026-2027
        (date(2027, 1, 16), 2027),
        (date(2027, 7, 1), 2027),
        (date(2026, 12, 31), 2026),
    ],
)
def test_the_running_season_is_the_one_still_registering(today, first_year):
    assert running_year(today) == first_year


@pytest.mark.parametrize(
    "today",
    [
        date(2026, 12, 3),
        date(2027, 1, 2),
        date(2027, 1, 15),
        date(2027, 1, 16),
        date(2027, 3, 1),
        date(2027, 6, 15),
        date(2027, 8, 1),
        date(2028, 2, 29),
        date(2031, 5, 30),
    ],
)
def test_any_day_has_finals_ahead_and_an_archive_behind(today):
    world = data.world(today)
    moment = datetime.combine(today, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
    seasons = {season["key"]: season for season in world.seasons}
    running = seasons[world.running]
    assert running["theme"] == "BIOGLOW"
    assert running["registration_opens_at"] <= moment < running["registration_closes_at"]
    finals = [e for e in world.events if e["season"] == world.running and e["kind"] == "regional"]
    assert len(finals) == 4
    assert all(e["starts_on"] > today and e["starts_on"].month in (1, 2) for e in finals)
    assert all((e["starts_on"] - today).days < 400 for e in finals)  # the next Jan-Feb
    assert world.demo_event == finals[0]["slug"]
    running_keys = (world.running, world.vakkanjers_running)
    archive = [e for e in world.events if e["season"] not in running_keys]
    assert all(e["starts_on"] < today for e in archive)
    assert {e["slug"] for e in archive} >= set(world.finished)
    for key in (world.fll_archive, world.vakkanjers_archive):
        assert seasons[key]["registration_closes_at"] < moment
    markets = [e for e in world.events if e["season"] == world.vakkanjers_running]
    assert [e["kind"] for e in markets] == ["regional", "regional", "national"]
    assert all(today < e["starts_on"] for e in markets)
    assert all(e["starts_on"].month == 4 for e in markets[:2])  # the Markten in April,
    assert markets[2]["starts_on"].month == 6  # the national final in June
    assert markets[0]["starts_on"] - today < timedelta(days=366)
    assert world.demo_market == markets[0]["slug"]
    assert seasons[world.vakkanjers_running]["registration_opens_at"] <= moment


@pytest.fixture
def seeded(runner):
    with time_machine.travel(NOON, tick=False):
        result = runner.invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    return data.world(TODAY)


def bioglow_finals() -> list[Event]:
    return db.session.scalars(
        select(Event)
        .join(Season)
        .where(Season.theme == "BIOGLOW", Event.kind == EventKind.REGIONAL)
        .order_by(Event.starts_on)
    ).all()


def test_bioglow_finals_are_published_ahead_and_open_for_choices(seeded, client):
    finals = bioglow_finals()
    assert [(f.name, f.starts_on) for f in finals] == [
        ("Regiofinale Eindhoven", date(2027, 1, 16)),
        ("Regiofinale Groningen", date(2027, 1, 23)),
        ("Regiofinale Rotterdam", date(2027, 2, 6)),
        ("Regiofinale Nijmegen", date(2027, 2, 13)),
    ]
    assert all(final.published and final.feeds_into is not None for final in finals)
    season = finals[0].season
    assert (season.name, season.published) == ("2026-2027", True)
    with time_machine.travel(NOON, tick=False):
        client.log_in("coach@demo.challenges.nl", data.demo_password(Role.COACH))
        form = client.get(f"/teams/register/{season.id}").get_data(as_text=True)
    for final in finals:
        assert f"{final.name} ({final.town})" in form


def test_the_demo_crew_works_at_the_first_bioglow_final_which_has_a_schedule(seeded):
    final = bioglow_finals()[0]
    assert final.slug == seeded.demo_event == "fll-2026-regio-eindhoven"
    grants = db.session.execute(
        select(User.email, EventRole.role)
        .join(EventRole.user)
        .where(EventRole.event_id == final.id, User.email.in_(CREW))
    ).all()
    assert dict(grants) == CREW
    placed = db.session.scalar(select(func.count()).where(EventTeam.event_id == final.id))
    assert placed >= 6
    kinds = set(
        db.session.scalars(select(ScheduleEntry.kind).where(ScheduleEntry.event_id == final.id))
    )
    assert kinds == {"practice", "ranking", "judging"}
    judge = db.session.scalar(select(User).where(User.email == data.DEMO_JUDGE))
    assert panels.seating(final)[judge.id] == panels.rooms(final)[0]


def test_the_judge_advisor_deliberates_on_last_seasons_finished_event(seeded, client):
    finished = db.session.scalar(select(Event).where(Event.slug == seeded.finished[0]))
    assert finished.results_published_at is not None
    assert finished.starts_on < TODAY
    per_room: dict[str, int] = {}
    for room in panels.seating(finished).values():
        per_room[room] = per_room.get(room, 0) + 1
    assert sorted(per_room) == panels.rooms(finished)
    assert min(per_room.values()) >= 2
    client.log_in(data.DEMO_JUDGE_ADVISOR, data.demo_password(Role.JUDGE_ADVISOR))
    page = client.get(f"/events/{finished.id}/awards")
    assert page.status_code == 200
    assert "Champion&#39;s Award" in page.get_data(as_text=True)
    assert client.get(f"/events/{finished.id}/judging/advisor").status_code == 200


def test_certificates_carry_the_demo_logo_and_signature(seeded, client):
    brandings = db.session.scalars(select(Branding)).all()
    assert len(brandings) == db.session.scalar(select(func.count()).select_from(Season)) == 4
    assert all(
        b.logo.startswith(b"\x89PNG") and b.signature.startswith(b"\x89PNG") for b in brandings
    )
    assert {b.signatory_name for b in brandings} == {"Olga Organisator"}
    finished = db.session.scalar(select(Event).where(Event.slug == seeded.finished[0]))
    client.log_in(data.DEMO_JUDGE_ADVISOR, data.demo_password(Role.JUDGE_ADVISOR))
    pdf = client.get(f"/events/{finished.id}/print/certificates").get_data()
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Subtype /Image") >= 2  # the logo and the signature


def test_seeding_the_same_day_twice_changes_nothing(seeded, runner):
    def snapshot():
        return (
            db.session.execute(select(Event.slug, Event.starts_on).order_by(Event.slug)).all(),
            db.session.execute(
                select(EventRole.user_id, EventRole.event_id, EventRole.role).order_by(
                    EventRole.user_id, EventRole.event_id, EventRole.role
                )
            ).all(),
            db.session.scalar(select(func.count()).select_from(ScheduleEntry)),
            db.session.scalar(select(func.count()).select_from(EventTeam)),
        )

    before = snapshot()
    with time_machine.travel(NOON + timedelta(hours=3), tick=False):
        again = runner.invoke(args=["seed", "demo"])
    assert "nothing new" in again.output
    assert snapshot() == before
