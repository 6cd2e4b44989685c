"""Organisers import DUO school files, review requests for missing schools and see which
teachers linked themselves to which school."""

from flask import Blueprint, redirect, render_template, url_for
from flask import request as incoming
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from wtforms import BooleanField, SelectField
from wtforms.fields.choices import SelectChoice

from challenges.actions import run_action
from challenges.auth.access import require
from challenges.auth.policies import ORGANISER
from challenges.backups.views import backup_first
from challenges.errors import DomainError, input_problem
from challenges.extensions import db
from challenges.forms import ConfirmForm, Form, form_page
from challenges.inputs import InputError
from challenges.schools import services
from challenges.schools.duo import DuoHeaderError, RejectedRow, SchoolKind, parse_duo_file
from challenges.schools.forms import KIND_CHOICES, MergeForm, RejectForm
from challenges.schools.importer import import_schools
from challenges.schools.models import School, SchoolRequest

bp = Blueprint("schools_admin", __name__, url_prefix="/admin/schools")

SHOWN_REJECTIONS = 200
ROW_PROBLEM_TEXTS = {
    "field_count": _l("%(found)s fields where the header has %(expected)s"),
    "bad_code": _l("vestigingscode '%(code)s' is not 2 digits, 2 letters and 2 digits"),
    "bad_postcode": _l("postcode '%(postcode)s' is not a Dutch postcode (1234 AB)"),
    "no_name": _l("the school has no name"),
    "no_town": _l("the school has no town"),
    "duplicate": _l("vestigingscode %(code)s already on line %(line)s"),
    "too_long": _l("a field is longer than %(max)s characters"),
}


def row_problem_text(row: RejectedRow) -> str:
    text = ROW_PROBLEM_TEXTS.get(row.code)
    return str(text) % row.params if text else row.reason


class ImportForm(Form):
    file = FileField(
        _l("DUO file (vestigingen, semicolon-separated)"),
        validators=[FileRequired(message=_l("Choose a file."))],
    )
    kind = SelectField(
        _l("Type of school"),
        choices=[SelectChoice("", _l("Recognise from the file")), *KIND_CHOICES],
    )
    dry_run = BooleanField(_l("Only check the file; change nothing"), default=True)


@bp.route("/import", methods=["GET", "POST"])
@require(ORGANISER)
def import_file():
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        try:
            parsed = parse_duo_file(
                form.file.data.read(), SchoolKind(form.kind.data) if form.kind.data else None
            )
        except (DuoHeaderError, InputError) as error:
            problem = input_problem(error) if isinstance(error, InputError) else str(error)
            form.file.errors.append(
                _("This is not a DUO school file we can read: %(problem)s", problem=problem)
            )
        else:
            if not form.dry_run.data:
                backup_first("voor scholenimport")
            report = import_schools(parsed, dry_run=form.dry_run.data)
            if form.dry_run.data:  # a trial shows what would change and keeps nothing
                db.session.rollback()
            else:
                db.session.commit()
    return form_page(
        "schools/import.html",
        form,
        report=report,
        shown=SHOWN_REJECTIONS,
        problem_text=row_problem_text,
    )


@bp.get("/requests")
@require(ORGANISER)
def requests():
    return render_template(
        "schools/requests.html",
        requests=services.pending_requests(),
        reject_form=RejectForm(),
        merge_form=MergeForm(),
    )


def handle(request_id: int, action) -> object:
    request = db.get_or_404(SchoolRequest, request_id)
    run_action(lambda: action(request), _("The request is handled."))
    return redirect(url_for("schools_admin.requests"))


@bp.post("/requests/<int:request_id>/approve")
@require(ORGANISER)
def approve(request_id: int):
    if not Form().validate_on_submit():
        return redirect(url_for("schools_admin.requests"))
    return handle(request_id, lambda request: services.approve(request, current_user))


@bp.post("/requests/<int:request_id>/merge")
@require(ORGANISER)
def merge(request_id: int):
    form = MergeForm()
    code = (form.vestigingscode.data or "").strip().upper()
    school = db.session.scalar(select(School).where(School.vestigingscode == code))

    def merge_into(request):
        if not form.validate_on_submit() or school is None:
            raise DomainError(_("No school has vestigingscode %(code)s.", code=code))
        services.merge(request, school, current_user)

    return handle(request_id, merge_into)


@bp.post("/requests/<int:request_id>/reject")
@require(ORGANISER)
def reject(request_id: int):
    form = RejectForm()

    def reject_with_reason(request):
        if not form.validate_on_submit():
            raise DomainError(_("Give a reason."))
        services.reject(request, form.reason.data, current_user)

    return handle(request_id, reject_with_reason)


@bp.get("/links")
@require(ORGANISER)
def links():
    text = incoming.args.get("q", "")[:100]
    return render_template(
        "schools/links.html", links=services.memberships(text), text=text, form=ConfirmForm()
    )


@bp.post("/links/<int:school_id>/<int:user_id>/remove")
@require(ORGANISER)
def remove_link(school_id: int, user_id: int):
    if ConfirmForm().validate_on_submit():
        run_action(
            lambda: services.unlink_teacher(user_id, school_id, current_user),
            _("The link is removed. The teacher keeps the teams they coach."),
        )
    return redirect(url_for("schools_admin.links"))
