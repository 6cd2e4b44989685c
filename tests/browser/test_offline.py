"""Referee and judge tablets through a wifi outage and an expired log-in: the match list and
the judging sessions keep the pages they link to, so the next sheet or rubric opens without
wifi; what is submitted waits on the tablet until the server stored it, also across a reload
and a new log-in in another tab; what the server refuses stays in view with its reason."""

import re
from collections import Counter

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine

from challenges.config import normalise_database_url
from challenges.demo.data import DEMO_EVENT
from tests.browser.conftest import PHONE, TABLET, demo_event_id, log_in, screenshot
from tests.browser.test_robot_game import answer_everything_no

pytestmark = pytest.mark.browser

REFEREE = ("referee@demo.challenges.nl", "demo-referee-2025")
JUDGE = ("judge@demo.challenges.nl", "demo-judge-2025")


def execute(server, sql: str, *params) -> None:
    """A change to the server's database; `?` marks a parameter."""
    engine = create_engine(normalise_database_url(server.database_url))
    if engine.dialect.name == "postgresql":
        sql = sql.replace("?", "%s")
    with engine.begin() as connection:
        connection.exec_driver_sql(sql, params)
    engine.dispose()


def sheets_of_match(server, match_id: int) -> list[tuple]:
    return server.rows(
        "SELECT client_key, referee_name, status FROM score_sheet WHERE match_id = ?", match_id
    )


# What these tests store: removed afterwards, so the other browser tests find the demo event as
# the seed left it (their referees and judges write other names).
OURS = "Offline %"
CLEAN_UP = (
    ("DELETE FROM score_sheet WHERE referee_name LIKE ?", OURS),
    ("DELETE FROM rubric_entry WHERE went_well LIKE ?", OURS),
    ("DELETE FROM closed_round WHERE closed_by LIKE ?", OURS),
    ("DELETE FROM refused_item WHERE event_id = (SELECT id FROM event WHERE slug = ?)", DEMO_EVENT),
)


@pytest.fixture(scope="module")
def event_id(live_server) -> int:
    return demo_event_id(live_server)


@pytest.fixture(scope="module")
def matches(event_id) -> str:
    """The referee's match list of table 1 at the demo event (a path)."""
    return f"/events/{event_id}/referee/matches?table=table+1"


@pytest.fixture
def tablet(request, browser, live_server):
    """A referee's or judge's tablet (`request.param`: more options for its browser context)."""
    options = getattr(request, "param", {})
    context = browser.new_context(viewport=TABLET, has_touch=True, locale="nl-NL", **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    for sql, value in CLEAN_UP:
        execute(live_server, sql, value)
    assert errors == []


def open_match_list(page, server, matches: str) -> None:
    """The referee's match list, online, until the tablet has kept the sheets it links to."""
    page.goto(f"{server}{matches}")
    expect(page.locator("#outbox-kept")).to_contain_text("bewaard op deze tablet", timeout=20000)


def fill_sheet(page, referee: str) -> None:
    answer_everything_no(page)
    page.get_by_label("Je naam (scheidsrechter)").fill(referee)
    page.get_by_label("Het team is het eens met dit formulier").fill("KB")


def open_match(page, index: int) -> int:
    """Opens the match list's match at this index; its id."""
    page.locator(".match-list a.match").nth(index).tap()
    page.wait_for_url(re.compile(r"/matches/\d+$"))
    expect(page.locator("#total")).to_have_text("70")  # the start sheet
    return int(page.url.rsplit("/", 1)[1])


def test_the_match_list_does_not_move_while_the_tablet_keeps_its_pages(tablet, wifi, matches):
    """A referee taps a match as soon as the list shows: the outbox panel and the line that says
    how many pages were kept take their place before the scripts run, so the tap hits the match
    it aimed at."""
    log_in(tablet, wifi.url, *REFEREE)
    tablet.goto(f"{wifi.url}{matches}", wait_until="commit")
    sixth = tablet.locator(".match-list a.match").nth(5)
    sixth.wait_for()
    first_paint = sixth.bounding_box()
    expect(tablet.locator("#outbox-kept")).to_contain_text("bewaard op deze tablet", timeout=20000)
    assert sixth.bounding_box() == first_paint


def test_the_next_match_is_scored_without_wifi_and_sent_when_it_returns(
    tablet, wifi, live_server, matches
):
    log_in(tablet, wifi.url, *REFEREE)
    open_match_list(tablet, wifi.url, matches)
    wifi.off(tablet.context)
    match = open_match(tablet, 1)
    fill_sheet(tablet, "Offline Ruben")
    tablet.get_by_role("button", name="Formulier versturen").tap()
    status = tablet.locator("#outbox-status")
    expect(status).to_contain_text("Offline: 1 formulier(en) wachten")
    key = tablet.locator("input[name=client_key]").input_value()
    total = tablet.locator("#total").inner_text()

    tablet.reload()
    expect(tablet.locator("#outbox-waiting li")).to_have_count(1)
    expect(tablet.locator("#total")).to_have_text(total)
    expect(status).to_contain_text("Offline: 1 formulier(en) wachten")
    expect(tablet.get_by_label("Je naam (scheidsrechter)")).to_be_disabled()
    assert tablet.locator("input[name=client_key]").input_value() == key
    assert sheets_of_match(live_server, match) == []
    kept_page = tablet.evaluate(
        "url => caches.match(url, { ignoreVary: true }).then((response) => response.text())",
        tablet.url,
    )
    assert key not in kept_page  # the kept page's own key is not the one sent

    wifi.on(tablet.context)
    tablet.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status).to_contain_text("Alle formulieren zijn verzonden", timeout=15000)
    expect(tablet.locator("#outbox-sent li")).to_contain_text("verstuurd om")
    assert sheets_of_match(live_server, match) == [(key, "Offline Ruben", "submitted")]


def test_a_half_filled_sheet_survives_a_reload_without_wifi(tablet, wifi, matches):
    log_in(tablet, wifi.url, *REFEREE)
    open_match_list(tablet, wifi.url, matches)
    open_match(tablet, 2)
    wifi.off(tablet.context)
    root_cover = tablet.locator('[data-question="m11_root_cover_down"]')
    root_cover.get_by_text("Ja", exact=True).tap()
    tablet.get_by_label("Je naam (scheidsrechter)").fill("Offline Fatima")
    expect(tablet.locator("#total")).to_have_text("90")

    tablet.reload()
    expect(tablet.locator("#total")).to_have_text("90")
    expect(tablet.get_by_label("Je naam (scheidsrechter)")).to_have_value("Offline Fatima")
    expect(root_cover.locator("input[value=yes]")).to_be_checked()
    wifi.on(tablet.context)


def test_an_expired_log_in_keeps_the_sheets_until_the_referee_logs_in_again(
    tablet, wifi, live_server, matches
):
    log_in(tablet, wifi.url, *REFEREE)
    open_match_list(tablet, wifi.url, matches)
    match = open_match(tablet, 3)
    fill_sheet(tablet, "Offline Sven")
    wifi.off(tablet.context)
    tablet.get_by_role("button", name="Formulier versturen").tap()
    expect(tablet.locator("#outbox-status")).to_contain_text("Offline: 1 formulier(en) wachten")

    execute(
        live_server,
        'DELETE FROM login_session WHERE user_id = (SELECT id FROM "user" WHERE email = ?)',
        REFEREE[0],
    )
    wifi.on(tablet.context)
    tablet.evaluate("window.dispatchEvent(new Event('online'))")
    expired = tablet.locator("#outbox-login")
    expect(expired).to_contain_text("Je inlogsessie is verlopen: 1 formulier(en) wachten")
    expect(tablet.locator("#outbox-waiting li")).to_have_count(1)
    assert sheets_of_match(live_server, match) == []
    screenshot(tablet, "tablet-outbox-log-in-expired")

    with tablet.context.expect_page() as opened:
        expired.get_by_role("link", name="Opnieuw inloggen").tap()
    login = opened.value
    login.get_by_label("E-mailadres").fill(REFEREE[0])
    login.get_by_label("Wachtwoord").fill(REFEREE[1])
    login.get_by_role("button", name="Inloggen").click()
    expect(login.get_by_role("heading", name="Je bent weer ingelogd")).to_be_visible()

    expect(tablet.locator("#outbox-status")).to_contain_text("Alle formulieren zijn verzonden")
    expect(expired).to_be_hidden()
    [(_key, referee, _status)] = sheets_of_match(live_server, match)
    assert referee == "Offline Sven"


def close_the_round_of(server, match: int) -> None:
    [(event_id, kind, number)] = server.rows(
        "SELECT event_id, kind, round FROM schedule_entry WHERE id = ?", match
    )
    execute(
        server,
        "INSERT INTO closed_round (event_id, round_kind, round, closed_by, closed_at)"
        " VALUES (?, ?, ?, 'Offline test', CURRENT_TIMESTAMP)",
        event_id,
        kind,
        number,
    )


def test_a_refused_sheet_stays_in_view_with_the_reason_until_sent_again_or_removed(
    tablet, wifi, live_server, matches
):
    log_in(tablet, wifi.url, *REFEREE)
    open_match_list(tablet, wifi.url, matches)
    match = open_match(tablet, 4)
    close_the_round_of(live_server, match)
    fill_sheet(tablet, "Offline Iris")
    tablet.get_by_role("button", name="Formulier versturen").tap()
    refused = tablet.locator("#outbox-refused li")
    expect(refused).to_contain_text("Deze ronde is gesloten")
    expect(tablet.locator("#outbox-status")).to_contain_text("1 niet geaccepteerd")
    assert sheets_of_match(live_server, match) == []

    tablet.goto(f"{wifi.url}{matches}")
    expect(refused).to_contain_text("Deze ronde is gesloten")
    for size, name in ((PHONE, "phone"), (TABLET, "tablet")):
        tablet.set_viewport_size(size)
        screenshot(tablet, f"{name}-outbox-refused")
    execute(live_server, "DELETE FROM closed_round WHERE closed_by LIKE ?", OURS)  # reopened
    refused.get_by_role("button", name="Opnieuw versturen").tap()
    expect(tablet.locator("#outbox-status")).to_contain_text("Alle formulieren zijn verzonden")
    [(_key, referee, _status)] = sheets_of_match(live_server, match)
    assert referee == "Offline Iris"

    other = open_match(tablet, 6)
    close_the_round_of(live_server, other)
    fill_sheet(tablet, "Offline Iris")
    tablet.get_by_role("button", name="Formulier versturen").tap()
    expect(refused).to_contain_text("Deze ronde is gesloten")
    tablet.on("dialog", lambda dialog: dialog.accept())
    refused.get_by_role("button", name="Van deze tablet verwijderen").tap()
    expect(refused).to_have_count(0)
    assert sheets_of_match(live_server, other) == []


def test_a_judge_opens_the_next_rubric_without_wifi_and_it_arrives(
    tablet, wifi, live_server, event_id
):
    log_in(tablet, wifi.url, *JUDGE)
    tablet.goto(f"{wifi.url}/events/{event_id}/judging")
    expect(tablet.locator("#outbox-kept")).to_contain_text("bewaard op deze tablet", timeout=20000)
    wifi.off(tablet.context)
    tablet.locator(".judging-sessions li").nth(1).locator(".rubric-links a").first.tap()
    rows = tablet.locator(".rubric-row")
    expect(rows.first).to_be_visible()
    for index in range(rows.count()):
        rows.nth(index).get_by_text("3 Bereikt", exact=True).tap()
    tablet.get_by_label("Wat ging goed").fill("Offline heldere presentatie")
    tablet.get_by_role("button", name="Rubric indienen").tap()
    status = tablet.locator("#outbox-status")
    expect(status).to_contain_text("Offline: 1 rubric(s) wachten")
    assert stored_rubrics(live_server) == []

    wifi.on(tablet.context)
    tablet.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status).to_contain_text("Alle rubrics zijn verstuurd", timeout=15000)
    assert stored_rubrics(live_server) == [("submitted", 1)]


def stored_rubrics(server) -> list[tuple]:
    return server.rows("SELECT status, version FROM rubric_entry WHERE went_well LIKE ?", OURS)


def test_logging_out_forgets_the_kept_pages(tablet, wifi, event_id, matches):
    log_in(tablet, wifi.url, *REFEREE)
    open_match_list(tablet, wifi.url, matches)
    match = open_match(tablet, 1)
    tablet.get_by_role("button", name="Uitloggen").click()
    tablet.wait_for_url(f"{wifi.url}/")
    kept = "caches.open('tablet-pages').then((cache) => cache.keys()).then((keys) => keys.length)"
    assert tablet.evaluate(kept) == 0

    wifi.off(tablet.context)
    tablet.goto(f"{wifi.url}/events/{event_id}/referee/matches/{match}")
    expect(tablet.get_by_role("heading", level=1)).to_have_text(
        "Deze pagina staat nog niet op deze tablet"
    )


def with_a_stale_csrf_token(route) -> None:
    page = route.fetch()
    stale = re.sub(r'data-csrf="[^"]+"', 'data-csrf="stale"', page.text())
    route.fulfill(response=page, body=stale)


@pytest.mark.parametrize("tablet", [{"service_workers": "block"}], indirect=True)
def test_a_refused_csrf_token_is_renewed_and_the_sheet_sent(
    tablet, wifi, live_server, event_id, matches
):
    log_in(tablet, wifi.url, *REFEREE)
    tablet.route(re.compile(r"/referee/matches/\d+$"), with_a_stale_csrf_token)
    answers = Counter()
    tablet.on("response", lambda response: answers.update([(response.url, response.status)]))
    tablet.goto(f"{wifi.url}{matches}")
    match = open_match(tablet, 5)
    fill_sheet(tablet, "Offline Noor")
    tablet.get_by_role("button", name="Formulier versturen").tap()
    tablet.wait_for_url(re.compile(r"/matches\?table="))
    [(_key, referee, _status)] = sheets_of_match(live_server, match)
    assert referee == "Offline Noor"
    api = f"{wifi.url}/api/v1/events/{event_id}/sheets"
    assert answers[(api, 400)] == answers[(f"{wifi.url}/api/v1/session", 200)] == 1
    assert answers[(api, 201)] == 1
