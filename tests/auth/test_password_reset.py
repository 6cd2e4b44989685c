from datetime import timedelta

import pytest
import time_machine

from challenges.database import utcnow
from challenges.extensions import db
from tests.auth.helpers import last_link, outbox
from tests.factories import PASSWORD, FormClient, make_user

NEW = "a brand new password"


def reset(client, link: str, password: str = NEW):
    return client.submit(link, {"password": password, "password_repeat": password})


def test_reset_does_not_reveal_whether_an_account_exists(client):
    make_user(email="known@example.nl")
    known = client.submit("/account/reset", {"email": "known@example.nl"})
    unknown = client.submit("/account/reset", {"email": "unknown@example.nl"})
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert [m.recipient for m in outbox()] == ["known@example.nl"]


def test_reset_sets_a_new_password_once(client):
    user = make_user()
    client.submit("/account/reset", {"email": user.email})
    link = last_link(user.email)
    assert client.get(link).status_code == 200
    assert reset(client, link).status_code == 302
    client.log_in(user.email, NEW)

    reused = client.get(link)
    assert reused.headers["Location"] == "/account/reset"
    page = client.get("/account/reset").get_data(as_text=True)
    assert "niet (meer) geldig" in page


def test_expired_reset_link_is_refused(client):
    user = make_user()
    client.submit("/account/reset", {"email": user.email})
    link = last_link(user.email)
    with time_machine.travel(utcnow() + timedelta(hours=2)):
        assert client.get(link).headers["Location"] == "/account/reset"
        response = client.submit(
            link, {"password": NEW, "password_repeat": NEW}, page="/account/reset"
        )
        assert response.headers["Location"] == "/account/reset"
        assert "verlopen" in client.get("/account/reset").get_data(as_text=True)
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_tampered_link_is_refused(client):
    user = make_user()
    client.submit("/account/reset", {"email": user.email})
    response = client.get(last_link(user.email)[:-3] + "abc")
    assert response.headers["Location"] == "/account/reset"


def test_reset_signs_out_other_sessions(app, client):
    user = make_user()
    other_device = FormClient(app.test_client())
    other_device.log_in(user.email)
    assert other_device.get("/dashboard").status_code == 200
    client.submit("/account/reset", {"email": user.email})
    reset(client, last_link(user.email))
    assert other_device.get("/dashboard").status_code == 302


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_RESET": "2 per minute"}])
def test_reset_requests_are_rate_limited(client, config_overrides):
    for _ in range(2):
        client.submit("/account/reset", {"email": "a@example.nl"})
    assert client.submit("/account/reset", {"email": "a@example.nl"}).status_code == 429


def test_change_password_needs_the_current_one(app, client):
    user = make_user()
    other_device = FormClient(app.test_client())
    other_device.log_in(user.email)
    client.log_in(user.email)

    wrong = client.submit(
        "/account/password",
        {"current_password": "not the password", "password": NEW, "password_repeat": NEW},
    )
    assert wrong.status_code == 422
    assert "huidige wachtwoord" in wrong.get_data(as_text=True)

    done = client.submit(
        "/account/password",
        {"current_password": PASSWORD, "password": NEW, "password_repeat": NEW},
    )
    assert done.headers["Location"] == "/dashboard"
    assert client.get("/dashboard").status_code == 200  # this session stays
    assert other_device.get("/dashboard").status_code == 302  # the other is signed out
    db.session.refresh(user)
    assert user.check_password(NEW)
