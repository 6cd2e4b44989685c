"""The authoritative score of one robot-game sheet (pure; mirrored by evaluate.js).

An answer that is missing (and has no start value), of the wrong type or out of range is an
error and takes no part in scoring; constraints between answers are errors too, but the
score still counts what is valid, so a referee sees both the total and what to fix.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from challenges.inputs import int_or_text
from challenges.robot_game.definitions import Question, SeasonDefinition


@dataclass(frozen=True)
class Problem:
    question: str
    code: str  # unknown_question, not_answered, not_yes_no, not_a_number, ...
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Evaluation:
    score: int
    missions: dict[str, int]
    problems: list[Problem]
    answers: dict[str, Any]  # the valid answers, start values filled in

    @property
    def valid(self) -> bool:
        return not self.problems


def evaluate(season: SeasonDefinition, answers: Mapping[str, Any]) -> Evaluation:
    known = season.by_id
    problems = [Problem(key, "unknown_question") for key in answers if key not in known]
    valid: dict[str, Any] = {}
    for question in season.questions:
        if question.id in answers:
            problem = check_answer(question, answers[question.id])
            if problem:
                problems.append(problem)
            else:
                valid[question.id] = answers[question.id]
        elif question.has_start:
            valid[question.id] = question.start
        else:
            problems.append(Problem(question.id, "not_answered"))
    missions = dict.fromkeys(season.missions, 0)
    for rule in season.scoring:
        mission = rule.get("mission") or known[rule["question"]].mission
        missions[mission] += rule_points(rule, valid)
    problems += [
        Problem(constraint["question"], "constraint", {"id": constraint["id"]})
        for constraint in season.constraints
        if breaks(constraint, valid)
    ]
    return Evaluation(sum(missions.values()), missions, problems, valid)


def check_answer(question: Question, value: Any) -> Problem | None:
    if question.type == "yesno":
        return None if isinstance(value, bool) else Problem(question.id, "not_yes_no")
    if question.type == "count":
        if not isinstance(value, int) or isinstance(value, bool):
            return Problem(question.id, "not_a_number")
        if not question.minimum <= value <= question.maximum:
            return Problem(
                question.id, "out_of_range", {"min": question.minimum, "max": question.maximum}
            )
        return None
    if any(value == choice and type(value) is type(choice) for choice in question.choices):
        return None
    return Problem(question.id, "not_a_choice", {"choices": ", ".join(map(str, question.choices))})


def holds(condition: Mapping[str, Any], answers: Mapping[str, Any]) -> bool:
    """{"question": q, "is": v} or {"question": q, "atLeast": n}; false when q is invalid."""
    if condition["question"] not in answers:
        return False
    value = answers[condition["question"]]
    if "is" in condition:
        return value == condition["is"] and type(value) is type(condition["is"])
    return value >= condition["atLeast"]


def rule_points(rule: Mapping[str, Any], answers: Mapping[str, Any]) -> int:
    question = rule.get("question")
    if question is not None and question not in answers:
        return 0
    if not all(holds(condition, answers) for condition in rule.get("when", ())):
        return 0
    value = answers.get(question)
    if "each" in rule:
        return value * rule["each"]
    if "table" in rule:
        return rule["table"][value]
    if "choices" in rule:
        return rule["choices"].get(str(value), 0)
    if question is not None and value is not True:
        return 0  # {"question": q, "points": p}: p when q is answered yes
    return rule["points"]


def term_value(term: Mapping[str, Any], answers: Mapping[str, Any]) -> int:
    if "constant" in term:
        return term["constant"]
    if "is" in term or "atLeast" in term:
        return int(holds(term, answers))
    return int(answers[term["question"]])


def breaks(constraint: Mapping[str, Any], answers: Mapping[str, Any]) -> bool:
    """Checked only when every question it names has a valid answer."""
    named = [constraint["question"]] + [
        part["question"]
        for key in ("if", "then", "atMost")
        for part in constraint.get(key, ())
        if "question" in part
    ]
    if any(question not in answers for question in named):
        return False
    if "atMost" in constraint:
        limit = sum(term_value(term, answers) for term in constraint["atMost"])
        return answers[constraint["question"]] > limit
    return all(holds(c, answers) for c in constraint["if"]) and not all(
        holds(c, answers) for c in constraint["then"]
    )


def answers_from_strings(season: SeasonDefinition, given: Mapping[str, str]) -> dict[str, Any]:
    """A submitted HTML form's answers, typed; what cannot be read is kept for the checks."""
    answers: dict[str, Any] = {}
    for question in season.questions:
        text = (given.get(question.id) or "").strip()
        if not text:
            continue
        if question.type == "yesno":
            answers[question.id] = {"yes": True, "no": False}.get(text, text)
        elif question.type == "count":
            answers[question.id] = int_or_text(text)
        else:
            answers[question.id] = next((c for c in question.choices if str(c) == text), text)
    return answers
