"""A Vakkanjers Markt floor in a real browser: the event manager starts the market (a fixed,
timed round plan), marks a no-show and makes the plan again; three jurors, two on phones,
follow it to their stands and file jury forms; one taps "Klaar hier" too early and is asked
first, another gives a stand back and undoes it; the live floor shows where everyone is."""

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from challenges import create_app
from challenges.auth.roles import Role
from challenges.events.market.services import assign_stands
from challenges.extensions import db
from tests.browser.conftest import PHONE, TABLET, LiveServer, log_in, screenshot
from tests.events.programme_words import make_programme_season
from tests.factories import (
    PASSWORD,
    app_config,
    grant_event_role,
    make_event,
    make_placed_teams,
    make_user,
)

pytestmark = pytest.mark.browser

VAKKANJERS_ONLY = ("tafel", "lokaal", "scheidsrechter", "robot")


@dataclass
class Facts:
    event_id: int
    manager: str
    jurors: list[str]  # e-mail addresses
    absent_team: str


@pytest.fixture
def markt(live_server: LiveServer) -> Facts:
    app = create_app(app_config(live_server.database_url))
    with app.test_request_context():
        season = make_programme_season(robot_game=False)
        season.rubric_set_key = "vakkanjers-jury"
        event = make_event(season=season, name="Vakkanjers Markt Deventer")
        teams = make_placed_teams(event, 5)
        assign_stands(event)
        manager = make_user(name="Mila Manager")
        grant_event_role(manager, event, Role.EVENT_MANAGER)
        jurors = [make_user(name=name) for name in ("Anouk Jurylid", "Bas Jurylid", "Cem Jurylid")]
        for juror in jurors:
            grant_event_role(juror, event, Role.JUDGE)
        db.session.commit()
        facts = Facts(event.id, manager.email, [j.email for j in jurors], teams[4].name)
        db.session.remove()
        db.engine.dispose()
    return facts


def page_for(browser, viewport: dict, server: str, email: str):
    phone = viewport == PHONE
    context = browser.new_context(
        viewport=viewport, is_mobile=phone, has_touch=True, locale="nl-NL"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, server, email, PASSWORD)
    return context, page, errors


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def plain_words(page) -> None:
    text = page.locator("main").inner_text().lower()
    assert [word for word in VAKKANJERS_ONLY if word in text] == []


def claimed_stand(server: LiveServer, email: str) -> int | None:
    rows = server.rows(
        "SELECT event_team.stand FROM stand_claim"
        ' JOIN "user" ON "user".id = stand_claim.judge_id'
        " JOIN event_team ON event_team.team_id = stand_claim.team_id"
        " AND event_team.event_id = stand_claim.event_id"
        ' WHERE "user".email = ? AND stand_claim.released_at IS NULL',
        email,
    )
    return rows[0][0] if rows else None


def fill_jury_form(page) -> None:
    rows = page.locator(".rubric-row")
    expect(rows).to_have_count(5)  # the jury form of the Vakkanjers season
    for index in range(rows.count()):
        rows.nth(index).locator('input[type="radio"][value="3"]').check()
    page.get_by_label("Wat ging goed").fill("Een werkend prototype")
    page.get_by_role("button", name="Juryformulier indienen").tap()


def test_a_market_runs_by_its_plan_with_a_no_show_and_an_early_tap(live_server, browser, markt):
    event = f"{live_server}/events/{markt.event_id}"
    manager_context, manager, manager_errors = page_for(browser, TABLET, live_server, markt.manager)
    manager.goto(f"{event}/market")
    manager.get_by_label("Minuten per ronde").fill("12")
    manager.get_by_role("button", name="Start de markt: leg het rondeplan vast").tap()
    expect(manager.get_by_text("De markt is begonnen: het rondeplan ligt vast.")).to_be_visible()
    expect(manager.get_by_text("rondes van 12 minuten")).to_be_visible()
    plan = manager.locator("table.market-plan")
    expect(plan.locator("tbody tr").first).to_contain_text("nu")

    manager.goto(f"{event}/check-in")
    absent = manager.locator(".check-in li", has_text=markt.absent_team)
    absent.get_by_role("button", name="Niet gekomen").tap()
    expect(manager.locator(".check-in li", has_text=markt.absent_team)).to_contain_text(
        "Niet gekomen"
    )
    manager.goto(f"{event}/market")
    manager.get_by_role("button", name="Plan opnieuw maken").tap()
    expect(manager.get_by_text("Het rondeplan is opnieuw gemaakt")).to_be_visible()
    expect(manager.get_by_text("versie 2", exact=False)).to_be_visible()
    screenshot(manager, "market-plan-made-again")
    response = manager.request.get(f"{event}/print/market-plan")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"

    anouk_context, anouk, anouk_errors = page_for(browser, PHONE, live_server, markt.jurors[0])
    anouk.goto(f"{event}/judging/market")
    expect(anouk.get_by_text("Ronde 1 van")).to_be_visible()
    anouk.get_by_role("button", name="Stuur me naar de volgende stand").tap()
    heading = anouk.get_by_role("heading", name="Ga naar stand")
    expect(heading).to_be_visible()
    stand = claimed_stand(live_server, markt.jurors[0])
    expect(heading).to_have_text(f"Ga naar stand {stand}")
    assert fits(anouk)
    plain_words(anouk)
    screenshot(anouk, "market-floor-phone")
    anouk.get_by_role("button", name="Klaar hier: volgende stand").tap()  # too early
    expect(anouk.get_by_role("heading", name=f"Stand {stand} teruggeven?")).to_be_visible()
    assert claimed_stand(live_server, markt.jurors[0]) == stand
    assert fits(anouk)
    screenshot(anouk, "market-leave-too-early")
    anouk.get_by_role("link", name="Nee: terug naar het juryformulier").tap()
    fill_jury_form(anouk)
    expect(anouk.get_by_role("heading", name="Marktvloer")).to_be_visible(timeout=15000)
    expect(anouk.get_by_text("Jouw juryformulieren")).to_be_visible()
    assert claimed_stand(live_server, markt.jurors[0]) is None  # submitting ends the claim

    bas_context, bas, bas_errors = page_for(browser, PHONE, live_server, markt.jurors[1])
    bas.goto(f"{event}/judging/market")
    bas.get_by_role("button", name="Stuur me naar de volgende stand").tap()
    expect(bas.get_by_role("heading", name="Ga naar stand")).to_be_visible()
    first = claimed_stand(live_server, markt.jurors[1])
    assert first not in (None, stand)
    bas.get_by_role("button", name="Klaar hier: volgende stand").tap()
    bas.get_by_role("button", name=f"Ja: geef stand {first} terug en stuur me verder").tap()
    expect(bas.get_by_text("De stand is teruggegeven.")).to_be_visible()
    assert claimed_stand(live_server, markt.jurors[1]) not in (None, first)
    bas.get_by_role("button", name=f"Ongedaan maken: terug naar stand {first}").tap()
    expect(bas.get_by_role("heading", name=f"Ga naar stand {first}")).to_be_visible()
    assert claimed_stand(live_server, markt.jurors[1]) == first
    bas.get_by_role("link", name="Juryformulier openen").tap()
    fill_jury_form(bas)
    expect(bas.get_by_role("heading", name="Marktvloer")).to_be_visible(timeout=15000)

    cem_context, cem, cem_errors = page_for(browser, TABLET, live_server, markt.jurors[2])
    cem.goto(f"{event}/judging/market")
    cem.get_by_role("button", name="Stuur me naar de volgende stand").tap()
    expect(cem.get_by_role("heading", name="Ga naar stand")).to_be_visible()
    cem_stand = claimed_stand(live_server, markt.jurors[2])
    assert cem_stand not in (None, stand, first)

    manager.goto(f"{event}/judging/market/live")
    expect(manager.get_by_role("heading", name="Live overzicht van de markt")).to_be_visible()
    expect(manager.locator("tr", has_text="Cem Jurylid").first).to_contain_text(
        f"Stand {cem_stand}"
    )
    expect(manager.locator("tr", has_text="Anouk Jurylid").first).to_contain_text(
        "niet bij een stand"
    )
    expect(manager.locator("tr.sheet-rejected").first).to_contain_text("te weinig")
    assert fits(manager)
    plain_words(manager)
    screenshot(manager, "market-live-floor")

    for context in (anouk_context, bas_context, cem_context, manager_context):
        context.close()
    assert anouk_errors == bas_errors == cem_errors == manager_errors == []
