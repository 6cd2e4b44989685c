"""A season's evaluations in figures: per event and for the season, what the reports show."""

from datetime import date

from challenges.database import utcnow
from challenges.extensions import db
from challenges.surveys.models import Audience, Survey, SurveyInvitation
from challenges.surveys.summary import season_summary
from tests.factories import make_event, make_season


def answered(event, audience, programme=None, rating=None, answers=1, invited=0):
    for _ in range(answers):
        db.session.add(
            SurveyInvitation(
                event_id=event.id,
                audience=audience,
                answered_at=utcnow(),
                programme_rating=programme,
                event_rating=rating,
            )
        )
    for _ in range(invited):
        db.session.add(SurveyInvitation(event_id=event.id, audience=audience))


def test_the_summary_has_each_surveyed_event_and_the_season(app):
    season = make_season()
    delft = make_event(season, name="Regiofinale Delft")
    eindhoven = make_event(season, name="Regiofinale Eindhoven")
    make_event(season, name="Regiofinale zonder evaluatie")
    for event in (delft, eindhoven):
        db.session.add(Survey(event_id=event.id, closes_on=date(2026, 2, 14)))
    answered(delft, Audience.COACH, programme=8, rating=7, answers=2, invited=2)
    answered(delft, Audience.COACH, programme=7, rating=10)
    answered(delft, Audience.VOLUNTEER, rating=9, invited=1)
    answered(eindhoven, Audience.COACH, programme=6, rating=6, invited=3)
    db.session.commit()

    summary = season_summary(season)

    assert (summary.programme, summary.season) == ("FIRST LEGO League Challenge", "2025-2026")
    assert [row.name for row in summary.events] == ["Regiofinale Delft", "Regiofinale Eindhoven"]
    first, second = summary.events
    assert (first.invited, first.responses) == (5, 3)
    assert (first.programme_average, first.event_average) == (7.7, 8.0)
    assert (first.volunteers_invited, first.volunteers_responses) == (2, 1)
    assert first.volunteers_average == 9.0
    assert (second.invited, second.responses, second.event_average) == (4, 1, 6.0)
    assert second.volunteers_average is None
    total = summary.total
    assert (total.invited, total.responses) == (9, 4)
    assert (total.programme_average, total.event_average) == (7.3, 7.5)
    assert total.response_rate.percent == 44


def test_a_season_without_surveys_has_no_rows_and_no_averages(app):
    summary = season_summary(make_season())
    assert summary.events == ()
    assert (summary.total.invited, summary.total.programme_average) == (0, None)
