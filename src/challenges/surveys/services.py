"""Send an event's survey, remind once, close it, take answers, and forget the people at the
season's purge. Flushes, never commits."""

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from challenges.auth.models import EventRole, User
from challenges.auth.roles import Role
from challenges.database import lock_rows, utcnow
from challenges.errors import DomainError
from challenges.events.models import Attendance, Event, EventTeam
from challenges.extensions import db
from challenges.links import absolute_url
from challenges.mail.services import queue_mail
from challenges.registration.models import Team, TeamCoach
from challenges.registration.status import TeamStatus
from challenges.seasons.models import Season
from challenges.surveys.figures import closes_on, is_open, may_send
from challenges.surveys.links import new_key, survey_token
from challenges.surveys.models import Again, Audience, Survey, SurveyInvitation

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
VOLUNTEER_ROLES = (Role.HEAD_REFEREE, Role.REFEREE, Role.JUDGE_ADVISOR, Role.JUDGE)


def today() -> date:
    return utcnow().astimezone(AMSTERDAM).date()


def survey_of(event: Event) -> Survey | None:
    return db.session.get(Survey, event.id)


def is_taking_answers(survey: Survey) -> bool:
    return is_open(survey.closes_on, survey.closed_at, today())


def coaches_of(event: Event) -> list[User]:
    """The coaches of the teams that were at the event (not withdrawn, not absent), once each."""
    return list(
        db.session.scalars(
            select(User)
            .join(TeamCoach, TeamCoach.user_id == User.id)
            .join(Team, Team.id == TeamCoach.team_id)
            .join(EventTeam, EventTeam.team_id == Team.id)
            .where(
                EventTeam.event_id == event.id,
                EventTeam.attendance != Attendance.NO_SHOW,
                Team.status != TeamStatus.WITHDRAWN,
            )
            .distinct()
            .order_by(User.id)
        )
    )


def volunteers_of(event: Event) -> list[User]:
    """The event's referees, judges and jurors, once each (the event manager sends)."""
    return list(
        db.session.scalars(
            select(User)
            .join(EventRole, EventRole.user_id == User.id)
            .where(EventRole.event_id == event.id, EventRole.role.in_(VOLUNTEER_ROLES))
            .distinct()
            .order_by(User.id)
        )
    )


def locked_survey(event: Event) -> Survey | None:
    """The event's survey as it is now, with the event locked: two clicks at once act once."""
    lock_rows(db.session, Event, [event.id], forget=(Survey,))
    return survey_of(event)


def send_survey(event: Event, by: User) -> int:
    """Create the survey and mail each coach and volunteer their link; how many were mailed."""
    if not may_send(event.starts_on, today()):
        raise DomainError(_("The survey can be sent from the day after the event."), status=409)
    if locked_survey(event) is not None:
        raise DomainError(_("The survey has been sent already."), status=409)
    invitations = [
        SurveyInvitation(event_id=event.id, audience=audience, user=person, link_key=new_key())
        for audience, people in (
            (Audience.COACH, coaches_of(event)),
            (Audience.VOLUNTEER, volunteers_of(event)),
        )
        for person in people
    ]
    if not invitations:
        raise DomainError(
            _("There is nobody to ask: the event has no coaches and no volunteers."), status=409
        )
    db.session.add(
        Survey(event_id=event.id, sent_by_id=by.id, closes_on=closes_on(event.starts_on, today()))
    )
    db.session.add_all(invitations)
    db.session.flush()
    for invitation in invitations:
        mail_invitation(event, invitation, by, reminder=False)
    return len(invitations)


def send_reminder(event: Event, by: User) -> int:
    """Mail once more those who did not answer; once per survey, while it is open."""
    survey = locked_survey(event)
    if survey is None or not is_taking_answers(survey):
        raise DomainError(_("Only an open survey can be reminded of."), status=409)
    if survey.reminded_at is not None:
        raise DomainError(_("The reminder has been sent already; there is only one."), status=409)
    survey.reminded_at = utcnow()
    waiting = db.session.scalars(
        select(SurveyInvitation).where(
            SurveyInvitation.event_id == event.id,
            SurveyInvitation.answered_at.is_(None),
            SurveyInvitation.user_id.is_not(None),
        )
    ).all()
    for invitation in waiting:
        mail_invitation(event, invitation, by, reminder=True)
    db.session.flush()
    return len(waiting)


def close_survey(event: Event) -> None:
    survey = locked_survey(event)
    if survey is None or not is_taking_answers(survey):
        raise DomainError(_("This survey is not open."), status=409)
    survey.closed_at = utcnow()
    db.session.flush()


def mail_invitation(event: Event, invitation: SurveyInvitation, by: User, reminder: bool) -> None:
    """The link to the survey, in the person's language (the mail's template per audience)."""
    person = invitation.user
    subject = (
        _l("Reminder: how was %(event)s?", event=event.name)
        if reminder
        else _l("How was %(event)s? Your evaluation", event=event.name)
    )
    queue_mail(
        person.email,
        subject,
        f"survey_{invitation.audience}",
        person.locale,
        reply_to=current_app.config["ORGANISER_EMAIL"] or by.email,
        person=person,
        event=event,
        reminder=reminder,
        closes_on=invitation.survey.closes_on,
        survey_url=absolute_url("surveys.answer", token=survey_token(invitation)),
    )


@dataclass(frozen=True)
class Answers:
    """What a person answered; texts already stripped, empty ones None."""

    event_rating: int
    again: Again
    programme_rating: int | None = None
    went_well: str | None = None
    could_be_better: str | None = None
    remarks: str | None = None


def answer(invitation: SurveyInvitation, answers: Answers) -> None:
    """Keep the answers, replacing earlier ones, while the survey is open."""
    if not is_taking_answers(invitation.survey):
        raise DomainError(_("This survey is closed; answers can no longer be changed."), status=409)
    for name in Answers.__dataclass_fields__:
        setattr(invitation, name, getattr(answers, name))
    invitation.answered_at = utcnow()
    db.session.flush()


def season_event_ids(season: Season):
    return select(Event.id).where(Event.season_id == season.id)


def count_kept_people(season: Season) -> int:
    """How many invitations of the season still name a person, a link or a remark."""
    return len(_holding_people(season))


def _holding_people(season: Season) -> list[int]:
    return list(
        db.session.scalars(
            select(SurveyInvitation.id).where(
                SurveyInvitation.event_id.in_(season_event_ids(season)),
                (SurveyInvitation.user_id.is_not(None))
                | SurveyInvitation.link_key.is_not(None)
                | SurveyInvitation.went_well.is_not(None)
                | SurveyInvitation.could_be_better.is_not(None)
                | SurveyInvitation.remarks.is_not(None),
            )
        )
    )


def forget_people(season: Season) -> int:
    """The season's purge: the people asked, their links and their words go; the ratings and
    the counts stay. How many invitations were changed."""
    ids = _holding_people(season)
    db.session.execute(
        update(SurveyInvitation)
        .where(SurveyInvitation.id.in_(ids))
        .values(user_id=None, link_key=None, went_well=None, could_be_better=None, remarks=None)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(Survey)
        .where(Survey.event_id.in_(season_event_ids(season)))
        .values(sent_by_id=None)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    return len(ids)
