"""An event's robot-game matches and tables, and the current sheets of each match (reads)."""

from flask_babel import gettext as _
from sqlalchemy import select

from challenges.errors import DomainError
from challenges.events.models import Event, ScheduleEntry
from challenges.extensions import db
from challenges.registration.models import Team
from challenges.robot_game.definitions import SeasonDefinition, UnknownSeason, load
from challenges.robot_game.models import ScoreSheet, SheetStatus

MATCH_KINDS = ("practice", "ranking")
ACTIVE = (SheetStatus.SUBMITTED, SheetStatus.VERIFIED)


def season_of(event: Event) -> SeasonDefinition:
    try:
        return load(event.season.robot_game_key or "")
    except UnknownSeason:
        raise DomainError(_("This event's season has no robot game sheet.")) from None


def tables(event: Event) -> list[str]:
    places = db.session.scalars(
        select(ScheduleEntry.place)
        .where(ScheduleEntry.event_id == event.id, ScheduleEntry.kind.in_(MATCH_KINDS))
        .distinct()
    )
    return sorted(places, key=lambda place: (len(place), place))


def table_matches(event: Event, table: str) -> list[tuple[ScheduleEntry, Team, str | None]]:
    """The table's matches in schedule order, each with the status of its current sheet."""
    rows = db.session.execute(
        select(ScheduleEntry, Team)
        .join(Team, Team.id == ScheduleEntry.team_id)
        .where(
            ScheduleEntry.event_id == event.id,
            ScheduleEntry.place == table,
            ScheduleEntry.kind.in_(MATCH_KINDS),
        )
        .order_by(ScheduleEntry.starts_at)
    ).all()
    statuses = {
        sheet.match_key: sheet.status for sheet in current_sheets(event) if sheet.status in ACTIVE
    }
    return [
        (entry, team, statuses.get((entry.team_id, entry.kind, entry.round)))
        for entry, team in rows
    ]


def match_of(event: Event, match_id: int) -> ScheduleEntry:
    entry = db.session.get(ScheduleEntry, match_id)
    if entry is None or entry.event_id != event.id or entry.kind not in MATCH_KINDS:
        raise DomainError(_("This match is not a robot-game match of this event."), "match")
    return entry


def current_sheets(event: Event) -> list[ScoreSheet]:
    return list(
        db.session.scalars(
            select(ScoreSheet)
            .where(ScoreSheet.event_id == event.id, ScoreSheet.current.is_(True))
            .order_by(ScoreSheet.received_at, ScoreSheet.id)
        )
    )


def current_for(event_id: int, team_id: int, kind: str, number: int) -> list:
    """The conditions that select the current sheets of one team in one round."""
    return [
        ScoreSheet.event_id == event_id,
        ScoreSheet.team_id == team_id,
        ScoreSheet.round_kind == kind,
        ScoreSheet.round == number,
        ScoreSheet.current.is_(True),
    ]


def verified_sheet(event: Event, team_id: int, kind: str, number: int) -> ScoreSheet | None:
    """The team's current verified sheet for that round, if any."""
    conditions = current_for(event.id, team_id, kind, number)
    return db.session.scalar(
        select(ScoreSheet).where(*conditions, ScoreSheet.status == SheetStatus.VERIFIED)
    )


def active_sheets(event: Event, entry: ScheduleEntry) -> list[ScoreSheet]:
    """The match's current sheets that count: submitted or verified."""
    return list(
        db.session.scalars(
            select(ScoreSheet).where(
                *current_for(event.id, entry.team_id, entry.kind, entry.round),
                ScoreSheet.status.in_(ACTIVE),
            )
        )
    )


def rivals(sheet: ScoreSheet) -> list[ScoreSheet]:
    """Other current, active sheets for the same team and round: a conflict when any."""
    return list(
        db.session.scalars(
            select(ScoreSheet).where(
                *current_for(sheet.event_id, sheet.team_id, sheet.round_kind, sheet.round),
                ScoreSheet.status.in_(ACTIVE),
                ScoreSheet.id != sheet.id,
            )
        )
    )


def sheet_of(event: Event, sheet_id: int) -> ScoreSheet:
    sheet = db.session.get(ScoreSheet, sheet_id)
    if sheet is None or sheet.event_id != event.id:
        raise DomainError(_("There is no such sheet at this event."), status=404)
    return sheet


def history(sheet: ScoreSheet) -> list[ScoreSheet]:
    """Every version of this sheet, newest first."""
    versions = []
    current: ScoreSheet | None = db.session.scalar(
        select(ScoreSheet).where(ScoreSheet.supersedes_id == sheet.id)
    )
    while current is not None:  # newer versions
        versions.insert(0, current)
        current = db.session.scalar(
            select(ScoreSheet).where(ScoreSheet.supersedes_id == current.id)
        )
    current = sheet
    while current is not None:
        versions.append(current)
        current = (
            db.session.get(ScoreSheet, current.supersedes_id) if current.supersedes_id else None
        )
    return versions
