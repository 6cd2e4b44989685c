"""What a sheet's problems and reviews say, in the user's language (texts of the labels file +
gettext)."""

from flask_babel import lazy_gettext as _l

from challenges.robot_game.definitions import SeasonDefinition
from challenges.robot_game.evaluator import Problem

PROBLEM_TEXTS = {
    "unknown_question": _l("There is no such question on this season's sheet."),
    "not_answered": _l("Answer this question."),
    "not_yes_no": _l("Answer yes or no."),
    "not_a_number": _l("Give a whole number."),
    "out_of_range": _l("Give a number from %(min)s to %(max)s."),
    "not_a_choice": _l("Choose one of: %(choices)s."),
}

# Why the app set a sheet aside: stored as the key, read in the reader's language. A reason a
# head referee typed (a rejection, a re-run) is stored and shown as typed.
REVIEW_REASONS = {
    "replaced_by_edit": _l("Replaced by the head referee's edit."),
    "did_not_come": _l("The team did not come to the table."),
    "no_show": _l("No-show"),
    "replaced_by_late_sheet": _l("Replaced by a sheet that arrived late."),
}


def review_reason(stored: str | None) -> str | None:
    """A sheet's review reason as the reader reads it (`REVIEW_REASONS`), else as typed."""
    return str(REVIEW_REASONS[stored]) if stored in REVIEW_REASONS else stored


def problem_message(season: SeasonDefinition, problem: Problem, language: str) -> str:
    if problem.code == "constraint":
        return season.label("constraints", problem.params["id"], language)
    return (
        str(PROBLEM_TEXTS[problem.code]) % problem.params
        if problem.params
        else str(PROBLEM_TEXTS[problem.code])
    )


def browser_texts(season: SeasonDefinition, language: str) -> dict[str, str]:
    """The same texts for the tablet's evaluator; it fills in %(min)s and the like itself."""
    texts = {code: str(text) for code, text in PROBLEM_TEXTS.items()}
    texts |= {
        f"constraint:{c['id']}": season.label("constraints", c["id"], language)
        for c in season.constraints
    }
    return texts
