"""An event's schedule: generate it from the event's settings, store it, read it. Never commits."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from challenges.errors import DomainError, input_problem
from challenges.events.models import Attendance, Event, EventTeam, ScheduleEntry
from challenges.events.schedule.block_format import (
    BlockTeam,
    parse_block_format,
    write_block_format,
)
from challenges.events.schedule.check import (
    Quality,
    Violation,
    check,
    existing_schedule_settings,
    quality,
)
from challenges.events.schedule.file_problems import FileProblem
from challenges.events.schedule.files import read_table, table_rows
from challenges.events.schedule.generator import (
    Commitment,
    Gaps,
    Infeasible,
    Kind,
    Schedule,
    Settings,
    days,
    generate,
)
from challenges.extensions import db
from challenges.inputs import InputError
from challenges.labels import team_label
from challenges.registration.models import Team
from challenges.spreadsheets import to_csv, to_xlsx

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PLACE_LENGTH = ScheduleEntry.place.type.length


def moment(day: date, start: time, minutes: int) -> datetime:
    local = datetime.combine(day, start, tzinfo=AMSTERDAM) + timedelta(minutes=minutes)
    return local.astimezone(UTC)


def minutes_since(day: date, start: time, at: datetime) -> int:
    return int((at - moment(day, start, 0)).total_seconds() // 60)


def minute_of_day(clock: time) -> int:
    return clock.hour * 60 + clock.minute


def scheduled_teams(event: Event) -> dict[str, Team]:
    """The teams placed at the event, no-shows left out, keyed by their schedule label."""
    teams = db.session.scalars(
        select(Team)
        .join(EventTeam, EventTeam.team_id == Team.id)
        .where(EventTeam.event_id == event.id, EventTeam.attendance != Attendance.NO_SHOW)
        .order_by(Team.number, Team.name)
    )
    return {str(team.id): team for team in teams}


def settings_for(event: Event, teams: dict[str, Team], choices: dict) -> Settings:
    if not (event.start_time and event.end_time and event.tables and event.rooms):
        raise DomainError(
            _("Give the event its start and end time, tables and judging rooms first.")
        )
    start = minute_of_day(event.start_time)
    breaks = ()
    if choices.get("break_start") and choices.get("break_end"):
        breaks = (
            (
                minute_of_day(choices["break_start"]) - start,
                minute_of_day(choices["break_end"]) - start,
            ),
        )
    return Settings(
        teams=tuple(teams),
        tables=event.tables,
        rooms=event.rooms,
        day_length=minute_of_day(event.end_time) - start,
        match_cycle=choices["match_cycle"],
        judging_cycle=choices["judging_cycle"],
        judging_length=choices["judging_length"],
        gaps=Gaps(choices["match_gap"], choices["judging_gap"]),
        practice_rounds=choices["practice_rounds"],
        ranking_rounds=choices["ranking_rounds"],
        breaks=breaks,
        seed=choices["seed"],
        starts_at=start,
    )


def make_schedule(event: Event, choices: dict) -> int:
    """Generate and store the schedule, replacing the previous one; the number of entries."""
    teams = scheduled_teams(event)
    settings = settings_for(event, teams, choices)
    try:
        schedule = generate(settings)
    except Infeasible as problem:
        raise DomainError(
            _("This schedule cannot be made: %(problem)s.", problem=str(problem))
        ) from None
    db.session.execute(delete(ScheduleEntry).where(ScheduleEntry.event_id == event.id))
    event.match_gap, event.judging_gap = settings.gaps.match, settings.gaps.judging
    for commitment in schedule.commitments:
        db.session.add(
            ScheduleEntry(
                event_id=event.id,
                team_id=int(commitment.team),
                kind=commitment.kind.value,
                round=commitment.round,
                place=commitment.place,
                starts_at=moment(event.starts_on, event.start_time, commitment.start),
                ends_at=moment(event.starts_on, event.start_time, commitment.end),
            )
        )
    return len(schedule.commitments)


def entries(event: Event, team_id: int | None = None) -> list[tuple[ScheduleEntry, Team]]:
    query = (
        select(ScheduleEntry, Team)
        .join(Team, Team.id == ScheduleEntry.team_id)
        .where(ScheduleEntry.event_id == event.id)
        .order_by(ScheduleEntry.starts_at, ScheduleEntry.place)
    )
    if team_id:
        query = query.where(ScheduleEntry.team_id == team_id)
    return list(db.session.execute(query).all())


def stored_schedule(event: Event, rows: list | None = None) -> Schedule:
    """The stored schedule (its `entries`, when read already) in minutes from the event's start
    (midnight when it has none: an imported schedule does not need one)."""
    start = event.start_time or time(0)
    return Schedule(
        [
            Commitment(
                str(entry.team_id),
                Kind(entry.kind),
                entry.round,
                entry.place,
                minutes_since(event.starts_on, start, entry.starts_at),
                minutes_since(event.starts_on, start, entry.ends_at),
            )
            for entry, _team in (entries(event) if rows is None else rows)
        ]
    )


def stored_quality(schedule: Schedule) -> Quality | None:
    """The stored schedule's figures (check.quality); None without a schedule."""
    return quality(schedule) if schedule.commitments else None


def linked_sheets(event: Event) -> int:
    """The robot-game score sheets (current versions) that point at the event's schedule
    entries. A new schedule deletes the entries, and the database unlinks these sheets
    (match_id ON DELETE SET NULL). Read by table name from the shared metadata: the events
    area sits below robot_game and does not import it."""
    sheet = db.metadata.tables["score_sheet"]
    return db.session.scalar(
        select(func.count())
        .select_from(sheet)
        .join(ScheduleEntry, ScheduleEntry.id == sheet.c.match_id)
        .where(ScheduleEntry.event_id == event.id, sheet.c.current.is_(True))
    )


def labelled(commitments: list[Commitment], teams: dict[str, Team]) -> list[Commitment]:
    """Commitments that name teams as people know them (#1001 Brick Breakers), for messages."""
    return [
        replace(c, team=team_label(teams[c.team])) if c.team in teams else c for c in commitments
    ]


def problems(event: Event, choices: dict) -> list[Violation]:
    teams = scheduled_teams(event)
    settings = settings_for(event, teams, choices)
    settings = replace(settings, teams=tuple(team_label(team) for team in teams.values()))
    return check(Schedule(labelled(stored_schedule(event).commitments, teams)), settings)


def now_and_next(event: Event, at: datetime) -> tuple[list, list]:
    rows = entries(event)
    now = [row for row in rows if row[0].starts_at <= at < row[0].ends_at]
    upcoming = [row for row in rows if row[0].starts_at > at]
    following = (
        [row for row in upcoming if row[0].starts_at == upcoming[0][0].starts_at]
        if upcoming
        else []
    )
    return now, following


SCHEDULE_COLUMNS = ("team number", "team", "kind", "round", "place", "start", "end")


def schedule_rows(event: Event) -> list[list]:
    """The rows of the schedule's CSV and XLSX files: what `import_plain` reads back."""
    return [
        [
            team.number,
            team.name,
            entry.kind,
            entry.round,
            entry.place,
            f"{entry.starts_at.astimezone(AMSTERDAM):%H:%M}",
            f"{entry.ends_at.astimezone(AMSTERDAM):%H:%M}",
        ]
        for entry, team in entries(event)
    ]


def as_csv(event: Event) -> bytes:
    return to_csv(SCHEDULE_COLUMNS, schedule_rows(event))


def team_schedule(team: Team) -> list[ScheduleEntry]:
    return list(
        db.session.scalars(
            select(ScheduleEntry)
            .where(ScheduleEntry.team_id == team.id)
            .order_by(ScheduleEntry.starts_at)
        )
    )


def export_block_format(event: Event) -> str:
    rows = entries(event)
    teams = {team.id: team for _entry, team in rows}
    commitments = [
        Commitment(
            str(team.number or team.id),
            Kind(entry.kind),
            entry.round,
            entry.place,
            minutes_since(event.starts_on, time(0), entry.starts_at),
            minutes_since(event.starts_on, time(0), entry.ends_at),
        )
        for entry, team in rows
    ]
    block_teams = [
        BlockTeam(
            str(team.number or team.id),
            team.name,
            team.school.name if team.school else team.town or "",
        )
        for team in sorted(teams.values(), key=lambda t: (t.number or 0, t.name))
    ]
    return write_block_format(block_teams, commitments)


def import_block_format(event: Event, text: str) -> int:
    try:
        parsed = parse_block_format(text)
    except InputError as error:
        return replace_schedule(event, [], [input_problem(error)])
    return replace_schedule(event, parsed.commitments, parsed.problems)


def import_plain(event: Event, data: bytes, filename: str) -> int:
    """A CSV (semicolons or commas) or XLSX table: the columns of our own export, or FLL-SW's."""
    try:
        rows = table_rows(data, filename)
    except InputError as error:
        return replace_schedule(event, [], [input_problem(error)])
    table = read_table(rows)
    return replace_schedule(event, table.commitments, table.problems)


def replace_schedule(
    event: Event, commitments: list[Commitment], problems: Sequence[FileProblem | str]
) -> int:
    """Replace the schedule with the imported one; refused as a whole when it is not usable."""
    placed = {str(team.number): team for team in scheduled_teams(event).values() if team.number}
    missing = sorted({c.team for c in commitments} - set(placed))
    problems = list(problems)
    too_long = sorted({c.place for c in commitments if len(c.place) > PLACE_LENGTH})
    if too_long:
        problems.append(
            _(
                "place names are at most %(max)d characters: %(places)s",
                max=PLACE_LENGTH,
                places=", ".join(place[:PLACE_LENGTH] + "…" for place in too_long[:3]),
            )
        )
    if missing:
        problems.append(
            _("team number(s) not placed at this event: %(numbers)s", numbers=", ".join(missing))
        )
    later_day = days(commitments)
    if later_day > 1:
        problems.append(
            _("the event lasts one day, but the file plans day %(day)s too", day=later_day)
        )
    if not commitments and not problems:
        problems.append(_("the file holds no schedule"))
    if problems:
        raise DomainError(
            _(
                "The schedule was not imported: %(problems)s",
                problems="; ".join(str(problem) for problem in problems),
            )
        )
    db.session.execute(delete(ScheduleEntry).where(ScheduleEntry.event_id == event.id))
    event.match_gap = event.judging_gap = None  # an imported day is checked by the defaults
    for commitment in commitments:
        db.session.add(
            ScheduleEntry(
                event_id=event.id,
                team_id=placed[commitment.team].id,
                kind=commitment.kind.value,
                round=commitment.round,
                place=commitment.place,
                starts_at=moment(event.starts_on, time(0), commitment.start),
                ends_at=moment(event.starts_on, time(0), commitment.end),
            )
        )
    return len(commitments)


def as_xlsx(event: Event) -> bytes:
    return to_xlsx(SCHEDULE_COLUMNS, schedule_rows(event), "schedule")


def gaps_of(event: Event) -> Gaps:
    """The minimum gaps the event's schedule keeps: as chosen when it was made, or the
    defaults."""
    defaults = Gaps()
    return Gaps(
        defaults.match if event.match_gap is None else event.match_gap,
        defaults.judging if event.judging_gap is None else event.judging_gap,
    )


def stored_problems(event: Event, schedule: Schedule) -> list[Violation]:
    """Check the stored schedule (generated or imported) against what it must give every team."""
    if not schedule.commitments or not (event.start_time and event.end_time):
        return []
    teams = scheduled_teams(event)
    commitments = labelled(schedule.commitments, teams)
    start = minute_of_day(event.start_time)
    settings = existing_schedule_settings(
        [team_label(team) for team in teams.values()],
        commitments,
        minute_of_day(event.end_time) - start,
        gaps_of(event),
        start,
    )
    return check(Schedule(commitments), settings)
