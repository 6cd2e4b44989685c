"""The audience screen on a 1920x1080 projector with sixty teams, and the phone scoreboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TABLET, log_in, page_without_errors, screenshot, serving
from tests.browser.full_house import FullHouse, build_full_house
from tests.browser.keyboard import assert_focus_seen, tab_to
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

FULL_HD = {"width": 1920, "height": 1080}


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """A server of this module's own: its 60 extra teams and schools must not show up in the
    other browser tests' counts and searches."""
    with serving(tmp_path_factory.mktemp("hall")) as url:
        yield url


@pytest.fixture(scope="module")
def full_house(live_server) -> FullHouse:
    return build_full_house(live_server.database_url)


@pytest.fixture
def projector(browser):
    with page_without_errors(browser, viewport=FULL_HD, locale="nl-NL") as page:
        yield page


def open_screen(page, server: str, house: FullHouse) -> None:
    page.goto(f"{server}/events/{house.slug}/scoreboard/screen")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Robot Game · {house.name}")


def shown_teams(page) -> list[str]:
    return page.locator("#standings tbody tr:visible .team-name").all_inner_texts()


def test_sixty_teams_fill_the_projector_page_by_page(projector, live_server, full_house):
    open_screen(projector, live_server, full_house)
    expect(projector.locator(".site-header, .site-footer, nav")).to_have_count(0)
    indicator = projector.locator("#screen-page")
    expect(indicator).to_have_text(re.compile(r"^1/\d+$"))
    # paused, so that the timer turns no page while the rows are measured and read
    projector.get_by_role("button", name="Pauzeren").click()
    expect(projector.get_by_role("button", name="Doorgaan")).to_be_visible()
    pages = int(indicator.inner_text().split("/")[1])
    assert 3 <= pages <= 6  # 10 to 20 rows a page: big, and a round of pages within a minute
    row_font = projector.locator("#standings tbody td.team").first.evaluate(
        "cell => parseFloat(getComputedStyle(cell).fontSize)"
    )
    assert row_font >= 36  # px on 1080 lines: legible from the back of a hall
    assert projector.evaluate("document.scrollingElement.scrollHeight") <= FULL_HD["height"]
    last_row = projector.locator("#standings tbody tr:visible").last.bounding_box()
    bar = projector.locator(".screen-bar").bounding_box()
    assert last_row["y"] + last_row["height"] <= bar["y"]
    screenshot(projector, "audience-screen-1920x1080-60-teams")

    first = int(indicator.inner_text().split("/")[0])
    seen = []
    for turned in range(pages):
        expect(indicator).to_have_text(f"{(first - 1 + turned) % pages + 1}/{pages}")
        seen += shown_teams(projector)
        projector.keyboard.press("ArrowRight")
    expect(indicator).to_have_text(f"{first}/{pages}")
    assert len(seen) == 60
    assert len(set(seen)) == 60


def test_the_pause_button_and_the_space_bar_stop_and_start_the_pages(
    projector, live_server, full_house
):
    open_screen(projector, live_server, full_house)
    pause = projector.locator("#screen-pause")
    expect(pause).to_contain_text("Pauzeren")
    pause.click()
    expect(pause).to_contain_text("Doorgaan")
    projector.evaluate("document.activeElement.blur()")
    projector.keyboard.press("Space")
    expect(pause).to_contain_text("Pauzeren")
    expect(projector.locator("#screen-page")).to_have_text(re.compile(r"^2/"), timeout=15000)


def test_a_verified_score_reaches_the_screen_within_five_seconds_without_a_reload(
    projector, browser, live_server, full_house
):
    open_screen(projector, live_server, full_house)
    projector.locator("#screen-pause").click()
    navigations = []
    projector.on("framenavigated", lambda frame: navigations.append(frame.url))
    projector.evaluate("window.sameDocument = true")
    top = projector.locator("#standings tbody tr").first
    expect(top).not_to_contain_text(full_house.newcomer)

    desk_context = browser.new_context(viewport=TABLET, locale="nl-NL")
    desk = desk_context.new_page()
    log_in(desk, live_server, full_house.head_referee, PASSWORD)
    desk.goto(f"{live_server}/events/{full_house.event_id}/head-referee")
    waiting = desk.locator(".sheet-row", has_text=full_house.newcomer)
    expect(waiting).to_contain_text(str(full_house.newcomer_score))
    waiting.get_by_role("button", name="Goedkeuren").click()
    expect(desk.locator(".flash-success")).to_contain_text("goedgekeurd")
    desk_context.close()

    expect(top).to_contain_text(full_house.newcomer, timeout=5000)
    expect(top.locator("td.best")).to_have_text(str(full_house.newcomer_score))
    expect(top).to_have_class(re.compile(r"\bchanged\b"))
    expect(projector.locator("#screen-page")).to_have_text(re.compile(r"^1/"))
    assert projector.evaluate("window.sameDocument") is True
    assert navigations == []


class ProxyCache:
    """Between the screen and the server, as nginx's micro-cache is: the first poll gets the
    server's answer as it was, later polls get the cache's copy with a weak ETag (nginx
    weakens a strong one when it compresses): now a 304, then a 200 with the same ETag."""

    def __init__(self) -> None:
        self.board: dict | None = None
        self.etag = ""
        self.answered = 0

    def answer(self, route) -> None:
        self.answered += 1
        if self.board is None:
            response = route.fetch()
            self.board, self.etag = response.json(), response.headers["etag"]
            route.fulfill(response=response)
            return
        weak = self.etag if self.etag.startswith("W/") else f"W/{self.etag}"
        headers = {"ETag": weak, "Cache-Control": "public, max-age=5"}
        sent = route.request.headers.get("if-none-match", "")
        if sent.removeprefix("W/") == weak.removeprefix("W/") and self.answered % 2:
            route.fulfill(status=304, headers=headers)
        else:
            route.fulfill(status=200, json=self.board, headers=headers)


def test_through_a_proxy_cache_a_same_etag_is_unchanged_and_a_new_one_is_shown(
    projector, live_server, full_house
):
    proxy = ProxyCache()
    projector.route("**/api/v1/events/*/scoreboard", proxy.answer)
    open_screen(projector, live_server, full_house)
    drawn = projector.locator("#standings tbody tr[data-team]")
    expect(drawn.first).to_be_attached()  # the board from the proxy replaced the page's rows
    projector.locator("#screen-pause").click()
    drawn.first.evaluate("row => (row.dataset.kept = 'yes')")
    for _poll in range(2):  # a 304, then a 200 with the same ETag
        with projector.expect_response("**/api/v1/events/*/scoreboard"):
            pass
    expect(projector.locator("#standings tbody tr[data-kept]")).to_have_count(1)  # not redrawn

    leader = proxy.board["teams"][0]
    proxy.board = proxy.board | {"teams": [leader | {"scores": [999, None, None], "best": 999}]}
    proxy.etag = '"a-newer-board"'
    expect(projector.locator("#standings tbody tr").first.locator("td.best")).to_have_text(
        "999", timeout=5000
    )
    expect(projector.locator("#standings tbody tr")).to_have_count(1)


def test_without_javascript_every_team_is_listed_and_the_page_scrolls(
    browser, live_server, full_house
):
    context = browser.new_context(viewport=FULL_HD, java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    open_screen(page, live_server, full_house)
    assert len(shown_teams(page)) == 60
    expect(page.locator("#screen-pause")).to_be_hidden()
    assert page.evaluate("document.scrollingElement.scrollHeight") > FULL_HD["height"]
    context.close()


def test_a_phone_shows_rank_team_and_best_score_without_sideways_scrolling(
    phone, live_server, full_house
):
    phone.goto(f"{live_server}/events/{full_house.slug}/scoreboard")
    table = phone.locator("#standings")
    expect(table.locator("tbody tr").first.locator("td.best")).to_be_visible()
    expect(table.locator("th.round").first).to_be_hidden()
    expect(table.locator(".round-line").first).to_contain_text("R1")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390
    wrap = phone.locator(".table-wrap").evaluate("wrap => [wrap.scrollWidth, wrap.clientWidth]")
    assert wrap[0] <= wrap[1]
    screenshot(phone, "phone-scoreboard-390-60-teams")


def test_a_tablet_shows_the_full_table(browser, live_server, full_house):
    context = browser.new_context(viewport=TABLET, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server}/events/{full_house.slug}/scoreboard")
    expect(page.locator("#standings th.round")).to_have_count(3)
    expect(page.locator("#standings th.round").first).to_be_visible()
    expect(page.locator("#standings .round-line").first).to_be_hidden()
    wrap = page.locator(".table-wrap").evaluate("wrap => [wrap.scrollWidth, wrap.clientWidth]")
    assert wrap[0] <= wrap[1]
    context.close()


def test_the_pause_button_is_reached_and_worked_with_the_keyboard(
    projector, live_server, full_house
):
    open_screen(projector, live_server, full_house)
    pause = projector.locator("#screen-pause")
    expect(pause).to_have_accessible_name(re.compile("^Pauzeren"))
    screenshot(projector, "audience-screen-1920x1080-60-teams-paging")
    tab_to(projector, pause)
    projector.keyboard.press("Space")  # on the button: one press, one toggle
    expect(pause).to_have_accessible_name(re.compile("^Doorgaan"))
    expect(projector.locator(".screen")).to_have_class(re.compile(r"\bpaused\b"))
    assert_focus_seen(projector)
    screenshot(projector, "audience-screen-1920x1080-60-teams-paused")
    projector.keyboard.press("Enter")
    expect(pause).to_contain_text("Pauzeren")
