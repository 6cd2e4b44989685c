"""Progress counts what is not judged yet: at a Vakkanjers market, where jurors are seated in
no room, a team without a jury form counts as missing (not 0 while nine teams wait)."""

import uuid

import pytest
from sqlalchemy import select

from challenges.auth.models import User
from challenges.auth.roles import Role
from challenges.events.models import Attendance, EventTeam
from challenges.extensions import db
from challenges.judging import entries, panels, withdrawals
from challenges.judging.assessment import FilledRubric
from challenges.judging.entries import rubric_set_of
from challenges.judging.progress import progress
from tests.events.programme_words import FLL_WORDS, main_of, make_programme_season, words_in
from tests.factories import grant_event_role, make_event, make_placed_teams, make_user
from tests.judging.conftest import levels, make_panel


def fill(event, team, juror, submitted: bool = True) -> None:
    rows = [row.id for row in rubric_set_of(event).rubric("jury").rows]
    filled = FilledRubric(dict.fromkeys(rows, 3), {})
    entries.save(
        event, entries.RubricInput(uuid.uuid4().hex, team.id, "jury", filled, submitted), juror
    )


@pytest.fixture
def market(app):
    """Twelve teams at a market: three judged, one draft, eight nobody has seen."""
    season = make_programme_season(robot_game=False)
    season.rubric_set_key = "vakkanjers-jury"
    event = make_event(season=season, name="Vakkanjers Markt Zwolle")
    juror = make_user(name="Anouk Jurylid")
    grant_event_role(juror, event, Role.JUDGE)
    grant_event_role(juror, event, Role.JUDGE_ADVISOR)  # files a form for any stand
    teams = make_placed_teams(event, 12)
    for team in teams[:3]:
        fill(event, team, juror)
    fill(event, teams[3], juror, submitted=False)
    db.session.commit()
    return event


def counts_of(event) -> dict[str, int]:
    return dict(progress(event, rubric_set_of(event)).counts)


def test_teams_nobody_has_judged_count_as_missing(market):
    assert counts_of(market) == {"submitted": 3, "draft": 1, "missing": 8}


def test_a_no_show_is_not_missing(market):
    last = (
        db.session.query(EventTeam)
        .filter_by(event_id=market.id)
        .order_by(EventTeam.id.desc())
        .first()
    )
    last.attendance = Attendance.NO_SHOW
    db.session.commit()
    assert counts_of(market)["missing"] == 7


def test_a_market_without_any_jury_form_misses_every_team(app):
    season = make_programme_season(robot_game=False)
    season.rubric_set_key = "vakkanjers-jury"
    event = make_event(season=season)
    make_placed_teams(event, 9)
    assert counts_of(event) == {"missing": 9}


@pytest.mark.parametrize("role", [Role.JUDGE_ADVISOR, Role.EVENT_MANAGER])
def test_the_deliberation_page_says_what_is_missing_in_market_words(client, market, role):
    user = make_user()
    grant_event_role(user, market, role)
    client.log_in(user.email)
    page = main_of(client.get(f"/events/{market.id}/judging/advisor"))
    assert "Ontbreekt: 8" in page
    assert "Juryberaad" in page
    assert page.count("nog niemand") == 8
    ranking = page.split('id="results-heading"', 1)[1]
    assert words_in(page.split('id="progress-heading"', 1)[1], FLL_WORDS) == []
    assert "geen juryformulier ingediend" in ranking


def test_an_fll_team_in_a_room_without_a_judge_counts_as_missing(app):
    panel = make_panel()
    panels.seat(panel.event, {panel.other_judge.id: None})  # nobody in room 2 now
    db.session.commit()
    found = progress(panel.event, rubric_set_of(panel.event))
    rubrics = len(rubric_set_of(panel.event).rubrics)
    assert found.counts == {"missing": 4 * rubrics}
    marks = {row.room: [m for ms in row.marks.values() for m in ms] for row in found.rows}
    assert {mark.judge for mark in marks["room 1"]} == {"Janna Jurylid"}
    assert {mark.judge for mark in marks["room 2"]} == {None}
    hidden = found.without_judges()
    names = {mark.judge for row in hidden.rows for ms in row.marks.values() for mark in ms}
    assert names == {"", None}  # a judge's name is hidden, nobody stays nobody


def market_advisor() -> User:
    return db.session.scalar(select(User).where(User.name == "Anouk Jurylid"))


def withdraw_all(event, team, by) -> None:
    for entry in entries.submitted_for_team(event, team.id):
        withdrawals.withdraw(event, entry.id, by, "Filed for the wrong stand")
    db.session.commit()


def test_a_team_whose_only_jury_form_was_withdrawn_is_missing_again(client, market):
    judged = progress(market, rubric_set_of(market)).rows[0].team  # its jury form submitted
    advisor = market_advisor()
    withdraw_all(market, judged, advisor)
    assert counts_of(market) == {"submitted": 2, "draft": 1, "missing": 9}
    row = next(row for row in progress(market, rubric_set_of(market)).rows if row.team == judged)
    assert [(mark.judge, mark.status) for mark in row.marks["jury"]] == [
        ("Anouk Jurylid", "withdrawn")
    ]
    client.log_in(advisor.email)  # the deliberation page shows it withdrawn, not blank
    page = main_of(client.get(f"/events/{market.id}/judging/advisor"))
    assert "Ontbreekt: 9" in page
    assert "Anouk Jurylid · Ingetrokken" in page
    assert words_in(page.split('id="progress-heading"', 1)[1], FLL_WORDS) == []


def fill_fll(panel, team, judge, rubric: str = "innovation_project") -> None:
    filled = FilledRubric(levels(rubric), {})
    entries.save(
        panel.event, entries.RubricInput(uuid.uuid4().hex, team.id, rubric, filled, True), judge
    )
    db.session.commit()


def test_a_seated_judge_s_withdrawn_rubric_is_missing_again(app):
    panel = make_panel()
    rubrics = len(rubric_set_of(panel.event).rubrics)
    fill_fll(panel, panel.teams[0], panel.judge)
    assert counts_of(panel.event) == {"submitted": 1, "missing": 4 * rubrics - 1}
    withdraw_all(panel.event, panel.teams[0], panel.judge)
    assert counts_of(panel.event) == {"missing": 4 * rubrics}


def test_a_withdrawn_rubric_of_someone_not_seated_for_the_team_counts_nowhere(app):
    panel = make_panel()
    rubrics = len(rubric_set_of(panel.event).rubrics)
    fill_fll(panel, panel.teams[1], panel.advisor)  # room 2: the advisor sits nowhere
    fill_fll(panel, panel.teams[1], panel.other_judge)
    assert counts_of(panel.event) == {"submitted": 2, "missing": 4 * rubrics - 1}
    withdraw_all(panel.event, panel.teams[1], panel.advisor)  # both: the advisor may
    fill_fll(panel, panel.teams[1], panel.other_judge)
    assert counts_of(panel.event) == {"submitted": 1, "missing": 4 * rubrics - 1}
    row = next(
        r
        for r in progress(panel.event, rubric_set_of(panel.event)).rows
        if r.team == panel.teams[1]
    )
    marks = {(mark.judge, mark.status) for mark in row.marks["innovation_project"]}
    assert marks == {("Otto Jurylid", "submitted"), ("Anna Advisor", "withdrawn")}
