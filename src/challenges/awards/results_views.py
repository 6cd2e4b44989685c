"""The public results page of an event, the public's vote, and the jury's feedback for a
team's coaches."""

from flask import Blueprint, abort, current_app, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from challenges.actions import run_form_action
from challenges.auth.access import public, require
from challenges.auth.policies import Policy
from challenges.auth.roles import Role
from challenges.awards import advancing, awarding, voting
from challenges.awards.forms import VoteForm
from challenges.errors import DomainError
from challenges.events import schedules
from challenges.events.models import Event, EventTeam
from challenges.events.services import find_event
from challenges.extensions import db, limiter
from challenges.forms import FORM_ERROR_STATUS
from challenges.i18n import current_language as language
from challenges.judging import entries, results
from challenges.registration.models import Team
from challenges.registration.services import may_see_team
from challenges.robot_game import standings

bp = Blueprint("results", __name__)

PREVIEWERS = frozenset({Role.JUDGE_ADVISOR, Role.EVENT_MANAGER})

TEAM_COACH = Policy(
    "team_coach",
    _l("Only the team's teachers and the organisers may see this team's feedback."),
    lambda user, args: (
        (team := db.session.get(Team, args["team_id"])) is None or may_see_team(user, team)
    ),
)


def may_preview(event: Event) -> bool:
    return current_user.is_authenticated and (
        current_user.has_role(Role.ORGANISER) or current_user.has_event_role(event.id, PREVIEWERS)
    )


@bp.get("/events/<event_ref>/results")
@public
def event_results(event_ref: str):
    event = find_event(event_ref)
    if event is None or not (event.published or may_preview(event)):
        abort(404)
    if event.results_published_at is None and not may_preview(event):
        return render_template("awards/results.html", event=event, found=None)
    found = results.event_results(event)
    return render_template(
        "awards/results.html",
        event=event,
        found=found,
        lists=awarding.award_lists(event, found),
        tickets=[t for t in advancing.tickets(event) if t.status.value == "confirmed"],
        votes=voting.tally(event),
        public_names={team.id: team.name for team in voting.teams(event)},
        language=language(),
        preview=event.results_published_at is None,
    )


@bp.get("/teams/<int:team_id>/feedback/<int:event_id>")
@require(TEAM_COACH)
def feedback(team_id: int, event_id: int):
    """The submitted rubrics of a team, judges unnamed, once the results are published."""
    team = db.get_or_404(Team, team_id)
    event = db.get_or_404(Event, event_id)
    placed = db.session.scalar(
        select(EventTeam.id).where(EventTeam.team_id == team.id, EventTeam.event_id == event.id)
    )
    if placed is None:
        abort(404)
    if event.results_published_at is None and not may_preview(event):
        return render_template("awards/feedback.html", team=team, event=event, sheets=None)
    return render_template(
        "awards/feedback.html",
        team=team,
        event=event,
        sheets=entries.submitted_for_team(event, team.id),
        rubric_set=entries.rubric_set_of(event),
        language=language(),
    )


def votable_event(event_ref: str) -> Event:
    event = find_event(event_ref)
    if event is None or not event.published:
        abort(404)
    return event


@bp.route("/events/<event_ref>/vote", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["RATELIMIT_VOTE"], methods=["POST"])
def vote(event_ref: str):
    """The public prize: pick a team, confirm by e-mail."""
    event = votable_event(event_ref)
    form = VoteForm()
    form.team.choices = [(team.id, team.name) for team in voting.teams(event)]
    sent = False
    if event.public_vote_open and form.validate_on_submit():
        sent = run_form_action(
            form, lambda: voting.cast(event, form.team.data, form.email.data, language())
        )
    status = FORM_ERROR_STATUS if form.errors or form.form_errors else 200
    return render_template("awards/vote.html", event=event, form=form, sent=sent), status


@bp.get("/events/<event_ref>/vote/confirm/<token>")
@public
def confirm_vote(event_ref: str, token: str):
    event = votable_event(event_ref)
    try:
        found = voting.confirm(event, token)
    except DomainError as error:
        db.session.rollback()
        return render_template("awards/vote.html", event=event, problem=error.message), error.status
    db.session.commit()
    return render_template("awards/vote.html", event=event, confirmed=found.team)


@bp.get("/events/<event_ref>/teams/<int:team_id>")
@public
def team_page(event_ref: str, team_id: int):
    """A team's public page (the QR code on its pit sign): when it plays, its verified
    robot-game scores and, once published, its awards."""
    event = find_event(event_ref)
    team = db.session.get(Team, team_id)
    if event is None or team is None or not (event.published or may_preview(event)):
        abort(404)
    placed = db.session.scalar(
        select(EventTeam.id).where(EventTeam.team_id == team.id, EventTeam.event_id == event.id)
    )
    if placed is None:
        abort(404)
    scores, _ratings, _rounds = standings.ranking_rounds(event)
    won = []
    if event.results_published_at is not None:
        found = results.event_results(event)
        for lists in awarding.award_lists(event, found).values():
            for item in lists:
                won += [item.award for winner in item.winners if winner.team_id == team.id]
    return render_template(
        "awards/team.html",
        event=event,
        team=team,
        schedule=schedules.entries(event, team.id),
        scores=scores.get(team.id, []),
        won=won,
        language=language(),
    )
