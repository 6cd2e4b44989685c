"""Load the demo world; idempotent: what exists (by its natural key) is left as it is."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select

from challenges.auth.models import EventRole, User, UserRole
from challenges.auth.roles import Role
from challenges.database import utcnow
from challenges.demo import data, reach
from challenges.demo.dates import amsterdam_today
from challenges.demo.finished import finish_demo_events
from challenges.demo.market import coach_every_team, juror_logins, seed_market_crew
from challenges.demo.surveys import seed_surveys
from challenges.events.models import Event, EventKind, EventTeam, ScheduleEntry
from challenges.events.schedule.services import make_schedule
from challenges.extensions import db
from challenges.judging import panels
from challenges.printing.models import Branding
from challenges.registration.models import Team
from challenges.registration.status import TeamStatus
from challenges.schools.models import School, SchoolMembership
from challenges.seasons.models import Category, Programme, Season
from challenges.seasons.services import CATEGORY_FIELDS, SEASON_FIELDS


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # (role, e-mail, password)

    def count(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1


def get_or_create(report: SeedReport, model: type, lookup: dict[str, Any], **values: Any):
    instance = db.session.scalar(select(model).filter_by(**lookup))
    if instance is None:
        instance = model(**lookup, **values)
        db.session.add(instance)
        db.session.flush()
        report.count(model.__tablename__)
    return instance


def seed_demo(today: date | None = None) -> SeedReport:
    """The demo as of today (or the given day): see `data.world`."""
    world = data.world(today or amsterdam_today())
    report = SeedReport()
    programmes = {
        spec["key"]: get_or_create(
            report, Programme, {"key": spec["key"]}, **{k: v for k, v in spec.items() if k != "key"}
        )
        for spec in data.PROGRAMMES
    }
    seasons = {
        spec["key"]: seed_season(report, programmes[spec["programme"]], spec)
        for spec in world.seasons
    }
    schools = [seed_school(report, row) for row in data.SCHOOLS]
    seed_teams(report, seasons[world.fll_archive], schools, data.TEAM_NAMES, first_number=1001)
    seed_teams(report, seasons[world.vakkanjers_archive], schools, data.VAKKANJERS_TEAM_NAMES)
    seed_teams(report, seasons[world.running], schools, data.RUNNING_TEAM_NAMES, first_number=1001)
    seed_teams(
        report, seasons[world.vakkanjers_running], schools, data.RUNNING_VAKKANJERS_TEAM_NAMES
    )
    events = {
        spec["slug"]: seed_event(report, seasons[spec["season"]], spec) for spec in world.events
    }
    link_finals(events)
    place_demo_teams(events)
    seed_season_reach(report, world, seasons, events, schools)
    seed_accounts(report, events[world.demo_event])
    link_demo_coach()
    ready_demo_market(report, events[world.demo_market], seasons[world.vakkanjers_running])
    schedule_demo_event(report, events[world.demo_event])
    seat_demo_judge(events[world.demo_event])
    for slug in finish_demo_events(events, world.finished, DEMO_SCHEDULE):
        report.count(f"finished event {slug}")
    open_archive_to_judge_advisor([events[slug] for slug in world.finished])
    # after the finals are finished: the teams they sent on to the national finals are asked too
    for _ in range(seed_surveys(last_seasons_events(world, events))):
        report.count("survey answer")
    for season in seasons.values():
        brand(report, season)
    return report


DEMO_SCHEDULE = {
    "match_cycle": 8,
    "judging_length": 30,
    "judging_cycle": 40,
    "match_gap": 30,
    "judging_gap": 15,
    "practice_rounds": 1,
    "ranking_rounds": 3,
    "seed": 1,
}


def schedule_demo_event(report: SeedReport, event: Event) -> None:
    """The demo event gets a schedule, so referees can score right after `make run`."""
    if db.session.scalar(select(ScheduleEntry.id).where(ScheduleEntry.event_id == event.id)):
        return
    make_schedule(event, DEMO_SCHEDULE)
    report.count("schedule")


SEASON_DATES = ("registration_opens_at", "registration_closes_at")
SET_BY_THE_SEED = ("key", "published")  # the lookup, and every demo season is published


def seed_season(report: SeedReport, programme: Programme, spec: dict) -> Season:
    """A published season with the fields its form saves, and its categories in that order."""
    values = {
        name: spec[name] for name in (*SEASON_FIELDS, *SEASON_DATES) if name not in SET_BY_THE_SEED
    }
    season = get_or_create(
        report, Season, {"key": spec["key"]}, programme=programme, published=True, **values
    )
    for position, row in enumerate(spec["categories"]):
        category = dict(zip(CATEGORY_FIELDS, row, strict=True))
        name = category.pop("name")
        get_or_create(
            report,
            Category,
            {"season_id": season.id, "name": name},
            position=position,
            **category,
        )
    return season


def seed_school(report: SeedReport, row: tuple) -> School:
    code, name, town, postcode, province, kind = row
    return get_or_create(
        report,
        School,
        {"vestigingscode": code},
        name=name,
        town=town,
        postcode=postcode,
        province=province,
        kind=kind,
    )


def category_for(season: Season, school: School, index: int) -> Category:
    categories = season.categories
    if len(categories) == 1:
        return categories[0]
    if school.kind == "po":
        return categories[0]
    return categories[1 + index % (len(categories) - 1)]


def seed_teams(
    report: SeedReport,
    season: Season,
    schools: list[School],
    names: list[str],
    first_number: int | None = None,
) -> None:
    for index, name in enumerate(names):
        school = schools[index % len(schools)]
        get_or_create(
            report,
            Team,
            {"season_id": season.id, "name_key": name.casefold()},
            name=name,
            category=category_for(season, school, index),
            school=school,
            number=first_number + index if first_number else None,
            pupil_count=3 + index % 4,
            status=TeamStatus.CONFIRMED,
        )


def seed_event(report: SeedReport, season: Season, spec: dict) -> Event:
    values = {k: v for k, v in spec.items() if k not in ("season", "slug", "kind")}
    return get_or_create(
        report,
        Event,
        {"slug": spec["slug"]},
        season=season,
        kind=EventKind(spec["kind"]),
        published=True,
        **values,
    )


def link_finals(events: dict[str, Event]) -> None:
    """Each season's regional finals feed its national final (only set where unset)."""
    for event in events.values():
        if event.kind is EventKind.REGIONAL and event.feeds_into_id is None:
            event.feeds_into = next(
                other
                for other in events.values()
                if other.season_id == event.season_id and other.kind is EventKind.NATIONAL
            )


def place_demo_teams(events: dict[str, Event]) -> None:
    """Every demo team goes to one of its season's regional finals, alternately."""
    for season_id in {event.season_id for event in events.values()}:
        finals = sorted(
            (
                e
                for e in events.values()
                if e.season_id == season_id and e.kind is EventKind.REGIONAL
            ),
            key=lambda e: e.slug,
        )
        if not finals:
            continue
        teams = db.session.scalars(
            select(Team)
            .where(Team.season_id == season_id, Team.status == TeamStatus.CONFIRMED)
            .order_by(Team.id)
        )
        for index, team in enumerate(teams):
            if db.session.scalar(select(EventTeam.id).where(EventTeam.team_id == team.id)) is None:
                event = finals[index % len(finals)]
                db.session.add(EventTeam(event_id=event.id, team_id=team.id, event_kind=event.kind))
    db.session.flush()


def seed_season_reach(
    report: SeedReport,
    world: data.World,
    seasons: dict[str, Season],
    events: dict[str, Event],
    schools: list[School],
) -> None:
    """More schools and teams for the season in numbers, at the finals nobody works at in the
    demo, and the visitors and the evaluations of last season's events. The running
    Vakkanjers season's teams are coached by a teacher of their school
    (market.coach_every_team): its extra teams come from the schools of its teams, so no
    account is made for them."""
    everywhere = schools + [seed_school(report, row) for row in reach.SCHOOLS]
    kept = {world.demo_event, world.demo_market, *world.finished}
    archives = {world.fll_archive, world.vakkanjers_archive}
    for key, season in seasons.items():
        finals = [
            event
            for slug, event in events.items()
            if event.season_id == season.id
            and event.kind is EventKind.REGIONAL
            and slug not in kept
        ]
        others = reach.ARCHIVED_OTHERS if key in archives else reach.OTHERS
        found = schools_of(season) if key == world.vakkanjers_running else everywhere
        for _ in range(reach.seed_reach(season, found, finals, category_for, others)):
            report.count("team")
    reach.seed_visitors(last_seasons_events(world, events))


def last_seasons_events(world: data.World, events: dict[str, Event]) -> list[Event]:
    archives = {world.fll_archive, world.vakkanjers_archive}
    return [event for event in events.values() if event.season.key in archives]


def schools_of(season: Season) -> list[School]:
    return list(
        db.session.scalars(
            select(School)
            .where(School.id.in_(select(Team.school_id).where(Team.season_id == season.id)))
            .order_by(School.vestigingscode)
        )
    )


def open_archive_to_judge_advisor(finished: list[Event]) -> None:
    """The demo judge advisor also advised at last season's finished events, so that
    deliberation can be seen with real data (only added, never removed)."""
    advisor = db.session.scalar(select(User).where(User.email == data.DEMO_JUDGE_ADVISOR))
    for event in finished:
        if not advisor.has_event_role(event.id, frozenset({Role.JUDGE_ADVISOR})):
            advisor.event_roles.append(EventRole(event=event, role=Role.JUDGE_ADVISOR))
    db.session.flush()


def brand(report: SeedReport, season: Season) -> None:
    """The demo logo and signature on the season's certificates, unless it has its own."""
    if db.session.get(Branding, season.id) is not None:
        return
    images = Path(current_app.static_folder) / "img"
    name, role = data.SIGNATORY
    db.session.add(
        Branding(
            season_id=season.id,
            logo=(images / data.LOGO).read_bytes(),
            signature=(images / data.SIGNATURE).read_bytes(),
            signatory_name=name,
            signatory_role=role,
        )
    )
    report.count("branding")


def ready_demo_market(report: SeedReport, market: Event, season: Season) -> None:
    """The running Vakkanjers season's first Markt gets its crew, and its teams their coaches."""
    created, logins = seed_market_crew(market)
    created += coach_every_team(season)
    for _ in range(created):
        report.count("user")
    report.accounts.extend(logins)


def seat_demo_judge(event: Event) -> None:
    """The demo judge sits in the first judging room, so they can judge right after `make run`."""
    judge = db.session.scalar(select(User).where(User.email == data.DEMO_JUDGE))
    if judge.id not in panels.seating(event) and panels.rooms(event):
        panels.seat(event, {judge.id: panels.rooms(event)[0]})
    db.session.flush()


def seed_accounts(report: SeedReport, event: Event) -> None:
    for email, name, role in data.ACCOUNTS:
        password = data.demo_password(role)
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = User(email=email, name=name, locale="nl", confirmed_at=utcnow())
            user.set_password(password)
            db.session.add(user)
            report.count("user")
        if role.is_event_role and not user.has_event_role(event.id, frozenset({role})):
            user.event_roles.append(EventRole(event=event, role=role))
        elif not role.is_event_role and not user.has_role(role):
            user.roles.append(UserRole(role=role))
        report.accounts.append((role.label, email, password))
    db.session.flush()


def link_demo_coach() -> None:
    """The demo coach teaches at one school and coaches its teams (only added, never removed)."""
    coach = db.session.scalar(select(User).where(User.email == data.ACCOUNTS[-1][0]))
    school = db.session.scalar(select(School).where(School.vestigingscode == data.COACH_SCHOOL))
    if db.session.get(SchoolMembership, (coach.id, school.id)) is None:
        db.session.add(SchoolMembership(user=coach, school=school))
    for team in db.session.scalars(select(Team).where(Team.school_id == school.id)):
        if coach not in team.coaches:
            team.coaches.append(coach)
    db.session.flush()


def demo_accounts_present() -> list[tuple[str, str, str]]:
    """The demo log-ins (role, e-mail, password) whose accounts exist in this database."""
    logins = [(role.label, email, data.demo_password(role)) for email, _, role in data.ACCOUNTS]
    logins += juror_logins()
    emails = {email for _, email, _ in logins}
    present = set(db.session.scalars(select(User.email).where(User.email.in_(emails))))
    return [login for login in logins if login[1] in present]
