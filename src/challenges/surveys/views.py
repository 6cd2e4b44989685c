"""The survey behind the link in its mail: no log-in, for this person and event only."""

from flask import Blueprint, redirect, render_template, url_for

from challenges.actions import run_form_action
from challenges.auth.access import public
from challenges.forms import form_page
from challenges.surveys import services
from challenges.surveys.forms import (
    CoachSurveyForm,
    VolunteerSurveyForm,
    word_coach_form,
    word_volunteer_form,
)
from challenges.surveys.links import invitation_of
from challenges.surveys.models import Audience, SurveyInvitation

bp = Blueprint("surveys", __name__, url_prefix="/survey")

GONE = 410  # a closed survey: the link was right, its time is over


def survey_form(invitation: SurveyInvitation) -> CoachSurveyForm | VolunteerSurveyForm:
    """The person's form, holding their earlier answers (changeable while it is open)."""
    event = invitation.survey.event
    if invitation.audience is Audience.COACH:
        return word_coach_form(CoachSurveyForm(obj=invitation), event)
    return word_volunteer_form(VolunteerSurveyForm(obj=invitation), event)


def unavailable(invitation: SurveyInvitation | None):
    """A link that opens nothing (404) or a survey that is closed (410): a page that says so."""
    status = 404 if invitation is None else GONE
    return render_template("surveys/unavailable.html", invitation=invitation), status


@bp.route("/<token>", methods=["GET", "POST"])
@public
def answer(token: str):
    invitation = invitation_of(token)
    if invitation is None or not services.is_taking_answers(invitation.survey):
        return unavailable(invitation)
    form = survey_form(invitation)
    if form.validate_on_submit() and run_form_action(
        form, lambda: services.answer(invitation, form.answers())
    ):
        return redirect(url_for("surveys.thanks", token=token))
    return form_page(
        "surveys/answer.html", form, invitation=invitation, event=invitation.survey.event
    )


@bp.get("/<token>/thanks")
@public
def thanks(token: str):
    invitation = invitation_of(token)
    if invitation is None:
        return unavailable(None)
    if invitation.answered_at is None:
        return redirect(url_for("surveys.answer", token=token))
    return render_template(
        "surveys/thanks.html",
        event=invitation.survey.event,
        token=token,
        changeable=services.is_taking_answers(invitation.survey),
    )
