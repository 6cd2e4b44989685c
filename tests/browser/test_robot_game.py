"""A referee scores on a tablet through a wifi drop; the head referee verifies; the audience
screen shows the score without a reload."""

import pytest
from playwright.sync_api import expect

from challenges.demo.data import DEMO_EVENT
from tests.browser.conftest import TABLET, demo_event_id, log_in, screenshot

pytestmark = pytest.mark.browser


def stored_sheets(server) -> list[tuple]:
    return server.rows(
        "SELECT client_key, score, status FROM score_sheet"
        " WHERE event_id = (SELECT id FROM event WHERE slug = ?) ORDER BY id",
        DEMO_EVENT,
    )


def answer_everything_no(page):
    for question in page.locator(".question").all():
        if question.locator("input:checked").count() == 0:
            question.locator("input[value=no], input[value='0']").first.check()


def test_referee_scores_offline_and_the_audience_sees_it_after_verification(
    live_server, wifi, browser
):
    audience = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    screen = audience.new_page()
    screen.goto(f"{live_server}/events/{DEMO_EVENT}/scoreboard/screen")
    expect(screen.get_by_role("heading", name="Robot Game · Regiofinale Eindhoven")).to_be_visible()

    context = browser.new_context(viewport=TABLET, has_touch=True, locale="nl-NL")
    tablet = context.new_page()
    errors: list[str] = []
    tablet.on("pageerror", lambda error: errors.append(str(error)))
    log_in(tablet, wifi.url, "referee@demo.challenges.nl", "demo-referee-2025")
    tablet.get_by_role("link", name="Wedstrijden scoren").click()
    tablet.get_by_role("link", name="tafel 1", exact=True).tap()
    expect(tablet.get_by_role("heading", name="tafel 1 · Regiofinale Eindhoven")).to_be_visible()
    tablet.locator(".match-list a", has_text="Wedstrijdronde 1").first.tap()

    total = tablet.locator("#total")
    expect(total).to_have_text("70")  # the start sheet: both habitats occupied and six tokens
    question = tablet.locator('[data-question="m11_root_cover_down"]')
    question.get_by_text("Ja", exact=True).tap()
    expect(total).to_have_text("90")  # 20 more (a total of 100 would hide in team #1001)
    tablet.get_by_role("button", name="Formulier versturen").tap()
    expect(tablet.locator('[data-error-for="m00_inspection"]')).to_be_visible()  # not answered
    answer_everything_no(tablet)
    tablet.get_by_label("Je naam (scheidsrechter)").fill("Ruben")
    tablet.get_by_label("Het team is het eens met dit formulier").fill("KB")
    team = tablet.get_by_role("heading", level=1).inner_text()
    screenshot(tablet, "tablet-referee-sheet")

    wifi.off(context)
    tablet.get_by_role("button", name="Formulier versturen").tap()
    status = tablet.locator("#outbox-status")
    expect(status).to_contain_text("Offline: 1 formulier(en) wachten")
    screenshot(tablet, "tablet-referee-offline")
    assert stored_sheets(live_server) == []

    wifi.on(context)
    tablet.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status).to_contain_text("Alle formulieren zijn verzonden", timeout=15000)
    rows = stored_sheets(live_server)
    assert [(score, status) for _key, score, status in rows] == [(90, "submitted")]
    expect(tablet.locator("#outbox-waiting li")).to_have_count(0)  # nothing left to send again
    assert len(stored_sheets(live_server)) == 1
    assert errors == []
    context.close()

    expect(screen.locator("#standings")).not_to_contain_text("90")  # not verified yet
    desk_context = browser.new_context(viewport=TABLET, has_touch=True, locale="nl-NL")
    desk = desk_context.new_page()
    log_in(desk, live_server, "headreferee@demo.challenges.nl", "demo-head-referee-2025")
    desk.goto(f"{live_server}/events/{demo_event_id(live_server)}/head-referee")
    waiting = desk.locator(".sheet-row", has_text=team.split(" ", 1)[1])
    expect(waiting).to_contain_text("90")
    waiting.get_by_role("button", name="Goedkeuren").tap()
    expect(desk.locator(".flash-success")).to_contain_text("goedgekeurd")
    screenshot(desk, "tablet-head-referee")
    desk_context.close()

    row = screen.locator("#standings tbody tr").first
    expect(row).to_contain_text(team.split(" ", 1)[1], timeout=10000)
    expect(row).to_contain_text("90")
    screenshot(screen, "audience-screen")
    audience.close()
