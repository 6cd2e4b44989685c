"""The backups page in Debian's chromium, on a phone and on a tablet: make one, download it."""

import gzip
import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, TABLET, log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["390px", "1024px"])
def test_an_organiser_makes_and_downloads_a_backup(live_server, browser, viewport):
    context = browser.new_context(viewport=viewport, locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    log_in(page, live_server, "organiser@demo.challenges.nl", "demo-organiser-2025")
    page.get_by_role("link", name="Back-ups").click()

    page.get_by_role("button", name="Nu een back-up maken").click()
    expect(page.locator(".flash-success")).to_contain_text("Back-up gemaakt")
    row = page.locator(".grants li").first
    expect(row).to_contain_text("met de hand gemaakt")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, f"backups-{viewport['width']}")

    with page.expect_download() as download:
        row.get_by_role("link", name="Downloaden").click()
    path = download.value.path()
    manifest = json.loads(gzip.decompress(path.read_bytes()).splitlines()[0])
    assert manifest["format"] == "challenges-backup"
    assert download.value.suggested_filename.endswith("Z-handmatig.jsonl.gz")
    context.close()
