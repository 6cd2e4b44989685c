"""Downloads of the printed documents, and the logo and signature certificates carry."""

import tempfile
from collections.abc import Callable
from typing import IO

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from challenges.actions import run_form_action
from challenges.auth.access import public, require
from challenges.auth.policies import (
    EVENT_CREW,
    EVENT_MANAGER,
    HEAD_REFEREE,
    JUDGE_ADVISORS,
    JUDGES,
    ORGANISER,
    REFEREES,
)
from challenges.awards import voting
from challenges.awards.visibility import results_shown, team_at, visible_event
from challenges.errors import DomainError, found_or_404
from challenges.events.models import Event
from challenges.extensions import db
from challenges.forms import form_page
from challenges.judging.entries import rubric_of, rubric_set_of
from challenges.labels import download_name
from challenges.printing import branding, documents, scoresheets, sources, vote_posters
from challenges.printing.certificates import Branding, write_certificates
from challenges.printing.forms import BrandingForm
from challenges.printing.market_plan import write_market_plan
from challenges.registration.models import Team
from challenges.registration.policies import TEAM_COACH
from challenges.robot_game.match_sheets import season_of, sheet_of
from challenges.robot_game.models import ScoreSheet
from challenges.seasons.models import Season

bp = Blueprint("printing", __name__)

IN_MEMORY = 8 * 1024 * 1024  # larger documents go to a temporary file while they stream
CHUNK = 256 * 1024


def signs_word(event: Event) -> str:
    """FLL teams have pits, Vakkanjers teams stands."""
    return "pit-signs" if event.season.programme.has_robot_game else "stand-signs"


def rubric_word(event: Event) -> str:
    return "rubric" if event.season.programme.has_robot_game else "jury-form"


def pdf_response(name: str, write: Callable[[IO[bytes]], int]) -> Response:
    """The PDF as a download. ReportLab writes the document once (into memory, or a temporary
    file when it is large); the response then streams it in chunks."""
    buffer = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 (closed below)
    try:
        write(buffer)
    except DomainError:
        buffer.close()
        raise
    size = buffer.tell()
    buffer.seek(0)

    def chunks():
        with buffer:
            while block := buffer.read(CHUNK):
                yield block

    return Response(
        chunks(),
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Content-Length": str(size),
        },
    )


LEFT_OUT = {
    "logo": _l(
        "The season's logo cannot be drawn (the stored file is damaged), so certificates are "
        "printed without it. Upload it again on the season's certificates page, or remove it."
    ),
    "signature": _l(
        "The season's signature cannot be drawn (the stored file is damaged), so certificates "
        "are printed without it. Upload it again on the season's certificates page, or remove it."
    ),
}


def certificates_pdf(event: Event, team_id: int | None, name: str, warn: bool = False):
    """The certificates; `warn` tells the one printing them about an image left out."""
    footer = sources.footer(_("Certificates"), event)
    look = sources.branding(event)
    for kind in look.left_out if warn else ():
        flash(str(LEFT_OUT[kind]), "error")
    return pdf_response(
        name,
        lambda out: write_certificates(out, sources.certificates(event, team_id), look, footer),
    )


def published_for_coach(team_id: int, event_id: int, not_yet: str) -> tuple[Team, Event]:
    """A team at an event, for the team's coaches once the event's results are published;
    before, `not_yet` tells them when (409)."""
    team = db.get_or_404(Team, team_id)
    event = db.get_or_404(Event, event_id)
    team_at(event, team)
    if not results_shown(event):
        raise DomainError(not_yet, status=409)
    return team, event


@bp.get("/events/<int:event_id>/print/certificates")
@require(JUDGE_ADVISORS)
def event_certificates(event_id: int):
    """Every certificate of the event in one PDF, in printing order."""
    event = db.get_or_404(Event, event_id)
    return certificates_pdf(
        event, None, download_name("certificates", parts=(event.slug,), suffix="pdf"), warn=True
    )


@bp.get("/teams/<int:team_id>/certificates/<int:event_id>")
@require(TEAM_COACH)
def team_certificates(team_id: int, event_id: int):
    """A team's certificates for its coaches, once the event's results are published."""
    team, event = published_for_coach(
        team_id, event_id, _("The certificates can be downloaded once the results are published.")
    )
    return certificates_pdf(
        event, team.id, download_name("certificates", parts=(event.slug, team.id), suffix="pdf")
    )


@bp.get("/events/<int:event_id>/print/schedule")
@require(EVENT_CREW)
def schedule(event_id: int):
    event = db.get_or_404(Event, event_id)
    by = request.args.get("by", "event")
    if by not in documents.SCHEDULE_VIEWS:
        abort(404)
    per = [] if by == "event" else [f"per-{by}"]  # FILE_WORDS: per-team, per-table, per-room
    return pdf_response(
        download_name("schedule", *per, parts=(event.slug,), suffix="pdf"),
        lambda out: documents.write_schedule(out, event, by),
    )


@bp.get("/events/<int:event_id>/print/signs")
@require(EVENT_CREW)
def signs(event_id: int):
    event = db.get_or_404(Event, event_id)
    team_url = documents.team_url(event)
    return pdf_response(
        download_name(signs_word(event), parts=(event.slug,), suffix="pdf"),
        lambda out: documents.write_signs(out, event, team_url),
    )


@bp.get("/events/<int:event_id>/print/market-plan")
@require(EVENT_CREW)
def market_plan(event_id: int):
    """The Vakkanjers Markt's fixed round plan with its times."""
    event = db.get_or_404(Event, event_id)
    return pdf_response(
        download_name("round-plan", parts=(event.slug,), suffix="pdf"),
        lambda out: write_market_plan(out, event),
    )


@bp.get("/events/<int:event_id>/print/vote-poster")
@require(EVENT_CREW)
def vote_poster(event_id: int):
    """The public prize's poster with a QR code to the vote (?size=a3 for A3)."""
    event = db.get_or_404(Event, event_id)
    voting.ensure_public_prize(event)
    size = request.args.get("size", "a4")
    if size not in vote_posters.POSTER_SIZES:
        abort(404)
    return pdf_response(
        download_name("vote-poster", parts=(event.slug, size), suffix="pdf"),
        lambda out: vote_posters.write_poster(out, event, size),
    )


@bp.get("/events/<int:event_id>/print/stand-cards")
@require(EVENT_CREW)
def stand_cards(event_id: int):
    """A card per stand with a QR code that opens the vote with its team chosen."""
    event = db.get_or_404(Event, event_id)
    voting.ensure_public_prize(event)
    return pdf_response(
        download_name("stand-cards", parts=(event.slug,), suffix="pdf"),
        lambda out: vote_posters.write_stand_cards(out, event),
    )


@bp.get("/events/<int:event_id>/print/public-prize-certificate")
@require(EVENT_MANAGER)
def public_prize_certificate(event_id: int):
    """The certificate of the public prize's winner (also among the event's certificates)."""
    event = db.get_or_404(Event, event_id)
    voting.ensure_public_prize(event)
    return pdf_response(
        download_name("certificates", "public-prize", parts=(event.slug,), suffix="pdf"),
        lambda out: vote_posters.write_winner_certificate(out, event),
    )


@bp.get("/events/<int:event_id>/print/scoresheet")
@require(REFEREES)
def blank_scoresheet(event_id: int):
    return scoresheet_pdf(db.get_or_404(Event, event_id), None)


@bp.get("/events/<int:event_id>/print/sheets/<int:sheet_id>")
@require(HEAD_REFEREE)
def filled_scoresheet(event_id: int, sheet_id: int):
    event = db.get_or_404(Event, event_id)
    return scoresheet_pdf(event, found_or_404(lambda: sheet_of(event, sheet_id)))


def scoresheet_pdf(event: Event, sheet: ScoreSheet | None) -> Response:
    """A blank score sheet (named after the season) or a filled-in one (after the sheet)."""
    season = season_of(event)
    parts = (season.key,) if sheet is None else (event.slug, sheet.id)
    return pdf_response(
        download_name("scoresheet", parts=parts, suffix="pdf"),
        lambda out: scoresheets.write_scoresheet(out, season, sheet, event),
    )


@bp.get("/events/<int:event_id>/print/rubrics/<rubric_id>")
@require(JUDGES)
def blank_rubric(event_id: int, rubric_id: str):
    event = db.get_or_404(Event, event_id)
    rubric = found_or_404(lambda: rubric_of(event, rubric_id))
    rubric_set = rubric_set_of(event)
    return pdf_response(
        download_name(rubric_word(event), parts=(rubric.id,), suffix="pdf"),
        lambda out: documents.write_rubric(out, rubric_set, rubric.id),
    )


@bp.get("/teams/<int:team_id>/feedback/<int:event_id>.pdf")
@require(TEAM_COACH)
def feedback(team_id: int, event_id: int):
    """The jury feedback as a PDF for the team's coaches, once the results are published."""
    team, event = published_for_coach(
        team_id, event_id, _("The jury feedback is shown once the results are published.")
    )
    return pdf_response(
        download_name("feedback", parts=(event.slug, team.id), suffix="pdf"),
        lambda out: documents.write_feedback(out, event, team),
    )


@bp.get("/events/<event_ref>/results.pdf")
@public
def results(event_ref: str):
    """The results as a PDF: public once published, like the results page."""
    event = visible_event(event_ref)
    if not results_shown(event):
        raise DomainError(_("The results of this event are not published yet."), status=409)
    return pdf_response(
        download_name("results", parts=(event.slug,), suffix="pdf"),
        lambda out: documents.write_results(out, event),
    )


@bp.route("/seasons/<int:season_id>/branding", methods=["GET", "POST"])
@require(ORGANISER)
def season_branding(season_id: int):
    """The logo, signature image and signatory printed on the season's certificates."""
    season = db.get_or_404(Season, season_id)
    current = branding.of(season)
    form = BrandingForm(obj=current)
    if form.validate_on_submit() and run_form_action(
        form,
        lambda: branding.save(
            season,
            form.logo.data,
            form.signature.data,
            form.signatory_name.data,
            form.signatory_role.data,
            remove_logo=form.remove_logo.data,
            remove_signature=form.remove_signature.data,
        ),
        _("The certificates' logo and signature are saved."),
    ):
        return redirect(url_for("printing.season_branding", season_id=season.id))
    stored = Branding(season.name, current.logo, current.signature) if current else None
    return form_page(
        "printing/branding.html",
        form,
        season=season,
        current=current,
        left_out=[LEFT_OUT[kind] for kind in stored.drawable().left_out] if stored else [],
    )


@bp.get("/seasons/<int:season_id>/branding/<any(logo, signature):kind>")
@require(ORGANISER)
def branding_image(season_id: int, kind: str):
    found = branding.of(db.get_or_404(Season, season_id))
    data = getattr(found, kind) if found else None
    if not data:
        abort(404)
    return data, 200, {"Content-Type": branding.mimetype(data), "Cache-Control": "no-store"}
