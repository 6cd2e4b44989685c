"""Rubric sets: one data file per set in `rubric_sets/`, chosen by a season (pure).

A set holds the four levels, the rubrics (sections of rows, each row with Dutch and English
descriptors for levels 1-3 and a weight), the level from which a written note is required
(Exceeds) and, for FLL, which rows count towards Core Values. A new rubric is a new file.
"""

import json
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("nl", "en")
LEVELS = (1, 2, 3, 4)
PLACES_ARE = ("finalists", "ordinal", "winners")


@dataclass(frozen=True)
class Award:
    id: str
    name: dict[str, str]
    about: dict[str, str]
    basis: str
    places: int
    judged: bool
    optional: bool
    places_are: str

    @property
    def area(self) -> str | None:
        return self.basis.removeprefix("area:") if self.basis.startswith("area:") else None


def award_from(item: dict) -> Award:
    return Award(
        id=item["id"],
        name=item["name"],
        about=item["about"],
        basis=item["basis"],
        places=int(item["places"]),
        judged=bool(item.get("judged", True)),
        optional=bool(item.get("optional", False)),
        places_are=item.get("places_are", "winners"),
    )


class UnknownRubricSet(LookupError):
    pass


class BrokenRubricSet(ValueError):
    """A rubric file that does not follow the format; the message says where."""


def text(texts: dict[str, str], language: str) -> str:
    return texts.get(language) or texts["en"]


@dataclass(frozen=True)
class Row:
    id: str
    title: dict[str, str]
    levels: dict[str, dict[str, str]]  # "1".."3" -> texts; Exceeds has no descriptor
    section: str
    core_value: str | None = None
    weight: float = 1.0


@dataclass(frozen=True)
class Section:
    id: str
    name: dict[str, str]
    criterion: dict[str, str]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Rubric:
    id: str
    name: dict[str, str]
    sections: tuple[Section, ...]

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(row for section in self.sections for row in section.rows)

    @property
    def by_id(self) -> dict[str, Row]:
        return {row.id: row for row in self.rows}


@dataclass(frozen=True)
class RubricSet:
    key: str
    name: dict[str, str]
    levels: dict[int, dict[str, str]]
    note_required_from: int
    rubrics: tuple[Rubric, ...]
    core_values: dict[str, Any] | None = field(default=None, repr=False)
    awards: tuple[Award, ...] = ()

    def rubric(self, rubric_id: str) -> Rubric:
        for rubric in self.rubrics:
            if rubric.id == rubric_id:
                return rubric
        raise KeyError(rubric_id)

    @property
    def rubric_ids(self) -> list[str]:
        return [rubric.id for rubric in self.rubrics]

    @property
    def has_core_values(self) -> bool:
        return self.core_values is not None

    @property
    def counts_gracious_professionalism(self) -> bool:
        return bool(self.core_values and self.core_values.get("gracious_professionalism"))

    def core_value_rows(self) -> list[Row]:
        return [row for rubric in self.rubrics for row in rubric.rows if row.core_value]


def adjusted(rubric_set: RubricSet, changes: dict[str, tuple[float, dict[str, str]]]) -> RubricSet:
    """The set with some rows' weights and titles changed: row id -> (weight, titles)."""

    def row(found: Row) -> Row:
        if found.id not in changes:
            return found
        weight, titles = changes[found.id]
        return replace(found, weight=weight, title=found.title | titles)

    rubrics = tuple(
        replace(
            rubric,
            sections=tuple(
                replace(section, rows=tuple(row(r) for r in section.rows))
                for section in rubric.sections
            ),
        )
        for rubric in rubric_set.rubrics
    )
    return replace(rubric_set, rubrics=rubrics)


def _folder():
    return resources.files("challenges.judging").joinpath("rubric_sets")


def rubric_set_keys() -> list[str]:
    names = (entry.name for entry in _folder().iterdir())
    return sorted(name.removesuffix(".json") for name in names if name.endswith(".json"))


@cache
def load(key: str) -> RubricSet:
    if key not in rubric_set_keys():
        raise UnknownRubricSet(key)
    return parse(json.loads(_folder().joinpath(f"{key}.json").read_text(encoding="utf-8")))


def parse(document: dict) -> RubricSet:
    try:
        rubric_set = RubricSet(
            key=document["key"],
            name=document["name"],
            levels={int(level["value"]): level["name"] for level in document["levels"]},
            note_required_from=int(document.get("note_required_from", 4)),
            rubrics=tuple(_rubric(item) for item in document["rubrics"]),
            core_values=document.get("core_values"),
            awards=tuple(award_from(item) for item in document.get("awards", [])),
        )
    except (KeyError, TypeError, ValueError) as missing:
        raise BrokenRubricSet(f"{document.get('key', '?')}: missing or wrong {missing}") from None
    problems = _problems(rubric_set)
    if problems:
        raise BrokenRubricSet(f"{rubric_set.key}: " + "; ".join(problems))
    return rubric_set


def _rubric(item: dict) -> Rubric:
    sections = tuple(
        Section(
            id=section["id"],
            name=section["name"],
            criterion=section.get("criterion") or section["name"],
            rows=tuple(
                Row(
                    id=row["id"],
                    title=row["title"],
                    levels=row["levels"],
                    section=section["id"],
                    core_value=row.get("core_value"),
                    weight=float(row.get("weight", 1)),
                )
                for row in section["rows"]
            ),
        )
        for section in item["sections"]
    )
    return Rubric(id=item["id"], name=item["name"], sections=sections)


def _problems(rubric_set: RubricSet) -> list[str]:
    problems = []
    if tuple(sorted(rubric_set.levels)) != LEVELS:
        problems.append("levels must be 1, 2, 3 and 4")
    if rubric_set.note_required_from not in LEVELS:
        problems.append("note_required_from must be a level")
    row_ids = [row.id for rubric in rubric_set.rubrics for row in rubric.rows]
    duplicates = sorted({row for row in row_ids if row_ids.count(row) > 1})
    if duplicates:
        problems.append(f"row ids used twice: {', '.join(duplicates)}")
    if len(set(rubric_set.rubric_ids)) != len(rubric_set.rubrics):
        problems.append("rubric ids used twice")
    problems.extend(_award_problems(rubric_set))
    known_values = set((rubric_set.core_values or {}).get("values", {}))
    for rubric in rubric_set.rubrics:
        if not rubric.rows:
            problems.append(f"{rubric.id} has no rows")
        for row in rubric.rows:
            problems.extend(_row_problems(row, known_values))
    return problems


def _award_problems(rubric_set: RubricSet) -> list[str]:
    areas = set(rubric_set.rubric_ids) | ({"core_values"} if rubric_set.has_core_values else set())
    bases = {"ranking", "robot_game", "choice", "nomination", "public_vote"}
    problems = []
    ids = [award.id for award in rubric_set.awards]
    if len(set(ids)) != len(ids):
        problems.append("award ids used twice")
    for award in rubric_set.awards:
        if award.basis not in bases and award.area not in areas:
            problems.append(f"{award.id}: unknown basis {award.basis}")
        if award.places < 1 or award.places_are not in PLACES_ARE:
            problems.append(f"{award.id}: places must be 1 or more, as {', '.join(PLACES_ARE)}")
    return problems


def _row_problems(row: Row, known_values: set[str]) -> list[str]:
    problems = []
    if row.weight <= 0:
        problems.append(f"{row.id}: the weight must be above 0")
    if row.core_value and row.core_value not in known_values:
        problems.append(f"{row.id}: unknown core value {row.core_value}")
    texts = [row.title] + [row.levels.get(str(level), {}) for level in (1, 2, 3)]
    if any(set(texts_) != set(LANGUAGES) or not all(texts_.values()) for texts_ in texts):
        problems.append(f"{row.id}: needs a title and level 1-3 texts in Dutch and English")
    return problems
