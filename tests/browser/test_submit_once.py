"""static/js/submit-once.js in Debian's chromium, on pages served by the test itself."""

import os
import shutil
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM_FLAGS, REPO

pytestmark = pytest.mark.browser

SCRIPT = REPO / "static/js/submit-once.js"
SITE = "http://forms.test"
FORMS = """<!doctype html>
<html><head><script type="module" src="/submit-once.js"></script></head><body>
<form id="bulk" method="post" action="/sent" data-submit-once>
  <label>Team <input name="team" value="7"></label>
  <button name="action" value="confirm">Confirm</button>
  <button name="action" value="waitlist">Waiting list</button>
  <button disabled>Closed</button>
</form>
<form id="required" method="post" action="/sent" data-submit-once>
  <label>Reason <input name="reason" required></label>
  <button>Withdraw</button>
</form>
<form id="checked" method="post" action="/sent" data-submit-once>
  <label>Name <input name="name"></label>
  <button>Send</button>
</form>
<script>
  // A page's own check that stops the submission, as a validating script would.
  document.querySelector("#checked").addEventListener("submit", (event) => {
    if (!event.target.elements.name.value) event.preventDefault();
  });
</script>
</body></html>"""


@pytest.fixture(scope="module")
def chromium(browser):
    """Another chromium of the same Playwright, with the back-forward cache that people's
    browsers have (Playwright turns it off)."""
    with_cache = browser.browser_type.launch(
        executable_path=os.environ.get("CHALLENGES_CHROMIUM") or shutil.which("chromium"),
        args=CHROMIUM_FLAGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    yield with_cache
    with_cache.close()


class Site:
    """The test page and the script. A form is answered with 204 No Content, so the browser
    stays on the page as it is while a slow answer is on its way; or with a page."""

    def __init__(self, page) -> None:
        self.page = page
        self.sent: list[dict] = []
        self.answer_with_a_page = False
        page.route(f"{SITE}/**", self.serve)

    def serve(self, route) -> None:
        request = route.request
        if request.method == "POST":
            self.sent.append(parse_qs(request.post_data or ""))
            if self.answer_with_a_page:
                route.fulfill(body="<p>Sent</p>", content_type="text/html")
            else:
                route.fulfill(status=204)
        elif request.url.endswith("/submit-once.js"):
            route.fulfill(body=SCRIPT.read_text(), content_type="text/javascript")
        else:
            route.fulfill(body=FORMS, content_type="text/html")

    def submissions(self) -> list[bool]:
        """For each submit event so far: whether it went ahead (seen after the script's own)."""
        return self.page.evaluate("window.submissions")


@pytest.fixture
def site(chromium):
    context = chromium.new_context(locale="nl-NL")
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    site = Site(page)
    page.goto(f"{SITE}/forms")
    page.evaluate(
        """window.submissions = [];
        addEventListener("submit", (event) => submissions.push(!event.defaultPrevented))"""
    )
    yield site
    context.close()
    assert problems == []


def test_a_second_tap_sends_nothing_and_the_tapped_button_is_sent(site):
    form = site.page.locator("#bulk")
    (form.get_by_role("button", name="Confirm")).click()
    expect(form.get_by_role("button", name="Confirm")).to_be_disabled()
    expect(form.get_by_role("button", name="Waiting list")).to_be_disabled()
    form.evaluate("form => form.requestSubmit()")  # Enter in a field, or a tap on another button
    assert site.submissions() == [True, False]
    assert site.sent == [{"team": ["7"], "action": ["confirm"]}]


def test_a_form_the_browser_refuses_stays_usable(site):
    form = site.page.locator("#required")
    (form.get_by_role("button", name="Withdraw"))  # the reason is required
    expect(form.get_by_role("button", name="Withdraw")).to_be_enabled()
    form.get_by_label("Reason").fill("Ziek")
    (form.get_by_role("button", name="Withdraw")).click()
    expect(form.get_by_role("button", name="Withdraw")).to_be_disabled()
    assert site.sent == [{"reason": ["Ziek"]}]


def test_a_form_its_own_script_stops_stays_usable(site):
    form = site.page.locator("#checked")
    (form.get_by_role("button", name="Send")).click()
    expect(form.get_by_role("button", name="Send")).to_be_enabled()
    assert site.sent == []
    form.get_by_label("Name").fill("Glow Bots")
    (form.get_by_role("button", name="Send")).click()
    expect(form.get_by_role("button", name="Send")).to_be_disabled()
    assert site.sent == [{"name": ["Glow Bots"]}]


def test_back_to_the_page_the_form_can_be_sent_again(site):
    site.answer_with_a_page = True
    form = site.page.locator("#bulk")
    form.get_by_role("button", name="Confirm").click()
    expect(site.page.get_by_text("Sent")).to_be_visible()
    site.page.go_back(wait_until="commit")  # a page from the back-forward cache loads no more
    expect(form.get_by_role("button", name="Confirm")).to_be_enabled()
    assert site.submissions() == [True]  # the page as it was left, not loaded again
    expect(form.get_by_role("button", name="Closed")).to_be_disabled()
    form.get_by_role("button", name="Waiting list").click()
    expect(site.page.get_by_text("Sent")).to_be_visible()
    assert [sent["action"] for sent in site.sent] == [["confirm"], ["waitlist"]]
