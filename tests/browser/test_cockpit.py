"""The event cockpit in Debian's chromium: an organiser finds it without typing an address,
it fits a phone and a tablet without sideways scrolling, and every print downloads as a PDF."""

import pytest

from tests.browser.conftest import PHONE, TABLET, log_in, screenshot

pytestmark = pytest.mark.browser


def finished_fll_event(server) -> int:
    """The demo's FLL final with a schedule and published results: it has every print."""
    [(event_id,), *_others] = server.rows(
        "SELECT event.id FROM event JOIN season ON season.id = event.season_id"
        " JOIN programme ON programme.id = season.programme_id"
        " WHERE programme.has_robot_game AND event.results_published_at IS NOT NULL"
        " AND EXISTS (SELECT 1 FROM schedule_entry WHERE schedule_entry.event_id = event.id)"
        " ORDER BY event.starts_on DESC"
    )
    return event_id


def open_cockpit(page, server) -> None:
    """From the dashboard, through the list of events, to the cockpit of a finished final."""
    log_in(page, server, "organiser@demo.challenges.nl", "demo-organiser-2025")
    page.get_by_role("navigation").get_by_role("link", name="Dashboard").click()
    page.get_by_role("link", name="Evenementen", exact=True).click()
    page.locator(f'a[href="/events/{finished_fll_event(server)}/cockpit"]').click()
    page.wait_for_selector("#cockpit-prints")


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["390px", "1024px"])
def test_the_cockpit_fits_the_screen(live_server, browser, viewport):
    context = browser.new_context(viewport=viewport, locale="nl-NL")
    page = context.new_page()
    open_cockpit(page, live_server)
    for section in ("Voorbereiden", "Op de dag", "Na afloop", "Afdrukken en downloads"):
        assert page.get_by_role("heading", name=section).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, f"cockpit-{viewport['width']}")
    context.close()


def test_every_print_of_the_cockpit_downloads_as_a_pdf(live_server, browser):
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    page = context.new_page()
    open_cockpit(page, live_server)
    prints = page.locator("#cockpit-prints ~ ul a").evaluate_all(
        "links => links.map(link => link.href)"
        ".filter(href => href.includes('/print/') || href.endsWith('.pdf'))"
    )
    assert prints
    for address in prints:
        response = page.request.get(address)
        assert response.status == 200, f"{address}: {response.status} {response.text()[:300]}"
        assert response.body().startswith(b"%PDF"), address
    context.close()
