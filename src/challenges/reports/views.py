"""The organisers' season overview, with the report for funders as PDF and Excel."""

import io

from flask import Blueprint, Response, abort, render_template
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from challenges.auth.access import require
from challenges.auth.policies import ORGANISER
from challenges.extensions import db
from challenges.reports import report, services
from challenges.reports.documents import cell_text
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
    return render_template("reports/season.html", season=found, tables=tables, cell_text=cell_text)


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
