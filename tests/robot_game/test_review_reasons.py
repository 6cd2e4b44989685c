"""The reason the app gives when it sets a sheet aside is stored as a key and read in the
reader's language; a reason the head referee typed is shown as typed."""

import pytest
from sqlalchemy import select

from challenges.extensions import db
from challenges.robot_game import reviewing
from challenges.robot_game.messages import review_reason
from challenges.robot_game.models import ScoreSheet
from tests.robot_game.conftest import submitted_sheet


def desk_page(client, arena) -> str:
    return client.get(f"/events/{arena.event.id}/head-referee").get_data(as_text=True)


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("nl", "Het team kwam niet naar de tafel.", "The team did not come to the table."),
        ("en", "The team did not come to the table.", "Het team kwam niet naar de tafel."),
    ],
)
def test_a_sheet_set_aside_for_a_no_show_says_why_in_the_readers_language(
    client, arena, language, shown, not_shown
):
    sheet = submitted_sheet(arena, index=1)
    reviewing.mark_no_show(arena.event, sheet.match_id, arena.head_referee)
    db.session.commit()
    stored = db.session.scalars(select(ScoreSheet.review_reason).order_by(ScoreSheet.id)).all()
    assert stored == ["did_not_come", "no_show"]

    client.log_in(arena.head_referee.email)
    client.submit("/language", {"language": language}, page="/")
    detail = f"/events/{arena.event.id}/head-referee/sheets/{sheet.id}"
    for html in (desk_page(client, arena), client.get(detail).get_data(as_text=True)):
        assert shown in html
        assert not_shown not in html
        assert "did_not_come" not in html


def test_a_typed_reason_is_shown_as_typed(client, arena):
    sheet = submitted_sheet(arena, index=1)
    reviewing.reject(sheet, "Henk", "Tafel 2 stond scheef")
    db.session.commit()
    client.log_in(arena.head_referee.email)
    client.submit("/language", {"language": "en"}, page="/")
    assert "Tafel 2 stond scheef" in desk_page(client, arena)
    assert review_reason(None) is None
