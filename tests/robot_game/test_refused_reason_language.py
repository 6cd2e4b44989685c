"""A sheet refused on arrival keeps the refusal in the sender's language; the desk, in another
language, marks the text with that language."""

from sqlalchemy import select

from challenges.extensions import db
from challenges.tablets.models import RefusedItem
from tests.robot_game.conftest import payload
from tests.robot_game.test_refused_sheets import verified_sheet
from tests.robot_game.test_sheets import api


def test_an_english_referees_refused_sheet_is_marked_english_on_a_dutch_desk(client, arena):
    match = arena.matches[(0, "ranking", 1)]
    verified_sheet(arena, match)
    client.log_in(arena.referee.email)
    client.submit("/language", {"language": "en"}, page="/")
    refused = api(client, arena, payload(match, "key-late-0001"))
    assert refused.status_code == 409
    item = db.session.scalar(select(RefusedItem))
    assert item.reason_language == "en"

    client.log_in(arena.head_referee.email)
    client.submit("/language", {"language": "nl"}, page="/")  # the browser's cookie said en
    html = client.get(f"/events/{arena.event.id}/head-referee").get_data(as_text=True)
    assert '<html lang="nl">' in html
    assert f'<span lang="en">{item.reason}</span>' in html
