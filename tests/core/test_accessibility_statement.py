"""The accessibility statement: public, in Dutch and English, with the organisers' address."""

import pytest


def test_the_statement_is_public_and_dutch_first(client):
    html = client.get("/toegankelijkheid").get_data(as_text=True)
    assert "<h1>Toegankelijkheidsverklaring</h1>" in html
    assert "WCAG" in html
    assert "390" in html
    assert "1366" in html
    assert "320" in html
    assert "03-12-2026" in html
    assert "mailto:" not in html  # no address configured: the platform by name


def test_the_statement_in_english(client):
    client.submit("/language", {"language": "en"}, page="/")
    html = client.get("/toegankelijkheid").get_data(as_text=True)
    assert "<h1>Accessibility statement</h1>" in html
    assert "Known limitations" in html
    assert "Report a problem" in html


@pytest.mark.parametrize("config_overrides", [{"ORGANISER_EMAIL": "info@example.nl"}])
def test_a_problem_is_reported_to_the_organisers_address(client):
    html = client.get("/toegankelijkheid").get_data(as_text=True)
    assert '<a href="mailto:info@example.nl">info@example.nl</a>' in html


def test_every_page_links_to_the_statement_from_its_footer(client):
    footer = client.get("/").get_data(as_text=True).split('<footer class="site-footer">')[1]
    assert '<a href="/toegankelijkheid">Toegankelijkheidsverklaring</a>' in footer
