import sqlite3
import threading

import pytest
from sqlalchemy import update

from challenges import database
from challenges.auth import services
from challenges.auth.models import User
from challenges.config import Defaults
from challenges.errors import BUSY_RETRY_AFTER
from challenges.extensions import db
from tests.factories import CSRF_FIELD, PASSWORD, make_user

WRONG = "Onjuist e-mailadres of wachtwoord."
VENUE = "203.0.113.7"  # one internet address for a whole venue


def test_wrong_password_and_unknown_email_get_the_same_answer(client):
    user = make_user()
    wrong_password = client.submit(
        "/account/login", {"email": user.email, "password": "not it at all"}
    )
    unknown = client.submit(
        "/account/login", {"email": "nobody@example.nl", "password": "whatever it is"}
    )
    for response in (wrong_password, unknown):
        assert response.status_code == 422
        assert WRONG in response.get_data(as_text=True)


def test_email_is_case_insensitive(client):
    user = make_user(email="jan@example.nl")
    client.log_in("JAN@Example.nl")
    db.session.refresh(user)
    assert user.last_login_at is not None


def test_inactive_account_cannot_log_in(client):
    user = make_user()
    user.active = False
    db.session.commit()
    response = client.submit("/account/login", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 422


def test_protected_page_redirects_to_login_with_next(client):
    response = client.get("/dashboard")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/login?next=")


def log_in_from(client, address: str, email: str, password: str = PASSWORD) -> int:
    form = {"email": email, "password": password}
    return client.submit("/account/login", form, environ_base={"REMOTE_ADDR": address}).status_code


def test_many_log_ins_from_one_address_are_not_limited(client):
    """A venue behind one internet address: 40 log-ins in a row, more than the address (30) and
    the account (5) may fail in a minute, because only failures count."""
    tablets = [make_user() for _ in range(4)]
    statuses = [log_in_from(client, VENUE, tablet.email) for _ in range(10) for tablet in tablets]
    assert statuses == [302] * 40


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_LOGIN_ACCOUNT": "3 per minute"}])
def test_failures_for_one_account_are_stopped_from_any_address(client):
    user = make_user()
    statuses = [log_in_from(client, f"198.51.100.{n}", user.email, "not it") for n in range(5)]
    assert statuses == [422, 422, 422, 429, 429]
    assert log_in_from(client, "198.51.100.9", "someone.else@example.nl", "not it") == 422


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_LOGIN_ADDRESS": "3 per minute"}])
def test_failures_from_one_address_are_stopped_across_accounts(client):
    user = make_user()
    guesses = [f"guess{n}@example.nl" for n in range(4)]
    statuses = [log_in_from(client, VENUE, email, "not it") for email in guesses]
    assert statuses == [422, 422, 422, 429]
    assert log_in_from(client, VENUE, user.email) == 429
    assert log_in_from(client, "198.51.100.1", user.email) == 302


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_LOGIN_ACCOUNT": "2 per minute"}])
def test_a_success_does_not_count_and_a_blocked_account_refuses_even_its_password(client):
    user = make_user()
    statuses = [
        log_in_from(client, VENUE, user.email, password)
        for password in ("not it", PASSWORD, "not it", "not it", PASSWORD)
    ]
    assert statuses == [422, 302, 422, 429, 429]


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_LOGIN_ACCOUNT": "1 per minute"}])
def test_a_blocked_account_does_not_tell_whether_it_exists(client):
    user = make_user()
    answers = []
    for email in (user.email, "nobody@example.nl"):
        log_in_from(client, VENUE, email, "not it")
        answers.append(client.submit("/account/login", {"email": email, "password": "not it"}))
    assert [answer.status_code for answer in answers] == [429, 429]
    # The same page, but for the form's token (signed with the time: it may differ by a second)
    pages = [CSRF_FIELD.sub("", answer.text) for answer in answers]
    assert pages[0] == pages[1]
    assert "Te veel pogingen" in pages[0]
    assert client.get("/account/login").status_code == 200  # reading the form is not limited


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_LOGIN_ACCOUNT": "2 per minute"}])
def test_the_account_is_the_address_typed_in_any_case_or_spacing(client):
    user = make_user(email="jan@example.nl")
    for typed in ("JAN@example.nl", "  jan@Example.NL "):
        assert log_in_from(client, VENUE, typed, "not it") == 422
    assert log_in_from(client, VENUE, user.email) == 429


@pytest.mark.parametrize(
    "form",
    [
        {},
        {"password": "not it"},
        {"email": "", "password": ""},
        {"email": "x" * 5000 + "@example.nl", "password": "not it"},
        {"email": ["a@example.nl", "b@example.nl"], "password": "not it"},
        {"email": "a@example.nl/auth.login/5/1/minute", "password": "not it"},
    ],
)
def test_hostile_log_in_forms_are_counted_not_crashed_on(client, form):
    statuses = [client.submit("/account/login", form).status_code for _ in range(6)]
    assert statuses == [422] * 5 + [429]


def sqlite_file() -> str:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's write lock")
    return db.engine.url.database


@pytest.mark.parametrize("logged_in_before", [False, True])
def test_a_password_is_checked_without_holding_sqlite_write_lock(
    client, monkeypatch, logged_in_before
):
    """Fifty referees log in at 8:30: each hash takes a tenth of a second, and held under the
    write lock they queued past the busy timeout. While one is checked, another writer gets in,
    also when the tablet still has a log-in (its check opened a transaction before the view)."""
    path = sqlite_file()
    user = make_user()
    email = user.email
    if logged_in_before:
        client.log_in(make_user().email)
    checking, may_finish = threading.Event(), threading.Event()
    check = services.password_matches

    def slow_check(*args) -> bool:
        checking.set()
        assert may_finish.wait(10)
        return check(*args)

    monkeypatch.setattr(services, "password_matches", slow_check)
    statuses: list[int] = []
    login = threading.Thread(target=lambda: statuses.append(log_in_from(client, VENUE, email)))
    login.start()
    assert checking.wait(10)
    other_writer = sqlite3.connect(path, timeout=0)
    try:
        other_writer.execute("BEGIN IMMEDIATE")  # raises "database is locked" if held
        other_writer.rollback()
    finally:
        other_writer.close()
        may_finish.set()
        login.join(10)
    assert statuses == [302]
    db.session.refresh(user)
    assert user.last_login_at is not None


@pytest.fixture
def short_busy_timeout(app):
    """The app's connections wait 50 ms for the write lock, for this test only: the tests
    share the engine's pooled connections, so none with the short wait may stay behind."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(database, "SQLITE_BUSY_TIMEOUT_MS", 50)
        db.session.remove()
        db.engine.dispose()
        yield
        db.session.remove()
    db.engine.dispose()  # the next connections wait as long as they always do


def test_a_busy_database_asks_to_try_again_instead_of_failing(client, short_busy_timeout):
    path = sqlite_file()
    email = make_user().email
    token = client.csrf_token("/account/login")
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")  # a long write elsewhere
    try:
        form = {"csrf_token": token, "email": email, "password": PASSWORD}
        response = client.raw.post("/account/login", data=form)
    finally:
        holder.rollback()
        holder.close()
    assert response.status_code == 503
    # at least BUSY_RETRY_AFTER: the log-in limiter may name its own window's end instead
    assert int(response.headers["Retry-After"]) >= BUSY_RETRY_AFTER
    assert "Tijdelijk niet beschikbaar" in response.get_data(as_text=True)
    assert client.log_in(email).status_code == 302  # the lock is free: it works again


@pytest.mark.parametrize(
    "config_overrides", [{"PASSWORD_HASH_METHOD": Defaults.PASSWORD_HASH_METHOD}]
)
def test_a_real_deployment_keeps_passwords_as_scrypt_hashes(client):
    """The suite hashes fast; what a deployment keeps is Werkzeug's scrypt."""
    user = make_user()
    assert user.password_hash.startswith("scrypt:32768:8:1$")
    client.log_in(user.email)


def test_a_password_reset_between_the_check_and_the_log_in_wins(client, monkeypatch):
    """The password is checked outside the write lock; a reset that lands meanwhile ends every
    log-in, so this one must not start with the old password."""
    user = make_user()
    email, user_id = user.email, user.id
    check = services.password_matches

    def check_then_reset(*args) -> bool:
        matches = check(*args)
        with db.engine.begin() as elsewhere:
            reset = update(User).where(User.id == user_id).values(password_hash="reset-meanwhile")
            elsewhere.execute(reset)
        return matches

    monkeypatch.setattr(services, "password_matches", check_then_reset)
    response = client.submit("/account/login", {"email": email, "password": PASSWORD})
    assert response.status_code == 422
    assert WRONG in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302  # not logged in


def test_a_busy_database_answers_a_logged_in_visitor_503_too(client, short_busy_timeout):
    """The 503 page reads the visitor's language (their account) without waiting again."""
    path = sqlite_file()
    client.log_in(make_user().email)
    token = client.csrf_token("/dashboard")
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        response = client.raw.post("/account/logout", data={"csrf_token": token})
    finally:
        holder.rollback()
        holder.close()
    assert response.status_code == 503
    assert "Tijdelijk niet beschikbaar" in response.get_data(as_text=True)
