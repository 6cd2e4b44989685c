"""BIOGLOW Future Edition M05: both tables of a pair record the shared count; when they differ
the head referee sees it, verification waits, and the settled value counts for both teams."""

import json

import pytest
from sqlalchemy import select

from challenges.extensions import db
from challenges.robot_game.definitions import load
from challenges.robot_game.models import ScoreSheet, SheetStatus
from challenges.robot_game.pairs import partner_table
from tests.robot_game.conftest import make_arena

FUTURE = "fll-2026-bioglow-future"


def future_answers(**changes) -> dict:
    season = load(FUTURE)
    answers = {q.id: False for q in season.questions if q.type == "yesno"}
    answers |= {q.id: 0 for q in season.questions if q.type == "count"}
    return answers | season.start_sheet() | changes


@pytest.fixture
def pair(app):
    arena = make_arena()
    arena.event.season.robot_game_key = FUTURE
    db.session.commit()
    return arena


def send(client, arena, match, key, haven):
    token = client.csrf_token(f"/events/{arena.event.id}/referee/matches/{match}")
    body = {
        "client_key": key,
        "match": match,
        "answers": future_answers(m05_central_haven=haven),
        "referee_name": "Rita",
        "team_confirmation": "AB",
    }
    return client.post(
        f"/api/v1/events/{arena.event.id}/sheets",
        data=json.dumps(body),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )


def current(team) -> ScoreSheet:
    return db.session.scalar(
        select(ScoreSheet).where(ScoreSheet.team_id == team.id, ScoreSheet.current.is_(True))
    )


def test_tables_pair_up_one_two_three_four():
    assert [partner_table(f"table {n}") for n in (1, 2, 3, 4)] == [
        "table 2",
        "table 1",
        "table 4",
        "table 3",
    ]
    assert partner_table("room 1") is None


def test_agreeing_tables_score_the_shared_mission_in_full_for_both(client, pair):
    client.log_in(pair.referee.email)
    first = send(client, pair, pair.matches[(0, "ranking", 1)], "pair-key-0001", 12)
    second = send(client, pair, pair.matches[(1, "ranking", 1)], "pair-key-0002", 12)
    assert (first.json["score"], second.json["score"]) == (60, 60)
    assert second.json["warnings"] == {}
    client.log_in(pair.head_referee.email)
    desk = f"/events/{pair.event.id}/head-referee"
    sheet = current(pair.teams[0])
    assert client.submit(f"{desk}/sheets/{sheet.id}/verify", {}, page=desk).status_code == 302
    assert current(pair.teams[0]).status is SheetStatus.VERIFIED


def test_differing_tables_are_flagged_and_settled_for_both(client, pair):
    client.log_in(pair.referee.email)
    send(client, pair, pair.matches[(0, "ranking", 1)], "pair-key-0001", 12)
    second = send(client, pair, pair.matches[(1, "ranking", 1)], "pair-key-0002", 10)
    assert second.status_code == 201  # stored: never lose a sheet
    assert second.json["warnings"] == {
        "m05_central_haven": (
            "De andere tafel van dit paar vulde 12 in; de hoofdscheidsrechter beslist."
        )
    }
    client.log_in(pair.head_referee.email)
    desk = f"/events/{pair.event.id}/head-referee"
    page = client.get(desk).get_data(as_text=True)
    assert "Gedeelde missie: de twee tafels van een paar verschillen" in page
    sheet = current(pair.teams[0])
    refused = client.submit(
        f"{desk}/sheets/{sheet.id}/verify", {}, page=desk, follow_redirects=True
    )
    assert "leg eerst de waarde vast" in refused.get_data(as_text=True)
    assert current(pair.teams[0]).status is SheetStatus.SUBMITTED
    wrong = client.submit(
        f"{desk}/sheets/{sheet.id}/settle",
        {"value-m05_central_haven": "99"},
        page=desk,
        follow_redirects=True,
    )
    assert "50" in wrong.get_data(as_text=True)  # the count's maximum
    settled = client.submit(
        f"{desk}/sheets/{sheet.id}/settle",
        {"value-m05_central_haven": "11"},
        page=desk,
        follow_redirects=True,
    )
    assert "beide tafels hebben nu dezelfde waarde" in settled.get_data(as_text=True)
    for team in pair.teams[:2]:
        found = current(team)
        assert found.answers["m05_central_haven"] == 11
        assert found.score == 55
        assert found.version == 2
        assert found.status is SheetStatus.SUBMITTED  # settling is not verifying
    assert (
        client.submit(
            f"{desk}/sheets/{current(pair.teams[0]).id}/verify", {}, page=desk
        ).status_code
        == 302
    )
    assert current(pair.teams[0]).status is SheetStatus.VERIFIED
    old = db.session.scalars(select(ScoreSheet).where(ScoreSheet.current.is_(False))).all()
    assert sorted(sheet.answers["m05_central_haven"] for sheet in old) == [10, 12]


def test_a_sheet_of_the_other_edition_is_refused_field_by_field(client, pair):
    client.log_in(pair.referee.email)
    token = client.csrf_token(f"/events/{pair.event.id}/referee")
    founders = {"m00_equipment_inspection": True, "m05_central_haven": 3}
    body = {
        "client_key": "pair-key-0009",
        "match": pair.matches[(0, "ranking", 1)],
        "answers": future_answers() | founders,
        "referee_name": "Rita",
        "team_confirmation": "AB",
    }
    response = client.post(
        f"/api/v1/events/{pair.event.id}/sheets",
        data=json.dumps(body),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 422
    assert "m00_equipment_inspection" in response.json["problems"]
    assert db.session.scalars(select(ScoreSheet)).all() == []
