"""A sheet refused on arrival (verified meanwhile, round closed, no-show) is kept for the head
referee, who uses it or sets it aside; the tablet is told so."""

from sqlalchemy import select

from challenges.extensions import db
from challenges.robot_game import reviewing, rounds, submitting
from challenges.robot_game.models import ScoreSheet, SheetStatus
from challenges.robot_game.sheet_input import SheetInput
from challenges.tablets.models import Outcome, RefusedItem
from tests.robot_game.conftest import answers, payload
from tests.robot_game.test_sheets import api


def verified_sheet(arena, match: int) -> ScoreSheet:
    given = SheetInput("key-first-001", match, answers(), "Rita", "AB")
    sheet, _created = submitting.submit(arena.event, given, arena.referee)
    reviewing.verify(sheet, "Henk")
    db.session.commit()
    return sheet


def test_a_sheet_after_verification_waits_on_the_desk_and_can_replace_the_score(client, arena):
    match = arena.matches[(0, "ranking", 1)]
    first = verified_sheet(arena, match)
    client.log_in(arena.referee.email)
    late = payload(match, "key-late-0001", m13_statue_raised=True)
    refused = api(client, arena, late)
    assert refused.status_code == 409
    assert (refused.json["stored"], refused.json["kept"]) == (False, True)
    assert "goedgekeurde score" in refused.json["message"]
    assert api(client, arena, late).json["kept"] is True  # sent again: still one item
    [item] = db.session.scalars(select(RefusedItem)).all()
    client.log_in(arena.head_referee.email)
    desk = f"/events/{arena.event.id}/head-referee"
    page = client.get(desk).get_data(as_text=True)
    assert "Geweigerd bij aankomst" in page
    assert "90" in page
    assert "Rita Referee" in page
    used = client.submit(f"{desk}/refused/{item.id}/accept", {}, page=desk)
    assert used.status_code == 302
    db.session.expire_all()
    assert first.status == SheetStatus.VOID
    replacement = db.session.scalar(
        select(ScoreSheet).where(ScoreSheet.client_key == late["client_key"])
    )
    assert (replacement.status, replacement.score) == (SheetStatus.SUBMITTED, 90)
    assert replacement.submitted_by_id == arena.referee.id
    assert item.outcome == Outcome.ACCEPTED
    again = client.submit(f"{desk}/refused/{item.id}/accept", {}, page=desk)
    assert "intussen over beslist" in client.get(again.headers["Location"]).get_data(as_text=True)
    client.log_in(arena.referee.email)
    assert api(client, arena, late).json["stored"] is True  # the tablet may forget it now


def test_a_sheet_for_a_closed_round_can_be_set_aside(client, arena):
    rounds.close_round(arena.event, "ranking", 1, arena.head_referee)
    db.session.commit()
    client.log_in(arena.referee.email)
    refused = api(client, arena, payload(arena.matches[(1, "ranking", 1)], "key-closed-01"))
    assert (refused.status_code, refused.json["kept"]) == (409, True)
    item = db.session.scalar(select(RefusedItem))
    assert "gesloten" in item.reason
    client.log_in(arena.head_referee.email)
    desk = f"/events/{arena.event.id}/head-referee"
    assert client.submit(f"{desk}/refused/{item.id}/set-aside", {}, page=desk).status_code == 302
    db.session.expire_all()
    assert item.outcome == Outcome.SET_ASIDE
    assert "Geweigerd bij aankomst" not in client.get(desk).get_data(as_text=True)
    assert db.session.scalar(select(ScoreSheet)) is None


def test_a_sheet_for_a_no_show_says_so(client, arena):
    match = arena.matches[(2, "ranking", 1)]
    reviewing.mark_no_show(arena.event, match, arena.head_referee)
    db.session.commit()
    client.log_in(arena.referee.email)
    refused = api(client, arena, payload(match, "key-noshow-1"))
    assert refused.status_code == 409
    assert "niet verschenen" in refused.json["message"]
    assert refused.json["kept"] is True


def test_a_sheet_with_wrong_answers_is_not_kept_but_returned(client, arena):
    client.log_in(arena.referee.email)
    wrong = payload(arena.matches[(0, "ranking", 1)], "key-wrong-01", referee_name="")
    refused = api(client, arena, wrong)
    assert refused.status_code == 422
    assert (refused.json["stored"], refused.json["kept"]) == (False, False)
    assert "referee_name" in refused.json["problems"]
    assert db.session.scalar(select(RefusedItem)) is None
