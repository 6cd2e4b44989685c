"""Area scores, ranks and the Champion's ranking of a whole event, from submitted rubrics and
verified robot-game sheets; and what the judge advisor sees."""

from challenges.auth.roles import Role
from challenges.awards.results import event_results
from challenges.events.models import Attendance, EventTeam
from challenges.extensions import db
from challenges.robot_game.models import ScoreSheet
from tests.factories import grant_event_role, make_user


def test_area_scores_ranks_and_the_champions_ranking(judged):
    t0, t1, t2, t3 = (team.id for team in judged.teams)
    [category] = event_results(judged.event).categories
    assert category.areas == ["innovation_project", "robot_design", "core_values", "robot_game"]
    assert category.scores["innovation_project"] == {t0: 35, t1: 20, t2: 30, t3: 30}
    assert category.ranks["innovation_project"] == {t0: 1, t1: 4, t2: 2, t3: 2}
    assert category.ranks["robot_design"] == {t0: 4, t1: 1, t2: 2, t3: 2}
    # Core Values rows (5 IP + 5 RD) plus GP: T2 was rated 4 three times, the rest count 3s.
    assert category.scores["core_values"] == {t0: 17.5 + 10 + 9, t1: 39, t2: 42, t3: 39}
    assert category.ranks["core_values"] == {t0: 4, t1: 2, t2: 1, t3: 2}
    assert category.scores["robot_game"] == {t0: 200, t1: 100, t2: 200, t3: 250}
    assert category.ranks["robot_game"] == {t0: 2, t1: 4, t2: 2, t3: 1}
    # Sums: T2 7, T3 7 (T2's better Core Values rank first), T1 11, T0 11 (T1's CV rank 2 < 4).
    assert [(row.team, row.total, row.position) for row in category.ranking] == [
        (t2, 7, 1),
        (t3, 7, 2),
        (t1, 11, 3),
        (t0, 11, 4),
    ]
    assert category.unranked == []


def test_no_shows_and_teams_without_a_robot_game_score_are_not_ranked(judged):
    t0, t1, _t2, t3 = judged.teams
    placed = db.session.query(EventTeam).filter_by(team_id=t1.id).one()
    placed.attendance = Attendance.NO_SHOW
    db.session.query(ScoreSheet).filter_by(team_id=t3.id).delete()
    db.session.commit()
    [category] = event_results(judged.event).categories
    assert t1.id not in category.teams
    assert [team.id for team in category.unranked] == [t3.id]
    assert [row.team for row in category.ranking] == [judged.teams[2].id, t0.id]


def test_with_two_judges_per_room_normalisation_is_not_applied(judged):
    result = event_results(judged.event)
    assert not result.normalisations["innovation_project"].applied
    assert result.normalisations["innovation_project"].reason == "too_few_teams"
    assert result.gp_counted


def test_the_advisor_sees_progress_outliers_agreement_and_the_ranking(client, judged):
    client.log_in(judged.advisor.email)
    page = client.get(f"/events/{judged.event.id}/judging/advisor").get_data(as_text=True)
    assert "Voortgang" in page
    assert "Ingediend: 9" in page  # T0's IP by two judges, the rest by one
    assert "Ontbreekt: 0" in page
    assert "Uitschieters: 2" in page  # T0's IP: 30 against 40
    assert "Alleen ruwe scores" in page
    ranking = page[page.index("Scores en rangschikking") :]
    assert [ranking.index(f"Team {n}") for n in (2, 3, 1, 0)] == sorted(
        ranking.index(f"Team {n}") for n in (2, 3, 1, 0)
    )
    client.log_in(judged.judge.email)
    assert client.get(f"/events/{judged.event.id}/judging/advisor").status_code == 403


def test_the_event_manager_sees_progress_but_not_which_judge_gave_what(client, judged):
    manager = make_user(name="Eva Evenementmanager")
    grant_event_role(manager, judged.event, Role.EVENT_MANAGER)
    page = f"/events/{judged.event.id}/judging/advisor"
    client.log_in(judged.advisor.email)
    advisor_view = client.get(page).text
    assert "Janna Jurylid" in advisor_view
    assert "Otto Jurylid" in advisor_view
    client.log_in(manager.email)
    manager_view = client.get(page).text
    assert "Ingediend: 9" in manager_view
    assert "Janna Jurylid" not in manager_view
    assert "Otto Jurylid" not in manager_view
    assert "Anna Advisor" not in manager_view
    assert f'/events/{judged.event.id}/judging"' not in manager_view  # judging is not theirs
    assert f'/events/{judged.event.id}/judging"' in advisor_view


def test_the_event_can_rank_the_judged_areas_by_normalised_scores(judged):
    t0, t1, t2, t3 = (team.id for team in judged.teams)
    judged.event.normalise_min_teams = 1
    judged.event.normalised_ranks = True
    db.session.commit()
    result = event_results(judged.event)
    assert result.normalisations["innovation_project"].applied
    [category] = result.categories
    # Judge 1 gave T0 and T2 30 each (no spread), judge 2 gave T1 20 and T3 30, the advisor
    # T0 40: every judge's own mean maps onto the overall mean (30) and spread (7.07).
    assert category.scores["innovation_project"] == {t0: 30, t1: 25, t2: 30, t3: 35}
    assert category.ranks["innovation_project"] == {t3: 1, t0: 2, t2: 2, t1: 4}
    judged.event.normalised_ranks = False
    assert event_results(judged.event).categories[0].scores["innovation_project"][t0] == 35


def test_the_robot_game_rank_keeps_its_tie_breakers(judged):
    t0, _t1, t2, _t3 = judged.teams
    db.session.query(ScoreSheet).filter_by(team_id=t2.id, round=2).update({"score": 180})
    db.session.commit()
    [category] = event_results(judged.event).categories
    assert category.scores["robot_game"][t0.id] == category.scores["robot_game"][t2.id] == 200
    assert category.ranks["robot_game"][t2.id] == 2  # 200, 180 beats 200, 150
    assert category.ranks["robot_game"][t0.id] == 3
