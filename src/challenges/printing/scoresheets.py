"""The Robot Game scoresheet on paper: a season's missions, questions and the points of every
answer in the reader's language, blank (the referees' fallback) or filled in (a recorded
sheet, ticked, with its points)."""

from collections.abc import Mapping
from string import ascii_lowercase
from typing import IO, Any

from flask_babel import gettext as _

from challenges.database import utcnow
from challenges.events.models import Event
from challenges.i18n import current_language as language
from challenges.labels import location_label
from challenges.printing import answer_points
from challenges.printing.answer_points import Answer, Gain, Written
from challenges.printing.pages import DocumentInfo
from challenges.printing.sheet_layout import (
    Choice,
    Field,
    Mission,
    Question,
    SheetForm,
    draw_sheet,
)
from challenges.robot_game.definitions import Question as SeasonQuestion
from challenges.robot_game.definitions import SeasonDefinition
from challenges.robot_game.evaluator import evaluate
from challenges.robot_game.models import ScoreSheet

MARKS = ("*", "**", "***", "†", "‡")


class Sheet:
    """A season's texts in one language, and the answers of a filled sheet (if any)."""

    def __init__(self, season: SeasonDefinition, answers: Mapping[str, Any] | None) -> None:
        self.season = season
        self.lang = language()
        self.answers = answers
        self.letters = {}
        for mission in season.missions:
            ids = [q.id for q in season.questions if q.mission == mission]
            if len(ids) > 1:
                self.letters |= dict(zip(ids, ascii_lowercase, strict=False))

    def answer_label(self, question: str, value: Any) -> str:
        if value is True:
            return _("Yes")
        if value is False:
            return _("No")
        return self.season.choice_label(question, value, self.lang)

    def reference(self, question: str, mission: str) -> str:
        """How a note names another question: its letter within the same mission."""
        found = self.season.by_id[question]
        letter = self.letters.get(question, "")
        if found.mission == mission and letter:
            return letter
        code = (found.mission or "").upper()
        return f"{code}{letter}" if code else self.season.label("questions", question, self.lang)

    def condition(self, condition: Mapping[str, Any], mission: str) -> str:
        name = self.reference(condition["question"], mission)
        if "atLeast" in condition:
            return f"{name} ≥ {condition['atLeast']}"
        return f"{name} = {self.answer_label(condition['question'], condition['is'])}"

    def order(self, condition: tuple) -> int:
        """Conditions in the order of the sheet's questions (a before b)."""
        return list(self.season.by_id).index(dict(condition)["question"])

    def ticked(self, question: str, value: Any) -> bool:
        return self.answers is not None and self.answers.get(question) == value

    def choices(
        self, question: SeasonQuestion, found: tuple[Answer, ...] | Written, marks: dict
    ) -> tuple[Choice, ...]:
        """Every answer with the points it brings (a number to write for a wide count)."""
        if isinstance(found, Written):
            given = self.answers.get(question.id) if self.answers is not None else None
            written = "______" if given is None else str(given)
            each = " ".join(self.points_text(gain, marks) for gain in found.each)
            return (
                Choice(
                    _(
                        "number: %(number)s (%(minimum)s-%(maximum)s)",
                        number=written,
                        minimum=found.minimum,
                        maximum=found.maximum,
                    ),
                    _("%(points)s each", points=each),
                    box=False,
                ),
            )
        return tuple(
            Choice(
                self.answer_label(question.id, answer.value),
                self.answer_points(answer, marks),
                self.ticked(question.id, answer.value),
            )
            for answer in found
        )

    def points_text(self, gain: Gain, marks: dict) -> str:
        """The points, with the mark of the note that says what else they need."""
        if not gain.needs:
            return str(gain.points)
        mark = marks.setdefault(tuple(map(_key, gain.needs)), MARKS[len(marks) % len(MARKS)])
        return f"{gain.points}{mark}"

    def answer_points(self, answer: Answer, marks: dict) -> str:
        """What an answer brings: "20", or "10*" (only with another answer), or "0"."""
        parts = [str(answer.base)] if answer.base or not answer.gains else []
        for gain in answer.gains:
            if gain.needs:
                text = self.points_text(gain, marks)
                parts.append(f"+{text}" if parts else text)
        return " ".join(parts)

    def question(self, question: SeasonQuestion) -> Question:
        """A question with its letter, its answers and the notes on their points."""
        marks: dict[tuple, str] = {}
        choices = self.choices(question, answer_points.answers(self.season, question), marks)
        both = " " + _("and") + " "
        notes = tuple(
            f"{mark} "
            + _(
                "only if %(conditions)s",
                conditions=both.join(
                    self.condition(dict(condition), question.mission)
                    for condition in sorted(needed, key=self.order)
                ),
            )
            for needed, mark in marks.items()
        )
        text = self.season.label("questions", question.id, self.lang)
        return Question(text, choices, notes, self.letters.get(question.id, ""))


def _key(condition: Mapping[str, Any]) -> tuple:
    return tuple(sorted(condition.items()))


def _round(sheet: ScoreSheet) -> str:
    kinds = {"practice": _("practice round"), "ranking": _("ranking round")}
    return f"{kinds.get(sheet.round_kind, sheet.round_kind)} {sheet.round}"


def sheet_form(
    season: SeasonDefinition, sheet: ScoreSheet | None = None, event: Event | None = None
) -> SheetForm:
    """The scoresheet's texts: blank, or filled in from a recorded sheet."""
    texts = Sheet(season, sheet.answers if sheet else None)
    points = evaluate(season, sheet.answers).missions if sheet else {}
    missions = tuple(
        Mission(
            season.label("missions", mission, texts.lang),
            tuple(texts.question(q) for q in season.questions if q.mission == mission),
            str(points.get(mission, 0)) if sheet else "",
        )
        for mission in season.missions
    )
    gp = next(q for q in season.questions if not q.mission)
    what = _("Robot Game scoresheet")
    subtitle = " · ".join(part for part in (season.name, season.season) if part)
    return SheetForm(
        title=what,
        subtitle=subtitle,
        event=event.name if event else "",
        instruction=_(
            "Tick one answer per question; beneath each answer stand the points it brings. "
            "Write each mission's points in the box beside its name and add them up "
            "(at most %(maximum)s points).",
            maximum=season.maximum,
        ),
        top=(
            Field(_("Team"), sheet.team.name if sheet else ""),
            Field(_("Table"), location_label(sheet.table) if sheet else ""),
            Field(_("Round"), _round(sheet) if sheet else ""),
        ),
        missions=missions,
        gp=Question(
            season.label("questions", gp.id, texts.lang),
            tuple(
                Choice(texts.answer_label(gp.id, c), "", texts.ticked(gp.id, c)) for c in gp.choices
            ),
            (_("Not part of the score: how the team worked with others at the table."),),
        ),
        bottom=(
            Field(_("Referee"), sheet.referee_name if sheet else ""),
            Field(_("Team agrees (initials)")),
            Field(
                _("Total (at most %(maximum)s)", maximum=season.maximum),
                str(sheet.score) if sheet else "",
            ),
        ),
        status=_status(sheet),
        info=DocumentInfo(
            f"{what} · {season.name}", event.name if event else season.season, utcnow()
        ),
    )


def _status(sheet: ScoreSheet | None) -> str:
    if sheet is None:
        return ""
    return _(
        "Total: %(score)s points · version %(version)s · referee %(referee)s · verified by "
        "%(verified)s",
        score=sheet.score,
        version=sheet.version,
        referee=sheet.referee_name,
        verified=sheet.reviewed_by or "-",
    )


def write_scoresheet(
    out: IO[bytes],
    season: SeasonDefinition,
    sheet: ScoreSheet | None = None,
    event: Event | None = None,
) -> int:
    return draw_sheet(out, sheet_form(season, sheet, event))
