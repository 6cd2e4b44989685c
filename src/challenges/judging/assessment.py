"""Checking one filled rubric (pure).

A row holds a level 1-4, or None for "not judged", which is not the same as level 1. A draft
may leave rows open and notes unwritten; a submitted rubric answers every row, and a level
from the set's `note_required_from` (Exceeds) needs a written note.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from challenges.inputs import int_or_text
from challenges.judging.rubrics import LEVELS, Rubric, RubricSet

NOT_JUDGED = "nj"  # how a form says "not judged"
NOTE_LENGTH = 500
COMMENT_LENGTH = 2000


@dataclass(frozen=True)
class Problem:
    field: str  # a row id, or "went_well" / "think_about"
    code: str  # unknown_row, not_answered, out_of_range, note_needed, note_too_long,
    # too_long


@dataclass(frozen=True)
class FilledRubric:
    levels: dict[str, int | None]
    notes: dict[str, str]
    went_well: str = ""
    think_about: str = ""


def check(
    rubric_set: RubricSet, rubric: Rubric, filled: FilledRubric, complete: bool
) -> list[Problem]:
    """Problems of a rubric; `complete` asks every row to be answered (a submission)."""
    rows = rubric.by_id
    problems = [Problem(row, "unknown_row") for row in filled.levels if row not in rows]
    problems += [Problem(row, "unknown_row") for row in filled.notes if row not in rows]
    for row in rows:
        if row not in filled.levels:
            if complete:
                problems.append(Problem(row, "not_answered"))
            continue
        level, note = filled.levels[row], filled.notes.get(row, "")
        if level is not None and (isinstance(level, bool) or level not in LEVELS):
            problems.append(Problem(row, "out_of_range"))
        elif complete and _needs_note(rubric_set, level) and not note.strip():
            problems.append(Problem(row, "note_needed"))
        if len(note) > NOTE_LENGTH:
            problems.append(Problem(row, "note_too_long"))
    for name in ("went_well", "think_about"):
        if len(getattr(filled, name)) > COMMENT_LENGTH:
            problems.append(Problem(name, "too_long"))
    return problems


def _needs_note(rubric_set: RubricSet, level: int | None) -> bool:
    return level is not None and level >= rubric_set.note_required_from


def filled_from_json(levels: Any, notes: Any, went_well: Any, think_about: Any) -> FilledRubric:
    """A tablet's JSON: levels as numbers or null; anything else is kept to be refused."""
    return FilledRubric(
        levels=dict(levels) if isinstance(levels, Mapping) else {},
        notes={str(row): str(note) for row, note in (notes or {}).items()}
        if isinstance(notes, Mapping)
        else {},
        went_well=str(went_well or "").strip(),
        think_about=str(think_about or "").strip(),
    )


def filled_from_form(rubric: Rubric, form: Mapping[str, str]) -> FilledRubric:
    """An HTML form: `level-<row>` is "1".."4" or "nj"; `note-<row>` is the Exceeds note."""
    levels: dict[str, Any] = {}
    for row in rubric.rows:
        given = (form.get(f"level-{row.id}") or "").strip()
        if given == NOT_JUDGED:
            levels[row.id] = None
        elif given:
            levels[row.id] = int_or_text(given)
    notes = {row.id: form.get(f"note-{row.id}", "").strip() for row in rubric.rows}
    return FilledRubric(
        levels=levels,
        notes={row: note for row, note in notes.items() if note},
        went_well=form.get("went_well", "").strip(),
        think_about=form.get("think_about", "").strip(),
    )
