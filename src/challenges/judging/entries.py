"""Filled rubrics: drafts saved as the judge goes, submissions kept as versions. Never commits.

At a Vakkanjers Markt a juror files the rubric of the stand they have claimed on the floor
(the judge advisor any stand's); submitting it ends the claim. A rubric filed for the wrong
team is withdrawn with a reason: a withdrawn version supersedes it, so it counts nowhere.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, Select, select

from challenges import tablets
from challenges.auth.models import User
from challenges.database import lock_rows, utcnow
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
from challenges.judging.models import ClaimEnd, RubricEntry, RubricStatus, StandClaim
from challenges.judging.programme import in_words, is_market
from challenges.judging.rubrics import Rubric, RubricSet, UnknownRubricSet, load
from challenges.registration.models import Team
from challenges.tablets import refused
from challenges.tablets.models import Kind, Outcome, RefusedItem


class RubricRefused(DomainError):
    """A rubric with problems: `problems` maps row ids (or fields) to messages."""

    def __init__(self, event: Event, problems: dict[str, str], status: int = 422) -> None:
        message = in_words(
            event,
            _("The rubric was not saved: check the marked rows."),
            _("The jury form was not saved: check the marked rows."),
        )
        super().__init__(message, status=status)
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


def input_from_json(event: Event, payload: Any) -> RubricInput:
    if not isinstance(payload, dict):
        raise DomainError(
            in_words(
                event,
                _("The request holds no rubric (a JSON object was expected)."),
                _("The request holds no jury form (a JSON object was expected)."),
            )
        )
    try:
        team_id = json_id(payload.get("team"))
    except InputError:
        raise RubricRefused(event, {"team": _("Choose a team.")}, 400) from None
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
        raise DomainError(
            in_words(
                event,
                _("This event's season has no rubrics."),
                _("This event's season has no jury form."),
            )
        ) from None


def rubric_of(event: Event, rubric_id: str) -> Rubric:
    try:
        return rubric_set_of(event).rubric(rubric_id)
    except KeyError:
        raise DomainError(
            in_words(
                event,
                _("This rubric does not belong to this event's season."),
                _("This jury form does not belong to this event's season."),
            ),
            "rubric",
            404,
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


def open_claim(event: Event, juror: User) -> StandClaim | None:
    """The market stand the juror is at (or on the way to)."""
    return db.session.scalar(
        select(StandClaim).where(
            StandClaim.event_id == event.id,
            StandClaim.judge_id == juror.id,
            StandClaim.released_at.is_(None),
        )
    )


def check_may_file(event: Event, user: User, team: Team) -> None:
    """The judge's room (panels), and at a market the stand the juror has claimed."""
    panels.check_may_judge(event, user, team)
    if not is_market(event) or panels.is_advisor(event, user):
        return
    claim = open_claim(event, user)
    if claim is None or claim.team_id != team.id:
        raise DomainError(
            _(
                "You can only fill in the jury form of the stand you are at. The market floor "
                "tells you which stand that is."
            ),
            "team",
            403,
        )


def end_claim(claim: StandClaim, why: ClaimEnd) -> None:
    claim.released_at = utcnow()
    claim.ended = why


def save(
    event: Event, given: RubricInput, user: User, check_seat: bool = True
) -> tuple[RubricEntry, bool]:
    """Save a draft or a submission; the same client key again returns the stored one.

    The team's row is locked first, so two tabs (or a draft and the submission) take turns and
    each sees what the other stored. A draft never changes a submission: one that arrives
    after it (a tablet catching up) is ignored. Submitting again adds a new version; the same
    key with other content is refused. `check_seat` is off when the judge advisor accepts a
    rubric that was refused on arrival.
    """
    if not tablets.CLIENT_KEY.match(given.client_key or ""):
        key = in_words(
            event,
            _("The rubric has no valid key; reload the page."),
            _("The jury form has no valid key; reload the page."),
        )
        raise RubricRefused(event, {"client_key": key}, 400)
    team = db.session.get(Team, given.team_id)
    if team is None:
        raise RubricRefused(event, {"team": _("This team does not take part in this event.")}, 404)
    lock_rows(db.session, Team, [team.id])
    rubric_set = rubric_set_of(event)
    rubric = rubric_of(event, given.rubric)
    stored = db.session.scalar(
        select(RubricEntry).where(RubricEntry.client_key == given.client_key)
    )
    if stored is not None and (stored.event_id != event.id or stored.team_id != team.id):
        elsewhere = in_words(
            event,
            _("This rubric belongs to another event."),
            _("This jury form belongs to another event."),
        )
        raise RubricRefused(event, {"client_key": elsewhere}, 409)
    if stored is not None and stored.status == RubricStatus.SUBMITTED:
        if given.submit and _contents(rubric, given.filled) != contents_of(stored):
            raise DifferentRubric(event, stored)
        return stored, False
    if check_seat:
        check_may_file(event, user, team)
    problems = check(rubric_set, rubric, given.filled, complete=given.submit)
    if problems:
        raise RubricRefused(event, {problem.field: problem_text(problem) for problem in problems})
    current = current_entry(event, team.id, user.id, rubric.id)
    if current is not None and current.status == RubricStatus.SUBMITTED and not given.submit:
        return current, False
    claim = open_claim(event, user) if given.submit else None
    if claim is not None and claim.team_id == team.id:  # judged: the stand is free again
        end_claim(claim, ClaimEnd.JUDGED)
    return _store(event, rubric_set, rubric, team, given, user, current)


class DifferentRubric(DomainError):
    """A submission's key that was stored before with other content: the stored one wins."""

    def __init__(self, event: Event, stored: RubricEntry) -> None:
        super().__init__(
            in_words(
                event,
                _(
                    "A rubric with this key was submitted before with other content; "
                    "it was not changed."
                ),
                _(
                    "A jury form with this key was submitted before with other content; "
                    "it was not changed."
                ),
            ),
            status=409,
        )
        self.stored = stored


def _contents(rubric: Rubric, filled: FilledRubric) -> dict[str, Any]:
    return {
        "levels": {row.id: filled.levels[row.id] for row in rubric.rows if row.id in filled.levels},
        "notes": filled.notes,
        "went_well": filled.went_well,
        "think_about": filled.think_about,
    }


def contents_of(entry: RubricEntry) -> dict[str, Any]:
    """What the judge filled in, as a new version of the entry copies it."""
    return {
        "levels": entry.levels,
        "notes": entry.notes,
        "went_well": entry.went_well,
        "think_about": entry.think_about,
    }


def _store(
    event: Event,
    rubric_set: RubricSet,
    rubric: Rubric,
    team: Team,
    given: RubricInput,
    user: User,
    current: RubricEntry | None,
) -> tuple[RubricEntry, bool]:
    fields = _contents(rubric, given.filled) | {
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
    add_version(entry, current)
    return entry, True


def add_version(entry: RubricEntry, superseded: RubricEntry | None) -> None:
    """Add `entry` as the current version; the one it supersedes stops being current first
    (flushed before, so the one-current index never sees two)."""
    if superseded is not None:
        superseded.current = False
        db.session.flush()
    db.session.add(entry)
    db.session.flush()


def refused_rubrics(event: Event) -> list[RefusedItem]:
    """Rubrics refused on arrival that wait for the judge advisor's decision."""
    return refused.waiting(event.id, Kind.RUBRIC)


def accept_refused(event: Event, item_id: int, user: User) -> RubricEntry:
    """The judge advisor takes a refused rubric as the judge's submission (or draft)."""
    lock_rows(db.session, Team, [refused.undecided(event.id, Kind.RUBRIC, item_id).team_id])
    item = refused.undecided(event.id, Kind.RUBRIC, item_id)
    judge = db.session.get(User, item.sent_by_id) if item.sent_by_id else None
    if judge is None:
        raise DomainError(
            in_words(
                event,
                _("The judge's account no longer exists: set the rubric aside."),
                _("The juror's account no longer exists: set the jury form aside."),
            )
        )
    entry, _created = save(event, input_from_json(event, item.payload), judge, check_seat=False)
    refused.decide(item, Outcome.ACCEPTED, user)
    return entry


def set_aside_refused(event: Event, item_id: int, user: User) -> None:
    lock_rows(db.session, Team, [refused.undecided(event.id, Kind.RUBRIC, item_id).team_id])
    refused.decide(refused.undecided(event.id, Kind.RUBRIC, item_id), Outcome.SET_ASIDE, user)


def _submitted(event: Event, *where: ColumnElement[bool]) -> Select[tuple[RubricEntry]]:
    """The event's current submitted rubrics that match `where`."""
    return select(RubricEntry).where(
        RubricEntry.event_id == event.id,
        *where,
        RubricEntry.current.is_(True),
        RubricEntry.status == RubricStatus.SUBMITTED,
    )


def submitted_by(event: Event, judge: User) -> list[RubricEntry]:
    """The judge's current submitted rubrics, newest first."""
    query = _submitted(event, RubricEntry.judge_id == judge.id)
    return list(
        db.session.scalars(query.order_by(RubricEntry.submitted_at.desc(), RubricEntry.id.desc()))
    )


def submitted_for_team(event: Event, team_id: int) -> list[RubricEntry]:
    """The team's current submitted rubrics, by rubric, oldest first."""
    query = _submitted(event, RubricEntry.team_id == team_id)
    return list(db.session.scalars(query.order_by(RubricEntry.rubric, RubricEntry.submitted_at)))
