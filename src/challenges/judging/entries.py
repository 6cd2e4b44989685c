"""Filled rubrics: drafts saved as the judge goes, submissions kept as versions. Never commits."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from challenges import tablets
from challenges.auth.models import User
from challenges.database import utcnow
from challenges.errors import DomainError
from challenges.events.models import Event
from challenges.extensions import db
from challenges.inputs import InputError, json_id
from challenges.judging import panels
from challenges.judging.assessment import (
    COMMENT_LENGTH,
    NOTE_LENGTH,
    FilledRubric,
    Problem,
    check,
    filled_from_json,
)
from challenges.judging.models import RubricEntry, RubricStatus
from challenges.judging.rubrics import Rubric, RubricSet, UnknownRubricSet, load
from challenges.registration.models import Team


class RubricRefused(DomainError):
    """A rubric with problems: `problems` maps row ids (or fields) to messages."""

    def __init__(self, problems: dict[str, str], status: int = 422) -> None:
        super().__init__(_("The rubric was not saved: check the marked rows."), status=status)
        self.problems = problems


@dataclass
class RubricInput:
    client_key: str
    team_id: int
    rubric: str
    filled: FilledRubric
    submit: bool
    device_time: datetime | None = None


def problem_text(problem: Problem) -> str:
    texts = {
        "unknown_row": _("This row is not part of the rubric."),
        "not_answered": _("Choose a level, or 'not judged'."),
        "out_of_range": _("Choose a level from 1 to 4."),
        "note_needed": _("Exceeds needs a short note on how the team exceeded."),
        "note_too_long": _("At most %(max)d characters.", max=NOTE_LENGTH),
        "too_long": _("At most %(max)d characters.", max=COMMENT_LENGTH),
    }
    return texts[problem.code]


def input_from_json(payload: Any) -> RubricInput:
    if not isinstance(payload, dict):
        raise DomainError(_("The request holds no rubric (a JSON object was expected)."))
    try:
        team_id = json_id(payload.get("team"))
    except InputError:
        raise RubricRefused({"team": _("Choose a team.")}, 400) from None
    return RubricInput(
        client_key=str(payload.get("client_key") or ""),
        team_id=team_id,
        rubric=str(payload.get("rubric") or ""),
        filled=filled_from_json(
            payload.get("levels"),
            payload.get("notes"),
            payload.get("went_well"),
            payload.get("think_about"),
        ),
        submit=payload.get("status") == RubricStatus.SUBMITTED,
        device_time=tablets.device_time(payload.get("device_time")),
    )


def rubric_set_of(event: Event) -> RubricSet:
    try:
        return load(event.season.rubric_set_key or "")
    except UnknownRubricSet:
        raise DomainError(_("This event's season has no rubrics.")) from None


def rubric_of(event: Event, rubric_id: str) -> Rubric:
    try:
        return rubric_set_of(event).rubric(rubric_id)
    except KeyError:
        raise DomainError(
            _("This rubric does not belong to this event's season."), "rubric", 404
        ) from None


def current_entry(event: Event, team_id: int, judge_id: int, rubric: str) -> RubricEntry | None:
    return db.session.scalar(
        select(RubricEntry).where(
            RubricEntry.event_id == event.id,
            RubricEntry.team_id == team_id,
            RubricEntry.judge_id == judge_id,
            RubricEntry.rubric == rubric,
            RubricEntry.current.is_(True),
        )
    )


def judge_entries(event: Event, judge: User) -> dict[tuple[int, str], RubricEntry]:
    """(team, rubric) -> the judge's current entry."""
    found = db.session.scalars(
        select(RubricEntry).where(
            RubricEntry.event_id == event.id,
            RubricEntry.judge_id == judge.id,
            RubricEntry.current.is_(True),
        )
    )
    return {(entry.team_id, entry.rubric): entry for entry in found}


def save(event: Event, given: RubricInput, user: User) -> tuple[RubricEntry, bool]:
    """Save a draft or a submission; the same client key again returns the stored one.

    A draft that arrives after the rubric was submitted (a tablet catching up) changes
    nothing. Submitting again after a submission adds a new version.
    """
    if not tablets.CLIENT_KEY.match(given.client_key or ""):
        raise RubricRefused({"client_key": _("The rubric has no valid key; reload the page.")}, 400)
    stored = db.session.scalar(
        select(RubricEntry).where(RubricEntry.client_key == given.client_key)
    )
    if stored is not None and stored.event_id != event.id:
        raise RubricRefused({"client_key": _("This rubric belongs to another event.")}, 409)
    if stored is not None and stored.status == RubricStatus.SUBMITTED:
        return stored, False
    rubric_set = rubric_set_of(event)
    rubric = rubric_of(event, given.rubric)
    team = db.session.get(Team, given.team_id)
    if team is None:
        raise RubricRefused({"team": _("This team does not take part in this event.")}, 404)
    panels.check_may_judge(event, user, team)
    problems = check(rubric_set, rubric, given.filled, complete=given.submit)
    if problems:
        raise RubricRefused({problem.field: problem_text(problem) for problem in problems})
    current = current_entry(event, team.id, user.id, rubric.id)
    if current is not None and current.status == RubricStatus.SUBMITTED and not given.submit:
        return current, False
    try:
        with db.session.begin_nested():
            entry, created = _store(event, rubric_set, rubric, team, given, user, current)
    except IntegrityError:  # the same key arrived twice at the same moment
        stored = db.session.scalar(
            select(RubricEntry).where(RubricEntry.client_key == given.client_key)
        )
        if stored is None:
            raise
        return stored, False
    return entry, created


def _store(
    event: Event,
    rubric_set: RubricSet,
    rubric: Rubric,
    team: Team,
    given: RubricInput,
    user: User,
    current: RubricEntry | None,
) -> tuple[RubricEntry, bool]:
    filled = given.filled
    fields = {
        "levels": {row.id: filled.levels[row.id] for row in rubric.rows if row.id in filled.levels},
        "notes": filled.notes,
        "went_well": filled.went_well,
        "think_about": filled.think_about,
        "device_time": given.device_time,
        "saved_at": utcnow(),
    }
    status = RubricStatus.SUBMITTED if given.submit else RubricStatus.DRAFT
    if current is not None and current.status == RubricStatus.DRAFT:
        for name, value in fields.items():
            setattr(current, name, value)
        if given.submit:
            current.client_key = given.client_key
            current.status = status
            current.submitted_at = utcnow()
        return current, given.submit
    entry = RubricEntry(
        client_key=given.client_key,
        event_id=event.id,
        team_id=team.id,
        judge_id=user.id,
        judge_name=user.name,
        rubric_set_key=rubric_set.key,
        rubric=rubric.id,
        status=status,
        submitted_at=utcnow() if given.submit else None,
        version=current.version + 1 if current else 1,
        supersedes_id=current.id if current else None,
        **fields,
    )
    if current is not None:
        current.current = False
        db.session.flush()
    db.session.add(entry)
    db.session.flush()
    return entry, True


def submitted_for_team(event: Event, team_id: int) -> list[RubricEntry]:
    """The team's current submitted rubrics, by rubric, oldest first."""
    return list(
        db.session.scalars(
            select(RubricEntry)
            .where(
                RubricEntry.event_id == event.id,
                RubricEntry.team_id == team_id,
                RubricEntry.current.is_(True),
                RubricEntry.status == RubricStatus.SUBMITTED,
            )
            .order_by(RubricEntry.rubric, RubricEntry.submitted_at)
        )
    )
