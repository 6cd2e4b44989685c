"""What a sheet's problems say, in the user's language (texts of the labels file + gettext)."""

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
