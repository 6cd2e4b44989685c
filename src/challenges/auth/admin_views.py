"""Organisers manage accounts: create users, grant and revoke roles."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from challenges.actions import run_action, run_form_action
from challenges.auth import services
from challenges.auth.access import require
from challenges.auth.forms import CreateUserForm, GrantRoleForm
from challenges.auth.models import User
from challenges.auth.policies import ORGANISER
from challenges.auth.roles import Role
from challenges.events.models import Event
from challenges.extensions import db
from challenges.forms import FORM_ERROR_STATUS, ConfirmForm, confirmed_or_400, form_page
from challenges.inputs import parse_id

bp = Blueprint("auth_admin", __name__, url_prefix="/admin/users")


@bp.get("/")
@require(ORGANISER)
def index():
    users = db.session.scalars(select(User).order_by(User.name)).all()
    return render_template("auth/users.html", users=users)


@bp.route("/new", methods=["GET", "POST"])
@require(ORGANISER)
def create():
    form = CreateUserForm()
    created: list[User] = []
    if form.validate_on_submit() and run_form_action(
        form,
        lambda: created.append(services.create_user(form.name.data, form.email.data, current_user)),
        _("Account created; %(email)s got an e-mail to set a password.", email=form.email.data),
    ):
        return redirect(url_for("auth_admin.detail", user_id=created[0].id))
    return form_page("auth/user_new.html", form)


def grant_form() -> GrantRoleForm:
    form = GrantRoleForm()
    events = db.session.scalars(select(Event).order_by(Event.starts_on, Event.name)).all()
    form.event_id.choices = [SelectChoice(0, "—")] + [SelectChoice(e.id, e.name) for e in events]
    return form


@bp.get("/<int:user_id>")
@require(ORGANISER)
def detail(user_id: int):
    user = db.get_or_404(User, user_id)
    return render_template(
        "auth/user_detail.html", user=user, form=grant_form(), revoke_form=ConfirmForm()
    )


@bp.post("/<int:user_id>/roles")
@require(ORGANISER)
def grant(user_id: int):
    user = db.get_or_404(User, user_id)
    form = grant_form()
    if form.validate_on_submit():
        event = db.session.get(Event, form.event_id.data) if form.event_id.data else None
        if run_form_action(
            form,
            lambda: services.grant_role(user, form.role_value(), event, current_user),
            _("Role granted."),
        ):
            return redirect(url_for("auth_admin.detail", user_id=user.id))
    return render_template(
        "auth/user_detail.html", user=user, form=form, revoke_form=ConfirmForm()
    ), FORM_ERROR_STATUS


@bp.post("/<int:user_id>/roles/revoke")
@require(ORGANISER)
def revoke(user_id: int):
    user = db.get_or_404(User, user_id)
    confirmed_or_400()
    try:
        role = Role(request.form.get("role", ""))
        event_id = request.form.get("event_id", type=parse_id)
    except ValueError:
        abort(400)
    run_action(lambda: services.revoke_role(user, role, event_id, current_user), _("Role revoked."))
    return redirect(url_for("auth_admin.detail", user_id=user.id))
