"""What the judge advisor watches: missing rubrics, drafts, outliers, judges and agreement."""

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime
from statistics import fmean

from sqlalchemy import select

from challenges.events.models import Attendance, Event, EventTeam, ScheduleEntry
from challenges.events.volunteers.services import conflicting_school_ids
from challenges.extensions import db
from challenges.judging import panels
from challenges.judging.fairness import ordinal_alpha
from challenges.judging.models import RubricEntry, RubricStatus
from challenges.judging.rubrics import RubricSet
from challenges.judging.scoring import weighted_score
from challenges.registration.models import Team

# A judge's score is an outlier when it differs from the other judges' mean for the same team
# by at least one level per row on average.
OUTLIER_LEVELS_PER_ROW = 1.0


@dataclass
class Mark:
    # None: nobody is seated for the rubric and nobody filled it in (a market's jurors are
    # seated nowhere); the team is not judged yet, so the mark counts as missing.
    judge: str | None
    status: str  # submitted, draft, withdrawn (counted as missing), missing
    outlier: bool = False


@dataclass
class ProgressRow:
    team: Team
    room: str | None
    starts_at: datetime | None
    no_show: bool
    stand: int | None = None  # at a Vakkanjers market
    marks: dict[str, list[Mark]] = field(default_factory=dict)  # rubric -> one mark per judge


@dataclass
class Progress:
    rows: list[ProgressRow]
    counts: Counter  # submitted, draft, missing
    outliers: int
    alpha: dict[str, float | None]  # rubric -> Krippendorff's alpha (ordinal)
    judge_names: dict[int | None, str]  # who filled in the current rubrics

    def without_judges(self) -> "Progress":
        """The same progress for someone who may not see which judge gave what."""
        rows = [
            replace(
                row,
                marks={
                    rubric: [Mark(mark.judge and "", mark.status) for mark in marks]
                    for rubric, marks in row.marks.items()
                },
            )
            for row in self.rows
        ]
        return replace(self, rows=rows, outliers=0, judge_names={})


def _sessions(event: Event) -> dict[int, ScheduleEntry]:
    found = db.session.scalars(
        select(ScheduleEntry).where(
            ScheduleEntry.event_id == event.id, ScheduleEntry.kind == panels.JUDGING
        )
    )
    return {entry.team_id: entry for entry in found}


def _current_entries(event: Event) -> list[RubricEntry]:
    return list(
        db.session.scalars(
            select(RubricEntry).where(
                RubricEntry.event_id == event.id, RubricEntry.current.is_(True)
            )
        )
    )


def progress(event: Event, rubric_set: RubricSet) -> Progress:
    """Per team and rubric, a mark per judge: the judges of the team's room (unless in
    conflict) and whoever else filled it in."""
    sessions = _sessions(event)
    placed = db.session.execute(
        select(Team, EventTeam.attendance, EventTeam.stand)
        .join(EventTeam, EventTeam.team_id == Team.id)
        .where(EventTeam.event_id == event.id)
        .order_by(Team.number, Team.name)
    ).all()
    current = _current_entries(event)
    found = {(entry.team_id, entry.rubric, entry.judge_id): entry for entry in current}
    filled_by: dict[tuple[int, str], list[int]] = {}
    for team_id, rubric_id, judge_id in found:
        if judge_id:
            filled_by.setdefault((team_id, rubric_id), []).append(judge_id)
    by_room: dict[str, list[int]] = {}
    for judge_id, room in panels.seating(event).items():
        by_room.setdefault(room, []).append(judge_id)
    names = {user.id: user.name for user in panels.judges(event)}
    conflicts = conflicting_school_ids(list(names))
    rows, counts = [], Counter()
    for team, attendance, stand in placed:
        session = sessions.get(team.id)
        room = session.place if session else None
        row = ProgressRow(
            team,
            room,
            session.starts_at if session else None,
            attendance == Attendance.NO_SHOW,
            stand,
        )
        seated = [j for j in by_room.get(room, []) if team.school_id not in conflicts.get(j, ())]
        for rubric in rubric_set.rubrics:
            judges = list(dict.fromkeys(seated + filled_by.get((team.id, rubric.id), [])))
            entries = [found.get((team.id, rubric.id, judge)) for judge in judges]
            marks = [
                Mark(entry.judge_name if entry else names[judge], _status(entry))
                for judge, entry in zip(judges, entries, strict=True)
            ] or [Mark(None, "missing")]
            _flag_outliers(rubric_set, rubric.id, entries, marks)
            row.marks[rubric.id] = marks
            if not row.no_show:
                counts.update(_counted(judges, seated, marks))
        rows.append(row)
    outliers = sum(mark.outlier for row in rows for marks in row.marks.values() for mark in marks)
    judge_names = {entry.judge_id: entry.judge_name for entry in current}
    return Progress(rows, counts, outliers, agreement(rubric_set, current), judge_names)


def _status(entry: RubricEntry | None) -> str:
    return entry.status.value if entry is not None else "missing"


def _counted(judges: list[int], seated: list[int], marks: list[Mark]) -> list[str]:
    """The statuses to count, a withdrawn rubric as if it was never filled in: missing for a
    judge seated for the team, nothing for anyone else; a team left with no mark misses one."""
    counted = [
        "missing" if mark.status == RubricStatus.WITHDRAWN else mark.status
        for judge, mark in zip(judges, marks, strict=False)  # no judges: nobody's one mark
        if mark.status != RubricStatus.WITHDRAWN or judge in seated
    ]
    return counted or ["missing"]


def _flag_outliers(rubric_set: RubricSet, rubric_id: str, found: list, marks: list[Mark]) -> None:
    rows = rubric_set.rubric(rubric_id).rows
    totals = [
        weighted_score(rows, [entry.levels])
        if entry is not None and entry.status == RubricStatus.SUBMITTED
        else None
        for entry in found
    ]
    for index, total in enumerate(totals):
        others = [t for i, t in enumerate(totals) if i != index and t is not None]
        if total is not None and others:
            marks[index].outlier = abs(total - fmean(others)) / len(rows) >= OUTLIER_LEVELS_PER_ROW


def agreement(rubric_set: RubricSet, current: list[RubricEntry]) -> dict[str, float | None]:
    """Per rubric, Krippendorff's alpha over (team, row) units of the submitted rubrics."""
    alpha = {}
    for rubric in rubric_set.rubrics:
        ratings: dict[int, dict[str, int | None]] = {}
        for entry in current:
            if entry.rubric == rubric.id and entry.status == RubricStatus.SUBMITTED:
                given = ratings.setdefault(entry.judge_id or -entry.id, {})
                given |= {f"{entry.team_id}:{row}": level for row, level in entry.levels.items()}
        alpha[rubric.id] = ordinal_alpha(ratings)
    return alpha
