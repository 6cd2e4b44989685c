import logging
import threading
from functools import partial

import pytest

from challenges import security
from challenges.redirects import safe_next
from tests.concurrency import at_the_same_moment
from tests.factories import PASSWORD, make_user


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_no_inline_scripts_or_styles_in_pages(client):
    html = client.get("/account/login").get_data(as_text=True)
    assert "<script>" not in html
    assert "style=" not in html


def test_session_cookie_is_secure_httponly_samesite(client):
    user = make_user()
    response = client.log_in(user.email)
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_post_without_csrf_token_is_refused_in_dutch(client):
    response = client.raw.post("/account/login", data={"email": "a@b.nl", "password": "x"})
    assert response.status_code == 400
    assert "Het formulier is verlopen" in response.get_data(as_text=True)


def test_post_with_forged_csrf_token_is_refused(client):
    client.get("/account/login")
    response = client.raw.post(
        "/account/login", data={"email": "a@b.nl", "password": "x", "csrf_token": "forged"}
    )
    assert response.status_code == 400


def test_safe_next_accepts_local_paths_only():
    assert safe_next("/dashboard") == "/dashboard"
    assert safe_next("/admin/users?page=2") == "/admin/users?page=2"
    for evil in [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "dashboard",
        "/\tevil",
        "",
        None,
    ]:
        assert safe_next(evil) is None, evil


def test_login_follows_local_next_but_not_foreign(client):
    user = make_user()
    local = client.submit(
        "/account/login",
        {"email": user.email, "password": "correct horse battery", "next": "/account/password"},
    )
    assert local.headers["Location"] == "/account/password"
    client.submit("/account/logout", {}, page="/")
    foreign = client.submit(
        "/account/login",
        {"email": user.email, "password": "correct horse battery", "next": "https://evil.example/"},
    )
    assert foreign.headers["Location"] == "/dashboard"


@pytest.fixture
def environment(request, monkeypatch) -> None:
    """CHALLENGES_* variables for the app under test (parametrize with indirect=True)."""
    for name, value in getattr(request, "param", {}).items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def config_overrides(environment) -> dict:
    return {}  # requests `environment` so that the app is built after the variables are set


@pytest.fixture
def security_log(monkeypatch, caplog) -> pytest.LogCaptureFixture:
    """What the security module logs, as in a new process (the advice not given yet)."""
    monkeypatch.setattr(security, "_plain_http_warning", threading.Lock())
    caplog.set_level(logging.WARNING, logger=security.__name__)
    return caplog


def test_plain_http_with_secure_cookies_is_explained_once_per_process(app, security_log):
    browsers = [app.test_client() for _ in range(6)]
    responses = at_the_same_moment(
        *(partial(browser.get, "/account/login") for browser in browsers)
    )
    assert [response.status_code for response in responses] == [200] * 6
    assert app.test_client().get("/").status_code == 200
    [warning] = security_log.records
    assert warning.levelno == logging.WARNING
    assert "CHALLENGES_COOKIE_SECURE=false" in warning.getMessage()
    assert "CHALLENGES_TRUSTED_PROXIES=1" in warning.getMessage()


def test_https_needs_no_explanation(client, security_log):
    response = client.raw.post(
        "/account/login", data={"email": "a@b.nl"}, base_url="https://localhost"
    )
    assert response.status_code == 400
    assert "Het formulier is verlopen" in response.text
    assert "gewoon http" not in response.text
    assert security_log.records == []


def test_an_expired_form_over_plain_http_says_why(client):
    response = client.raw.post("/account/login", data={"email": "a@b.nl", "password": "x"})
    assert response.status_code == 400
    assert "Het formulier is verlopen" in response.text
    assert "geopend via gewoon http" in response.text
    assert "CHALLENGES_COOKIE_SECURE=false" in response.text


@pytest.mark.parametrize("environment", [{"CHALLENGES_COOKIE_SECURE": "false"}], indirect=True)
def test_plain_http_on_purpose_is_not_explained(client, security_log):
    response = client.raw.post("/account/login", data={"email": "a@b.nl"})
    assert response.status_code == 400
    assert "gewoon http" not in response.text
    assert security_log.records == []


def set_cookie(response, name: str) -> str:
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(f"{name}="))


@pytest.mark.parametrize(
    ("environment", "secure"),
    [({}, True), ({"CHALLENGES_COOKIE_SECURE": "false"}, False)],
    indirect=["environment"],
)
def test_every_cookie_follows_cookie_secure(client, secure):
    user = make_user()
    logged_in = client.submit(
        "/account/login", {"email": user.email, "password": PASSWORD, "remember": "y"}
    )
    chosen = client.submit("/language", {"language": "en"}, page="/")
    for cookie in (
        set_cookie(logged_in, "session"),
        set_cookie(logged_in, "remember_token"),
        set_cookie(chosen, "language"),
    ):
        assert ("; Secure" in cookie) is secure, cookie
