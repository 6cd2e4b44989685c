import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_organiser_logs_in_on_a_phone_and_sees_the_dashboard(live_server, phone):
    phone.goto(live_server)
    expect(phone.locator("h1")).to_have_text("Technologiewedstrijden voor scholen")
    screenshot(phone, "phone-home")

    phone.get_by_role("link", name="Inloggen").first.click()
    phone.get_by_label("E-mailadres").fill("organiser@demo.challenges.nl")
    phone.get_by_label("Wachtwoord").fill("demo-organiser-2025")
    phone.get_by_role("button", name="Inloggen").click()

    expect(phone).to_have_url(f"{live_server}/dashboard")
    expect(phone.get_by_role("heading", name="Overzicht")).to_be_visible()
    [(teams,)] = live_server.rows("SELECT count(*) FROM team")
    expect(phone.locator(".stats div", has_text="Teams").locator("dd")).to_have_text(str(teams))
    screenshot(phone, "phone-dashboard")

    phone.get_by_role("button", name="English").click()
    expect(phone.get_by_role("heading", name="Overview")).to_be_visible()
    # the choice is kept with the account: back to Dutch, as the other tests expect it
    phone.get_by_role("button", name="Nederlands").click()
    expect(phone.get_by_role("heading", name="Overzicht")).to_be_visible()
    phone.get_by_role("button", name="Uitloggen").click()
    expect(phone.get_by_role("link", name="Inloggen").first).to_be_visible()
