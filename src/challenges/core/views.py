"""Home page, dashboard, privacy and accessibility statements, language switch, health check."""

from datetime import date

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from challenges.actions import run_action
from challenges.auth.access import public, require
from challenges.auth.models import User
from challenges.auth.policies import SIGNED_IN, is_organiser
from challenges.auth.roles import Role
from challenges.core import services
from challenges.database import utcnow
from challenges.extensions import csrf
from challenges.health import database_state
from challenges.i18n import LANGUAGE_COOKIE
from challenges.redirects import safe_next

bp = Blueprint("core", __name__)

ONE_YEAR = 365 * 24 * 3600


@bp.get("/")
@public
def home():
    now = utcnow()
    return render_template(
        "core/home.html",
        registrations=services.registrations(now),
        finals=services.finals(now),
        open_state=services.RegistrationState.OPEN,
        soon_state=services.RegistrationState.SOON,
    )


@bp.get("/privacy")
@public
def privacy():
    return render_template("core/privacy.html")


# The day the accessibility statement was last checked against the app (WCAG 2.1 AA).
ACCESSIBILITY_CHECKED_ON = date(2026, 12, 3)


@bp.get("/toegankelijkheid")
@public
def accessibility():
    return render_template(
        "core/accessibility.html",
        checked_on=ACCESSIBILITY_CHECKED_ON,
        contact=current_app.config["ORGANISER_EMAIL"],
    )


@bp.get("/dashboard")
@require(SIGNED_IN)
def dashboard():
    organiser = is_organiser(current_user)
    return render_template(
        "core/dashboard.html",
        overview=services.organiser_overview() if organiser else None,
        is_organiser=organiser,
        is_coach=current_user.has_role(Role.COACH),
        assignments=services.event_assignments(current_user),
    )


@bp.post("/language")
@public
@csrf.exempt
def set_language():
    """Without a CSRF token: the switch is on pages that proxies cache for everyone (the
    scoreboard), which can carry no one's token. A cross-site form changes at most the
    language cookie: the Lax log-in cookie is not sent with it, so no account is touched."""
    back = safe_next(request.form.get("next")) or url_for("core.home")
    response = redirect(back)
    language = request.form.get("language")
    if language not in current_app.config["LANGUAGES"]:
        return response
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        max_age=ONE_YEAR,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    if current_user.is_authenticated:
        run_action(lambda: remember_language(current_user, language))
    return response


def remember_language(user: User, language: str) -> None:
    """A signed-in user's choice is theirs everywhere: their e-mails are written in it too."""
    user.locale = language


@bp.get("/healthz")
@public
def healthz():
    state = database_state()
    if not state.reachable:
        return {"status": "unavailable", "database": "unreachable"}, 503
    if not state.healthy:
        body = {"schema": state.schema, "current": state.current, "head": state.head}
        return {"status": "unavailable", "database": "ok"} | body, 503
    return {"status": "ok", "database": "ok", "schema": state.head}
