"""Organisers create and edit regional and national finals."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from challenges.actions import run_action, run_form_action
from challenges.auth.access import require
from challenges.auth.policies import ORGANISER
from challenges.events import services
from challenges.events.forms import EventForm
from challenges.events.models import Event, EventKind, EventTeam
from challenges.events.placement import services as placement_service
from challenges.extensions import db
from challenges.forms import FORM_ERROR_STATUS, ConfirmForm, form_page
from challenges.inputs import InputError, parse_id, parse_int
from challenges.labels import regional_finals_label
from challenges.registration.models import Team
from challenges.registration.status import TeamStatus
from challenges.seasons.models import Season

bp = Blueprint("events_admin", __name__, url_prefix="/admin/events")


@bp.get("/")
@require(ORGANISER)
def index():
    return render_template("events/admin_index.html", events=services.events_with_team_counts())


def event_form(event: Event | None, season: Season) -> EventForm:
    """The form in the words of the season's programme, offering that programme's seasons."""
    programme = season.programme
    form = EventForm(programme.has_robot_game, obj=event)
    seasons = db.session.scalars(
        select(Season).where(Season.programme_id == programme.id).order_by(Season.key.desc())
    ).all()
    form.season_id.choices = [SelectChoice(s.id, f"{programme.name} {s.name}") for s in seasons]
    finals = db.session.scalars(
        select(Event)
        .join(Season, Season.id == Event.season_id)
        .where(Event.kind == EventKind.NATIONAL, Season.programme_id == programme.id)
        .order_by(Event.starts_on)
    ).all()
    form.feeds_into_id.choices = [SelectChoice(0, "—")] + [
        SelectChoice(e.id, e.name) for e in finals
    ]
    if not form.is_submitted():
        form.season_id.data = season.id
        if event:
            form.feeds_into_id.data = event.feeds_into_id or 0
            form.kind.data = event.kind.value
    return form


def asked_season() -> Season | None:
    """The season a new event is for: as submitted, or as chosen on the first page."""
    try:
        season_id = parse_id(request.form.get("season_id") or request.args.get("season_id"))
    except InputError:
        return None
    return db.session.get(Season, season_id)


def submitted_quotas() -> dict[int, int]:
    quotas = {}
    for name, value in request.form.items():
        if name.startswith("quota-") and value.strip():
            try:
                quotas[parse_id(name.removeprefix("quota-"))] = parse_int(value)
            except InputError:
                quotas[-1] = -1  # refused by the service with a clear message
    return quotas


def form_values(form: EventForm, target: Event) -> dict:
    """The fields on the form; those of the other programme (robot-game tables on a
    Vakkanjers form) keep what the event holds."""
    kept = {name: getattr(target, name) for name in services.EVENT_FIELDS}
    entered = {name: field.data for name, field in form._fields.items() if name != "csrf_token"}
    return kept | entered


def edit_page(event: Event | None, season: Season):
    form = event_form(event, season)
    target = event or Event()
    if form.validate_on_submit() and run_form_action(
        form,
        lambda: services.save_event(target, form_values(form, target), submitted_quotas()),
        _("The event is saved."),
    ):
        return redirect(url_for("events_admin.edit", event_id=target.id))
    quotas = {quota.category_id: quota.advancing for quota in (event.quotas if event else [])}
    feeders = (
        db.session.scalars(
            select(Event).where(Event.feeds_into_id == event.id).order_by(Event.starts_on)
        ).all()
        if event
        else []
    )
    return form_page(
        "events/event_form.html",
        form,
        event=event,
        season=season,
        robot_game=season.programme.has_robot_game,
        quotas=quotas,
        feeders=feeders,
    )


@bp.route("/new", methods=["GET", "POST"])
@require(ORGANISER)
def new():
    """First the season (so the programme and its words), then the event's form."""
    season = asked_season()
    if season is not None:
        return edit_page(None, season)
    seasons = db.session.scalars(
        select(Season).options(joinedload(Season.programme)).order_by(Season.key.desc())
    ).all()
    if request.method == "POST":
        flash(_("Choose a season."), "error")
    status = FORM_ERROR_STATUS if request.method == "POST" else 200
    return render_template("events/new_event.html", seasons=seasons), status


@bp.route("/<int:event_id>", methods=["GET", "POST"])
@require(ORGANISER)
def edit(event_id: int):
    event = db.get_or_404(Event, event_id)
    return edit_page(event, event.season)


@bp.route("/placement/<int:season_id>", methods=["GET", "POST"])
@require(ORGANISER)
def placement(season_id: int):
    season = db.get_or_404(Season, season_id)
    if request.method == "POST" and ConfirmForm().validate_on_submit():
        run_action(
            lambda: placement_service.apply(season, current_user), _("The teams are placed.")
        )
        return redirect(url_for("events_admin.placement", season_id=season.id))
    return render_template(
        "events/placement.html",
        season=season,
        finals_heading=regional_finals_label(season.programme.has_robot_game),
        proposal=placement_service.propose(season),
        form=ConfirmForm(),
    )


@bp.get("/<int:event_id>/teams")
@require(ORGANISER)
def teams(event_id: int):
    event = db.get_or_404(Event, event_id)
    placed = db.session.scalars(
        select(Team)
        .join(EventTeam, EventTeam.team_id == Team.id)
        .where(EventTeam.event_id == event.id)
        .order_by(Team.name)
    ).all()
    candidates = db.session.scalars(
        select(Team)
        .where(Team.season_id == event.season_id, Team.status != TeamStatus.WITHDRAWN)
        .where(~Team.id.in_([team.id for team in placed]))
        .order_by(Team.name)
    ).all()
    return render_template(
        "events/teams.html",
        event=event,
        placed=placed,
        candidates=candidates,
        others=[e for e in placement_service.regional_finals(event.season) if e.id != event.id],
        form=ConfirmForm(),
    )


def placed_team(event_id: int) -> tuple[Event, Team, Event]:
    event = db.get_or_404(Event, event_id)
    team = db.get_or_404(Team, request.form.get("team", type=parse_id) or 0)
    target = db.session.get(Event, request.form.get("to", type=parse_id) or 0) or event
    return event, team, target


@bp.post("/<int:event_id>/teams/place")
@require(ORGANISER)
def place(event_id: int):
    event, team, target = placed_team(event_id)
    if ConfirmForm().validate_on_submit():
        fits: list[bool] = []
        if (
            run_action(
                lambda: fits.append(placement_service.put(team, target, current_user)),
                _("%(team)s is placed at %(event)s.", team=team.name, event=target.name),
            )
            and not fits[0]
        ):
            flash(_("Note: %(event)s is now over its capacity.", event=target.name), "error")
    return redirect(url_for("events_admin.teams", event_id=event.id))


@bp.post("/<int:event_id>/teams/remove")
@require(ORGANISER)
def unplace(event_id: int):
    event, team, _target = placed_team(event_id)
    if ConfirmForm().validate_on_submit():
        run_action(
            lambda: placement_service.remove(team, event, current_user),
            _("%(team)s is no longer placed here.", team=team.name),
        )
    return redirect(url_for("events_admin.teams", event_id=event.id))
