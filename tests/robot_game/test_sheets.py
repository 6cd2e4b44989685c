"""Referee sheets through the JSON API and the plain form: idempotent, append-only, checked."""

import json

import pytest
from sqlalchemy import delete, func, select

from challenges.auth.roles import Role
from challenges.errors import DomainError
from challenges.events.models import Conflict, ScheduleEntry
from challenges.extensions import db
from challenges.robot_game import desk, match_sheets, reviewing, rounds, submitting
from challenges.robot_game.models import ScoreSheet, SheetStatus
from challenges.robot_game.sheet_input import SheetInput
from tests.factories import grant_event_role, make_event, make_user
from tests.robot_game.conftest import answers, make_arena, payload


def api(client, arena, body, event=None, page=None):
    event = event or arena.event
    first_match = next(iter(arena.matches.values()))
    token = client.csrf_token(page or f"/events/{arena.event.id}/referee/matches/{first_match}")
    return client.post(
        f"/api/v1/events/{event.id}/sheets",
        data=json.dumps(body) if not isinstance(body, str) else body,
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )


def stored() -> int:
    return db.session.scalar(select(func.count(ScoreSheet.id)))


@pytest.fixture
def referee(client, arena):
    client.log_in(arena.referee.email)
    return client


def test_a_sheet_is_stored_once_whatever_the_retries(referee, arena):
    match = arena.matches[(0, "ranking", 1)]
    body = payload(match, m00_inspection=True, m13_statue_raised=True)
    first = api(referee, arena, body)
    assert first.status_code == 201
    assert first.json["score"] == 60 + 20 + 30
    assert first.json["created"] is True
    again = api(referee, arena, body)
    assert again.status_code == 200
    assert again.json == first.json | {"created": False}
    assert stored() == 1
    sheet = db.session.scalar(select(ScoreSheet))
    assert (sheet.referee_name, sheet.team_confirmation, sheet.table) == ("Rita", "AB", "table 1")
    assert sheet.status is SheetStatus.SUBMITTED
    assert sheet.device_time is not None
    assert sheet.received_at is not None
    assert sheet.submitted_by_id == arena.referee.id


def test_a_retry_after_a_new_schedule_unlinked_the_sheet_is_still_the_same_sheet(referee, arena):
    match = arena.matches[(0, "ranking", 1)]
    body = payload(match, m00_inspection=True)
    first = api(referee, arena, body)
    db.session.execute(delete(ScheduleEntry).where(ScheduleEntry.id == match))  # a new schedule
    db.session.commit()
    again = api(referee, arena, body)
    assert again.status_code == 200
    assert again.json == first.json | {"created": False}
    assert stored() == 1


def test_the_plain_form_works_without_javascript_and_a_double_tap_stores_one(referee, arena):
    match = arena.matches[(1, "ranking", 1)]
    url = f"/events/{arena.event.id}/referee/matches/{match}"
    page = referee.get(url).get_data(as_text=True)
    assert "Team 1" in page
    assert 'name="m00_inspection"' in page
    key = page.split('name="client_key" value="')[1].split('"')[0]
    form = {
        k: ("yes" if v is True else "no" if v is False else str(v))
        for k, v in answers(m02_topsoil_sections=2).items()
    }
    form |= {"client_key": key, "referee_name": "Rita", "team_confirmation": "✓"}
    for _tap in range(2):
        response = referee.submit(url, form)
        assert response.status_code == 302
    assert stored() == 1
    assert db.session.scalar(select(ScoreSheet.score)) == 80
    listing = referee.get(response.headers["Location"]).get_data(as_text=True)
    assert "80" in listing


def test_two_sheets_for_one_match_are_both_kept_and_flagged(referee, arena, client):
    match = arena.matches[(0, "ranking", 1)]
    assert api(referee, arena, payload(match, "key-aaaa1111")).status_code == 201
    assert (
        api(referee, arena, payload(match, "key-bbbb2222", m05_floor_upright=True)).status_code
        == 201
    )
    overview = desk.overview(arena.event)
    assert [len(group) for group in overview.conflicts] == [2]
    first, second = overview.conflicts[0]
    with pytest.raises(DomainError, match="keur eerst het verkeerde af"):
        reviewing.verify(first, "Henk")
    reviewing.reject(first, "Henk", "Wrong team")
    reviewing.verify(second, "Henk")
    db.session.commit()
    assert stored() == 2
    overview = desk.overview(arena.event)
    assert overview.conflicts == []
    assert overview.verified == [second]
    assert overview.set_aside == [first]
    assert first.review_reason == "Wrong team"


@pytest.mark.parametrize(
    ("changes", "question", "text"),
    [
        ({"m99_bonus": True}, "m99_bonus", "Deze vraag staat niet"),
        ({"m01_soil_deposits": 3}, "m01_soil_deposits", "Geef een getal van 0 tot 2"),
        ({"m11_flag_lowered": True}, "m11_flag_lowered", "De vlag van de kraan"),
        ({"m00_inspection": "ja"}, "m00_inspection", "Antwoord ja of nee"),
    ],
)
def test_a_wrong_sheet_is_refused_per_question_in_dutch(referee, arena, changes, question, text):
    response = api(referee, arena, payload(arena.matches[(0, "ranking", 1)], **changes))
    assert response.status_code == 422
    assert text in response.json["problems"][question]
    assert stored() == 0


def test_an_unanswered_question_and_missing_names_are_refused(referee, arena):
    body = payload(arena.matches[(0, "ranking", 1)])
    del body["answers"]["m05_floor_upright"]
    body |= {"referee_name": " ", "team_confirmation": ""}
    response = api(referee, arena, body)
    assert response.status_code == 422
    assert set(response.json["problems"]) == {
        "m05_floor_upright",
        "referee_name",
        "team_confirmation",
    }
    assert stored() == 0


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[1, 2]",
        {"client_key": "key-0001", "match": "one", "answers": {}},
        {"client_key": "key-0001", "match": 1, "answers": []},
        {"client_key": "no", "match": 1, "answers": {}, "referee_name": "R"},
    ],
)
def test_a_malformed_body_is_a_clear_4xx(referee, arena, body):
    response = api(referee, arena, body)
    assert 400 <= response.status_code < 500
    assert response.json["message"]
    assert stored() == 0


def test_a_match_of_another_event_is_refused(referee, arena):
    other = make_arena(teams=2)
    grant_event_role(arena.referee, other.event, Role.REFEREE)
    foreign = other.matches[(0, "ranking", 1)]
    response = api(referee, arena, payload(foreign))
    assert response.status_code == 400
    assert "match" in response.json["problems"]
    assert stored() == 0


def test_a_referee_of_one_event_cannot_submit_for_another(referee, arena):
    other = make_arena(teams=2)
    response = api(referee, arena, payload(other.matches[(0, "ranking", 1)]), event=other.event)
    assert response.status_code == 403
    assert stored() == 0


def test_a_referee_with_a_conflict_of_interest_may_not_score_that_team(referee, arena):
    db.session.add(Conflict(user_id=arena.referee.id, school_id=arena.teams[0].school_id))
    db.session.commit()
    response = api(referee, arena, payload(arena.matches[(0, "ranking", 1)]))
    assert response.status_code == 403
    assert "conflict" in response.json["message"].lower() or "belang" in response.json["message"]


def test_closed_rounds_and_verified_matches_take_no_new_sheets(referee, arena):
    match = arena.matches[(0, "ranking", 1)]
    assert api(referee, arena, payload(match, "key-first001")).status_code == 201
    reviewing.verify(db.session.scalar(select(ScoreSheet)), "Henk")
    rounds.close_round(arena.event, "ranking", 2, arena.head_referee)
    db.session.commit()
    assert api(referee, arena, payload(match, "key-second01")).status_code == 409
    closed = api(referee, arena, payload(arena.matches[(0, "ranking", 2)], "key-third001"))
    assert closed.status_code == 409
    assert stored() == 1


def test_an_edit_is_a_new_verified_version_and_the_old_one_stays(arena, app):
    entry = match_sheets.match_of(arena.event, arena.matches[(2, "ranking", 1)])
    sheet, _ = submitting.submit(
        arena.event,
        SheetInput("key-edit0001", entry.id, answers(), "Rita", "AB"),
        arena.referee,
    )
    db.session.commit()
    with app.test_request_context():
        version = reviewing.edit(
            arena.event, sheet, answers(m13_statue_raised=True), arena.head_referee
        )
    db.session.commit()
    assert (version.version, version.score, version.status) == (2, 90, SheetStatus.VERIFIED)
    assert version.referee_name == "Henk Hoofdscheidsrechter"
    assert sheet.current is False
    assert sheet.score == 60
    assert sheet.answers == answers()
    assert [v.version for v in match_sheets.history(sheet)] == [2, 1]
    assert [v.version for v in match_sheets.history(version)] == [2, 1]
    with pytest.raises(DomainError, match="intussen gewijzigd"):
        reviewing.verify(sheet, "Henk")


def test_no_show_and_rerun(arena, app):
    match = arena.matches[(3, "ranking", 1)]
    with app.test_request_context():
        no_show = reviewing.mark_no_show(arena.event, match, arena.head_referee)
        db.session.commit()
        assert (no_show.score, no_show.status, no_show.no_show) == (0, SheetStatus.VERIFIED, True)
        with pytest.raises(DomainError):
            reviewing.rerun(arena.event, match, arena.head_referee, " ")
        assert reviewing.rerun(arena.event, match, arena.head_referee, "Table wobbled") == 1
        db.session.commit()
        assert no_show.status is SheetStatus.VOID
        sheet, created = submitting.submit(
            arena.event,
            SheetInput("key-rerun001", match, answers(), "Rita", "AB"),
            arena.referee,
        )
    assert created
    assert sheet.score == 60


def test_only_the_head_referee_reviews(referee, arena):
    api(referee, arena, payload(arena.matches[(0, "ranking", 1)]))
    sheet = db.session.scalar(select(ScoreSheet))
    token = referee.csrf_token(f"/events/{arena.event.id}/referee/matches/{sheet.match_id}")
    url = f"/events/{arena.event.id}/head-referee/sheets/{sheet.id}/verify"
    assert referee.post(url, data={"csrf_token": token}).status_code == 403
    assert referee.get(f"/events/{arena.event.id}/head-referee").status_code == 403


def test_the_head_referee_verifies_rejects_and_corrects_on_the_desk(client, arena):
    client.log_in(arena.head_referee.email)
    desk = f"/events/{arena.event.id}/head-referee"
    for index, key in ((0, "key-desk0001"), (1, "key-desk0002")):
        api(client, arena, payload(arena.matches[(index, "ranking", 1)], key))
    first, second = db.session.scalars(select(ScoreSheet).order_by(ScoreSheet.id)).all()
    page = client.get(desk).get_data(as_text=True)
    assert "Team 0" in page
    assert "Team 1" in page
    assert client.submit(f"{desk}/sheets/{first.id}/verify", {}, page=desk).status_code == 302
    refused = client.submit(f"{desk}/sheets/{second.id}/reject", {"reason": ""}, page=desk)
    follow = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert "reden" in follow.lower()
    client.submit(f"{desk}/sheets/{second.id}/reject", {"reason": "Verkeerd team"}, page=desk)
    edit_url = f"{desk}/sheets/{first.id}"
    form = {
        k: ("yes" if v is True else "no" if v is False else str(v))
        for k, v in answers(m00_inspection=True).items()
    }
    assert client.submit(edit_url, form).status_code == 302
    db.session.expire_all()
    assert (first.status, second.status) == (SheetStatus.VERIFIED, SheetStatus.REJECTED)
    assert (
        db.session.scalar(select(ScoreSheet).where(ScoreSheet.supersedes_id == first.id)).score
        == 80
    )
    history = client.get(edit_url).get_data(as_text=True)
    assert "Versie" in history or "Version" in history


def test_a_sheet_saved_as_a_file_can_be_uploaded_by_the_head_referee(client, arena):
    client.log_in(arena.head_referee.email)
    desk = f"/events/{arena.event.id}/head-referee"
    body = payload(arena.matches[(0, "ranking", 1)], "key-file0001")
    import io

    for _twice in range(2):
        response = client.submit(
            f"{desk}/upload",
            {"sheets": (io.BytesIO(json.dumps(body).encode()), "sheet.json")},
            page=desk,
            content_type="multipart/form-data",
        )
        assert response.status_code == 302
    broken = client.submit(
        f"{desk}/upload",
        {"sheets": (io.BytesIO(b"\xff\xfe nonsense"), "photo.jpg")},
        page=desk,
        content_type="multipart/form-data",
    )
    assert "photo.jpg" in client.get(broken.headers["Location"]).get_data(as_text=True)
    sheet = db.session.scalar(select(ScoreSheet))
    assert stored() == 1
    assert sheet.referee_name == "Rita"
    assert sheet.submitted_by_id == arena.head_referee.id


def test_the_public_cannot_use_referee_pages(client, arena):
    match = arena.matches[(0, "ranking", 1)]
    assert client.get(f"/events/{arena.event.id}/referee/matches/{match}").status_code == 302
    stranger = make_user()
    client.log_in(stranger.email)
    assert client.get(f"/events/{arena.event.id}/referee").status_code == 403
    other = make_event()
    assert client.get(f"/events/{other.id}/head-referee").status_code == 403


def test_the_head_referee_marks_a_no_show_from_the_table_list(client, arena):
    client.log_in(arena.head_referee.email)
    listing = f"/events/{arena.event.id}/referee/matches?table=table%201"
    page = client.get(listing).get_data(as_text=True)
    match = arena.matches[(0, "ranking", 1)]
    assert f"/matches/{match}/no-show" in page
    response = client.submit(
        f"/events/{arena.event.id}/head-referee/matches/{match}/no-show", {}, page=listing
    )
    assert response.status_code == 302
    sheet = db.session.scalar(select(ScoreSheet))
    assert (sheet.no_show, sheet.score, sheet.status) == (True, 0, SheetStatus.VERIFIED)
