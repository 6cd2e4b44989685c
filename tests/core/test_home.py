"""The home page: where registration stands per programme, upcoming finals apart from past ones."""

import re
from datetime import UTC, datetime, timedelta

import time_machine

from challenges.database import utcnow
from challenges.extensions import db
from challenges.seasons.services import to_amsterdam
from tests.factories import make_event, make_open_season

NOON = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)  # FLL season 2026-2027 is running


def sections(html: str) -> dict[str, str]:
    """The home page's parts by their heading's id, dates read as plain text (a date keeps
    together with non-breaking hyphens, in a <time> element)."""
    html = re.sub(r"</?time[^>]*>", "", html).replace("\u2011", "-")
    parts = {}
    for name in ("registration", "upcoming", "past"):
        start = html.find(f'id="{name}-heading"')
        parts[name] = html[start : html.find("</section>", start)] if start >= 0 else ""
    return parts


def test_the_demo_home_page_says_where_registration_stands_and_what_is_ahead(runner, client):
    with time_machine.travel(NOON, tick=False):
        runner.invoke(args=["seed", "demo"])
        html = client.get("/").get_data(as_text=True)
    page = sections(html)
    registration = page["registration"]
    fll, vakkanjers = registration.split("Vakkanjers</h3>")
    assert "FIRST LEGO League Challenge" in fll
    assert "2026-2027 · BIOGLOW" in fll
    assert "Aanmelden kan t/m 15-01-2027." in fll
    assert '<time datetime="2027-01-15">' in html
    assert "/teams/register/" in fll
    assert "2026-2027 · Koele Klas" in vakkanjers  # the demo's running Vakkanjers season
    assert "Aanmelden kan t/m 31-01-2027." in vakkanjers
    assert "/teams/register/" in vakkanjers

    upcoming, past = page["upcoming"], page["past"]
    assert upcoming.index("16-01-2027") < upcoming.index("13-02-2027")
    assert "Regiofinale Nijmegen" in upcoming
    assert "Landelijke finale FLL Challenge" in upcoming
    assert upcoming.index("Regiofinale Nijmegen") < upcoming.index("Vakkanjers Markt Utrecht")
    assert "/results" not in upcoming
    assert "2025-2026" not in upcoming
    assert "2026-2027" not in past
    assert past.index("Landelijke finale Vakkanjers") < past.index("Regiofinale Eindhoven")
    assert 'href="/events/fll-2025-regio-groningen/results"' in past
    assert 'href="/events/fll-2025-regio-groningen/scoreboard"' in past
    assert 'href="/events/vk-2025-markt-zwolle/results"' in past
    assert "/events/vk-2025-markt-zwolle/scoreboard" not in past  # no Robot Game


def test_a_season_not_open_yet_says_when_it_opens_in_english(client):
    season = make_open_season()
    season.registration_opens_at = utcnow() + timedelta(days=10)
    db.session.commit()
    opens = to_amsterdam(season.registration_opens_at)
    page = client.get("/?lang=en").get_data(as_text=True)
    registration = sections(page)["registration"]
    assert f"Registration opens on {opens:%d-%m-%Y}." in registration
    assert "Register a team" not in registration


def test_open_registration_in_english_and_an_event_today_is_upcoming(client):
    season = make_open_season()
    event = make_event(season, name="Regiofinale Vandaag")
    event.starts_on = to_amsterdam(utcnow()).date()
    db.session.commit()
    page = sections(client.get("/?lang=en").get_data(as_text=True))
    assert "Registration is open up to and including" in page["registration"]
    assert "Register a team" in page["registration"]
    assert "Regiofinale Vandaag" in page["upcoming"]
    assert page["past"] == ""


def test_without_published_finals_or_seasons(client):
    page = client.get("/").get_data(as_text=True)
    assert "Er zijn nog geen komende finales gepubliceerd." in page
    assert sections(page)["registration"] == ""
    assert sections(page)["past"] == ""
