"""A Vakkanjers Markt after the jury: deliberation, finaletickets and publication in a real
browser. Three teams tie for the second ticket: the app proposes nobody of them, publishing
is refused and names the tie, until the judge advisor orders the tie with a reason."""

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from challenges import create_app
from challenges.extensions import db
from challenges.labels import team_label
from tests.awards.test_market_prizes import make_markt
from tests.browser.conftest import PHONE, TABLET, LiveServer, log_in, screenshot
from tests.factories import PASSWORD, app_config

pytestmark = pytest.mark.browser


@dataclass
class Facts:
    event_id: int
    national_id: int
    slug: str
    teams: list[str]  # labels, best first: T0, then T1-T3 tied, then T4
    advisor: str
    organiser: str


@pytest.fixture
def markt(live_server: LiveServer) -> Facts:
    app = create_app(app_config(live_server.database_url))
    with app.test_request_context():
        found = make_markt()
        facts = Facts(
            found.event.id,
            found.national.id,
            found.event.slug,
            [team_label(team) for team in found.teams],
            found.advisor.email,
            found.organiser.email,
        )
        db.session.remove()
        db.engine.dispose()
    return facts


def published(server: LiveServer, facts: Facts) -> bool:
    [(moment,)] = server.rows("SELECT results_published_at FROM event WHERE id = ?", facts.event_id)
    return moment is not None


def test_a_tie_for_a_ticket_blocks_publication_until_the_jury_breaks_it(
    live_server, browser, markt
):
    first, *tied = markt.teams[:4]
    awards = f"{live_server}/events/{markt.event_id}/awards"
    advisor_context = browser.new_context(viewport=TABLET, has_touch=True, locale="nl-NL")
    advisor = advisor_context.new_page()
    log_in(advisor, live_server, markt.advisor, PASSWORD)
    advisor.goto(awards)
    prize = advisor.locator("article.award", has_text="Juryprijs")
    prize.get_by_label("Team").select_option(label=first)
    prize.get_by_label("Reden (kort)").fill("Werkend prototype, helder gepresenteerd")
    prize.get_by_role("button", name="Vastleggen").tap()
    expect(advisor.locator(".flash-success")).to_be_visible()
    expect(advisor.locator("article.award", has_text="Juryprijs")).to_contain_text(first)

    organiser_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    organiser = organiser_context.new_page()
    log_in(organiser, live_server, markt.organiser, PASSWORD)
    organiser.goto(f"{awards}/advancement")
    expect(organiser.get_by_role("alert")).to_contain_text(
        f"{', '.join(tied)} staan gelijk op plaats 2"
    )
    proposed = organiser.locator("section.card ol").first
    expect(proposed).to_contain_text(first)
    expect(proposed).not_to_contain_text(tied[0])
    organiser.get_by_role("button", name="Bevestigen: plaats ze").click()
    expect(organiser.get_by_text("Bevestigd: 1 team is geplaatst")).to_be_visible()
    expect(organiser.get_by_text("1 coach gemaild.")).to_be_visible()
    organiser.get_by_role("button", name="Uitslag publiceren").click()
    expect(organiser.get_by_text("De uitslag kan nog niet gepubliceerd worden")).to_be_visible()
    assert not published(live_server, markt)
    screenshot(organiser, "market-prizes-publication-refused")

    advisor.goto(awards)
    ties = advisor.locator("#ties")
    expect(ties).to_contain_text("Gelijke standen om te beslissen")
    for team, place in zip(tied, ("plaats 4", "plaats 2", "plaats 3"), strict=True):
        ties.get_by_label(team).select_option(label=place)
    ties.get_by_label("Waarom deze volgorde (kort)").fill("Prototype werkt het best")
    ties.get_by_role("button", name="Gelijke stand beslissen").tap()
    expect(advisor.get_by_text("De gelijke stand is beslist")).to_be_visible()
    screenshot(advisor, "market-prizes-tie-broken")
    advisor_context.close()

    organiser.goto(f"{awards}/advancement")
    expect(organiser.get_by_role("alert")).to_have_count(0)
    proposed = organiser.locator("section.card ol").first
    expect(proposed).to_contain_text(tied[1])  # the team the jury put first of the tie
    organiser.get_by_role("button", name="Bevestigen: plaats ze").click()
    organiser.get_by_role("button", name="Uitslag publiceren").click()
    expect(organiser.get_by_text("De uitslag is openbaar.")).to_be_visible()
    assert published(live_server, markt)
    organiser.goto(f"{live_server}/events/{markt.national_id}/awards/wildcards")
    finalists = organiser.locator("table.finalists tbody tr")
    expect(finalists).to_have_count(2)
    expect(finalists.first).to_contain_text("Vakkanjers Markt Almere")
    expect(finalists.first).to_contain_text("uitgenodigd")
    assert organiser.evaluate("document.documentElement.scrollWidth") <= 1280
    screenshot(organiser, "market-prizes-national-finalists")
    organiser_context.close()

    visitor_context = browser.new_context(viewport=PHONE, is_mobile=True, locale="nl-NL")
    visitor = visitor_context.new_page()
    visitor.goto(f"{live_server}/events/{markt.slug}/results")
    expect(visitor.get_by_text("Juryprijs: 1e plaats")).to_be_visible()
    expect(visitor.get_by_text("Plaats 2 in de rangschikking")).to_be_visible()
    expect(visitor.get_by_role("heading", name="Rangschikking")).to_have_count(0)
    assert visitor.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(visitor, "market-prizes-public-results")
    visitor_context.close()
