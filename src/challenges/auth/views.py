"""Sign-up, confirmation, log-in and log-out, password reset and change."""

import logging

from flask import (
    Blueprint,
    flash,
    redirect,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from challenges.actions import attempt, run_action, run_form_action
from challenges.auth import services
from challenges.auth.access import limit, public, require
from challenges.auth.forms import (
    ChangePasswordForm,
    EmailOnlyForm,
    LoginForm,
    ResetPasswordForm,
    SignupForm,
)
from challenges.auth.models import EMAIL_LENGTH, User
from challenges.auth.policies import SIGNED_IN
from challenges.auth.tokens import TokenError, read_confirm_token, read_reset_token
from challenges.database import reading_only
from challenges.extensions import db, limiter
from challenges.forms import ConfirmForm, form_page
from challenges.redirects import safe_next

log = logging.getLogger(__name__)
SIGNED_UP_HERE = "signed_up"  # the session's mark of the address this browser signed up with

bp = Blueprint("auth", __name__, url_prefix="/account")


def typed_account() -> str:
    """The account a log-in attempt is for, as typed: counted whether it exists or not."""
    email = request.form.get("email", "")
    return "account:" + email.strip().lower()[:EMAIL_LENGTH]


def forget_attempt() -> None:
    """Only failed log-ins count. Every attempt is counted before its password is checked, in
    one step per counter, so attempts sent all at once cannot slip past the limit together;
    one that logs in is then taken back here (a hit of -1: fixed windows, Flask-Limiter's
    default strategy)."""
    for counted in limiter.current_limits:
        strategy = counted.limiter
        try:
            strategy.hit(counted.limit, *counted.request_args, cost=-1)
        except strategy.storage.base_exceptions:  # Redis went away since the check: log in
            log.warning("A log-in could not be taken back from the rate limits", exc_info=True)


def end_current_log_in() -> None:
    """End this browser's log-in, if any: its row and its cookies (the view commits). Done
    before another account logs in, so no remember-me cookie brings the old one back."""
    if current_user.is_authenticated:
        services.end_session(current_user.login_session)
    logout_user()


@bp.before_app_request
def keep_log_in_alive() -> None:
    """Keeps a log-in alive; runs before the view, so this commit holds nothing else. A
    transaction of its own on purpose: a view that refuses (and rolls back) or only reads
    still keeps its visitor logged in."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    if services.note_request(current_user.login_session):
        db.session.commit()


def token_problem(error: TokenError) -> str:
    if error.expired:
        return _("This link has expired. Ask for a new one below.")
    return _("This link is not valid (any more). It may have been used already.")


@bp.route("/signup", methods=["GET", "POST"])
@public
@limit("RATELIMIT_SIGNUP")
def signup():
    form = SignupForm(next=request.args.get("next"))
    if form.validate_on_submit() and run_form_action(
        form,
        lambda: services.sign_up_coach(
            form.name.data,
            form.email.data,
            form.password.data,
            str(get_locale()),
            safe_next(form.next.data),
        ),
        _("Welcome! We sent you an e-mail: follow its link to confirm your address."),
    ):
        session[SIGNED_UP_HERE] = form.email.data.strip().lower()
        return redirect(url_for("auth.login"))
    return form_page("auth/signup.html", form)


@bp.get("/confirm/<token>")
@public
def confirm(token: str):
    """The link in the sign-up mail: it confirms the address. In the browser that signed up,
    with nobody logged in, the first use also logs the new account in and continues where its
    owner was going (an invitation, a team). Anywhere else (another device, a mail scanner, a
    link someone forwarded) it only confirms: a link is no password."""
    try:
        user, next_page = read_confirm_token(token)
    except TokenError as error:
        flash(token_problem(error), "error")
        return redirect(url_for("auth.resend_confirmation"))
    next_page = safe_next(next_page)
    logged_in = attempt(lambda: confirm_address(user))
    if logged_in is None:
        flash(_("Your e-mail address was already confirmed."), "info")
        return redirect(url_for("auth.login", next=next_page))
    if logged_in is True:
        flash(_("Your e-mail address is confirmed. Welcome!"), "success")
        return redirect(next_page or url_for("core.dashboard"))
    flash(_("Your e-mail address is confirmed. You can log in now."), "success")
    return redirect(url_for("auth.login", next=next_page))


def confirm_address(user: User) -> bool | None:
    """Confirm the address (the view commits): None if it was confirmed before, True if this
    also logged the new account in (see `confirm`), False if not."""
    if not services.confirm_email(user):
        return None
    signed_up_here = session.pop(SIGNED_UP_HERE, None) == user.email
    if signed_up_here and user.active and not current_user.is_authenticated:
        services.start_session(user, remembered=False)
        login_user(user)
        return True
    return False


@bp.route("/confirm", methods=["GET", "POST"])
@public
@limit("RATELIMIT_RESET")
def resend_confirmation():
    form = EmailOnlyForm()
    if form.validate_on_submit():
        user = services.find_user(form.email.data)
        if user and user.confirmed_at is None and user.password_hash:
            run_action(lambda: services.send_confirmation(user))
        flash(_("If that address has an unconfirmed account, we sent a new link."), "info")
        return redirect(url_for("auth.login"))
    return form_page("auth/resend_confirmation.html", form)


@bp.route("/login", methods=["GET", "POST"])
@public
@limit("RATELIMIT_LOGIN_ACCOUNT", key_func=typed_account)
@limit("RATELIMIT_LOGIN_ADDRESS")
def login():
    form = LoginForm(next=request.args.get("next"))
    if form.validate_on_submit() and run_form_action(form, lambda: log_in(form)):
        forget_attempt()
        return redirect(safe_next(form.next.data) or url_for("core.dashboard"))
    return form_page("auth/login.html", form)


def log_in(form: LoginForm) -> None:
    """Check the password without holding the write lock, then log in (the view commits)."""
    with reading_only(db.session):
        user = services.authenticate(form.email.data, form.password.data)
        checked = user.password_hash
    services.still_valid(user, checked)
    end_current_log_in()
    services.start_session(user, remembered=form.remember.data)
    login_user(user, remember=form.remember.data)


@bp.post("/logout")
@public
def logout():
    if ConfirmForm().validate_on_submit():
        run_action(end_current_log_in, _("You are logged out."), "info")
    return redirect(url_for("core.home"))


@bp.route("/reset", methods=["GET", "POST"])
@public
@limit("RATELIMIT_RESET")
def request_reset():
    form = EmailOnlyForm()
    if form.validate_on_submit():
        run_action(
            lambda: services.request_password_reset(form.email.data),
            _(
                "If an account exists for that address, "
                "we sent an e-mail with a link to set a new password."
            ),
            "info",
        )
        return redirect(url_for("auth.login"))
    return form_page("auth/request_reset.html", form)


def password_link_page(token: str, invite: bool):
    try:
        user = read_reset_token(token, invite=invite)
    except TokenError as error:
        flash(token_problem(error), "error")
        return redirect(url_for("auth.request_reset"))
    form = ResetPasswordForm()
    if form.validate_on_submit() and run_action(
        lambda: set_password_here(user, form.password.data),
        _("Your new password is set. Log in with it."),
    ):
        return redirect(url_for("auth.login"))
    return form_page("auth/reset_password.html", form, user=user, invite=invite)


def set_password_here(user: User, password: str) -> None:
    services.set_new_password(user, password)
    end_current_log_in()  # whoever was logged in here, maybe someone else


@bp.route("/reset/<token>", methods=["GET", "POST"])
@public
@limit("RATELIMIT_RESET")
def reset_password(token: str):
    return password_link_page(token, invite=False)


@bp.route("/welcome/<token>", methods=["GET", "POST"])
@public
@limit("RATELIMIT_RESET")
def accept_invite(token: str):
    return password_link_page(token, invite=True)


@bp.route("/password", methods=["GET", "POST"])
@require(SIGNED_IN)
def change_password():
    form = ChangePasswordForm()
    user = current_user._get_current_object()
    if form.validate_on_submit() and run_form_action(
        form,
        lambda: services.change_password(user, form.current_password.data, form.password.data),
        _("Your password is changed. Other devices are logged out."),
    ):
        return redirect(url_for("core.dashboard"))
    return form_page("auth/change_password.html", form)
