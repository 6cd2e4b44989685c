import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TABLET, log_in, screenshot

pytestmark = pytest.mark.browser


def test_event_manager_checks_in_a_team_on_a_tablet(live_server, browser):
    context = browser.new_context(viewport=TABLET, has_touch=True, locale="nl-NL")
    tablet = context.new_page()
    log_in(tablet, live_server, "eventmanager@demo.challenges.nl", "demo-event-manager-2025")
    eindhoven = tablet.locator(".card", has_text="Regiofinale Eindhoven")  # one of their events
    eindhoven.get_by_role("link", name="Check-in").click()
    expect(tablet.get_by_role("heading", name="Check-in · Regiofinale Eindhoven")).to_be_visible()
    first = tablet.locator(".check-in li").first
    team_name = first.get_by_role("heading").inner_text()
    first.get_by_role("button", name="Aanwezig").tap()
    row = tablet.locator(".check-in li", has_text=team_name)
    expect(row).to_contain_text("Aanwezig sinds")
    expect(row.get_by_role("button", name="Ongedaan maken")).to_be_visible()
    screenshot(tablet, "tablet-check-in")
    row.get_by_role("button", name="Ongedaan maken").tap()
    expect(tablet.locator(".check-in li", has_text=team_name)).to_contain_text(
        "Nog niet ingecheckt"
    )
    context.close()
