"""Two head-referee tablets (or a double tap) acting on one sheet at the same moment, through
the test server: the second is told the sheet changed meanwhile; a history never forks."""

import itertools
import json

import pytest
from sqlalchemy import func, select

from challenges.extensions import db
from challenges.robot_game import submitting
from challenges.robot_game.models import ClosedRound, ScoreboardState, ScoreSheet, SheetStatus
from challenges.robot_game.sheet_input import SheetInput
from tests.concurrency import at_the_same_moment
from tests.factories import FormClient
from tests.robot_game.conftest import answers, make_arena, payload

PAIRS = 100
CORRECTED = {
    question: "yes" if value is True else "no" if value is False else str(value)
    for question, value in answers(m13_statue_raised=True).items()
}


def logged_in(app, user) -> FormClient:
    client = FormClient(app.test_client())
    client.log_in(user.email)
    return client


class Desk:
    """A head referee's tablet: the form token is fetched before the race starts."""

    def __init__(self, app, arena) -> None:
        self.client = logged_in(app, arena.head_referee)
        self.event_id = arena.event.id  # the threads do not touch the test's session
        self.token = self.client.csrf_token(f"/events/{self.event_id}/head-referee")

    def post(self, path: str, data: dict | None = None):
        url = f"/events/{self.event_id}/head-referee/{path}"
        return self.client.post(url, data={"csrf_token": self.token, **(data or {})})

    def action(self, name: str, sheet_id: int):
        if name == "correct":
            return lambda: self.post(f"sheets/{sheet_id}", CORRECTED)
        if name == "reject":
            return lambda: self.post(f"sheets/{sheet_id}/reject", {"reason": "Wrong team"})
        return lambda: self.post(f"sheets/{sheet_id}/verify")


def submitted_sheets(arena) -> list[int]:
    ids = []
    for number, match in enumerate(arena.matches.values()):
        given = SheetInput(f"key-race-{number:04d}", match, answers(), "Rita", "AB")
        ids.append(submitting.submit(arena.event, given, arena.referee)[0].id)
    db.session.commit()
    return ids


ACTIONS = itertools.cycle(
    [
        ("correct", "correct"),
        ("verify", "correct"),
        ("verify", "verify"),
        ("correct", "reject"),
        ("verify", "reject"),
    ]
)


def test_a_hundred_concurrent_desk_actions_never_fork_a_sheet(app):
    arena = make_arena(teams=PAIRS // 4)
    one, other = Desk(app, arena), Desk(app, arena)
    for sheet_id, (first, second) in zip(submitted_sheets(arena), ACTIONS, strict=False):
        results = at_the_same_moment(one.action(first, sheet_id), other.action(second, sheet_id))
        # a lost correction shows its form again with "changed meanwhile" (409)
        assert {response.status_code for response in results} <= {302, 409}
    db.session.expire_all()
    rows = db.session.scalars(select(ScoreSheet)).all()
    by_match: dict = {}
    for row in rows:
        by_match.setdefault(row.match_key, []).append(row)
    assert len(by_match) == PAIRS
    forks = [key for key, versions in by_match.items() if sum(v.current for v in versions) != 1]
    assert forks == []
    successors = [row.supersedes_id for row in rows if row.supersedes_id]
    assert len(successors) == len(set(successors))
    for versions in by_match.values():
        assert len(versions) <= 2
        [current] = [v for v in versions if v.current]
        if len(versions) == 2:  # a correction won: one verified newer version
            assert (current.version, current.status) == (2, SheetStatus.VERIFIED)


def test_the_second_of_two_corrections_is_told_the_sheet_changed(app, client):
    arena = make_arena()
    [sheet_id, *_rest] = submitted_sheets(arena)
    desk = Desk(app, arena)
    assert desk.action("correct", sheet_id)().status_code == 302
    again = desk.action("correct", sheet_id)()
    assert again.status_code == 409
    assert "intussen gewijzigd" in again.get_data(as_text=True)


@pytest.mark.parametrize("do", ["freeze", "unfreeze"])
def test_a_double_tapped_freeze_is_done_once_without_an_error(app, do):
    arena = make_arena()
    one, other = Desk(app, arena), Desk(app, arena)
    if do == "unfreeze":
        one.post("freeze")
    results = at_the_same_moment(lambda: one.post(do), lambda: other.post(do))
    assert [response.status_code for response in results] == [302, 302]
    db.session.expire_all()
    state = db.session.get(ScoreboardState, arena.event.id)
    assert (state.frozen_at is not None) == (do == "freeze")


def test_a_double_tapped_close_closes_the_round_once(app):
    arena = make_arena()
    one, other = Desk(app, arena), Desk(app, arena)
    close = "rounds/ranking/1/close"
    results = at_the_same_moment(lambda: one.post(close), lambda: other.post(close))
    assert [response.status_code for response in results] == [302, 302]
    assert db.session.scalar(select(func.count()).select_from(ClosedRound)) == 1


def send_sheet(client, event_id: int, body):
    token = client.csrf_token(f"/events/{event_id}/referee")
    return client.post(
        f"/api/v1/events/{event_id}/sheets",
        data=json.dumps(body),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )


def test_the_same_key_with_other_content_is_refused_with_the_stored_version(app):
    arena = make_arena()
    match = arena.matches[(0, "ranking", 1)]
    one, other = logged_in(app, arena.referee), logged_in(app, arena.referee)
    first = payload(match, "key-same-0001")
    changed = payload(match, "key-same-0001", m13_statue_raised=True)
    event_id = arena.event.id
    results = at_the_same_moment(
        lambda: send_sheet(one, event_id, first), lambda: send_sheet(other, event_id, changed)
    )
    assert sorted(response.status_code for response in results) == [201, 409]
    [refused] = [response for response in results if response.status_code == 409]
    [stored] = db.session.scalars(select(ScoreSheet)).all()
    assert refused.json["stored"] is False
    assert refused.json["conflict"] == "different_content"
    assert refused.json["stored_version"] == {"id": stored.id, "score": stored.score}
    assert send_sheet(one, event_id, first if stored.score == 60 else changed).json["stored"]
