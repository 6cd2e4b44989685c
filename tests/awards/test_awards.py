"""Award rules: candidate lists with ties, one judged award per team, eligibility, proposals;
and the judge advisor recording winners."""

import pytest
from sqlalchemy import select

from challenges.awards.models import AwardWinner
from challenges.awards.rules import Candidate, Holding, candidates, problems, proposal
from challenges.extensions import db
from challenges.judging.rubrics import load
from tests.judging.conftest import make_panel

AWARDS = {award.id: award for award in load("fll-challenge-2024").awards}
ORDER = list(load("fll-challenge-2024").awards)


def test_candidates_by_rank_with_ties_marked():
    found = candidates({1: 2, 2: 1, 3: 2, 4: 4}, {1: 30, 2: 35, 3: 30, 4: 20})
    assert found == [
        Candidate(2, 1, 35, False),
        Candidate(1, 2, 30, True),
        Candidate(3, 2, 30, True),
        Candidate(4, 4, 20, False),
    ]


def test_one_judged_award_per_team_but_robot_performance_and_coach_are_exempt():
    held = [Holding(7, "champions", 1)]
    assert problems(AWARDS["core_values"], 7, 1, held, AWARDS, True) == ["one_judged_award"]
    assert problems(AWARDS["engineering_excellence"], 7, 1, held, AWARDS, True) == [
        "one_judged_award"
    ]
    assert problems(AWARDS["coach_mentor"], 7, 1, held, AWARDS, True) == []
    assert problems(AWARDS["core_values"], 8, 1, held, AWARDS, True) == []
    assert problems(AWARDS["champions"], 7, 2, held, AWARDS, True) == ["second_place"]


def test_eligibility_places_and_taken_places():
    assert problems(AWARDS["champions"], 7, 1, [], AWARDS, False) == ["not_eligible"]
    assert problems(AWARDS["coach_mentor"], 7, 1, [], AWARDS, False) == []
    assert problems(AWARDS["champions"], 7, 5, [], AWARDS, True) == ["place_out_of_range"]
    held = [Holding(8, "champions", 1)]
    assert problems(AWARDS["champions"], 7, 1, held, AWARDS, True) == ["place_taken"]
    coaches = [Holding(8, "coach_mentor", 1)]
    assert problems(AWARDS["coach_mentor"], 7, 1, coaches, AWARDS, True) == []


def test_the_proposal_follows_the_allocation_order_and_skips_awarded_teams():
    lists = {
        "champions": candidates({1: 1, 2: 2, 3: 3}, {}),
        "innovation_project": candidates({1: 1, 3: 2, 2: 3}, {}),
        "robot_design": candidates({1: 1, 2: 1, 3: 3}, {}),
        "core_values": candidates({1: 1, 2: 2, 3: 3}, {}),
    }
    assert proposal(ORDER, lists, []) == {
        "champions": 1,
        "innovation_project": 3,
        "robot_design": 2,
        "core_values": None,
        "engineering_excellence": None,
        "breakthrough": None,
        "rising_all_star": None,
        "motivate": None,
        "judges_award": None,
    }
    decided = proposal(ORDER, lists, [Holding(2, "champions", 1)])
    assert (decided["champions"], decided["innovation_project"], decided["robot_design"]) == (
        2,
        1,
        3,
    )


@pytest.fixture
def advisor(client, judged):
    client.log_in(judged.advisor.email)
    return client


def give(client, event, follow_redirects=False, **fields):
    url = f"/events/{event.id}/awards"
    data = {"category": event.season.categories[0].id, "place": 1, "reason": "Best overall"}
    return client.submit(f"{url}/give", data | fields, page=url, follow_redirects=follow_redirects)


def winners() -> list[tuple]:
    found = db.session.scalars(select(AwardWinner).order_by(AwardWinner.id))
    return [(w.award, w.team_id, w.place, w.override_reason) for w in found]


def test_the_advisor_records_awards_under_the_one_award_rule(advisor, judged):
    event = judged.event
    t0, t1, t2, t3 = (team.id for team in judged.teams)
    page = advisor.get(f"/events/{event.id}/awards").get_data(as_text=True)
    assert "Champion&#39;s Award" in page
    assert "voorgesteld" in page
    assert "te weinig teams per jurylid" in page  # normalised scores need five per judge
    assert give(advisor, event, award="champions", team=t2).status_code == 302
    refused = give(advisor, event, award="core_values", team=t2, follow_redirects=True)
    assert "al een jurywaardering" in refused.get_data(as_text=True)
    assert give(advisor, event, award="core_values", team=t2, override_reason="Exceptional")
    give(advisor, event, award="innovation_project", team=t0)
    assert winners() == [
        ("champions", t2, 1, None),
        ("core_values", t2, 1, "Exceptional"),
        ("innovation_project", t0, 1, None),
    ]
    give(advisor, event, award="robot_performance", team=t3)
    give(advisor, event, award="champions", team=t1, place=1)  # place taken
    assert len(winners()) == 3
    page = advisor.get(f"/events/{event.id}/awards").get_data(as_text=True)
    assert "1e plaats: #1004 Team 3 (250)" in page  # Robot Performance follows the ranking
    first = db.session.scalar(select(AwardWinner.id).order_by(AwardWinner.id))
    url = f"/events/{event.id}/awards"
    assert advisor.submit(f"{url}/{first}/remove", {}, page=url).status_code == 302
    assert [w[0] for w in winners()] == ["core_values", "innovation_project"]


def test_teams_not_ranked_everywhere_cannot_win_a_judged_award(advisor, judged):
    from challenges.robot_game.models import ScoreSheet

    db.session.query(ScoreSheet).filter_by(team_id=judged.teams[3].id).delete()
    db.session.commit()
    response = give(
        advisor, judged.event, award="robot_design", team=judged.teams[3].id, follow_redirects=True
    )
    assert "niet in elk onderdeel gerangschikt" in response.get_data(as_text=True)
    give(advisor, judged.event, award="coach_mentor", team=judged.teams[3].id)
    assert [w[0] for w in winners()] == ["coach_mentor"]


def test_judges_cannot_record_awards_and_teams_of_other_events_are_refused(client, judged):
    client.log_in(judged.judge.email)
    assert client.get(f"/events/{judged.event.id}/awards").status_code == 403
    other = make_panel()
    client.log_in(judged.advisor.email)
    give(client, judged.event, award="champions", team=other.teams[0].id)
    assert winners() == []
