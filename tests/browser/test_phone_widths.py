"""Organiser and event pages on a 390-px phone: no sideways scrolling."""

import pytest

from tests.browser.conftest import PHONE, demo_event_id, log_in, screenshot

pytestmark = pytest.mark.browser


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


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
