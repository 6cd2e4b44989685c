"""Organisers oversee registrations: filter, count, confirm in bulk, export, audit."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from challenges.actions import attempt
from challenges.auth.access import require
from challenges.auth.policies import ORGANISER
from challenges.database import utcnow
from challenges.errors import DomainError
from challenges.forms import ConfirmForm
from challenges.inputs import parse_id
from challenges.labels import audit_details_label, download_name
from challenges.redirects import safe_next
from challenges.registration import overview, services
from challenges.registration.forms import PROVINCES
from challenges.registration.models import status_label
from challenges.registration.status import TeamStatus
from challenges.spreadsheets import to_csv, to_xlsx

bp = Blueprint("registration_admin", __name__, url_prefix="/admin/registrations")

BULK_STATUSES = {"confirm": TeamStatus.CONFIRMED, "waitlist": TeamStatus.WAITLISTED}


@bp.get("/")
@require(ORGANISER)
def index():
    filters = overview.Filters.from_args(request.args)
    teams = overview.filtered_teams(filters)
    by_category, by_province = overview.counts(teams)
    return render_template(
        "registration/admin_index.html",
        teams=teams,
        filters=filters,
        by_category=by_category,
        by_province=by_province,
        choices=overview.filter_choices(),
        provinces=PROVINCES,
        statuses=list(TeamStatus),
        status_label=status_label,
        form=ConfirmForm(),
    )


EXPORT_TYPES = {
    "csv": ("text/csv; charset=utf-8", lambda rows: to_csv(overview.EXPORT_COLUMNS, rows)),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        lambda rows: to_xlsx(overview.EXPORT_COLUMNS, rows, "registrations"),
    ),
}


@bp.get("/export.<any(csv, xlsx):kind>")
@require(ORGANISER)
def export(kind: str):
    teams = overview.filtered_teams(overview.Filters.from_args(request.args))
    mimetype, build = EXPORT_TYPES[kind]
    filename = download_name("registrations", parts=(f"{utcnow():%Y%m%d-%H%M}",), suffix=kind)
    return Response(
        build(overview.export_rows(teams)),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/coaches.txt")
@require(ORGANISER)
def coach_emails():
    teams = overview.filtered_teams(overview.Filters.from_args(request.args))
    return Response("; ".join(overview.coach_addresses(teams)) + "\n", mimetype="text/plain")


def seen_status(value: str | None) -> TeamStatus | None:
    """The status the organiser saw (a hidden field per team); anything else is not known."""
    try:
        return TeamStatus(value)
    except ValueError:
        return None


@bp.post("/bulk")
@require(ORGANISER)
def bulk():
    back = safe_next(request.form.get("next")) or url_for("registration_admin.index")
    new = BULK_STATUSES.get(request.form.get("action", ""))
    team_ids = request.form.getlist("team", type=parse_id)
    if not ConfirmForm().validate_on_submit() or new is None or not team_ids:
        flash(_("Choose one or more teams and an action."), "error")
        return redirect(back)
    seen = {team_id: seen_status(request.form.get(f"seen-{team_id}")) for team_id in team_ids}
    outcome = attempt(lambda: services.change_status_in_bulk(seen, new, current_user))
    if isinstance(outcome, DomainError):
        flash(outcome.message, "error")
        return redirect(back)
    flash(
        _("%(count)d team(s) are now %(status)s.", count=outcome.changed, status=status_label(new)),
        "success",
    )
    if outcome.changed_meanwhile:
        flash(
            _(
                "Not changed, because their status changed meanwhile (look at them again): "
                "%(teams)s",
                teams=", ".join(outcome.changed_meanwhile),
            ),
            "error",
        )
    if outcome.refused:
        flash(
            _(
                "Not changed (their status does not allow it): %(teams)s",
                teams=", ".join(outcome.refused),
            ),
            "error",
        )
    return redirect(back)


@bp.get("/audit")
@require(ORGANISER)
def audit():
    team_id = request.args.get("team", type=parse_id)
    return render_template(
        "registration/audit.html",
        entries=overview.audit_trail(team_id),
        team_id=team_id,
        audit_details_label=audit_details_label,
    )
