"""The season overview's charts and map in Debian's chromium, under the app's strict
Content-Security-Policy: drawn, beside their tables, and no violation in the console."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, TABLET, log_in, page_without_errors, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["390px", "1024px"])
def test_the_organiser_sees_the_charts_and_the_map(live_server, browser, viewport):
    # page_without_errors: a blocked style (a CSP violation) is a console error
    with page_without_errors(browser, viewport=viewport, locale="nl-NL") as page:
        log_in(page, live_server, "organiser@demo.challenges.nl", "demo-organiser-2025")
        page.goto(f"{live_server}/admin/reports/")
        page.get_by_role("link", name="UNEARTHED").click()
        charts = page.locator("svg[role=img]")
        expect(charts).to_have_count(5)
        for index in range(5):
            chart = charts.nth(index)
            box = chart.bounding_box()
            assert box["width"] > 300, box
            assert box["height"] > 40, box
            table = chart.get_attribute("aria-describedby")
            expect(page.locator(f"table#{table}")).to_be_visible()
        provinces = page.locator("[data-chart=provinces] path")
        expect(provinces).to_have_count(12)
        expect(page.locator("[data-chart=provinces] svg > title")).to_have_text(
            "Teams per provincie"
        )
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(page, f"season-charts-{viewport['width']}")

        page.get_by_role("link", name="scholen", exact=True).click()
        expect(page.locator("[data-chart=provinces] svg > title")).to_have_text(
            "Scholen per provincie"
        )
