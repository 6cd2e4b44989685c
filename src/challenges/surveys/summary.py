"""The evaluations of a season in figures, for the survey reports and the season report."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from challenges.events.models import Event
from challenges.extensions import db
from challenges.seasons.models import Season
from challenges.surveys.figures import SurveyFigures, Tally, figures
from challenges.surveys.models import Audience, Survey, SurveyInvitation

AUDIENCES = (Audience.COACH, Audience.VOLUNTEER)  # the order of figures()' tallies


@dataclass(frozen=True)
class SeasonSurveySummary:
    """A season's evaluations: `total` for the whole season (its programme's one row, named
    after the season), and `events`, one row per event whose survey was sent, by date."""

    programme: str
    season: str
    total: SurveyFigures
    events: Sequence[SurveyFigures]


def season_summary(season: Season) -> SeasonSurveySummary:
    """The season's evaluations in figures (see SurveyFigures): per event and for the season,
    the coaches invited and answering, their average ratings of the programme and of the
    event, and the volunteers invited and answering with their average rating of the event's
    organisation. Averages have one decimal (None: nobody rated); counts are exact (mask them
    with cells.masked outside the organisers' own pages). No names, no remarks."""
    events = db.session.execute(
        select(Event.id, Event.name)
        .join(Survey, Survey.event_id == Event.id)
        .where(Event.season_id == season.id)
        .order_by(Event.starts_on, Event.name)
    ).all()
    tallies = event_tallies([event_id for event_id, _name in events])
    rows = tuple(
        figures(name, *(tallies.get((event_id, audience), Tally()) for audience in AUDIENCES))
        for event_id, name in events
    )
    total = (
        sum((t for (_e, a), t in tallies.items() if a is audience), Tally())
        for audience in AUDIENCES
    )
    return SeasonSurveySummary(
        programme=season.programme.name,
        season=season.name,
        total=figures(season.name, *total),
        events=rows,
    )


def event_figures(event: Event) -> SurveyFigures:
    """One event's evaluations in figures, as season_summary has them."""
    tallies = event_tallies([event.id])
    return figures(
        event.name, *(tallies.get((event.id, audience), Tally()) for audience in AUDIENCES)
    )


def event_tallies(event_ids: Sequence[int]) -> dict[tuple[int, Audience], Tally]:
    """Per event and audience: the people asked and answering, and their ratings' sums."""
    if not event_ids:
        return {}
    invitation = SurveyInvitation
    rows = db.session.execute(
        select(
            invitation.event_id,
            invitation.audience,
            func.count(invitation.id),
            func.count(invitation.answered_at),
            func.coalesce(func.sum(invitation.programme_rating), 0),
            func.count(invitation.programme_rating),
            func.coalesce(func.sum(invitation.event_rating), 0),
            func.count(invitation.event_rating),
        )
        .where(invitation.event_id.in_(event_ids))
        .group_by(invitation.event_id, invitation.audience)
    ).all()
    return {(event_id, audience): Tally(*map(int, counts)) for event_id, audience, *counts in rows}


QUESTIONS = ("went_well", "could_be_better", "remarks")  # the answers in words, in form order


@dataclass(frozen=True)
class Remarks:
    """What one audience wrote at one event in answer to one question (a column of
    SurveyInvitation in QUESTIONS): the texts only, sorted, so neither a name nor the order of
    answering tells who wrote what."""

    audience: Audience
    question: str
    texts: Sequence[str]


def remarks_by_event(event_ids: Sequence[int]) -> dict[int, list[Remarks]]:
    """Per event: its Remarks, coaches' before volunteers', in form order; none: no entry."""
    rows = db.session.execute(
        select(
            SurveyInvitation.event_id,
            SurveyInvitation.audience,
            *(getattr(SurveyInvitation, question) for question in QUESTIONS),
        ).where(
            SurveyInvitation.event_id.in_(event_ids),
            SurveyInvitation.answered_at.is_not(None),
        )
    ).all()
    texts: dict[tuple[int, Audience, str], list[str]] = {}
    for event_id, audience, *answers in rows:
        for question, answer in zip(QUESTIONS, answers, strict=True):
            if answer:
                texts.setdefault((event_id, audience, question), []).append(answer)
    found: dict[int, list[Remarks]] = {}
    for (event_id, audience, question), words in sorted(texts.items(), key=_form_order):
        found.setdefault(event_id, []).append(Remarks(audience, question, tuple(sorted(words))))
    return found


def _form_order(item: tuple[tuple[int, Audience, str], list[str]]) -> tuple[int, int, int]:
    (event_id, audience, question), _texts = item
    return event_id, AUDIENCES.index(audience), QUESTIONS.index(question)
