"""The evaluations for the people who run events: send, remind once and close an event's
survey, and read the figures and remarks (never a name) of an event or a whole season."""

from collections.abc import Callable
from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from challenges.actions import attempt
from challenges.auth.access import require
from challenges.auth.policies import EVENT_MANAGER, ORGANISER, is_organiser
from challenges.cells import Cell, funders_cell
from challenges.errors import DomainError
from challenges.events.models import Event
from challenges.extensions import db
from challenges.forms import ConfirmForm
from challenges.i18n import cell_text
from challenges.seasons.models import Season
from challenges.surveys import services, summary
from challenges.surveys.figures import may_send
from challenges.surveys.models import Audience, Survey

bp = Blueprint("surveys_admin", __name__, url_prefix="/admin/surveys")


QUESTIONS = {
    (Audience.COACH, "went_well"): _l("Coaches: what went well"),
    (Audience.COACH, "could_be_better"): _l("Coaches: what could be better"),
    (Audience.COACH, "remarks"): _l("Coaches: other remarks"),
    (Audience.VOLUNTEER, "remarks"): _l("Volunteers: remarks"),
}


def exact(cell: Cell) -> str:
    """A count, a response rate or an average mark as the organisers' own pages show it."""
    return cell_text(cell)


def masked(cell: Cell) -> str:
    """The same outside the organisers' own pages, by the season report's rule: counts of 1-4
    as "< 5", their response rates and the average marks of 1-4 answers withheld."""
    return cell_text(funders_cell(cell))


def question_label(audience: Audience, question: str) -> str:
    return str(QUESTIONS[audience, question])


@bp.app_template_global()
def survey_page(event: Event) -> str | None:
    """The address of the event's survey page, for the cockpit; None: not for this visitor."""
    if not EVENT_MANAGER.allows(current_user, {"event_id": event.id}):
        return None
    return url_for("surveys_admin.event", event_id=event.id)


@bp.get("/")
@require(ORGANISER)
def index():
    """The seasons in which a survey was sent, newest first."""
    seasons = db.session.scalars(
        select(Season)
        .where(Season.id.in_(select(Event.season_id).join(Survey, Survey.event_id == Event.id)))
        .options(selectinload(Season.programme))
        .order_by(Season.name.desc(), Season.key)
    )
    return render_template("surveys/index.html", seasons=seasons)


@bp.get("/seasons/<int:season_id>")
@require(ORGANISER)
def season(season_id: int):
    found = db.get_or_404(Season, season_id)
    figures = summary.season_summary(found)
    events = db.session.scalars(
        select(Event).where(Event.season_id == found.id).order_by(Event.starts_on, Event.name)
    ).all()
    remarks = summary.remarks_by_event([event.id for event in events])
    return render_template(
        "surveys/season.html",
        season=found,
        summary=figures,
        events=[event for event in events if event.id in remarks],
        remarks=remarks,
        shown=exact,
        question_label=question_label,
    )


@bp.get("/events/<int:event_id>")
@require(EVENT_MANAGER)
def event(event_id: int):
    found = db.get_or_404(Event, event_id)
    survey = services.survey_of(found)
    organiser = is_organiser(current_user)
    return render_template(
        "surveys/event.html",
        event=found,
        survey=survey,
        open=survey is not None and services.is_taking_answers(survey),
        may_send=survey is None and may_send(found.starts_on, services.today()),
        coaches=len(services.coaches_of(found)) if survey is None else None,
        volunteers=len(services.volunteers_of(found)) if survey is None else None,
        figures=summary.event_figures(found),
        remarks=summary.remarks_by_event([found.id]).get(found.id, []),
        shown=exact if organiser else masked,
        season_link=url_for(".season", season_id=found.season_id) if organiser else None,
        question_label=question_label,
        form=ConfirmForm(),
    )


def button(event_id: int, action: Callable[[Event], Any], done: Callable[[Any], str]):
    """A button of the event's survey page: act, say what happened, show the page again."""
    found = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        outcome = attempt(lambda: action(found))
        if isinstance(outcome, DomainError):
            flash(outcome.message, "error")
        else:
            flash(done(outcome), "success")
    return redirect(url_for("surveys_admin.event", event_id=found.id))


def mails_sent(mails: int) -> str:
    return ngettext("%(num)d e-mail is on its way.", "%(num)d e-mails are on their way.", mails)


@bp.post("/events/<int:event_id>/send")
@require(EVENT_MANAGER)
def send(event_id: int):
    return button(event_id, lambda event: services.send_survey(event, current_user), mails_sent)


@bp.post("/events/<int:event_id>/remind")
@require(EVENT_MANAGER)
def remind(event_id: int):
    return button(event_id, lambda event: services.send_reminder(event, current_user), mails_sent)


@bp.post("/events/<int:event_id>/close")
@require(EVENT_MANAGER)
def close(event_id: int):
    return button(event_id, services.close_survey, lambda _none: _("The survey is closed."))
