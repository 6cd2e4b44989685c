"""Keyboard only: the head referee logs in and verifies a sheet on the desk. The desk follows
new sheets in place: focus stays where it was, and a new sheet is announced."""

import uuid

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from challenges import create_app
from challenges.auth.models import User
from challenges.events.models import Event, ScheduleEntry
from challenges.extensions import db
from challenges.registration.models import Team
from challenges.robot_game import reviewing, submitting
from challenges.robot_game.models import ScoreSheet
from challenges.robot_game.sheet_input import SheetInput
from tests.browser.conftest import TABLET, page_without_errors, screenshot, serving
from tests.browser.full_house import FullHouse, build_full_house
from tests.browser.keyboard import assert_focus_seen, tab_to
from tests.factories import PASSWORD, app_config
from tests.robot_game.conftest import answers

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """A server of this module's own: its sheets must not show up in other browser tests."""
    with serving(tmp_path_factory.mktemp("desk")) as url:
        yield url


@pytest.fixture(scope="module")
def house(live_server) -> FullHouse:
    return build_full_house(live_server.database_url, teams=12)


@pytest.fixture
def desk(browser):
    with page_without_errors(browser, viewport=TABLET, locale="nl-NL") as page:
        yield page


def send_sheet(database_url: str, house: FullHouse, team_name: str) -> None:
    """A referee's sheet for the team's first ranking round arrives at the server."""
    app = create_app(app_config(database_url))
    with app.test_request_context():
        event = db.session.get(Event, house.event_id)
        match = db.session.scalars(
            select(ScheduleEntry.id)
            .join(Team, Team.id == ScheduleEntry.team_id)
            .where(ScheduleEntry.event_id == event.id, Team.name == team_name)
            .where(ScheduleEntry.kind == "ranking", ScheduleEntry.round == 1)
        ).one()
        sender = db.session.scalars(select(User).where(User.email == house.head_referee)).one()
        given = SheetInput(uuid.uuid4().hex, match, answers(), "Rita", "OK")
        submitting.submit(event, given, sender)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def verify_elsewhere(database_url: str, sheet_id: int) -> None:
    """Another tablet of the head referee verifies the sheet."""
    app = create_app(app_config(database_url))
    with app.test_request_context():
        reviewing.verify(db.session.get(ScoreSheet, sheet_id), "Henk")
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def log_in_by_keyboard(page, server: str, email: str) -> None:
    page.goto(f"{server}/account/login")
    tab_to(page, page.get_by_label("E-mailadres"))
    page.keyboard.type(email)
    tab_to(page, page.get_by_label("Wachtwoord"))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def waiting_card(page, team: str) -> str:
    return page.locator("#desk-waiting > .card", has_text=team).get_attribute("id")


def verify_button(page, card: str):
    return page.locator(f"#{card}").get_by_role("button", name="Goedkeuren")


def test_the_head_referee_verifies_a_sheet_by_keyboard_while_another_arrives(
    desk, live_server, house
):
    log_in_by_keyboard(desk, live_server, house.head_referee)
    desk.goto(f"{live_server}/events/{house.event_id}/head-referee")
    card = waiting_card(desk, house.newcomer)
    tab_to(desk, verify_button(desk, card))
    desk.evaluate("document.activeElement.markedByTest = true")
    screenshot(desk, "desk-1024-keyboard")

    send_sheet(live_server.database_url, house, "Archeobots Tilburg")  # index 11: no score yet
    news = desk.locator("#desk-news")
    expect(news).to_contain_text(
        "Nieuw formulier om te beoordelen: #1012 Archeobots Tilburg", timeout=10000
    )
    expect(desk.locator("#desk-waiting > .card")).to_have_count(2)
    assert desk.evaluate("document.activeElement.markedByTest") is True  # the same button
    assert_focus_seen(desk)

    desk.keyboard.press("Enter")
    expect(desk.locator(".flash-success")).to_contain_text("goedgekeurd")
    expect(desk.locator("#desk-waiting > .card")).to_have_count(1)
    tab_to(desk, desk.locator("#desk-verified").get_by_role("link", name="Verbeteren").first)


def test_when_its_row_goes_focus_moves_to_the_next_row(desk, live_server, house):
    log_in_by_keyboard(desk, live_server, house.head_referee)
    send_sheet(live_server.database_url, house, "Zandlopers Tilburg")  # index 10: no score yet
    desk.goto(f"{live_server}/events/{house.event_id}/head-referee")
    cards = desk.locator("#desk-waiting > .card")
    expect(cards).to_have_count(2)
    first, second = (cards.nth(0).get_attribute("id"), cards.nth(1).get_attribute("id"))
    tab_to(desk, verify_button(desk, first))

    verify_elsewhere(live_server.database_url, int(first.removeprefix("waiting-")))
    expect(cards).to_have_count(1)
    expect(desk.locator(f"#{second}")).to_be_focused()
    assert_focus_seen(desk)
