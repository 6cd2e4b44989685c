"""The organisers' season overview, with the report for funders as PDF and Excel."""

import io

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from challenges.actions import run_form_action
from challenges.auth.access import require
from challenges.auth.policies import EVENT_MANAGER, ORGANISER
from challenges.events.models import Event
from challenges.extensions import db
from challenges.forms import form_page
from challenges.i18n import cell_text
from challenges.reports import report, services, visitors
from challenges.reports.charts import season_pictures
from challenges.reports.forms import VisitorsForm
from challenges.reports.pictures import svg
from challenges.reports.tables import season_tables
from challenges.seasons.models import Programme, Season

bp = Blueprint("reports", __name__, url_prefix="/admin/reports")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def season_or_404(season_id: int) -> Season:
    season = db.session.get(Season, season_id)
    if season is None:
        abort(404, _("This season does not exist."))
    return season


def attachment(body: bytes, mimetype: str, filename: str) -> Response:
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/")
@require(ORGANISER)
def index():
    programmes = db.session.scalars(
        select(Programme).options(selectinload(Programme.seasons)).order_by(Programme.name)
    )
    return render_template("reports/index.html", programmes=programmes)


@bp.get("/seasons/<int:season_id>")
@require(ORGANISER)
def season(season_id: int):
    found = season_or_404(season_id)
    tables = season_tables(services.season_figures(found))
    by_schools = request.args.get("map") == "schools"
    return render_template(
        "reports/season.html",
        season=found,
        tables=tables,
        pictures=season_pictures(tables, by_schools),
        by_schools=by_schools,
        cell_text=cell_text,
        svg=svg,
    )


@bp.get("/seasons/<int:season_id>/report.pdf")
@require(ORGANISER)
def season_pdf(season_id: int):
    found = season_or_404(season_id)
    buffer = io.BytesIO()
    report.write_pdf(buffer, found)
    return attachment(buffer.getvalue(), "application/pdf", report.file_name(found, "pdf"))


@bp.get("/seasons/<int:season_id>/report.xlsx")
@require(ORGANISER)
def season_xlsx(season_id: int):
    found = season_or_404(season_id)
    return attachment(report.workbook(found), XLSX, report.file_name(found, "xlsx"))


@bp.route("/events/<int:event_id>/visitors", methods=["GET", "POST"])
@require(EVENT_MANAGER)
def event_visitors(event_id: int):
    event = db.get_or_404(Event, event_id)
    form = VisitorsForm(obj=visitors.visitors_of(event))
    if form.validate_on_submit() and run_form_action(
        form,
        lambda: visitors.record_visitors(event, form.visitors.data, form.note.data, current_user),
    ):
        flash(_("The number of visitors is saved."), "success")
        return redirect(url_for("reports.event_visitors", event_id=event.id))
    return form_page("reports/event_visitors.html", form, event=event)
