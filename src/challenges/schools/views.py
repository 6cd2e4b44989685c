"""Teachers find their school (or ask for it to be added) and link to it."""

from flask import (
    Blueprint,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from challenges.actions import attempt
from challenges.auth.access import limit, per_user, require
from challenges.auth.policies import SIGNED_IN
from challenges.extensions import db
from challenges.forms import ConfirmForm, form_page
from challenges.schools import services
from challenges.schools.forms import SchoolRequestForm
from challenges.schools.models import School

bp = Blueprint("schools", __name__, url_prefix="/schools")


@bp.get("/")
@require(SIGNED_IN)
def search():
    text = request.args.get("q", "")[:100]
    schools = services.search_schools(text)
    if request.accept_mimetypes.best == "application/json":
        return jsonify(
            [
                {
                    "id": s.id,
                    "name": s.name,
                    "town": s.town,
                    "postcode": s.postcode,
                    "vestigingscode": s.vestigingscode,
                }
                for s in schools
            ]
        )
    return render_template(
        "schools/search.html",
        text=text,
        schools=schools,
        form=ConfirmForm(),
        mine={school.id for school in services.schools_of(current_user)},
    )


@bp.post("/<int:school_id>/link")
@require(SIGNED_IN)
@limit("RATELIMIT_LINK", key_func=per_user)
def link(school_id: int):
    school = db.get_or_404(School, school_id)
    if ConfirmForm().validate_on_submit():
        if attempt(lambda: services.link_teacher(current_user, school)) is True:
            flash(
                _(
                    "You are linked to %(school)s. You can now register new teams for it.",
                    school=str(school),
                ),
                "success",
            )
        else:
            flash(_("You were already linked to %(school)s.", school=str(school)), "info")
    return redirect(url_for("registration.mine"))


@bp.route("/request", methods=["GET", "POST"])
@require(SIGNED_IN)
def request_missing():
    form = SchoolRequestForm()
    if form.validate_on_submit():
        attempt(
            lambda: services.request_school(
                current_user, form.name.data, form.town.data, form.kind.data
            )
        )
        flash(_("Thank you. An organiser will add your school and link you to it."), "success")
        return redirect(url_for("registration.mine"))
    return form_page("schools/request.html", form)
