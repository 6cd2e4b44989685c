"""One rule decides whether an event is judged at a market: a Vakkanjers event is, an FLL event
never (also before its schedule has judging sessions). Each programme's texts follow it: an
FLL rubric and judge, a Vakkanjers jury form and juror."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.events.models import ScheduleEntry
from challenges.extensions import db
from challenges.judging.models import RubricEntry
from tests.events.programme_words import FLL_WORDS, VAKKANJERS_WORDS, words_in
from tests.factories import (
    grant_event_role,
    make_event,
    make_open_season,
    make_placed_teams,
    make_user,
)
from tests.judging.conftest import RUBRICS, act, body, jury_rubric, send


def main_text(response) -> str:
    return response.text.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def current(team) -> RubricEntry:
    return db.session.scalar(
        select(RubricEntry).where(RubricEntry.team_id == team.id, RubricEntry.current.is_(True))
    )


@pytest.fixture
def unscheduled(app):
    """An FLL event whose schedule has no judging sessions yet."""
    season = make_open_season()
    season.rubric_set_key = RUBRICS
    season.programme.has_robot_game = True
    event = make_event(season=season)
    teams = make_placed_teams(event, 2)
    judge, advisor = make_user(name="Janna"), make_user(name="Anna")
    grant_event_role(judge, event, Role.JUDGE)
    grant_event_role(advisor, event, Role.JUDGE_ADVISOR)
    db.session.commit()
    return event, teams, judge, advisor


def test_an_fll_event_without_sessions_is_no_market(client, unscheduled):
    event, teams, judge, advisor = unscheduled
    client.log_in(judge.email)
    home = main_text(client.get(f"/events/{event.id}/judging"))
    assert "Je hebt bij dit evenement nog geen jurylokaal" in home
    assert f"/events/{event.id}/judging/market" not in home
    assert words_in(home, VAKKANJERS_WORDS) == []
    refused = client.get(f"/events/{event.id}/judging/teams/{teams[0].id}/robot_design")
    assert refused.status_code == 403
    assert "Dit team wordt niet in jouw lokaal gejureerd." in refused.text
    assert "stand" not in main_text(refused)
    client.log_in(advisor.email)
    page = main_text(client.get(f"/events/{event.id}/judging/advisor"))
    assert f"/events/{event.id}/judging/market" not in page  # no floor, live or not
    assert f"/events/{event.id}/judging/panels" in page


def test_a_market_with_a_judging_session_in_its_schedule_is_still_a_market(client, market):
    event, teams, (anouk, _bas, _cem), _stands = market
    at = datetime(2026, 3, 20, 10, 0, tzinfo=UTC)
    db.session.add(
        ScheduleEntry(
            event_id=event.id,
            team_id=teams[0].id,
            kind="judging",
            round=1,
            place="room 1",
            starts_at=at,
            ends_at=at + timedelta(minutes=30),
        )
    )
    db.session.commit()
    client.log_in(anouk.email)
    home = main_text(client.get(f"/events/{event.id}/judging"))
    assert f'href="/events/{event.id}/judging/market"' in home
    response = send(client, event, jury_rubric(teams[0], "not-at-the-stand"))
    assert response.status_code == 403  # no claim on the stand: not filed
    act(client, event, "next")
    assert send(client, event, jury_rubric(teams[0], "at-the-stand-now")).status_code == 201


def test_withdrawing_an_fll_rubric_refuses_in_fll_words(client, panel):
    event, team = panel.event, panel.teams[0]
    client.log_in(panel.judge.email)
    assert send(client, event, body(team)).status_code == 201
    url = f"/events/{event.id}/judging/rubrics/{current(team).id}/withdraw"
    refused = client.submit(url, {"reason": "  "})
    assert refused.status_code == 422
    assert "Zeg waarom de rubric wordt ingetrokken." in refused.text
    assert words_in(main_text(refused), VAKKANJERS_WORDS) == []
    client.log_in(panel.other_judge.email)
    other = client.get(url)
    assert other.status_code == 403
    assert "Alleen het jurylid dat de rubric indiende of de jurycoördinator" in other.text
    client.log_in(panel.advisor.email)
    done = client.submit(url, {"reason": "Wrong team"})
    assert done.location.endswith(f"/events/{event.id}/judging")  # not to a market floor
    gone = client.get(url)
    assert gone.status_code == 404
    assert "Deze rubric bestaat niet (meer)." in gone.text
    assert words_in(gone.text, ("juryformulier", "jurylid")) == []


def test_withdrawing_a_jury_form_refuses_in_vakkanjers_words(client, market):
    event, teams, (anouk, bas, _cem), _stands = market
    client.log_in(anouk.email)
    act(client, event, "next")
    assert send(client, event, jury_rubric(teams[0], "filed-key-words")).status_code == 201
    url = f"/events/{event.id}/judging/rubrics/{current(teams[0]).id}/withdraw"
    client.log_in(bas.email)
    other = client.get(url)
    assert other.status_code == 403
    assert "Alleen het jurylid dat het instuurde of de jurycoördinator" in other.text
    client.log_in(anouk.email)
    client.submit(url, {"reason": "Verkeerde stand"})
    gone = client.get(url)
    assert gone.status_code == 404
    assert "Dit juryformulier bestaat niet (meer)." in gone.text
    assert words_in(main_text(gone), FLL_WORDS) == []


@pytest.mark.parametrize(
    ("programme", "expected"),
    [
        ("fll", "De rubric heeft geen geldige sleutel; laad de pagina opnieuw."),
        ("vakkanjers", "Het juryformulier heeft geen geldige sleutel; laad de pagina opnieuw."),
    ],
)
def test_a_refused_key_is_named_in_the_programme_s_words(client, request, programme, expected):
    if programme == "fll":
        found = request.getfixturevalue("panel")
        event, team, user = found.event, found.teams[0], found.judge
        payload = body(team, key="bad key")
    else:
        event, teams, jurors, _stands = request.getfixturevalue("market")
        team, user = teams[0], jurors[0]
        payload = jury_rubric(team, "bad key")
    client.log_in(user.email)
    response = send(client, event, payload)
    assert response.status_code == 400
    assert expected in response.get_data(as_text=True)
