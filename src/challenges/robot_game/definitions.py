"""Season definitions: one rules file and one labels file per season in `seasons/` (pure).

A rules file lists the questions (yes/no, count with min/max, one-of choices; an optional
start value where the official sheet starts from a known state), the scoring rules and the
constraints between answers. The labels file holds the Dutch and English texts. A new season
is a new pair of files; `evaluator.py` and `static/js/robot-game/evaluate.js` read both.
"""

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("nl", "en")
QUESTION_TYPES = ("yesno", "count", "choice")
RULE_KINDS = ("points", "each", "table", "choices")
NO_START = object()


class UnknownSeason(LookupError):
    pass


class BrokenDefinition(ValueError):
    """A season file that does not follow the format; the message says where."""


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    mission: str | None = None  # None: recorded, not scored (Gracious Professionalism)
    minimum: int = 0
    maximum: int = 0
    choices: tuple[Any, ...] = ()
    start: Any = NO_START
    shared: bool = False  # cooperative: both tables of a pair record it and score it in full

    @property
    def has_start(self) -> bool:
        return self.start is not NO_START


@dataclass(frozen=True)
class SeasonDefinition:
    key: str
    name: str
    season: str
    maximum: int
    questions: tuple[Question, ...]
    scoring: tuple[dict, ...]
    constraints: tuple[dict, ...]
    labels: dict = field(repr=False)
    document: dict = field(repr=False)  # the rules file as read, for the browser evaluator

    @property
    def by_id(self) -> dict[str, Question]:
        return {question.id: question for question in self.questions}

    @property
    def missions(self) -> list[str]:
        return list(dict.fromkeys(q.mission for q in self.questions if q.mission))

    @property
    def shared_questions(self) -> list[str]:
        return [question.id for question in self.questions if question.shared]

    def start_sheet(self) -> dict[str, Any]:
        return {q.id: q.start for q in self.questions if q.has_start}

    def label(self, kind: str, key: str, language: str) -> str:
        texts = self.labels[kind][key]
        return texts.get(language) or texts["en"]

    def choice_label(self, question: str, choice: Any, language: str) -> str:
        texts = self.labels.get("choices", {}).get(question, {}).get(str(choice))
        return (texts.get(language) or texts["en"]) if texts else str(choice)


def _folder():
    return resources.files("challenges.robot_game").joinpath("seasons")


def season_keys() -> list[str]:
    names = (entry.name for entry in _folder().iterdir())
    return sorted(
        name.removesuffix(".json")
        for name in names
        if name.endswith(".json") and not name.endswith(".labels.json")
    )


@cache
def load(key: str) -> SeasonDefinition:
    if key not in season_keys():
        raise UnknownSeason(key)
    rules = json.loads(_folder().joinpath(f"{key}.json").read_text("utf-8"))
    labels = json.loads(_folder().joinpath(f"{key}.labels.json").read_text("utf-8"))
    return parse(rules, labels)


def parse(rules: dict, labels: dict) -> SeasonDefinition:
    try:
        questions = tuple(_question(item) for item in rules["questions"])
        definition = SeasonDefinition(
            key=rules["key"],
            name=rules["name"],
            season=rules["season"],
            maximum=int(rules["maximum"]),
            questions=questions,
            scoring=tuple(rules["scoring"]),
            constraints=tuple(rules.get("constraints", ())),
            labels=labels,
            document=rules,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise BrokenDefinition(f"{rules.get('key', '?')}: {error!r}") from None
    _check(definition)
    return definition


def _question(item: dict) -> Question:
    if item["type"] not in QUESTION_TYPES:
        raise ValueError(f"question {item['id']}: unknown type {item['type']}")
    return Question(
        id=item["id"],
        type=item["type"],
        mission=item.get("mission"),
        minimum=int(item.get("min", 0)),
        maximum=int(item.get("max", 0)),
        choices=tuple(item.get("choices", ())),
        start=item.get("start", NO_START),
        shared=bool(item.get("shared", False)),
    )


def _check(definition: SeasonDefinition) -> None:
    """Every reference points at a question and every text exists in both languages."""
    problems = _rule_problems(definition) + _label_problems(definition)
    if problems:
        raise BrokenDefinition(f"{definition.key}: " + "; ".join(problems))


def _rule_problems(definition: SeasonDefinition) -> list[str]:
    known = definition.by_id
    problems = []
    for rule in definition.scoring:
        kinds = [kind for kind in RULE_KINDS if kind in rule]
        if len(kinds) != 1:
            problems.append(f"scoring rule {rule}: needs exactly one of {RULE_KINDS}")
        if kinds != ["points"] and rule.get("question") not in known:
            problems.append(f"scoring rule {rule}: needs a known question")
        if rule.get("question") is None and "mission" not in rule:
            problems.append(f"scoring rule {rule}: needs a question or a mission")
    references = [c.get("question") for rule in definition.scoring for c in rule.get("when", ())]
    for constraint in definition.constraints:
        references.append(constraint.get("question"))
        for part in ("if", "then", "atMost"):
            references += [c["question"] for c in constraint.get(part, ()) if "question" in c]
    return problems + [f"unknown question {ref}" for ref in references if ref not in known]


def _label_problems(definition: SeasonDefinition) -> list[str]:
    problems = [
        f"constraint {constraint['id']}: no message in the labels file"
        for constraint in definition.constraints
        if constraint["id"] not in definition.labels.get("constraints", {})
    ]
    for kind, keys in (("missions", definition.missions), ("questions", list(definition.by_id))):
        for key in keys:
            texts = definition.labels.get(kind, {}).get(key, {})
            if any(not texts.get(language) for language in LANGUAGES):
                problems.append(f"{kind} {key}: needs a Dutch and an English label")
    return problems
