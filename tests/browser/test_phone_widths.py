"""Organiser and event pages on a 390-px phone: no sideways scrolling."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, demo_event_id, log_in, screenshot
from tests.browser.test_market_floor import fits, markt, page_for

__all__ = ["markt"]  # the Vakkanjers Markt fixture, shared with the market floor's test

pytestmark = pytest.mark.browser


def test_the_event_s_teams_with_hidden_move_labels_fit_a_phone(live_server, browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="nl-NL")
    page = context.new_page()
    log_in(page, live_server, "organiser@demo.challenges.nl", "demo-organiser-2025")
    page.goto(f"{live_server}/admin/events/{demo_event_id(live_server)}/teams")
    hidden = page.locator("label.visually-hidden", has_text="Verplaatsen naar")
    assert hidden.count() > 0
    assert hidden.first.evaluate("label => label.getBoundingClientRect().width") <= 1
    assert fits(page)
    screenshot(page, "event-teams-390")
    context.close()


def test_the_market_round_plan_shows_every_juror_s_stand_on_a_phone(live_server, browser, markt):
    context, page, errors = page_for(browser, PHONE, live_server, markt.manager)
    page.goto(f"{live_server}/events/{markt.event_id}/market")
    page.get_by_role("button", name="Start de markt: leg het rondeplan vast").tap()
    expect(page.get_by_text("De markt is begonnen: het rondeplan ligt vast.")).to_be_visible()
    first_round = page.locator("table.market-plan tbody tr").first
    for name in ("Anouk Jurylid", "Bas Jurylid", "Cem Jurylid"):
        cell = first_round.locator(f'td[data-label="{name}"]')
        # the juror's name (shown from data-label) beside the stand number, on the screen
        expect(cell).to_match_aria_snapshot(f"- cell /{name} \\d+/")
        box = cell.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"]
    assert fits(page)
    screenshot(page, "market-plan-390")
    assert errors == []
    context.close()
