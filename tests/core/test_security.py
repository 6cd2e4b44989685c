from challenges.redirects import safe_next
from tests.factories import make_user


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
