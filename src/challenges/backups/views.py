"""Organisers see the backups in the instance folder, download one and make one now.
Restoring is done on the command line only."""

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import format_decimal, format_number
from flask_babel import gettext as _

from challenges.auth.access import require
from challenges.auth.policies import ORGANISER
from challenges.backups import services
from challenges.forms import ConfirmForm

bp = Blueprint("backups", __name__, url_prefix="/admin/backups")


def backup_first(reason: str) -> None:
    """Before a risky action in a view: an automatic backup named by `reason` (a few Dutch
    words). When none can be made the action still goes ahead, and the user is told."""
    if services.automatic(reason) is None:
        flash(_("No backup could be made first; the server's log says why."), "error")


def file_size(size: int) -> str:
    """In the reader's number format: 12,3 kB, 4,5 MB."""
    if size < 1_000_000:
        return f"{format_decimal(size / 1000, '#,##0.0')} kB"
    return f"{format_decimal(size / 1_000_000, '#,##0.0')} MB"


@bp.get("")
@require(ORGANISER)
def index():
    return render_template(
        "backups/index.html",
        backups=services.stored_backups(),
        kept=services.kept(),
        form=ConfirmForm(),
        size=file_size,
        number=format_number,
    )


@bp.post("")
@require(ORGANISER)
def create():
    if ConfirmForm().validate_on_submit():
        path = services.by_hand()
        if path is None:
            flash(_("No backup was made; the server's log says why."), "error")
        else:
            flash(_("Backup made: %(name)s.", name=path.name), "success")
    return redirect(url_for("backups.index"))


@bp.get("/<backup_name>")
@require(ORGANISER)
def download(backup_name: str):
    path = services.stored_backup(backup_name)
    if path is None:
        abort(404)
    response = send_file(path, mimetype="application/gzip", as_attachment=True)
    response.headers["Cache-Control"] = "no-store"  # every personal detail of every season
    return response
