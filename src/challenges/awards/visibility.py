"""What of an event a visitor may see, for the pages and the PDFs alike (404 where not)."""

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from challenges.auth.policies import may_preview_results
from challenges.awards.models import ResultsSetting
from challenges.events.models import Event, EventTeam
from challenges.events.services import find_visible_event
from challenges.extensions import db
from challenges.registration.models import Team


def visible_event(reference: str) -> Event:
    """An event by id or slug; an unpublished one only for its crew and organisers."""
    return find_visible_event(reference, current_user) or abort(404)


def results_shown(event: Event) -> bool:
    """Results, feedback and certificates: public once published, earlier for previewers."""
    return event.results_published_at is not None or may_preview_results(current_user, event)


def team_at(event: Event, team: Team) -> None:
    """A 404 unless the team took part in the event."""
    placed = db.session.scalar(
        select(EventTeam.id).where(EventTeam.team_id == team.id, EventTeam.event_id == event.id)
    )
    if placed is None:
        abort(404)


def ranking_shown(event: Event) -> bool:
    """Whether the public results show the full ranking besides prizes and tickets: the
    organiser's choice per event; by default yes for FLL, no for Vakkanjers (whose teams are
    often primary-school pupils, and whose results are the prizes and tickets)."""
    setting = db.session.get(ResultsSetting, event.id)
    if setting is None:
        return event.season.programme.has_robot_game
    return setting.show_ranking


def show_ranking(event: Event, show: bool) -> None:
    setting = db.session.get(ResultsSetting, event.id) or ResultsSetting(event_id=event.id)
    setting.show_ranking = show
    db.session.add(setting)
