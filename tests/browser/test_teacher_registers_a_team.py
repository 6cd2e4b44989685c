import pytest
from playwright.sync_api import expect

from challenges.demo.dates import amsterdam_today, running_year, season_name
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

EMAIL = "meester.jansen@school.example"
PASSWORD = "een heel goed wachtwoord"


def test_teacher_signs_up_finds_school_and_registers_a_team_on_a_phone(live_server, phone):
    phone.goto(f"{live_server}/account/signup")
    phone.get_by_label("Je naam").fill("Meester Jansen")
    phone.get_by_label("E-mailadres").fill(EMAIL)
    phone.get_by_label("Nieuw wachtwoord").fill(PASSWORD)
    phone.get_by_label("Herhaal het wachtwoord").fill(PASSWORD)
    phone.get_by_role("button", name="Account aanmaken").click()
    expect(phone.get_by_text("We hebben je een e-mail gestuurd")).to_be_visible()

    phone.goto(live_server.last_mail_link(EMAIL))  # confirms and logs in at once
    expect(phone.get_by_text("Je e-mailadres is bevestigd")).to_be_visible()

    phone.get_by_role("link", name="Naar jouw teams").click()
    phone.get_by_role("link", name="Zoek je school").click()
    phone.get_by_label("Naam, plaats, postcode of BRIN").press_sequentially("5611", delay=50)
    # Live results while typing, without pressing "Zoeken" (the form works without JS too).
    expect(phone.get_by_role("heading", name="Eindhovens Techniek Lyceum")).to_be_visible()
    expect(phone).to_have_url(f"{live_server}/schools/?q=5611")
    screenshot(phone, "phone-school-search")
    school = phone.get_by_role("listitem").filter(has_text="Eindhovens Techniek Lyceum")
    school.get_by_role("button", name="Dit is mijn school").click()
    expect(phone.get_by_text("Je bent gekoppeld aan Eindhovens Techniek Lyceum")).to_be_visible()

    phone.get_by_role("link", name="Team aanmelden").first.click()
    phone.get_by_label("Teamnaam").fill("Lichtgevende Robots")
    # FLL has one category: no school year to give, no other programme's categories.
    expect(phone.get_by_label("Leerjaar van de meeste leerlingen")).to_have_count(0)
    expect(phone.get_by_label("Categorie")).to_contain_text("Challenge")
    first_choice = phone.get_by_label("Eerste keus regiofinale")
    finals = first_choice.locator("option").all_text_contents()
    assert len(finals) > 2  # "—" and the running season's finals
    first_choice.select_option(label=finals[1])
    phone.get_by_label("Aantal leerlingen", exact=True).fill("6")
    phone.get_by_label("Voornamen van de leerlingen (niet verplicht)").fill("Sanne\nDaan")
    screenshot(phone, "phone-register-team")
    phone.get_by_role("button", name="Team aanmelden").click()

    expect(phone.get_by_text("Team Lichtgevende Robots is aangemeld")).to_be_visible()
    row = phone.get_by_role("row", name="Lichtgevende Robots")
    expect(row).to_contain_text("aangemeld")
    expect(row).to_contain_text(season_name(running_year(amsterdam_today())))
    screenshot(phone, "phone-my-teams")
    row.get_by_role("link", name="Lichtgevende Robots").click()
    expect(phone.get_by_role("heading", name="Wat gebeurt er nu")).to_be_visible()
    expect(phone.get_by_text(finals[1].split(" (")[0]).first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
