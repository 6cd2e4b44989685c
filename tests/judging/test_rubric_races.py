"""A judge's draft and submission, or two tabs, arriving at the same moment through the test
server: a draft never overwrites a submission and one rubric stays current."""

from functools import partial
from types import SimpleNamespace

from sqlalchemy import select

from challenges.extensions import db
from challenges.judging.models import RubricEntry, RubricStatus
from challenges.tablets.models import Outcome, RefusedItem
from tests.concurrency import at_the_same_moment
from tests.factories import FormClient
from tests.judging.conftest import body, levels, make_panel, send

RACES = 30


def judge_tablets(app, panel, count: int = 2) -> list[FormClient]:
    tablets = []
    for _number in range(count):
        tablet = FormClient(app.test_client())
        tablet.log_in(panel.judge.email)
        tablets.append(tablet)
    return tablets


def entries_of(team_id: int, rubric: str = "innovation_project") -> list[RubricEntry]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(RubricEntry)
            .where(RubricEntry.team_id == team_id, RubricEntry.rubric == rubric)
            .order_by(RubricEntry.version)
        )
    )


def room_one(panel) -> list:
    return panel.teams[0::2]  # the judge's room


def test_a_draft_arriving_with_the_submission_never_overwrites_it(app):
    panel = make_panel(teams=2 * RACES)
    one, other = judge_tablets(app, panel)
    event = SimpleNamespace(id=panel.event.id)  # the threads do not touch the test's session
    for number, team in enumerate(room_one(panel)):
        key = f"key-race-{number:04d}"
        assert send(one, event, body(team, key, "draft", levels=levels(level=2))).json["stored"]
        draft = body(team, key, "draft", levels=levels(level=1))
        submission = body(team, key, "submitted", levels=levels(level=3))
        team_id = team.id
        results = at_the_same_moment(
            partial(send, one, event, draft), partial(send, other, event, submission)
        )
        assert [response.json["stored"] for response in results] == [True, True]
        [entry] = entries_of(team_id)
        assert entry.status == RubricStatus.SUBMITTED
        assert set(entry.levels.values()) == {3}


def test_two_tabs_submitting_at_once_leave_one_current_rubric(app):
    panel = make_panel(teams=2 * RACES)
    one, other = judge_tablets(app, panel)
    event = SimpleNamespace(id=panel.event.id)  # the threads do not touch the test's session
    for number, team in enumerate(room_one(panel)):
        first = body(team, f"key-tab1-{number:04d}", levels=levels(level=2))
        second = body(team, f"key-tab2-{number:04d}", levels=levels(level=3))
        team_id = team.id
        results = at_the_same_moment(
            partial(send, one, event, first), partial(send, other, event, second)
        )
        assert [response.status_code for response in results] == [201, 201]
        versions = entries_of(team_id)
        assert [entry.version for entry in versions] == [1, 2]
        assert [entry.current for entry in versions] == [False, True]
        assert versions[1].supersedes_id == versions[0].id


def test_the_same_key_with_other_content_is_refused_with_the_stored_version(app):
    panel = make_panel()
    [tablet] = judge_tablets(app, panel, 1)
    team = panel.teams[0]
    assert send(tablet, panel.event, body(team, "key-same-0001")).status_code == 201
    again = send(tablet, panel.event, body(team, "key-same-0001", levels=levels(level=2)))
    assert again.status_code == 409
    assert again.json["conflict"] == "different_content"
    [stored] = entries_of(team.id)
    assert again.json["stored_version"] == {"id": stored.id, "version": 1}
    assert set(stored.levels.values()) == {3}
    assert send(tablet, panel.event, body(team, "key-same-0001")).json["stored"] is True


def test_a_rubric_refused_on_arrival_waits_for_the_judge_advisor(app, client):
    panel = make_panel()
    [tablet] = judge_tablets(app, panel, 1)
    other_room = panel.teams[1]
    refused = send(tablet, panel.event, body(other_room, "key-late-0001"))
    assert refused.status_code == 403
    assert (refused.json["stored"], refused.json["kept"]) == (False, True)
    assert entries_of(other_room.id) == []
    client.log_in(panel.advisor.email)
    advisor = f"/events/{panel.event.id}/judging/advisor"
    page = client.get(advisor).get_data(as_text=True)
    assert "Geweigerd bij aankomst" in page
    assert "Janna Jurylid" in page
    item = db.session.scalar(select(RefusedItem))
    assert f'<span lang="{item.reason_language}">{item.reason}</span>' in page
    accepted = client.submit(f"{advisor}/refused/{item.id}/accept", {}, page=advisor)
    assert accepted.status_code == 302
    [entry] = entries_of(other_room.id)
    assert (entry.judge_id, entry.status) == (panel.judge.id, RubricStatus.SUBMITTED)
    db.session.refresh(item)
    assert item.outcome == Outcome.ACCEPTED
    assert "Geweigerd bij aankomst" not in client.get(advisor).get_data(as_text=True)
    # the tablet sends it again: now it is stored, and nothing waits any more
    assert send(tablet, panel.event, body(other_room, "key-late-0001")).json["stored"] is True
