"""Organisers adjust the jury rubric's weights and wording per season and category until the
first rubric is submitted; the adjusted weights count in the results."""

import uuid

import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.awards.results import event_results
from challenges.events.market.services import assign_stands
from challenges.extensions import db
from challenges.judging import entries
from challenges.judging.assessment import FilledRubric
from challenges.judging.models import RubricAdjustment
from tests.events.programme_words import FLL_WORDS, main_of, words_in
from tests.factories import (
    grant_event_role,
    make_event,
    make_open_season,
    make_placed_teams,
    make_user,
)

ROWS = ("idea", "process", "prototype", "client_fit", "presentation")


@pytest.fixture
def season(app):
    season = make_open_season(
        categories=(("Junior", 2, 6, 7, 8, None), ("Scout", 2, 6, 9, 9, None))
    )
    season.rubric_set_key = "vakkanjers-jury"
    season.programme.name = "Vakkanjers"
    db.session.commit()
    return season


@pytest.fixture
def organiser(client, season):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    return client


def settings(client, season, category, **fields):
    url = f"/seasons/{season.id}/rubrics?category={category.id}"
    data = {f"weight-{row}": "1" for row in ROWS} | {"category": category.id} | fields
    return client.submit(url, data, page=url)


def test_weights_and_wording_per_category(organiser, season):
    junior, scout = season.categories
    response = settings(
        organiser, season, junior, **{"weight-prototype": "2,5", "title_nl-prototype": "Werkt het?"}
    )
    assert response.status_code == 302
    changed = db.session.get(RubricAdjustment, (season.id, junior.id, "prototype"))
    assert (changed.weight, changed.title_nl, changed.title_en) == (2.5, "Werkt het?", None)
    assert db.session.get(RubricAdjustment, (season.id, scout.id, "prototype")) is None
    page = organiser.get(f"/seasons/{season.id}/rubrics?category={junior.id}")
    assert 'value="2.5"' in page.text
    assert "Het juryformulier van Junior is opgeslagen." in page.text
    assert "<h1>Juryformulier</h1>" in page.text
    assert words_in(main_of(page), FLL_WORDS) == []


@pytest.mark.parametrize("weight", ["0", "-1", "11", "veel"])
def test_bad_weights_are_refused_and_nothing_is_saved(organiser, season, weight):
    response = settings(organiser, season, season.categories[0], **{"weight-idea": weight})
    assert response.status_code == 422
    assert "gewicht" in response.get_data(as_text=True).lower()
    assert db.session.scalars(select(RubricAdjustment)).all() == []


def test_the_adjusted_weights_count_and_lock_after_the_first_score(client, organiser, season):
    junior = season.categories[0]
    settings(organiser, season, junior, **{"weight-prototype": "3"})
    event = make_event(season=season)
    teams = make_placed_teams(event, 2)
    assign_stands(event)
    juror = make_user(name="Juror")
    grant_event_role(juror, event, Role.JUDGE)
    grant_event_role(juror, event, Role.JUDGE_ADVISOR)  # files a form for any stand
    for team, prototype in ((teams[0], 4), (teams[1], 2)):
        levels = {row: 2 for row in ROWS} | {"prototype": prototype}
        notes = {"prototype": "Works perfectly"} if prototype == 4 else {}
        given = entries.RubricInput(
            uuid.uuid4().hex, team.id, "jury", FilledRubric(levels, notes), True
        )
        entries.save(event, given, juror)
    db.session.commit()
    [category] = event_results(event).categories
    assert category.scores["jury"] == {teams[0].id: 8 + 12, teams[1].id: 8 + 6}
    refused = settings(organiser, season, junior, **{"weight-prototype": "1"})
    assert refused.status_code == 422
    assert "je kunt het juryformulier niet meer veranderen" in refused.get_data(as_text=True)
    assert words_in(refused.text.split('<main id="main"', 1)[1], FLL_WORDS) == []
    assert db.session.get(RubricAdjustment, (season.id, junior.id, "prototype")).weight == 3
