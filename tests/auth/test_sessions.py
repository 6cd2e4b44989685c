"""Log-ins live on the server: log-out, a password change or reset, another account logging in
on the same browser, or enough time ends them, whatever cookies a device (or someone who copied
them) kept. The database keeps only a hash of each log-in's token."""

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select, text

from challenges.auth.models import LoginSession, User, hash_secret
from challenges.auth.services import IDLE_LIFETIME, SEEN_INTERVAL
from challenges.database import utcnow
from challenges.extensions import db
from tests.auth.helpers import last_link
from tests.factories import PASSWORD, FormClient, make_user

COOKIES = ("session", "remember_token")
NEW = "a brand new password"
TWO_DAYS = 2 * 24 * 3600  # seconds, as CHALLENGES_REMEMBER_COOKIE_DURATION would give it


def log_in_remembered(app, email: str) -> tuple[FormClient, dict[str, str]]:
    """A device logged in with "keep me logged in", and copies of both its cookies."""
    device = FormClient(app.test_client())
    response = device.submit(
        "/account/login", {"email": email, "password": PASSWORD, "remember": "y"}
    )
    assert response.status_code == 302
    return device, {name: device.raw.get_cookie(name).value for name in COOKIES}


def log_in_briefly(app, email: str) -> tuple[FormClient, dict[str, str]]:
    """A device logged in without "keep me logged in": it has a session cookie only."""
    device = FormClient(app.test_client())
    device.log_in(email)
    assert device.raw.get_cookie("remember_token") is None
    return device, {"session": device.raw.get_cookie("session").value}


def token(cookies: dict[str, str]) -> str:
    """The log-in token a remember-me cookie carries (before its signature)."""
    return cookies["remember_token"].split("|")[0]


def replay(app, name: str, value: str):
    """The dashboard in a fresh browser that has only this one copied cookie."""
    stranger = app.test_client()
    stranger.set_cookie(name, value)
    return stranger.get("/dashboard")


def assert_logged_in_with_each(app, cookies: dict[str, str]) -> None:
    for name, value in cookies.items():
        assert replay(app, name, value).status_code == 200, name


def assert_logged_out_with_each(app, cookies: dict[str, str]) -> None:
    for name, value in cookies.items():
        response = replay(app, name, value)
        assert response.status_code == 302, name
        assert response.headers["Location"].startswith("/account/login"), name


def log_ins(user: User) -> list[LoginSession]:
    return list(db.session.scalars(select(LoginSession).where(LoginSession.user_id == user.id)))


def frozen_clock():
    return time_machine.travel(utcnow(), tick=False)


def test_every_log_in_gets_its_own_long_random_token(app):
    user = make_user()
    _, first = log_in_remembered(app, user.email)
    _, second = log_in_remembered(app, user.email)
    assert token(first) != token(second)
    assert all(len(token(cookies)) >= 43 for cookies in (first, second))  # 32 random bytes
    assert {login.token_hash for login in log_ins(user)} == {
        hash_secret(token(first)),
        hash_secret(token(second)),
    }


def test_the_database_keeps_no_token_in_plain_text(app):
    user = make_user()
    _, cookies = log_in_remembered(app, user.email)
    rows = db.session.execute(text("SELECT * FROM login_session")).all()
    assert len(rows) == 1
    stored = [str(value) for value in rows[0]]
    assert not any(token(cookies) in value for value in stored)
    assert hash_secret(token(cookies)) in stored


def test_copied_cookies_stop_working_after_log_out(app):
    user = make_user()
    device, copies = log_in_remembered(app, user.email)
    assert_logged_in_with_each(app, copies)

    device.submit("/account/logout", {}, page="/")

    assert device.get("/dashboard").status_code == 302
    assert_logged_out_with_each(app, copies)
    assert log_ins(user) == []


def test_log_out_ends_only_that_device(app):
    user = make_user()
    laptop, _ = log_in_remembered(app, user.email)
    tablet, tablet_cookies = log_in_remembered(app, user.email)
    laptop.submit("/account/logout", {}, page="/")
    assert tablet.get("/dashboard").status_code == 200
    assert_logged_in_with_each(app, tablet_cookies)


def test_logging_in_over_another_account_ends_the_first(app):
    first, second = make_user(name="Anna Eerste"), make_user(name="Bram Tweede")
    browser, first_cookies = log_in_remembered(app, first.email)

    browser.log_in(second.email)  # without "keep me logged in"

    assert log_ins(first) == []
    assert_logged_out_with_each(app, first_cookies)
    assert browser.raw.get_cookie("remember_token") is None
    page = browser.get("/dashboard").get_data(as_text=True)
    assert second.name in page
    assert first.name not in page
    browser.raw.delete_cookie("session")  # the browser was closed
    assert browser.get("/dashboard").headers["Location"].startswith("/account/login")


def test_a_password_link_used_while_logged_in_as_someone_else_ends_that_log_in(app):
    owner = make_user()
    browser, someone_else = log_in_remembered(app, make_user().email)
    browser.submit("/account/reset", {"email": owner.email})

    browser.submit(last_link(owner.email), {"password": NEW, "password_repeat": NEW})

    assert_logged_out_with_each(app, someone_else)
    assert db.session.scalars(select(LoginSession)).all() == []
    assert browser.raw.get_cookie("remember_token") is None
    assert browser.get("/dashboard").status_code == 302
    assert FormClient(app.test_client()).log_in(owner.email, NEW)


def test_password_change_logs_out_other_devices_and_keeps_this_one(app):
    user = make_user()
    this_device, this_cookies = log_in_remembered(app, user.email)
    _, other_cookies = log_in_remembered(app, user.email)

    done = this_device.submit(
        "/account/password",
        {"current_password": PASSWORD, "password": NEW, "password_repeat": NEW},
    )

    assert done.headers["Location"] == "/dashboard"
    assert this_device.get("/dashboard").status_code == 200
    assert_logged_in_with_each(app, this_cookies)
    assert_logged_out_with_each(app, other_cookies)
    assert [login.token_hash for login in log_ins(user)] == [hash_secret(token(this_cookies))]


def test_password_reset_logs_out_every_device(app, client):
    user = make_user()
    _, copies = log_in_remembered(app, user.email)
    client.submit("/account/reset", {"email": user.email})
    link = last_link(user.email)
    client.submit(link, {"password": NEW, "password_repeat": NEW})
    assert_logged_out_with_each(app, copies)
    assert log_ins(user) == []


def test_disabled_account_is_logged_out(app):
    user = make_user()
    _, copies = log_in_remembered(app, user.email)
    user.active = False
    db.session.commit()
    assert_logged_out_with_each(app, copies)


def test_a_short_log_in_ends_after_its_idle_lifetime_a_remembered_one_lasts(app):
    with frozen_clock() as clock:
        _, short = log_in_briefly(app, make_user().email)
        _, remembered = log_in_remembered(app, make_user().email)

        for _ in range(2):  # a whole day, with a request now and then
            clock.shift(IDLE_LIFETIME - timedelta(hours=1))
            assert_logged_in_with_each(app, short | remembered)

        clock.shift(IDLE_LIFETIME + timedelta(minutes=1))
        assert_logged_out_with_each(app, short)
        assert_logged_in_with_each(app, remembered)


def test_a_log_in_notes_its_requests_at_most_every_few_minutes(app):
    user = make_user()
    with frozen_clock() as clock:
        device, _ = log_in_briefly(app, user.email)
        logged_in_at = utcnow()

        clock.shift(SEEN_INTERVAL - timedelta(seconds=1))
        assert device.get("/dashboard").status_code == 200
        assert [login.last_seen_at for login in log_ins(user)] == [logged_in_at]

        clock.shift(timedelta(seconds=1))
        assert device.get("/dashboard").status_code == 200
        assert [login.last_seen_at for login in log_ins(user)] == [utcnow()]


@pytest.mark.parametrize("config_overrides", [{"REMEMBER_COOKIE_DURATION": TWO_DAYS}])
def test_a_remembered_log_in_lasts_as_long_as_its_cookie_then_is_cleared(app):
    user = make_user()
    with frozen_clock() as clock:
        device, copies = log_in_remembered(app, user.email)
        assert device.raw.get_cookie("remember_token").expires.timestamp() == pytest.approx(
            (utcnow() + timedelta(seconds=TWO_DAYS)).timestamp(), abs=1
        )
        clock.shift(timedelta(seconds=TWO_DAYS) - timedelta(minutes=1))
        assert_logged_in_with_each(app, copies)

        clock.shift(timedelta(minutes=2))
        assert_logged_out_with_each(app, copies)
        _, new_cookies = log_in_remembered(app, make_user().email)
        assert log_ins(user) == []
        assert_logged_in_with_each(app, new_cookies)


def test_accounts_compare_and_hash_by_account_not_by_log_in(app):
    first, second = make_user(), make_user()
    assert first != second
    db.session.expunge(first)
    again = db.session.get(User, first.id)
    assert again == first
    assert again is not first
    assert {first, again, second} == {first, second}
    assert again in {first}
    assert len({first, again, second}) == 2
