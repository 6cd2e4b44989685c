"""The public prize of the demo's Vakkanjers Markt from the poster to the certificate: the
organiser opens the vote and prints the poster; visitors on their phones follow the poster's
link and a stand's page to the vote and confirm by the mailed link; their votes make a tie,
which the organiser settles with a reason; the winner's certificate is a PDF and the results
page names the winner without any counts."""

import re
from io import BytesIO

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import PHONE, TABLET, log_in, page_without_errors, screenshot

pytestmark = pytest.mark.browser

ORGANISER = ("organiser@demo.challenges.nl", "demo-organiser-2025")


def pdf_text(download) -> str:
    data = download.path().read_bytes()
    assert data.startswith(b"%PDF")
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages
    )


def the_market(server) -> tuple[int, str, list[tuple[int, str, int]]]:
    """The demo's finished Vakkanjers Markt (its public prize decided): id, slug, and its
    stands (team id, name, stand)."""
    [(event_id, slug)] = server.rows(
        "SELECT id, slug FROM event WHERE name = 'Vakkanjers Markt Zwolle'"
        " AND results_published_at IS NOT NULL"
    )
    stands = server.rows(
        "SELECT team.id, team.name, event_team.stand FROM event_team"
        " JOIN team ON team.id = event_team.team_id"
        " WHERE event_team.event_id = ? AND event_team.stand IS NOT NULL ORDER BY event_team.stand",
        event_id,
    )
    return event_id, slug, stands


def confirmed_votes(server, event_id: int) -> dict[int, int]:
    return dict(
        server.rows(
            "SELECT team_id, COUNT(*) FROM public_vote"
            " WHERE event_id = ? AND confirmed_at IS NOT NULL GROUP BY team_id",
            event_id,
        )
    )


def vote_and_confirm(phone, server, email: str, expected_team: str) -> None:
    phone.get_by_label("Je e-mailadres (om je stem te bevestigen)").fill(email)
    phone.get_by_role("button", name="Stemmen").click()
    expect(phone.get_by_text("we hebben je een e-mail gestuurd")).to_be_visible()
    phone.goto(server.last_mail_link(email))
    expect(phone.get_by_text(f'Je stem op "{expected_team}" telt mee')).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_public_prize_from_poster_to_certificate(live_server, browser):
    event_id, slug, stands = the_market(live_server)
    prize_page = f"{live_server}/events/{event_id}/public-prize"
    before = confirmed_votes(live_server, event_id)
    leader, runner_up = sorted(before, key=lambda team: -before[team])[:2]
    names = {team: (name, stand) for team, name, stand in stands}
    # the runner-up catches up through the poster; one more vote each makes it a tie again,
    # the leader's through its stand's page
    ballots = [("poster", runner_up)] * (before[leader] - before[runner_up] + 1)
    ballots.append(("stand", leader))

    # Not page_without_errors: the refused form answers 422, which chromium logs as an error.
    context = browser.new_context(viewport=TABLET, locale="nl-NL", accept_downloads=True)
    organiser = context.new_page()
    script_errors = []
    organiser.on("pageerror", lambda error: script_errors.append(str(error)))
    log_in(organiser, live_server, *ORGANISER)
    organiser.goto(prize_page)
    expect(organiser.locator("#winner-title + p")).to_contain_text(names[leader][0])  # demo's
    organiser.get_by_role("button", name="Haal dit besluit weg").click()  # to vote once more
    organiser.get_by_role("button", name="Stemming openen").click()
    with organiser.expect_download() as poster:
        organiser.get_by_role("link", name="Stemposter A4 (pdf)").click()
    text = pdf_text(poster.value)
    assert "Publieksprijs" in text
    [poster_link] = re.findall(rf"{re.escape(live_server)}/\S+", text)
    with organiser.expect_download() as cards:
        organiser.get_by_role("link", name="Standkaartjes (pdf)").click()
    name, stand = names[runner_up]
    assert f"Stand {stand} {name}" in pdf_text(cards.value)

    with page_without_errors(
        browser, viewport=PHONE, is_mobile=True, has_touch=True, locale="nl-NL"
    ) as phone:
        for number, (way, team) in enumerate(ballots):
            name, stand = names[team]
            if way == "poster":  # the poster's QR code: the list by stand, nothing chosen
                phone.goto(poster_link)
                choice = phone.get_by_label("Jouw favoriete team")
                expect(choice).to_have_value("")
                choice.select_option(label=f"Stand {stand} · {name}")
            else:  # a stand sign's QR code: the team's page and its vote button
                phone.goto(f"{live_server}/events/{slug}/teams/{team}")
                phone.get_by_role("link", name="Stem op dit team").click()
                expect(phone.get_by_label("Jouw favoriete team")).to_have_value(str(team))
            screenshot(phone, f"public-prize-vote-{way}")
            vote_and_confirm(phone, live_server, f"bezoeker{number}@example.nl", name)
    after = confirmed_votes(live_server, event_id)
    assert after[leader] == after[runner_up] == before[leader] + 1

    organiser.goto(prize_page)
    organiser.get_by_role("button", name="Stemming sluiten").click()
    for team in (leader, runner_up):
        row = organiser.get_by_role("row", name=names[team][0])
        expect(row).to_contain_text(f"{after[team]} gelijk")
    assert organiser.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(organiser, "public-prize-tie")
    name = names[runner_up][0]
    organiser.get_by_label("Winnaar van de publieksprijs").select_option(
        label=f"Stand {names[runner_up][1]} · {name}"
    )
    organiser.get_by_role("button", name="Leg de winnaar vast").click()
    expect(organiser.locator("#reason-error")).to_contain_text("zeg waarom dit team wint")
    expect(organiser.locator(".form-errors")).to_be_focused()  # the summary, linking the field
    expect(organiser.locator('.form-errors a[href="#reason"]')).to_be_visible()
    organiser.get_by_label("Bij gelijke stand: waarom dit team?").fill("Getrokken door loting")
    organiser.get_by_role("button", name="Leg de winnaar vast").click()
    expect(organiser.get_by_text("De winnaar van de publieksprijs is vastgelegd")).to_be_visible()
    expect(organiser.get_by_text("Gelijkspel beslist: Getrokken door loting")).to_be_visible()
    with organiser.expect_download() as certificate:
        organiser.get_by_role("link", name="Certificaat (pdf)").click()
    text = pdf_text(certificate.value)
    assert "Publieksprijs" in text
    assert "gekozen door de bezoekers" in text
    assert name in text
    context.close()
    assert script_errors == []

    with page_without_errors(browser, viewport=PHONE, locale="nl-NL") as visitor:
        visitor.goto(f"{live_server}/events/{slug}/results")
        prize = visitor.locator("section", has=visitor.locator("#public-prize"))
        expect(prize).to_contain_text(name)
        expect(visitor.locator("main")).not_to_contain_text("stemmen")
        screenshot(visitor, "public-prize-results")
