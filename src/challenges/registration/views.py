"""Teachers register and manage their school's teams."""

from collections.abc import Callable
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from challenges.actions import attempt, run_action, run_form_action
from challenges.auth.access import limit, per_user, public, require
from challenges.auth.models import User
from challenges.auth.policies import SIGNED_IN
from challenges.database import utcnow
from challenges.errors import DomainError
from challenges.events.models import Event, EventKind
from challenges.extensions import db
from challenges.forms import ConfirmForm, form_page, show_domain_error
from challenges.labels import ticket_status_label
from challenges.registration import invitations, rules, services
from challenges.registration.forms import (
    NO_CHOICE,
    CoachForm,
    RegistrationForm,
    TeamForm,
    WithdrawForm,
)
from challenges.registration.models import Team, status_label
from challenges.registration.policies import TEAM_COACH
from challenges.schools.services import schools_of
from challenges.seasons.models import Season

bp = Blueprint("registration", __name__, url_prefix="/teams")

# The team page also shows what the areas built on registration know of the team (its events and
# schedule, its tickets): they name, when the app starts, how to find it (`show_on_team_page`).
_team_page_parts: list[Callable[[Team], dict[str, Any]]] = []


def show_on_team_page(*parts: Callable[[Team], dict[str, Any]]) -> None:
    """Name the functions that give the team page's template what an area knows of a team."""
    _team_page_parts[:] = parts


def team_form(season: Season, team: Team | None = None) -> TeamForm:
    robot_game = season.programme.has_robot_game
    form = TeamForm(robot_game, obj=team) if team else RegistrationForm(robot_game)
    schools = schools_of(current_user)
    if team and team.school and team.school not in schools:
        schools.append(team.school)
    form.school_id.choices = [SelectChoice(s.id, str(s)) for s in schools]
    if season.programme.allows_clubs:
        form.school_id.choices.append(
            SelectChoice(NO_CHOICE, _("No school: an out-of-school team"))
        )
    form.category_id.choices = [SelectChoice(c.id, category_label(c)) for c in season.categories]
    finals = db.session.scalars(
        select(Event)
        .where(Event.season_id == season.id, Event.kind == EventKind.REGIONAL, Event.published)
        .order_by(Event.starts_on, Event.name)
    ).all()
    event_choices = [SelectChoice(NO_CHOICE, "—")] + [
        SelectChoice(e.id, f"{e.name} ({e.town})" if e.town else e.name) for e in finals
    ]
    form.first_choice_event_id.choices = list(event_choices)
    form.second_choice_event_id.choices = list(event_choices)
    if team and request.method == "GET":
        form.pupil_first_names.data = team.pupil_first_names
        form.school_id.data = team.school_id or NO_CHOICE
    return form


def category_label(category) -> str:
    return f"{category.name} ({category.description})" if category.description else category.name


def propose(form: TeamForm, season: Season) -> None:
    categories = [
        rules.CategoryInfo(
            c.id, c.name, c.school_year_min, c.school_year_max, rules.parse_levels(c.levels)
        )
        for c in season.categories
    ]
    proposal = rules.propose_category(categories, form.school_year.data, form.level.data or None)
    if proposal:
        form.category_id.data = proposal.id
        flash(
            _(
                "Proposed category: %(category)s. Check it before you register.",
                category=proposal.name,
            ),
            "info",
        )
    else:
        flash(_("No category of this season fits that school year."), "error")


@bp.get("/")
@require(SIGNED_IN)
def mine():
    return render_template(
        "registration/mine.html",
        teams=services.teams_of(current_user),
        open_seasons=services.open_seasons(utcnow()),
        schools=schools_of(current_user),
        status_label=status_label,
    )


@bp.route("/register/<int:season_id>", methods=["GET", "POST"])
@require(SIGNED_IN)
def register(season_id: int):
    season = db.get_or_404(Season, season_id)
    if not schools_of(current_user) and not season.programme.allows_clubs:
        flash(_("First find your school, then register its teams."), "info")
        return redirect(url_for("schools.search"))
    form = team_form(season)
    if request.method == "POST" and "propose" in request.form:
        propose(form, season)
    elif form.validate_on_submit():
        outcome = attempt(
            lambda: services.register_team(
                season, form.details(), current_user, utcnow(), form.form_key.data
            )
        )
        if not isinstance(outcome, DomainError):
            return registered(*outcome)
        show_domain_error(form, outcome)
    open_now = rules.registration_is_open(
        season.registration_opens_at, season.registration_closes_at, utcnow()
    )
    return team_form_page(form, season, None, open_now)


def team_form_page(form: TeamForm, season: Season, team: Team | None, open_now: bool = True):
    """The form of a new team (`team` None) or of a registered team's details."""
    return form_page(
        "registration/team_form.html",
        form,
        season=season,
        team=team,
        open_now=open_now,
        no_school=NO_CHOICE,
    )


def registered(team: Team, created: bool):
    """A form sent twice (a double tap) leads to the team the first one registered."""
    if created:
        flash(
            _("Team %(team)s is registered. We sent you a confirmation.", team=team.name), "success"
        )
        return redirect(url_for("registration.mine"))
    flash(
        _("Team %(team)s was already registered: your form arrived twice.", team=team.name), "info"
    )
    return redirect(url_for("registration.detail", team_id=team.id))


@bp.get("/<int:team_id>")
@require(TEAM_COACH)
def detail(team_id: int):
    team = db.get_or_404(Team, team_id)
    now = utcnow()
    return render_template(
        "registration/team.html",
        team=team,
        may_edit=services.may_edit(team, current_user, now),
        invitations=invitations.open_invitations(team, now),
        status_label=status_label,
        withdraw_form=WithdrawForm(),
        ticket_status_label=ticket_status_label,
        coach_form=CoachForm(),
        remove_form=ConfirmForm(),
        cancel_form=ConfirmForm(),
        **{name: shown for part in _team_page_parts for name, shown in part(team).items()},
    )


@bp.route("/<int:team_id>/edit", methods=["GET", "POST"])
@require(TEAM_COACH)
def edit(team_id: int):
    team = db.get_or_404(Team, team_id)
    form = team_form(team.season, team)
    if request.method == "POST" and "propose" in request.form:
        propose(form, team.season)
    elif form.validate_on_submit() and run_form_action(
        form,
        lambda: services.update_team(team, form.details(), current_user, utcnow()),
        _("The changes are saved."),
    ):
        return redirect(url_for("registration.detail", team_id=team.id))
    return team_form_page(form, team.season, team)


@bp.post("/<int:team_id>/coaches")
@require(TEAM_COACH)
@limit("RATELIMIT_INVITE", key_func=per_user)
def add_coach(team_id: int):
    """Invite a coach: the answer is the same whether or not the address has an account."""
    team = db.get_or_404(Team, team_id)
    form = CoachForm()
    if form.validate_on_submit():
        run_action(
            lambda: invitations.invite_coach(
                team, form.name.data, form.email.data, current_user, utcnow()
            ),
            _(
                "We sent an invitation to %(email)s. They become a coach once they accept it.",
                email=form.email.data,
            ),
        )
    else:
        fields = (form.name, form.email)
        problems = [f"{field.label.text}: {error}" for field in fields for error in field.errors]
        flash(" ".join(problems) or _("Enter a name and an e-mail address."), "error")
    return redirect(url_for("registration.detail", team_id=team.id))


@bp.post("/<int:team_id>/invitations/<int:invitation_id>/cancel")
@require(TEAM_COACH)
def cancel_invitation(team_id: int, invitation_id: int):
    team = db.get_or_404(Team, team_id)
    if ConfirmForm().validate_on_submit():
        run_action(
            lambda: invitations.cancel_invitation(team, invitation_id, current_user, utcnow()),
            _("The invitation is withdrawn: its link no longer works."),
        )
    return redirect(url_for("registration.detail", team_id=team.id))


def invitation_problem(error: DomainError):
    return render_template("registration/invitation.html", problem=error.message), error.status


@bp.get("/invitations/<token>")
@public
def invitation(token: str):
    """The link in an invitation: log in or sign up first, then accept with the invited
    address. Nothing about the team is shown to anyone else."""
    try:
        found = invitations.open_invitation(token, utcnow())
        if current_user.is_authenticated:
            invitations.ensure_addressed_to(found, current_user)
    except DomainError as error:
        return invitation_problem(error)
    return render_template(
        "registration/invitation.html", invitation=found, token=token, form=ConfirmForm()
    )


@bp.post("/invitations/<token>/accept")
@require(SIGNED_IN)
def accept_invitation(token: str):
    form = ConfirmForm()
    if not form.validate_on_submit():
        return redirect(url_for("registration.invitation", token=token))
    team = attempt(lambda: invitations.accept_invitation(token, current_user, utcnow()))
    if isinstance(team, DomainError):
        return invitation_problem(team)
    flash(_("Welcome! You now coach %(team)s.", team=team.name), "success")
    return redirect(url_for("registration.detail", team_id=team.id))


@bp.post("/<int:team_id>/coaches/<int:user_id>/remove")
@require(TEAM_COACH)
def remove_coach(team_id: int, user_id: int):
    team = db.get_or_404(Team, team_id)
    coach = db.get_or_404(User, user_id)
    if ConfirmForm().validate_on_submit():
        run_action(
            lambda: services.remove_coach(team, coach, current_user, utcnow()),
            _("%(name)s no longer coaches this team.", name=coach.name),
        )
    return redirect(url_for("registration.detail", team_id=team.id))


@bp.post("/<int:team_id>/withdraw")
@require(TEAM_COACH)
def withdraw(team_id: int):
    team = db.get_or_404(Team, team_id)
    form = WithdrawForm()
    if form.validate_on_submit():
        run_action(
            lambda: services.withdraw(team, form.reason.data, current_user, utcnow()),
            _("Team %(team)s is withdrawn.", team=team.name),
        )
    else:
        flash(_("Give a reason for the withdrawal."), "error")
    return redirect(url_for("registration.detail", team_id=team.id))
