"""Judges fill rubrics through the JSON API and the plain form: drafts, submissions, versions,
and who may judge which team."""

import pytest
from sqlalchemy import func, select

from challenges.auth.roles import Role
from challenges.events.models import Conflict
from challenges.extensions import db
from challenges.judging.models import RubricEntry, RubricStatus
from tests.factories import grant_event_role, make_event, make_open_season, make_user
from tests.judging.conftest import body, levels, make_panel, send


def stored() -> list[RubricEntry]:
    return list(db.session.scalars(select(RubricEntry).order_by(RubricEntry.id)))


@pytest.fixture
def judge(client, panel):
    client.log_in(panel.judge.email)
    return client


def test_a_judge_sees_the_sessions_of_their_room_in_order(judge, panel):
    page = judge.get(f"/events/{panel.event.id}/judging").get_data(as_text=True)
    assert "lokaal 1" in page
    assert panel.teams[0].name in page
    assert panel.teams[2].name in page
    assert panel.teams[1].name not in page
    assert panel.teams[3].name not in page
    assert page.index(panel.teams[0].name) < page.index(panel.teams[2].name)
    assert "Innovatieproject" in page
    assert "Robotontwerp" in page


def test_a_submission_is_stored_once_whatever_the_retries(judge, panel):
    team = panel.teams[0]
    first = send(judge, panel.event, body(team))
    assert first.status_code == 201
    assert first.json["submitted"] is True
    again = send(judge, panel.event, body(team))
    assert again.status_code == 200
    assert again.json == first.json | {"created": False}
    [entry] = stored()
    assert (entry.judge_id, entry.judge_name, entry.status) == (
        panel.judge.id,
        "Janna Jurylid",
        RubricStatus.SUBMITTED,
    )
    assert entry.levels == levels()
    assert entry.went_well == "Clear research"
    assert entry.device_time is not None
    assert entry.submitted_at is not None


def test_a_tablet_s_submission_is_confirmed_on_the_next_page(judge, panel):
    team = panel.teams[0]
    send(judge, panel.event, body(team, status="draft"))
    assert "Rubric ingediend" not in judge.get(f"/events/{panel.event.id}/judging").text
    send(judge, panel.event, body(team, key="key-00000002"))
    page = judge.get(f"/events/{panel.event.id}/judging").text
    assert f"Rubric ingediend: #{team.number} {team.name}." in page
    send(judge, panel.event, body(team, key="key-00000002"))  # a retry: no second message
    assert "Rubric ingediend" not in judge.get(f"/events/{panel.event.id}/judging").text


def test_drafts_are_updated_then_submitted_and_a_late_draft_changes_nothing(judge, panel):
    team = panel.teams[0]
    draft = body(team, status="draft", levels={"ip_identify_problem": 2})
    assert send(judge, panel.event, draft).status_code == 201
    draft["levels"] = {"ip_identify_problem": 3, "ip_design_plan": None}
    assert send(judge, panel.event, draft).status_code == 200
    [entry] = stored()
    assert entry.status is RubricStatus.DRAFT
    assert entry.levels == {"ip_identify_problem": 3, "ip_design_plan": None}
    assert send(judge, panel.event, body(team)).status_code == 201
    late = body(team, key="key-late-draft", status="draft", levels={"ip_identify_problem": 1})
    assert send(judge, panel.event, late).status_code == 200
    [entry] = stored()
    assert entry.status is RubricStatus.SUBMITTED
    assert entry.levels == levels()


def test_submitting_again_keeps_the_old_version(judge, panel):
    team = panel.teams[0]
    send(judge, panel.event, body(team))
    changed = levels(ip_identify_problem=4)
    second = send(
        judge,
        panel.event,
        body(
            team,
            key="key-00000002",
            levels=changed,
            notes={"ip_identify_problem": "Asked 40 people"},
        ),
    )
    assert second.status_code == 201
    assert second.json["version"] == 2
    old, new = stored()
    assert (old.current, old.version, old.levels["ip_identify_problem"]) == (False, 1, 3)
    assert (new.current, new.version, new.supersedes_id) == (True, 2, old.id)
    assert new.notes == {"ip_identify_problem": "Asked 40 people"}


def test_bad_rubrics_get_field_messages_in_dutch_and_nothing_is_stored(judge, panel):
    team = panel.teams[0]
    exceeds = send(judge, panel.event, body(team, levels=levels(ip_identify_problem=4)))
    assert exceeds.status_code == 422
    assert exceeds.json["problems"]["ip_identify_problem"] == (
        "Bij 'Overtroffen' hoort een korte toelichting: waarmee overtrof het team de verwachting?"
    )
    wrong = send(judge, panel.event, body(team, levels=levels(ip_design_plan=5)))
    assert wrong.status_code == 422
    assert set(wrong.json["problems"]) == {"ip_design_plan"}
    other_season = send(judge, panel.event, body(team, rubric="jury"))
    assert other_season.status_code == 404
    assert send(judge, panel.event, "{not json").status_code == 400
    assert send(judge, panel.event, body(team, key="x")).status_code == 400
    assert send(judge, panel.event, body(team) | {"team": "3"}).status_code == 400
    assert stored() == []


def test_a_judge_cannot_judge_another_rooms_team_or_a_conflicted_school(judge, panel):
    assert send(judge, panel.event, body(panel.teams[1])).status_code == 403
    db.session.add(Conflict(user_id=panel.judge.id, school_id=panel.teams[0].school_id))
    db.session.commit()
    refused = send(judge, panel.event, body(panel.teams[0]))
    assert refused.status_code == 403
    assert "belangenconflict" in refused.json["message"]
    page = judge.get(f"/events/{panel.event.id}/judging").get_data(as_text=True)
    assert "een ander jurylid beoordeelt dit team" in page
    url = f"/events/{panel.event.id}/judging/teams/{panel.teams[0].id}/innovation_project"
    assert judge.get(url).status_code == 403
    assert stored() == []


def test_a_judge_of_another_event_and_a_referee_are_refused(client, panel):
    elsewhere = make_event(season=panel.event.season)
    stranger = make_user(name="Stranger")
    grant_event_role(stranger, elsewhere, Role.JUDGE)
    client.log_in(stranger.email)
    assert send(client, panel.event, body(panel.teams[0])).status_code == 403
    assert client.get(f"/events/{panel.event.id}/judging").status_code == 403
    referee = make_user(name="Referee")
    grant_event_role(referee, panel.event, Role.REFEREE)
    client.log_in(referee.email)
    assert client.get(f"/events/{panel.event.id}/judging").status_code == 403
    assert stored() == []


def test_a_team_of_another_event_cannot_be_judged(judge, panel):
    other = make_panel()
    response = send(judge, panel.event, body(other.teams[0]))
    assert response.status_code == 404
    assert stored() == []


def test_the_plain_form_saves_a_draft_and_then_submits(judge, panel):
    team = panel.teams[2]
    url = f"/events/{panel.event.id}/judging/teams/{team.id}/innovation_project"
    page = judge.get(url).get_data(as_text=True)
    assert "Duidelijke omschrijving van het probleem" in page
    assert "Niet beoordeeld" in page
    form = {f"level-{row}": str(level) for row, level in levels().items()}
    form |= {"level-ip_create_model": "nj", "client_key": "form-key-0001", "went_well": "Goed"}
    draft = judge.submit(url, form | {"action": "draft"}, page=url)
    assert draft.status_code == 302
    assert stored()[0].status is RubricStatus.DRAFT
    refused = judge.submit(
        url, form | {"action": "submit", "level-ip_iterate_share": "4"}, page=url
    )
    assert refused.status_code == 422
    assert stored()[0].status is RubricStatus.DRAFT
    done = judge.submit(url, form | {"action": "submit"}, page=url)
    assert done.status_code == 302
    [entry] = stored()
    assert entry.status is RubricStatus.SUBMITTED
    assert entry.levels["ip_create_model"] is None
    home = judge.get(f"/events/{panel.event.id}/judging").get_data(as_text=True)
    assert "Ingediend" in home


def test_the_advisor_seats_judges_and_may_open_every_team(client, panel):
    client.log_in(panel.advisor.email)
    url = f"/events/{panel.event.id}/judging/panels"
    assert client.get(url).status_code == 200
    response = client.submit(
        url, {f"room-{panel.judge.id}": "room 2", f"room-{panel.other_judge.id}": ""}, page=url
    )
    assert response.status_code == 302
    page = client.get(f"/events/{panel.event.id}/judging?room=room 2").get_data(as_text=True)
    assert panel.teams[1].name in page
    assert send(client, panel.event, body(panel.teams[1])).status_code == 201
    bad = client.submit(url, {f"room-{panel.judge.id}": "room 9"}, page=url)
    assert bad.status_code == 200
    assert "room 9" in bad.get_data(as_text=True)
    judges = client.get(url)
    assert judges.status_code == 200
    client.log_in(panel.judge.email)
    assert client.get(url).status_code == 403


def test_the_panels_lead_each_one_back_to_a_page_they_may_open(client, panel):
    """The advisor back to judging; the event manager, who may not judge, to the cockpit."""
    url = f"/events/{panel.event.id}/judging/panels"
    client.log_in(panel.advisor.email)
    assert f'href="/events/{panel.event.id}/judging">' in client.get(url).text
    manager = make_user(name="Eva Evenement")
    grant_event_role(manager, panel.event, Role.EVENT_MANAGER)
    client.log_in(manager.email)
    page = client.get(url).text
    assert f'href="/events/{panel.event.id}/judging">' not in page
    assert f'href="/events/{panel.event.id}/cockpit">Terug naar de cockpit' in page
    assert client.get(f"/events/{panel.event.id}/cockpit").status_code == 200


def test_an_event_whose_season_has_no_rubrics_says_so(client, app):
    season = make_open_season()
    event = make_event(season=season)
    judge = make_user(name="J")
    grant_event_role(judge, event, Role.JUDGE)
    client.log_in(judge.email)
    response = client.get(f"/events/{event.id}/judging")
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(RubricEntry.id))) == 0
