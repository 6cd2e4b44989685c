import pytest

from challenges.extensions import db
from tests.factories import PASSWORD, make_user

WRONG = "Onjuist e-mailadres of wachtwoord."


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


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_LOGIN": "3 per minute"}])
def test_login_is_rate_limited(client, config_overrides):
    for _ in range(3):
        assert (
            client.submit(
                "/account/login", {"email": "a@b.nl", "password": "xxxxxxxxxxx"}
            ).status_code
            == 422
        )
    blocked = client.submit("/account/login", {"email": "a@b.nl", "password": "xxxxxxxxxxx"})
    assert blocked.status_code == 429
    assert "Te veel pogingen" in blocked.get_data(as_text=True)
    assert client.get("/account/login").status_code == 200  # reading the form is not limited
