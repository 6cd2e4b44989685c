"""Cooperative missions: both tables of a pair record the shared answer and both teams score
it; when the two sheets of a match disagree, the head referee settles the value for both.
Never commits.

Tables pair up as 1-2, 3-4, ...; the partner of a match is the match at the paired table
that starts at the same moment, in the same round.
"""

import re
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from challenges.auth.models import User
from challenges.errors import DomainError
from challenges.events.models import Event, ScheduleEntry
from challenges.extensions import db
from challenges.i18n import current_language
from challenges.robot_game import sheets
from challenges.robot_game.definitions import SeasonDefinition
from challenges.robot_game.evaluator import evaluate
from challenges.robot_game.messages import problem_message
from challenges.robot_game.models import ScoreSheet

TABLE = re.compile(r"^table (\d+)$")


def partner_table(place: str) -> str | None:
    """'table 3' -> 'table 4', 'table 4' -> 'table 3'; None for anything else."""
    found = TABLE.match(place)
    if found is None:
        return None
    number = int(found.group(1))
    return f"table {number + 1 if number % 2 else number - 1}"


@dataclass
class Disagreement:
    sheet: ScoreSheet
    partner: ScoreSheet
    answers: dict[str, tuple[Any, Any]]  # question -> (this sheet's, the partner's)


def partner_sheet(sheet: ScoreSheet) -> ScoreSheet | None:
    """The current sheet (waiting or verified) of the match played at the paired table."""
    entry = db.session.get(ScheduleEntry, sheet.match_id) if sheet.match_id else None
    other_place = partner_table(entry.place) if entry else None
    if other_place is None:
        return None
    other = db.session.scalar(
        select(ScheduleEntry).where(
            ScheduleEntry.event_id == entry.event_id,
            ScheduleEntry.kind == entry.kind,
            ScheduleEntry.round == entry.round,
            ScheduleEntry.place == other_place,
            ScheduleEntry.starts_at == entry.starts_at,
        )
    )
    if other is None:
        return None
    return db.session.scalar(
        select(ScoreSheet)
        .where(
            *sheets.current_for(entry.event_id, other.team_id, other.kind, other.round),
            ScoreSheet.status.in_(sheets.ACTIVE),
            ScoreSheet.no_show.is_(False),
        )
        .order_by(ScoreSheet.id)
    )


def disagreement(season: SeasonDefinition, sheet: ScoreSheet) -> Disagreement | None:
    shared = season.shared_questions
    if not shared or sheet.no_show:
        return None
    partner = partner_sheet(sheet)
    if partner is None:
        return None
    differing = {
        question: (sheet.answers.get(question), partner.answers.get(question))
        for question in shared
        if sheet.answers.get(question) != partner.answers.get(question)
    }
    return Disagreement(sheet, partner, differing) if differing else None


def disagreements(event: Event) -> list[Disagreement]:
    """Every pair of current sheets that disagree on a shared answer, each pair once."""
    season = sheets.season_of(event)
    if not season.shared_questions:
        return []
    found, seen = [], set()
    for sheet in sheets.current_sheets(event):
        if sheet.status not in sheets.ACTIVE or sheet.id in seen:
            continue
        pair = disagreement(season, sheet)
        if pair is not None and pair.partner.id not in seen:
            seen |= {sheet.id, pair.partner.id}
            found.append(pair)
    return found


def check_agrees(event: Event, sheet: ScoreSheet) -> None:
    """Verification waits until both tables of the pair agree on the shared answers."""
    if disagreement(sheets.season_of(event), sheet) is not None:
        raise DomainError(
            _(
                "The other table of this pair recorded a different value for the shared mission: "
                "settle it first."
            ),
            status=409,
        )


def warnings(event: Event, sheet: ScoreSheet) -> dict[str, str]:
    """Field-level notes for the referee whose sheet disagrees with the paired table."""
    pair = disagreement(sheets.season_of(event), sheet)
    if pair is None:
        return {}
    return {
        question: _(
            "The other table of this pair entered %(theirs)s; the head referee settles it.",
            theirs=theirs,
        )
        for question, (_mine, theirs) in pair.answers.items()
    }


def settle(event: Event, sheet: ScoreSheet, values: dict[str, Any], user: User) -> int:
    """Give both sheets of the pair the settled shared values (new versions where they
    differ, each keeping its status); returns how many sheets changed."""
    season = sheets.season_of(event)
    pair = disagreement(season, sheet)
    if pair is None:
        raise DomainError(_("These sheets agree; there is nothing to settle."), status=409)
    unknown = set(values) - set(season.shared_questions)
    if unknown or set(pair.answers) - set(values):
        raise DomainError(_("Give a value for every shared answer that differs."), "value")
    wrong = [p for p in evaluate(season, values).problems if p.question in values]
    if wrong:
        raise DomainError(problem_message(season, wrong[0], current_language()), "value")
    changed = 0
    for found in (pair.sheet, pair.partner):
        settled = found.answers | values
        if settled != found.answers:
            sheets.edit(event, found, settled, user, verify=False)
            changed += 1
    return changed
