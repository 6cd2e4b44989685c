"""A judge fills a rubric on a tablet, loses the wifi while submitting, and it arrives once."""

import pytest
from playwright.sync_api import expect

from challenges.demo.data import DEMO_EVENT
from tests.browser.conftest import TABLET, demo_event_id, log_in, screenshot

pytestmark = pytest.mark.browser


def stored_rubrics(server) -> list[tuple]:
    return server.rows(
        "SELECT rubric, status, version FROM rubric_entry"
        " WHERE event_id = (SELECT id FROM event WHERE slug = ?) ORDER BY id",
        DEMO_EVENT,
    )


def test_a_judge_fills_a_rubric_offline_and_it_arrives_once(live_server, wifi, browser):
    context = browser.new_context(viewport=TABLET, has_touch=True, locale="nl-NL")
    tablet = context.new_page()
    errors: list[str] = []
    tablet.on("pageerror", lambda error: errors.append(str(error)))
    log_in(tablet, wifi.url, "judge@demo.challenges.nl", "demo-judge-2025")
    tablet.get_by_role("link", name="Teams jureren").click()
    expect(tablet.get_by_text("lokaal 1", exact=True)).to_be_visible()
    tablet.locator(".judging-sessions a", has_text="Innovatieproject").first.tap()
    expect(tablet.get_by_text("Innovatieproject · Regiofinale Eindhoven")).to_be_visible()

    rows = tablet.locator(".rubric-row")
    assert rows.count() == 10
    overflowing = tablet.locator(".choice.level").evaluate_all(
        "levels => levels.filter(level => level.scrollWidth > level.clientWidth).length"
    )
    assert overflowing == 0  # long Dutch words wrap inside their card
    assert tablet.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for index in range(rows.count()):
        rows.nth(index).get_by_text("3 Bereikt", exact=True).tap()
    first = rows.first
    note = first.get_by_label("Waarmee overtrof het team de verwachting?")
    expect(note).to_be_hidden()
    first.get_by_text("4 Overtroffen", exact=True).tap()
    expect(note).to_be_visible()
    expect(tablet.locator("#draft-status")).to_contain_text("opgeslagen", timeout=10000)
    assert stored_rubrics(live_server) == [("innovation_project", "draft", 1)]

    tablet.get_by_role("button", name="Rubric indienen").tap()
    expect(first).to_have_class("rubric-row has-error")  # Exceeds needs a note
    note.fill("Het team sprak met tien imkers en een bioloog.")
    tablet.get_by_label("Wat ging goed").fill("Heldere presentatie")
    screenshot(tablet, "tablet-judge-rubric")

    wifi.off(context)
    tablet.get_by_role("button", name="Rubric indienen").tap()
    status = tablet.locator("#outbox-status")
    expect(status).to_contain_text("Offline: 1 rubric(s) wachten")
    assert stored_rubrics(live_server) == [("innovation_project", "draft", 1)]

    wifi.on(context)
    tablet.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status).to_contain_text("Alle rubrics zijn verstuurd", timeout=15000)
    expect(tablet.locator("#outbox-waiting li")).to_have_count(0)  # nothing left to send again
    assert stored_rubrics(live_server) == [("innovation_project", "submitted", 1)]

    tablet.goto(f"{wifi.url}/events/{demo_event_id(live_server)}/judging")
    expect(tablet.locator(".judging-sessions li").first).to_contain_text("Ingediend")
    screenshot(tablet, "tablet-judge-sessions")
    assert errors == []
    context.close()
