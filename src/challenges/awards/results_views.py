"""The public results page of an event, the public's vote, and the jury's feedback for a
team's coaches."""

from flask import Blueprint, abort, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from challenges.actions import attempt, run_action, run_form_action
from challenges.auth.access import limit, public, require
from challenges.awards import awarding, results, ticket_mail, tickets, voting
from challenges.awards.forms import VoteForm
from challenges.awards.models import Advancement
from challenges.awards.visibility import ranking_shown, results_shown, team_at, visible_event
from challenges.errors import DomainError
from challenges.events.models import Event
from challenges.events.schedule import services as schedule_service
from challenges.events.services import find_event
from challenges.extensions import db
from challenges.forms import ConfirmForm, form_page
from challenges.i18n import current_language as language
from challenges.inputs import parse_id
from challenges.judging import entries
from challenges.registration.models import Team
from challenges.registration.policies import TEAM_COACH
from challenges.robot_game import standings

bp = Blueprint("awards_results", __name__)


@bp.get("/events/<event_ref>/results")
@public
def event_results(event_ref: str):
    event = visible_event(event_ref)
    if not results_shown(event):
        return render_template("awards/results.html", event=event, found=None)
    found = results.event_results(event)
    return render_template(
        "awards/results.html",
        event=event,
        found=found,
        lists=awarding.award_lists(event, found),
        place_label=awarding.place_label,
        tickets=tickets.going(event),
        ticket_reason=awarding.ticket_reason,
        ranking_shown=ranking_shown(event),
        public_prize=voting.winner(event),  # the winner only: the counts stay private
        language=language(),
        preview=event.results_published_at is None,
    )


@bp.get("/teams/<int:team_id>/feedback/<int:event_id>")
@require(TEAM_COACH)
def feedback(team_id: int, event_id: int):
    """The submitted rubrics of a team, judges unnamed, once the results are published."""
    team = db.get_or_404(Team, team_id)
    event = db.get_or_404(Event, event_id)
    team_at(event, team)
    if not results_shown(event):
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
    """Only the public votes, so only at a published event: not even its crew votes before."""
    event = find_event(event_ref)
    if event is None or not event.published:
        abort(404)
    return event


@bp.route("/events/<event_ref>/vote", methods=["GET", "POST"])
@public
@limit("RATELIMIT_VOTE")
def vote(event_ref: str):
    """The public prize: pick a team, confirm by e-mail."""
    event = votable_event(event_ref)
    form = VoteForm()
    form.team.choices = voting.choices(event)
    if not form.is_submitted():  # the stand's "vote" button names its team
        chosen = request.args.get("team", type=parse_id)
        form.team.data = chosen if chosen in dict(form.team.choices) else None
    sent = False
    if event.public_vote_open and form.validate_on_submit():
        sent = run_form_action(
            form, lambda: voting.cast(event, form.team.data, form.email.data, language())
        )
    return form_page("awards/vote.html", form, event=event, sent=sent)


@bp.get("/events/<event_ref>/vote/confirm/<token>")
@public
def confirm_vote(event_ref: str, token: str):
    event = votable_event(event_ref)
    found = attempt(lambda: voting.confirm(event, token))
    if isinstance(found, DomainError):
        return render_template("awards/vote.html", event=event, problem=found.message), found.status
    return render_template("awards/vote.html", event=event, confirmed=found.team)


@bp.get("/events/<event_ref>/teams/<int:team_id>")
@public
def team_page(event_ref: str, team_id: int):
    """A team's public page (the QR code on its pit sign): when it plays, its verified
    robot-game scores and, once published, its awards."""
    event = visible_event(event_ref)
    team = db.get_or_404(Team, team_id)
    team_at(event, team)
    won = []
    if event.results_published_at is not None:
        season_awards = entries.rubric_set_of(event).awards
        mine = {winner.award for winner in awarding.winners(event) if winner.team_id == team.id}
        prize = voting.winner(event)
        if prize is not None and prize.team_id == team.id:
            mine |= {award.id for award in season_awards if award.basis == "public_vote"}
        won = [award for award in season_awards if award.id in mine]
    return render_template(
        "awards/team.html",
        event=event,
        team=team,
        schedule=schedule_service.entries(event, team.id),
        scores=standings.public_scores_of(event, team),
        won=won,
        language=language(),
    )


def _answer(ticket: Advancement, coach, here: str):
    """The coach's page of a ticket: why, where and when, and whether the team comes."""
    form = ConfirmForm()
    if request.method == "POST" and form.validate_on_submit():
        accept = request.form.get("answer") == "accept"
        done = run_action(
            lambda: tickets.answer(ticket, accept, request.form.get("reason", ""), coach),
            _("Thank you: the organisers know that your team comes.")
            if accept
            else _("Your team has declined; the place passes to another team."),
        )
        if done:
            return redirect(here)
    return render_template(
        "awards/ticket.html", ticket=ticket, reason=awarding.ticket_reason(ticket), form=form
    )


@bp.route("/tickets/answer/<token>", methods=["GET", "POST"])
@public
def answer_ticket(token: str):
    """The link in the ticket's mail: works without log-in, for this ticket and coach only."""
    found = ticket_mail.read_answer_token(token)
    if found is None:
        return render_template("awards/ticket.html", ticket=None), 404
    ticket, coach = found
    return _answer(ticket, coach, request.path)


@bp.route("/teams/<int:team_id>/tickets/<int:ticket_id>", methods=["GET", "POST"])
@require(TEAM_COACH)
def team_ticket(team_id: int, ticket_id: int):
    """The same page for a logged-in coach of the team."""
    ticket = db.get_or_404(Advancement, ticket_id)
    if ticket.team_id != team_id:
        abort(404)
    return _answer(ticket, current_user, request.path)
