"""Keyboard only: a teacher logs in, goes to their teams and registers a team, every step with
Tab, Space, Enter, the arrow keys and typing; the focused element is on the screen and
ringed at every stop."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import page_without_errors, screenshot, serving
from tests.browser.keyboard import assert_focus_seen, follow, tab_to

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 768}
TEAM = "Toetsenbord Titanen"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """A server of this module's own: the new team must not show up in other browser tests."""
    with serving(tmp_path_factory.mktemp("keyboard-teacher")) as url:
        yield url


@pytest.fixture(params=[DESKTOP, {"width": 390, "height": 844}], ids=["desktop", "phone"])
def page(browser, request):
    with page_without_errors(browser, viewport=request.param, locale="nl-NL") as page:
        yield page


def test_a_teacher_registers_a_team_with_the_keyboard_only(page, live_server, request):
    team = f"{TEAM} {request.node.callspec.id}"
    page.goto(f"{live_server}/account/login")
    tab_to(page, page.get_by_label("E-mailadres"))
    page.keyboard.type("coach@demo.challenges.nl")
    tab_to(page, page.get_by_label("Wachtwoord"))
    page.keyboard.type("demo-coach-2025")
    tab_to(page, page.get_by_role("button", name="Inloggen"))
    follow(page)
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    tab_to(page, page.get_by_role("link", name="Naar jouw teams"))
    follow(page)
    expect(page).to_have_url(f"{live_server}/teams/")
    fll = page.get_by_role("link", name="Team aanmelden").first  # the FLL season comes first
    tab_to(page, fll)
    follow(page)
    expect(page.get_by_label("Teamnaam")).to_be_visible()

    tab_to(page, page.get_by_label("Teamnaam"))
    page.keyboard.type(team)
    tab_to(page, page.get_by_label("Aantal leerlingen", exact=True))
    page.keyboard.type("6")
    tab_to(page, page.get_by_label("Voornamen van de leerlingen (niet verplicht)"))
    page.keyboard.type("Sanne\nDaan")
    tab_to(page, page.get_by_role("checkbox"))
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox")).to_be_checked()
    first_choice = page.get_by_label("Eerste keus regiofinale")
    tab_to(page, first_choice)
    page.keyboard.press("ArrowDown")
    expect(first_choice).not_to_have_value("")
    assert_focus_seen(page)
    tab_to(page, page.get_by_role("button", name="Team aanmelden"))
    screenshot(page, f"keyboard-teacher-register-{request.node.callspec.id}")
    follow(page)

    expect(page.get_by_text(f"Team {team} is aangemeld")).to_be_visible()
    expect(page.get_by_role("row", name=team)).to_contain_text("aangemeld")
