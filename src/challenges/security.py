"""Security headers on every response, no caching of personal pages, proxy awareness."""

import logging
import threading
from urllib.parse import unquote_to_bytes

from flask import Flask, Response, current_app, request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import BadRequest
from werkzeug.middleware.proxy_fix import ProxyFix

from challenges.auth.policies import PUBLIC

log = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config["SESSION_COOKIE_SECURE"]:  # served over HTTPS only
        response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    if "Cache-Control" not in response.headers and is_personal():
        response.headers["Cache-Control"] = "no-store"
    return response


def is_personal() -> bool:
    """Pages and files behind a log-in, pages opened by a secret link (a password reset), and
    every page a logged-in user gets (it names them) stay out of browser and proxy caches.
    Static files (no access policy) and views that set their own Cache-Control, such as the
    scoreboard's ETag, are left alone."""
    view = current_app.view_functions.get(request.endpoint)
    policy = getattr(view, "access_policy", None)
    if policy is None:
        return False
    secret_link = "token" in (request.view_args or {})
    return policy is not PUBLIC or secret_link or current_user.is_authenticated


PLAIN_HTTP_ADVICE = (
    "A request arrived over plain http, but the session cookie is Secure (HTTPS only): "
    "browsers drop it, so every form fails as expired. Serve the site over HTTPS (behind a "
    "proxy that sets X-Forwarded-Proto, also set CHALLENGES_TRUSTED_PROXIES=1), or, for plain "
    "http on a trusted network, set CHALLENGES_COOKIE_SECURE=false."
)
# Taken by the first request that needs the advice and never released: one warning per process.
_plain_http_warning = threading.Lock()


def cookies_dropped_over_http() -> bool:
    """Secure cookies sent on a plain http request, where the browser will not keep them."""
    return request.scheme == "http" and bool(current_app.config["SESSION_COOKIE_SECURE"])


def warn_about_plain_http() -> None:
    """Once per process; not for health checks, which reach the app directly over http."""
    if request.endpoint == "core.healthz":
        return
    if cookies_dropped_over_http() and _plain_http_warning.acquire(blocking=False):
        log.warning(PLAIN_HTTP_ADVICE)


class UndecodableForm(BadRequest):
    def __init__(self) -> None:
        super().__init__()
        self.user_message = _("What you sent contains characters that are not allowed.")


def refuse_undecodable_form() -> None:
    """Werkzeug keeps undecodable %-escapes as literal text; refuse such forms outright."""
    if request.mimetype != "application/x-www-form-urlencoded":
        return
    try:
        unquote_to_bytes(request.get_data(cache=True)).decode("utf-8")
    except UnicodeDecodeError:
        raise UndecodableForm() from None


def init_app(app: Flask) -> None:
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        # The client's address and scheme, never the host or path prefix: links are built from
        # CHALLENGES_BASE_URL (see links.py), whatever X-Forwarded-Host/-Prefix a client sends.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    app.before_request(warn_about_plain_http)
    app.before_request(refuse_undecodable_form)
    app.after_request(add_security_headers)
