"""Log-ins live on the server: log-out, a password change or reset ends them, whatever cookies
a device (or someone who copied them) kept."""

from datetime import timedelta

from sqlalchemy import select, update

from challenges.auth.models import LoginSession, User
from challenges.auth.services import SESSION_LIFETIME
from challenges.database import utcnow
from challenges.extensions import db
from tests.auth.helpers import last_link
from tests.factories import PASSWORD, FormClient, make_user

COOKIES = ("session", "remember_token")
NEW = "a brand new password"


def log_in_remembered(app, email: str) -> tuple[FormClient, dict[str, str]]:
    """A device logged in with "keep me logged in", and copies of both its cookies."""
    device = FormClient(app.test_client())
    response = device.submit(
        "/account/login", {"email": email, "password": PASSWORD, "remember": "y"}
    )
    assert response.status_code == 302
    return device, {name: device.raw.get_cookie(name).value for name in COOKIES}


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


def test_every_log_in_gets_its_own_long_random_token(app):
    user = make_user()
    _, first = log_in_remembered(app, user.email)
    _, second = log_in_remembered(app, user.email)
    tokens = {login.id for login in log_ins(user)}
    assert len(tokens) == 2
    assert all(len(token) >= 43 for token in tokens)  # 32 random bytes, url-safe
    assert first["remember_token"].split("|")[0] in tokens
    assert second["remember_token"].split("|")[0] in tokens


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
    assert [login.id for login in log_ins(user)] == [this_cookies["remember_token"].split("|")[0]]


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


def test_log_in_older_than_its_lifetime_ends_and_is_cleared_at_the_next_log_in(app):
    user = make_user()
    _, old_cookies = log_in_remembered(app, user.email)
    db.session.execute(
        update(LoginSession).values(created_at=utcnow() - SESSION_LIFETIME - timedelta(days=1))
    )
    db.session.commit()
    assert_logged_out_with_each(app, old_cookies)

    _, new_cookies = log_in_remembered(app, make_user().email)
    assert log_ins(user) == []
    assert_logged_in_with_each(app, new_cookies)


def test_accounts_compare_by_identity_not_by_log_in(app):
    first, second = make_user(), make_user()
    assert first != second
    db.session.expunge(first)
    assert db.session.get(User, first.id) == first
