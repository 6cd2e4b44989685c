"""A referee scores a match with the keyboard alone: a question left open is refused with its
message, the focus on it and the count said in the live total bar; put right, the sheet goes."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import blocking_violations, describe
from tests.browser.conftest import TABLET, demo_event_id, log_in, page_without_errors, screenshot
from tests.browser.keyboard import (
    assert_focus_seen,
    focused,
    follow,
    has_focus,
    press,
    tab_to,
)
from tests.browser.test_offline import execute

pytestmark = pytest.mark.browser

REFEREE = "Toetsenbord Tessa"  # what this test stores, removed afterwards
OPEN = "m08_vine_down"  # a yes/no question in the middle of the sheet, left open at first


@pytest.fixture
def tablet(browser, live_server):
    with page_without_errors(browser, viewport=TABLET, locale="nl-NL") as page:
        yield page
        execute(live_server, "DELETE FROM score_sheet WHERE referee_name = ?", REFEREE)


def answer_up_to_the_name(page) -> None:
    """Tabs through the sheet to the referee's name, answering each open question but `OPEN`
    with its first option (No for a yes/no question; 0 typed into a number field)."""
    while (field := focused(page))["id"] != "referee_name":
        if not field["answered"] and field["name"] not in ("", OPEN):
            if field["type"] == "number":
                page.keyboard.type("0")
            else:
                press(page, "ArrowRight" if field["value"] == "yes" else "Space")
        press(page, "Tab")


def test_a_referee_fills_a_sheet_by_keyboard_and_puts_an_open_question_right(tablet, live_server):
    log_in(tablet, live_server, "referee@demo.challenges.nl", "demo-referee-2025")
    tablet.goto(f"{live_server}/events/{demo_event_id(live_server)}/referee/matches?table=table+2")
    match = tablet.locator(".match-list a", has_text="De Schatzoekers").first
    tab_to(tablet, match)
    follow(tablet)
    expect(tablet.get_by_role("heading", level=1)).to_contain_text("De Schatzoekers")

    press(tablet, "Tab")
    answer_up_to_the_name(tablet)
    tablet.keyboard.type(REFEREE)
    press(tablet, "Tab")
    tablet.keyboard.type("DS")
    submit = tablet.get_by_role("button", name="Formulier versturen")
    tab_to(tablet, submit)
    press(tablet, "Enter")

    question = tablet.locator(f'[data-question="{OPEN}"]')
    message = question.locator(".error")
    expect(message).to_have_text("Beantwoord deze vraag.")
    assert has_focus(question.get_by_role("radio", name="Ja"))
    assert_focus_seen(tablet)
    for option in question.get_by_role("radio").all():
        expect(option).to_have_attribute("aria-invalid", "true")
        expect(option).to_have_attribute("aria-describedby", f"error-{OPEN}")
    expect(tablet.locator(".total-bar")).to_have_attribute("aria-live", "polite")
    expect(tablet.locator("#unanswered")).to_have_text("1 vraag nog niet beantwoord")
    screenshot(tablet, "tablet-referee-keyboard-error")
    violations = blocking_violations(tablet)  # the refused state, which the page audit never sees
    assert violations == [], describe("the refused sheet", violations)

    press(tablet, "ArrowRight")  # No
    expect(message).to_be_hidden()
    expect(question.get_by_role("radio", name="Nee")).to_be_checked()
    expect(question.get_by_role("radio", name="Ja")).not_to_have_attribute("aria-invalid", "true")
    expect(tablet.locator("#unanswered")).to_have_text("")
    for _question in range(8):  # back up the sheet: each question comes out below the total bar
        press(tablet, "Shift+Tab")
    tab_to(tablet, submit)
    follow(tablet)

    expect(tablet.get_by_role("heading", name="tafel 2 · Regiofinale Eindhoven")).to_be_visible()
    expect(tablet.locator("#outbox-status")).to_have_text("✓ 1017: 70")  # the start sheet's 70
    stored = live_server.rows(
        "SELECT score, status FROM score_sheet WHERE referee_name = ?", REFEREE
    )
    assert stored == [(70, "submitted")]
