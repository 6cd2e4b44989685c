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
from challenges.robot_game import match_sheets, reviewing
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


def _compare(
    season: SeasonDefinition, sheet: ScoreSheet, partner: ScoreSheet | None
) -> Disagreement | None:
    if partner is None or sheet.no_show:
        return None
    differing = {
        question: (sheet.answers.get(question), partner.answers.get(question))
        for question in season.shared_questions
        if sheet.answers.get(question) != partner.answers.get(question)
    }
    return Disagreement(sheet, partner, differing) if differing else None


def _active(event: Event) -> list[ScoreSheet]:
    return [
        sheet for sheet in match_sheets.current_sheets(event) if sheet.status in match_sheets.ACTIVE
    ]


def disagreement(event: Event, season: SeasonDefinition, sheet: ScoreSheet) -> Disagreement | None:
    if not season.shared_questions:
        return None
    return _compare(season, sheet, _partners(event, _active(event)).get(sheet.id))


def _partners(event: Event, active: list[ScoreSheet]) -> dict[int, ScoreSheet]:
    """Sheet id -> the current sheet (waiting or verified) of the match played at the paired
    table at the same moment, for every given sheet at once (one query for the matches)."""
    matches = db.session.scalars(
        select(ScheduleEntry).where(
            ScheduleEntry.event_id == event.id, ScheduleEntry.kind.in_(match_sheets.MATCH_KINDS)
        )
    ).all()
    by_id = {match.id: match for match in matches}
    by_slot = {(m.kind, m.round, m.place, m.starts_at): m for m in matches}
    first_sheet: dict[tuple, ScoreSheet] = {}
    for sheet in sorted(active, key=lambda found: found.id):
        if not sheet.no_show:
            first_sheet.setdefault(sheet.match_key, sheet)
    partners = {}
    for sheet in active:
        entry = by_id.get(sheet.match_id)
        if entry is None or (place := partner_table(entry.place)) is None:
            continue
        other = by_slot.get((entry.kind, entry.round, place, entry.starts_at))
        found = other and first_sheet.get((other.team_id, other.kind, other.round))
        if found:
            partners[sheet.id] = found
    return partners


def disagreements(event: Event) -> list[Disagreement]:
    """Every pair of current sheets that disagree on a shared answer, each pair once."""
    season = match_sheets.season_of(event)
    if not season.shared_questions:
        return []
    active = _active(event)
    partners = _partners(event, active)
    found, seen = [], set()
    for sheet in active:
        if sheet.id in seen:
            continue
        pair = _compare(season, sheet, partners.get(sheet.id))
        if pair is not None and pair.partner.id not in seen:
            seen |= {sheet.id, pair.partner.id}
            found.append(pair)
    return found


def check_agrees(event: Event, sheet: ScoreSheet) -> None:
    """Verification waits until both tables of the pair agree on the shared answers."""
    if disagreement(event, match_sheets.season_of(event), sheet) is not None:
        raise DomainError(
            _(
                "The other table of this pair recorded a different value for the shared mission: "
                "settle it first."
            ),
            status=409,
        )


def warnings(event: Event, sheet: ScoreSheet) -> dict[str, str]:
    """Field-level notes for the referee whose sheet disagrees with the paired table."""
    pair = disagreement(event, match_sheets.season_of(event), sheet)
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
    season = match_sheets.season_of(event)
    pair = disagreement(event, season, sheet)
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
            reviewing.edit(event, found, settled, user, verify=False)
            changed += 1
    return changed
