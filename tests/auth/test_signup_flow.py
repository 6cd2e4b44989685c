from sqlalchemy import func, select

from challenges.auth.models import User
from challenges.auth.roles import Role
from challenges.extensions import db
from tests.auth.helpers import last_link, outbox
from tests.factories import FAST_PASSWORD_HASH, FormClient, make_user

SIGNUP = {
    "name": "Fleur de Vries",
    "email": "Fleur@School.NL ",
    "password": "een lang wachtwoord",
    "password_repeat": "een lang wachtwoord",
}


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_signup_confirm_login_logout(client):
    response = client.submit("/account/signup", SIGNUP)
    assert response.status_code == 302
    user = db.session.scalar(select(User))
    assert user.email == "fleur@school.nl"
    assert user.has_role(Role.COACH)
    assert user.confirmed_at is None
    assert user.password_hash.startswith(f"{FAST_PASSWORD_HASH}$")  # hashed as configured
    [mail] = outbox()
    assert mail.recipient == "fleur@school.nl"
    assert "Bevestig" in mail.subject

    refused = client.submit(
        "/account/login", {"email": "fleur@school.nl", "password": SIGNUP["password"]}
    )
    assert refused.status_code == 422
    assert "Bevestig eerst je e-mailadres" in refused.get_data(as_text=True)

    confirmed = client.get(last_link("fleur@school.nl"))
    assert confirmed.headers["Location"] == "/dashboard"  # confirmed and logged in at once
    db.session.refresh(user)
    assert user.confirmed_at is not None

    dashboard = client.get("/dashboard")
    assert dashboard.status_code == 200
    assert "Fleur de Vries" in dashboard.get_data(as_text=True)

    client.submit("/account/logout", {}, page="/")
    assert client.get("/dashboard").status_code == 302


def test_confirm_link_twice_says_already_confirmed_and_logs_in_only_once(client):
    client.submit("/account/signup", SIGNUP)
    link = last_link("fleur@school.nl")
    client.get(link)
    client.submit("/account/logout", {}, page="/")
    again = client.get(link)  # a link in a mailbox is no password
    assert again.headers["Location"] == "/account/login"
    html = client.get("/account/login").get_data(as_text=True)
    assert "al bevestigd" in html
    assert client.get("/dashboard").status_code == 302


def test_a_coach_who_signs_up_from_an_invitation_comes_back_to_it(client):
    invitation = "/teams/invitations/some-token"
    page = client.get(f"/account/signup?next={invitation}").text
    assert f'value="{invitation}"' in page
    client.submit(f"/account/signup?next={invitation}", SIGNUP | {"next": invitation})
    confirmed = client.get(last_link("fleur@school.nl"))
    assert confirmed.headers["Location"] == invitation


def test_a_confirmation_link_opened_elsewhere_only_confirms(client, app):
    """Another device, a mail scanner, or a link an attacker sends to a logged-in victim: the
    address is confirmed, nobody is logged in or out."""
    client.submit("/account/signup", SIGNUP | {"next": "/teams/"})
    link = last_link("fleur@school.nl")
    organiser = make_user(roles=(Role.ORGANISER,))
    victim = FormClient(app.test_client())
    victim.log_in(organiser.email)
    opened = victim.get(link)
    assert opened.headers["Location"] == "/account/login?next=/teams/"
    assert organiser.name in victim.get("/dashboard").text  # still the organiser
    assert db.session.scalar(select(User).where(User.email == "fleur@school.nl")).confirmed_at
    elsewhere = FormClient(app.test_client())
    elsewhere.get(link)
    assert elsewhere.get("/dashboard").status_code == 302  # not logged in


def test_a_foreign_next_page_is_not_followed_after_confirming(client):
    client.submit("/account/signup", SIGNUP | {"next": "https://evil.example/"})
    confirmed = client.get(last_link("fleur@school.nl"))
    assert confirmed.headers["Location"] == "/dashboard"


def test_sign_up_with_a_known_address_changes_nothing_and_tells_the_owner(client):
    client.submit("/account/signup", SIGNUP)
    [owner] = db.session.scalars(select(User)).all()
    hash_before = owner.password_hash
    other = "een ander wachtwoord"
    again = client.submit(
        "/account/signup",
        {**SIGNUP, "name": "Iemand Anders", "password": other, "password_repeat": other},
    )
    assert again.status_code == 302
    assert user_count() == 1
    db.session.refresh(owner)
    assert (owner.name, owner.password_hash) == ("Fleur de Vries", hash_before)
    _confirmation, warning = outbox()
    assert warning.recipient == "fleur@school.nl"
    assert "Iemand probeerde" in warning.subject
    assert "/account/login" in warning.body
    assert "/account/reset" in warning.body


def test_overlong_fields_and_short_password_are_refused(client):
    response = client.submit(
        "/account/signup",
        {**SIGNUP, "name": "x" * 500, "password": "kort", "password_repeat": "kort"},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'aria-invalid="true"' in html
    assert user_count() == 0


def test_mismatched_passwords(client):
    response = client.submit(
        "/account/signup", {**SIGNUP, "password_repeat": "iets anders dan dat"}
    )
    assert response.status_code == 422
    assert user_count() == 0


def test_invalid_utf8_is_refused_with_a_message(client):
    token = client.csrf_token("/account/signup")
    body = (
        f"csrf_token={token}&name=%FF%FEFleur&email=fleur%40school.nl"
        "&password=een+lang+wachtwoord&password_repeat=een+lang+wachtwoord"
    )
    response = client.raw.post(
        "/account/signup", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "bevat tekens die niet zijn toegestaan" in response.get_data(as_text=True)
    assert user_count() == 0


def test_nul_character_is_refused(client):
    response = client.submit("/account/signup", {**SIGNUP, "name": "Fleur\x00"})
    assert response.status_code == 400  # before any view reads it (challenges.converters)
    assert "bevat tekens die niet zijn toegestaan" in response.get_data(as_text=True)
    assert user_count() == 0


def test_resend_confirmation_does_not_reveal_accounts(client):
    client.submit("/account/signup", SIGNUP)
    known = client.submit("/account/confirm", {"email": "fleur@school.nl"})
    unknown = client.submit("/account/confirm", {"email": "nobody@school.nl"})
    assert known.status_code == unknown.status_code == 302
    assert [m.recipient for m in outbox()] == ["fleur@school.nl", "fleur@school.nl"]
