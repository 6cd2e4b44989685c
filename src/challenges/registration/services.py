"""Registering, editing, withdrawing and confirming teams: change and log, never commit."""

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from challenges.auth.models import User
from challenges.auth.policies import is_organiser
from challenges.database import lock_rows
from challenges.errors import DomainError
from challenges.events.models import Event
from challenges.extensions import db
from challenges.labels import audit_details
from challenges.mail.services import mail_each
from challenges.registration import rules
from challenges.registration.models import AuditEntry, Team, TeamCoach, status_label
from challenges.registration.status import TeamStatus
from challenges.schools.models import School
from challenges.schools.services import schools_of
from challenges.seasons.models import Category, Season

log = logging.getLogger(__name__)
# What else changes with a team's name (the scoreboards of its events): the areas built on
# registration name it when the app starts (`when_team_renamed`).
_rename_listeners: list[Callable[[int], None]] = []


def when_team_renamed(*listeners: Callable[[int], None]) -> None:
    """Name the functions called with a team's id when its name changes."""
    _rename_listeners[:] = listeners


def teams_in(category: Category) -> int:
    """The teams registered in a category (a season keeps a category that has any)."""
    return db.session.scalar(select(func.count()).where(Team.category_id == category.id))


def coaches_at(school: School) -> Select[tuple[int]]:
    """The ids of the coaches of a school's teams (its colleagues hear of a new teacher)."""
    return (
        select(TeamCoach.user_id)
        .join(Team, Team.id == TeamCoach.team_id)
        .where(Team.school_id == school.id)
    )


@dataclass
class TeamDetails:
    """What a teacher fills in for a team."""

    name: str
    category_id: int
    pupil_count: int
    school_id: int | None = None
    town: str | None = None
    responsible_adult: str | None = None
    pupil_first_names: list[str] = field(default_factory=list)
    names_consent: bool = False
    first_choice_event_id: int | None = None
    second_choice_event_id: int | None = None
    preferred_province: str | None = None


def audit(user: User | None, action: str, team: Team, details: str = "") -> None:
    db.session.add(
        AuditEntry(user=user, action=action, subject="team", subject_id=team.id, details=details)
    )


def teams_of(user: User) -> list[Team]:
    """The teams a teacher coaches (a link to their school grants no others), newest first."""
    coached = select(TeamCoach.team_id).where(TeamCoach.user_id == user.id)
    query = (
        select(Team)
        .where(Team.id.in_(coached))
        .options(selectinload(Team.coaches), selectinload(Team.category))
        .order_by(Team.season_id.desc(), Team.name)
    )
    return list(db.session.scalars(query))


def open_seasons(now: datetime) -> list[Season]:
    seasons = db.session.scalars(select(Season).where(Season.published).order_by(Season.key))
    return [
        season
        for season in seasons
        if rules.registration_is_open(
            season.registration_opens_at, season.registration_closes_at, now
        )
    ]


def check_details(season: Season, details: TeamDetails, team: Team | None = None) -> Category:
    category = db.session.get(Category, details.category_id)
    if category is None or category.season_id != season.id:
        raise DomainError(_("Choose a category of this season."), field="category_id")
    problem = rules.team_size_problem(
        details.pupil_count, category.team_size_min, category.team_size_max
    )
    if problem:
        raise DomainError(
            _(
                "A team in %(category)s has %(min)d to %(max)d pupils.",
                category=category.name,
                min=problem[0],
                max=problem[1],
            ),
            field="pupil_count",
        )
    if len(details.pupil_first_names) > details.pupil_count:
        raise DomainError(_("There are more first names than pupils."), field="pupil_first_names")
    clash = db.session.scalar(
        select(Team.id).where(
            Team.season_id == season.id,
            Team.name_key == rules.team_name_key(details.name),
            Team.id != (team.id if team else -1),
        )
    )
    if clash:
        raise DomainError(
            _("There is already a team with this name in this season. Choose another name."),
            field="name",
        )
    if details.school_id is None and not season.programme.allows_clubs:
        raise DomainError(
            _("Teams of %(programme)s register through a school.", programme=season.programme.name),
            field="school_id",
        )
    if details.school_id is None and not (details.town and details.responsible_adult):
        raise DomainError(
            _("A team without a school needs a town and a responsible adult."), field="town"
        )
    return category


def apply_details(team: Team, details: TeamDetails) -> None:
    team.name = rules.normalise_team_name(details.name)
    team.name_key = rules.team_name_key(details.name)
    team.category_id = details.category_id
    team.pupil_count = details.pupil_count
    team.school_id = details.school_id
    team.town = details.town if details.school_id is None else None
    team.responsible_adult = details.responsible_adult if details.school_id is None else None
    team.pupil_first_names = "\n".join(details.pupil_first_names) or None
    team.names_consent = details.names_consent
    team.first_choice_event_id = details.first_choice_event_id
    team.second_choice_event_id = details.second_choice_event_id
    team.preferred_province = details.preferred_province


def register_team(
    season: Season, details: TeamDetails, coach: User, now: datetime, form_key: str | None = None
) -> tuple[Team, bool]:
    """Register a new team (True), or find the team this coach registered with the same form
    and name (False): a form sent twice registers one team."""
    # Serialise registrations within a season (PostgreSQL; SQLite serialises every writing
    # request), so team numbers never collide and a form sent twice finds the first one's team.
    lock_rows(db.session, Season, [season.id])
    earlier = registered_with(form_key) if form_key else None
    if earlier and sent_twice(earlier, details, coach):
        return earlier, False
    if not rules.registration_is_open(
        season.registration_opens_at, season.registration_closes_at, now
    ) and not is_organiser(coach):
        raise DomainError(_("Registration for this season is closed."), status=409)
    if details.school_id and details.school_id not in {s.id for s in schools_of(coach)}:
        raise DomainError(_("You can only register teams of your own school."), status=403)
    check_details(season, details)
    # A form used before for another team (the back button) registers this one without its key.
    key = None if earlier else form_key
    team = Team(season=season, status=TeamStatus.REGISTERED, registration_key=key)
    apply_details(team, details)
    if season.programme.numbers_teams:
        team.number = rules.next_team_number(
            db.session.scalars(select(Team.number).where(Team.season_id == season.id))
        )
    team.coaches.append(coach)
    db.session.add(team)
    try:
        db.session.flush()
    except IntegrityError as error:  # a change outside the season's lock took the number or name
        raise DomainError(
            _("Someone else registered at the same moment. Please send the form again."),
            status=409,
        ) from error
    audit(coach, "registered", team, team.name)
    tell_coaches(team, _l("Team registered: %(team)s", team=team.name), "team_registered")
    log.info("Team %s registered for %s by %s", team.name, season.key, coach.email)
    return team, True


def registered_with(form_key: str) -> Team | None:
    return db.session.scalar(select(Team).where(Team.registration_key == form_key))


def sent_twice(team: Team, details: TeamDetails, coach: User) -> bool:
    """Whether the form that registered the team came again: same coach, same team name."""
    return coach in team.coaches and team.name_key == rules.team_name_key(details.name)


def may_edit(team: Team, user: User, now: datetime) -> bool:
    """Whether the user may change the team now: organisers always, coaches until the
    registration deadline (and never a withdrawn team)."""
    return is_organiser(user) or rules.teacher_may_edit(
        team.season.registration_closes_at, team.status, now
    )


def ensure_may_edit(team: Team, user: User, now: datetime) -> None:
    if not may_edit(team, user, now):
        raise DomainError(
            _("The registration deadline has passed: ask the organisers to change this team."),
            status=409,
        )


def update_team(team: Team, details: TeamDetails, user: User, now: datetime) -> None:
    ensure_may_edit(team, user, now)
    if (
        details.school_id
        and details.school_id != team.school_id
        and not is_organiser(user)
        and details.school_id not in {s.id for s in schools_of(user)}
    ):
        raise DomainError(_("You can only register teams of your own school."), status=403)
    check_details(team.season, details, team)
    before = describe(team)
    apply_details(team, details)
    changes = sorted(set(describe(team).items()) - set(before.items()))
    if "name" in dict(changes):
        for listener in _rename_listeners:
            listener(team.id)
    if changes:
        audit(user, "changed", team, audit_details(changed=dict(changes)))
        tell_coaches(team, _l("Team changed: %(team)s", team=team.name), "team_changed")


def describe(team: Team) -> dict[str, str]:
    fields = (
        "name",
        "category_id",
        "pupil_count",
        "school_id",
        "town",
        "responsible_adult",
        "names_consent",
        "first_choice_event_id",
        "second_choice_event_id",
        "preferred_province",
    )
    described = {name: str(getattr(team, name)) for name in fields}
    for name, model in NAMED_FIELDS.items():
        found = db.session.get(model, getattr(team, name)) if getattr(team, name) else None
        described[name] = found.name if found else "None"
    described["pupil_first_names"] = str(len(team.first_names))
    return described


# The audit trail names what an id pointed at when it changed (the name at that moment).
NAMED_FIELDS: dict[str, type[Category] | type[School] | type[Event]] = {
    "category_id": Category,
    "school_id": School,
    "first_choice_event_id": Event,
    "second_choice_event_id": Event,
}


def remove_coach(team: Team, coach: User, user: User, now: datetime) -> None:
    ensure_may_edit(team, user, now)
    if coach not in team.coaches:
        raise DomainError(_("This person does not coach this team."), status=404)
    if len(team.coaches) == 1:
        raise DomainError(_("A team keeps at least one coach."), status=409)
    team.coaches.remove(coach)
    audit(user, "coach:removed", team, coach.email)


def change_status(team: Team, new: TeamStatus, user: User, reason: str | None = None) -> None:
    if not rules.may_change_status(team.status, new):
        raise DomainError(
            _(
                "A team that is %(current)s cannot become %(new)s.",
                current=status_label(team.status),
                new=status_label(new),
            ),
            status=409,
        )
    if new is TeamStatus.WITHDRAWN and not reason:
        raise DomainError(_("Give a reason for the withdrawal."), field="reason")
    team.status = new
    team.status_reason = reason
    audit(user, f"status:{new.value}", team, reason or "")
    tell_coaches(team, _l("New status for %(team)s", team=team.name), "team_status")


def withdraw(team: Team, reason: str, user: User, now: datetime) -> None:
    lock_rows(db.session, Team, [team.id])  # decide on the current status
    ensure_may_edit(team, user, now)
    change_status(team, TeamStatus.WITHDRAWN, user, reason.strip())


@dataclass
class BulkOutcome:
    """What a bulk status change did: how many changed, and the names of the teams left alone."""

    changed: int = 0
    refused: list[str] = field(default_factory=list)  # the status rules do not allow it
    changed_meanwhile: list[str] = field(default_factory=list)  # not the status the user saw


def change_status_in_bulk(
    seen: Mapping[int, TeamStatus | None], new: TeamStatus, user: User
) -> BulkOutcome:
    """Change every team (id: the status the user saw, None if unknown) that still has the
    status the user saw and may make the change. The rows are locked and read again first, so
    a change made meanwhile (a teacher's withdrawal) is reported instead of undone."""
    outcome = BulkOutcome()
    lock_rows(db.session, Team, seen)
    query = select(Team).where(Team.id.in_(list(seen))).order_by(Team.name)
    for team in db.session.scalars(query).all():
        if seen[team.id] not in (None, team.status):
            outcome.changed_meanwhile.append(team.name)
        elif rules.may_change_status(team.status, new):
            change_status(team, new, user)
            outcome.changed += 1
        else:
            outcome.refused.append(team.name)
    return outcome


def tell_coaches(team: Team, subject, template: str) -> None:
    mail_each(team.coaches, subject, template, "coach", team=team, status=status_label(team.status))


def ensure_season_finished(season: Season, now: datetime) -> None:
    """Refuse unless registration has closed and the season's last event is over."""
    last_event = db.session.scalar(
        select(func.max(Event.starts_on)).where(Event.season_id == season.id)
    )
    closes = season.registration_closes_at
    if (closes is None or closes > now) or (last_event and last_event >= now.date()):
        raise DomainError(
            _("Season %(season)s is not finished yet.", season=season.key), status=409
        )


def _holding_first_names(season: Season) -> tuple:
    return Team.season_id == season.id, Team.pupil_first_names.is_not(None)


def count_first_names(season: Season) -> int:
    """How many teams of the season still hold their pupils' first names."""
    return db.session.scalar(select(func.count(Team.id)).where(*_holding_first_names(season)))


def purge_first_names(season: Season, now: datetime) -> int:
    """Remove pupils' first names of a finished season; the rest stays as anonymous results."""
    ensure_season_finished(season, now)
    teams = db.session.scalars(select(Team).where(*_holding_first_names(season))).all()
    for team in teams:
        team.pupil_first_names = None
        team.names_consent = False
        audit(None, "privacy:purged", team)  # the action says it all
    return len(teams)
