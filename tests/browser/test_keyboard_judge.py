"""A judge fills a rubric with the keyboard alone: Exceeds without a note is refused with its
message, the focus in the note and the count said in the live status; with the note, it goes."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import blocking_violations, describe
from tests.browser.conftest import TABLET, demo_event_id, log_in, page_without_errors, screenshot
from tests.browser.keyboard import assert_focus_seen, focused, follow, press, tab_to
from tests.browser.test_offline import execute

pytestmark = pytest.mark.browser

TEAM = "Algen Alliantie"  # its Robot Design rubric: no other browser test fills it
WENT_WELL = "Toetsenbord: een heldere uitleg van de robot"


@pytest.fixture
def tablet(browser, live_server):
    with page_without_errors(browser, viewport=TABLET, locale="nl-NL") as page:
        yield page
        execute(
            live_server,
            "DELETE FROM rubric_entry WHERE rubric = 'robot_design'"
            " AND team_id = (SELECT id FROM team WHERE name = ?)",
            TEAM,
        )


def choose_levels_up_to_the_feedback(page) -> str:
    """Tabs through the rubric to 'What went well': Exceeds (4) on the first row, its note left
    empty, Achieved (3) on every other row. The first row's name (level-…)."""
    first = ""
    while (field := focused(page))["id"] != "went_well":
        if field["type"] == "radio" and not field["answered"]:
            first = first or field["name"]
            for _level in range(3 if field["name"] == first else 2):  # from 1 Beginning
                press(page, "ArrowRight")
        press(page, "Tab")
    return first.removeprefix("level-")


def test_a_judge_submits_a_rubric_with_an_exceeds_note_by_keyboard(tablet, live_server):
    log_in(tablet, live_server, "judge@demo.challenges.nl", "demo-judge-2025")
    tablet.goto(f"{live_server}/events/{demo_event_id(live_server)}/judging")
    session = tablet.locator(".judging-sessions li", has_text=TEAM)
    tab_to(tablet, session.get_by_role("link", name="Robotontwerp"))
    follow(tablet)
    expect(tablet.get_by_role("heading", level=1)).to_contain_text(TEAM)

    press(tablet, "Tab")
    row = choose_levels_up_to_the_feedback(tablet)
    tablet.keyboard.type(WENT_WELL)
    submit = tablet.get_by_role("button", name="Rubric indienen")
    tab_to(tablet, submit)
    press(tablet, "Enter")

    note = tablet.locator(f"#note-{row}")
    message = tablet.locator(f"#error-{row}")
    expect(message).to_have_text(
        "Bij 'Overtroffen' hoort een korte toelichting: waarmee overtrof het team de verwachting?"
    )
    expect(note).to_be_focused()
    assert_focus_seen(tablet)
    expect(note).to_have_attribute("aria-invalid", "true")
    expect(note).to_have_attribute("aria-describedby", f"error-{row}")
    expect(tablet.locator("#draft-status")).to_have_text(
        "1 regel mist nog een niveau of een toelichting."
    )
    expect(tablet.locator(".rubric-row .error:visible")).to_have_count(1)
    screenshot(tablet, "tablet-judge-keyboard-error")
    violations = blocking_violations(tablet)  # the refused state, which the page audit never sees
    assert violations == [], describe("the refused rubric", violations)

    tablet.keyboard.type("Het team bouwde een eigen sensorhouder en testte hem tien keer.")
    expect(message).to_be_hidden()
    expect(note).not_to_have_attribute("aria-invalid", "true")
    tab_to(tablet, submit)
    follow(tablet)

    expect(tablet.locator(".judging-sessions li", has_text=TEAM)).to_contain_text("Ingediend")
    stored = live_server.rows(
        "SELECT status, went_well, notes FROM rubric_entry WHERE rubric = 'robot_design'"
        " AND team_id = (SELECT id FROM team WHERE name = ?)",
        TEAM,
    )
    [(status, went_well, notes)] = stored
    assert (status, went_well) == ("submitted", WENT_WELL)
    assert "sensorhouder" in str(notes)  # JSON
