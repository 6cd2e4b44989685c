"""The demo's evaluations: answers for finished events, added once."""

from challenges.demo.surveys import seed_surveys
from challenges.extensions import db
from challenges.seasons.models import Category
from challenges.surveys.summary import remarks_by_event, season_summary
from tests.factories import make_event, make_placed_teams, make_season


def test_the_demo_answers_finished_events_once(app):
    season = make_season()
    season.categories.append(Category(name="Challenge"))
    event = make_event(season, name="Regiofinale Groningen")
    event.slug = "demo-regiofinale-groningen"  # the answers follow from the slug
    make_placed_teams(event, 20)

    answers = seed_surveys([event])
    db.session.commit()

    summary = season_summary(season)
    (row,) = summary.events
    assert (row.invited, row.volunteers_invited) == (20, 8)
    assert answers == row.responses + row.volunteers_responses
    assert 10 <= row.responses < 20
    assert 6 <= row.programme_average <= 10
    assert 6 <= row.event_average <= 10
    assert 7 <= row.volunteers_average <= 10
    texts = [text for remarks in remarks_by_event([event.id])[event.id] for text in remarks.texts]
    assert texts
    assert len(texts) == len(set(texts))  # different people write different things
    assert not any("Markt" in text for text in texts)  # an FLL event's words

    assert seed_surveys([event]) == 0
    assert season_summary(season) == summary


def test_the_demo_gives_no_survey_to_an_event_without_teams(app):
    season = make_season()
    event = make_event(season, name="Landelijke finale")

    assert seed_surveys([event]) == 0
    db.session.commit()

    assert season_summary(season).events == ()
