"""What referee and judge tablets need to work through a wifi outage and an expired log-in:
the service worker (served from the site root, so its scope covers every page), the page it
shows for a page it does not keep, the log-in check with a fresh CSRF token, and the page a
new log-in ends on."""

from pathlib import Path

from flask import Blueprint, Response, current_app, render_template
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from challenges.auth.access import public, require
from challenges.auth.policies import SIGNED_IN

bp = Blueprint("core_tablets", __name__)

SERVICE_WORKER = "js/service-worker.js"


@bp.app_template_global()  # for the outbox panel's macro, which is imported without context
def tablet_user_id() -> int | None:
    """Whose sheets and rubrics a tablet page queues: they go out under that log-in only."""
    return current_user.id if current_user.is_authenticated else None


@bp.get("/service-worker.js")
@public
def service_worker():
    script = Path(str(current_app.static_folder), SERVICE_WORKER).read_bytes()  # small: no stream
    return Response(script, mimetype="text/javascript", headers={"Cache-Control": "no-cache"})


@bp.get("/api/v1/session")
@require(SIGNED_IN)
def session():
    """Whether the log-in is alive (else a JSON 401), with a fresh CSRF token for what waits."""
    return {"csrf": generate_csrf(), "user": current_user.name, "id": current_user.id}


@bp.get("/tablet/offline")
@public
def offline():
    """The service worker keeps this page and shows it for a page it does not have."""
    return render_template("tablets/offline.html")


@bp.get("/tablet/logged-in")
@require(SIGNED_IN)
def logged_in():
    """Where a log-in from a tablet's "log in again" tab ends: that tab may be closed."""
    return render_template("tablets/logged_in.html")
