"""The points each answer on a Robot Game sheet brings, read from the season's scoring rules
(pure: plain data in, plain data out), for the paper scoresheet that prints them beside
every answer.

A rule that names a question gives its points to that question's answers; a mission rule
(a bonus that names no question) is shown at the answers of the first question it depends
on. Points that need other answers too carry those answers as `needs`.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from challenges.robot_game.definitions import Question, SeasonDefinition
from challenges.robot_game.evaluator import holds, rule_points

MANY = 10  # a count with a wider range gets a box to write the number in, not a box per number


@dataclass(frozen=True)
class Gain:
    """`points` an answer brings, only when every condition in `needs` holds as well."""

    points: int
    needs: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True)
class Answer:
    value: Any
    gains: tuple[Gain, ...]

    @property
    def base(self) -> int:
        return sum(gain.points for gain in self.gains if not gain.needs)


@dataclass(frozen=True)
class Written:
    """A count with a wide range: the number is written, each counted item brings `each`."""

    minimum: int
    maximum: int
    each: tuple[Gain, ...]


def values(question: Question) -> tuple[Any, ...]:
    if question.type == "yesno":
        return (False, True)
    if question.type == "count":
        return tuple(range(question.minimum, question.maximum + 1))
    return question.choices


def _anchor(rule: Mapping[str, Any]) -> str | None:
    """The question whose answers show the rule's points."""
    if rule.get("question"):
        return rule["question"]
    conditions = rule.get("when", ())
    return conditions[0]["question"] if conditions else None


def _gain(rule: Mapping[str, Any], question: str, value: Any) -> Gain | None:
    own = [c for c in rule.get("when", ()) if c["question"] == question]
    if not all(holds(condition, {question: value}) for condition in own):
        return None
    plain = {key: item for key, item in rule.items() if key != "when"}
    points = rule_points(plain, {question: value})
    needs = tuple(c for c in rule.get("when", ()) if c["question"] != question)
    return Gain(points, needs) if points else None


def answers(season: SeasonDefinition, question: Question) -> tuple[Answer, ...] | Written:
    """Every possible answer of a scored question with the points it brings."""
    rules = [rule for rule in season.scoring if _anchor(rule) == question.id]
    if question.type == "count" and question.maximum - question.minimum > MANY:
        each = tuple(
            gain
            for rule in rules
            if (gain := _gain(rule, question.id, question.minimum + 1)) is not None
        )
        return Written(question.minimum, question.maximum, each)
    return tuple(
        Answer(
            value,
            tuple(gain for rule in rules if (gain := _gain(rule, question.id, value)) is not None),
        )
        for value in values(question)
    )
