"""One action, one transaction: what the helpers in `challenges.actions` commit, roll back and
answer."""

from flask import get_flashed_messages
from sqlalchemy import select

from challenges.actions import attempt, run_action, run_json_action
from challenges.auth.models import User
from challenges.errors import DomainError
from challenges.extensions import db
from tests.factories import make_user


def stored_name(user_id: int) -> str:
    db.session.remove()  # a fresh session: only what was committed
    return db.session.scalar(select(User.name).where(User.id == user_id))


def rename(user: User, name: str, refusal: DomainError | None = None) -> str:
    user.name = name
    db.session.flush()
    if refusal:
        raise refusal
    return name


def test_attempt_commits_what_the_action_did_and_returns_its_result(app):
    user = make_user(name="Anna")
    with app.test_request_context(method="POST"):
        assert attempt(lambda: rename(user, "Bram")) == "Bram"
    assert stored_name(user.id) == "Bram"


def test_attempt_rolls_a_refusal_back_and_returns_it(app):
    user = make_user(name="Anna")
    refusal = DomainError("Nee", "name", 409)
    with app.test_request_context(method="POST"):
        assert attempt(lambda: rename(user, "Bram", refusal)) is refusal
    assert stored_name(user.id) == "Anna"


def test_run_action_flashes_success_in_its_category_and_a_refusal_as_an_error(app):
    user = make_user(name="Anna")
    with app.test_request_context(method="POST"):
        assert run_action(lambda: rename(user, "Bram"), "Klaar", "info") is True
        assert run_action(lambda: rename(user, "Cas", DomainError("Nee")), "Klaar") is False
        assert get_flashed_messages(with_categories=True) == [("info", "Klaar"), ("error", "Nee")]
    assert stored_name(user.id) == "Bram"


def test_run_json_action_answers_the_body_and_status_after_the_commit(app):
    user = make_user(name="Anna")
    with app.test_request_context(method="POST"):
        response, status = run_json_action(lambda: ({"name": rename(user, "Bram")}, 201))
        assert (status, response.json) == (201, {"name": "Bram"})
    assert stored_name(user.id) == "Bram"


def test_run_json_action_refuses_with_the_problems_and_the_details_after_the_rollback(app):
    user = make_user(name="Anna")
    problems = {"name": "Te kort", "email": "Bezet"}
    refusal = DomainError("Niet opgeslagen", status=422, problems=problems)
    with app.test_request_context(method="POST"):
        response, status = run_json_action(
            lambda: rename(user, "B", refusal),
            lambda error: {"kept": stored_name(user.id) == "Anna"},
        )
    assert status == 422
    assert response.json["stored"] is False
    assert response.json["message"] == "Niet opgeslagen"
    assert response.json["problems"] == problems
    assert response.json["kept"] is True


def test_a_refusal_of_one_field_names_that_field_as_its_problem(app):
    with app.test_request_context(method="POST"):
        response, status = run_json_action(
            lambda: rename(make_user(), "X", DomainError("Nee", "name"))
        )
    assert status == 400
    assert response.json["problems"] == {"name": "Nee"}
