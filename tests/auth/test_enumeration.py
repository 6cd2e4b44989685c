"""Nobody learns from the account pages whether an address has an account: the answers are the
same, and so is the work behind them (one password hash)."""

import re

import pytest
from werkzeug import security

import challenges.auth.models
from tests.auth.helpers import outbox
from tests.factories import FAST_PASSWORD_HASH, make_user

KNOWN = "known@example.nl"
UNKNOWN = "unknown@example.nl"
FLASH = re.compile(r'<p class="flash flash-(\w+)">([^<]*)</p>')

PASSWORD = "een lang wachtwoord"
FORMS = {
    "sign-up": (
        "/account/signup",
        {"name": "Fleur", "password": PASSWORD, "password_repeat": PASSWORD},
    ),
    "new confirmation link": ("/account/confirm", {}),
    "password reset": ("/account/reset", {}),
}


def answer(client, url: str, data: dict) -> tuple:
    """What the person sees: status, where it leads, and the message shown there."""
    response = client.submit(url, data)
    location = response.headers.get("Location")
    shown = FLASH.findall(client.get(location).text) if location else []
    return response.status_code, location, response.text, shown


@pytest.mark.parametrize("form", FORMS)
def test_known_and_unknown_addresses_get_the_same_answer(client, form):
    make_user(email=KNOWN, confirmed=False)
    url, data = FORMS[form]
    known = answer(client, url, {**data, "email": KNOWN})
    unknown = answer(client, url, {**data, "email": UNKNOWN})
    assert known == unknown
    status, location, _body, shown = known
    assert (status, location) == (302, "/account/login")
    assert len(shown) == 1


def test_sign_up_with_a_known_address_mails_its_owner_only(client):
    make_user(email=KNOWN, name="Ria Bekend", locale="en")
    client.submit("/account/signup", {**FORMS["sign-up"][1], "email": KNOWN})
    [mail] = outbox()
    assert mail.recipient == KNOWN
    assert mail.subject == "Someone tried to sign up with your e-mail address"  # her language
    assert "Hello Ria Bekend," in mail.body
    assert "http://localhost/account/login" in mail.body
    assert "http://localhost/account/reset" in mail.body


@pytest.fixture
def hashing(monkeypatch) -> list[str]:
    """Every password hash the app computes or checks, in order."""
    calls: list[str] = []

    def spy(name: str, real):
        def counted(*args, **kwargs):
            calls.append(name)
            return real(*args, **kwargs)

        return counted

    for name in ("check_password_hash", "generate_password_hash"):
        monkeypatch.setattr(challenges.auth.models, name, spy(name, getattr(security, name)))
    challenges.auth.models.unusable_hash(FAST_PASSWORD_HASH)  # made once, before anyone asks
    calls.clear()
    return calls


@pytest.mark.parametrize(
    "email",
    [KNOWN, UNKNOWN, "invited@example.nl"],
    ids=["wrong password", "unknown address", "account without a password"],
)
def test_log_in_checks_one_password_hash_whether_the_account_exists_or_not(client, hashing, email):
    make_user(email=KNOWN)
    make_user(email="invited@example.nl", password=None)
    hashing.clear()
    response = client.submit("/account/login", {"email": email, "password": "not the password"})
    assert response.status_code == 422
    assert hashing == ["check_password_hash"]


@pytest.mark.parametrize("email", [KNOWN, UNKNOWN])
def test_sign_up_hashes_once_whether_the_address_is_known_or_not(client, hashing, email):
    make_user(email=KNOWN)
    hashing.clear()
    client.submit("/account/signup", {**FORMS["sign-up"][1], "email": email})
    assert len(hashing) == 1
