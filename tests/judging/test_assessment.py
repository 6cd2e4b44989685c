"""Checking a filled rubric: levels, 'not judged', Exceeds notes, drafts and submissions."""

from challenges.judging.assessment import FilledRubric, Problem, check, filled_from_form
from challenges.judging.rubrics import load
from tests.judging.conftest import levels

RUBRICS = load("fll-challenge-2024")
IP = RUBRICS.rubric("innovation_project")


def problems(given: dict, notes: dict | None = None, complete: bool = True, **comments) -> list:
    return check(RUBRICS, IP, FilledRubric(given, notes or {}, **comments), complete)


def test_a_complete_rubric_has_no_problems_and_not_judged_is_an_answer():
    assert problems(levels()) == []
    assert problems(levels(ip_create_model=None)) == []


def test_exceeds_without_a_note_is_refused():
    given = levels(ip_identify_problem=4)
    assert problems(given) == [Problem("ip_identify_problem", "note_needed")]
    assert problems(given, {"ip_identify_problem": "   "}) == [
        Problem("ip_identify_problem", "note_needed")
    ]
    assert problems(given, {"ip_identify_problem": "Interviewed three experts"}) == []
    assert problems(given, complete=False) == []  # a draft may write the note later


def test_levels_outside_one_to_four_are_refused():
    for wrong in (0, 5, -1, "3", True, 2.5):
        assert problems(levels(ip_design_plan=wrong)) == [Problem("ip_design_plan", "out_of_range")]


def test_a_submission_answers_every_row_but_a_draft_may_leave_rows_open():
    given = levels()
    del given["ip_iterate_share"]
    assert problems(given) == [Problem("ip_iterate_share", "not_answered")]
    assert problems(given, complete=False) == []
    assert problems({}, complete=False) == []


def test_rows_of_another_rubric_and_overlong_texts_are_refused():
    given = levels(rd_identify_strategy=3)
    assert problems(given) == [Problem("rd_identify_strategy", "unknown_row")]
    assert problems(levels(), went_well="x" * 2001) == [Problem("went_well", "too_long")]
    assert problems(levels(), {"ip_design_plan": "x" * 501}) == [
        Problem("ip_design_plan", "note_too_long")
    ]


def test_the_plain_form_reads_levels_not_judged_and_notes():
    form = {
        "level-ip_identify_problem": "4",
        "level-ip_design_plan": "nj",
        "level-ip_iterate_share": "x",
        "note-ip_identify_problem": " Experts ",
        "went_well": " Good ",
        "think_about": "",
    }
    filled = filled_from_form(IP, form)
    assert filled.levels == {
        "ip_identify_problem": 4,
        "ip_design_plan": None,
        "ip_iterate_share": "x",
    }
    assert filled.notes == {"ip_identify_problem": "Experts"}
    assert (filled.went_well, filled.think_about) == ("Good", "")
    assert Problem("ip_iterate_share", "out_of_range") in check(RUBRICS, IP, filled, False)
