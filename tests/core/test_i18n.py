from datetime import UTC, datetime

import pytest
from flask_babel import force_locale

from challenges.extensions import db
from challenges.i18n import as_date, as_datetime, as_duration, as_number, as_time
from challenges.labels import download_name
from tests.factories import make_user


def test_dutch_is_the_default(client):
    html = client.get("/account/login").get_data(as_text=True)
    assert 'lang="nl"' in html
    assert "Wachtwoord" in html


def test_language_switch_is_remembered_in_a_cookie(client):
    response = client.submit("/language", {"language": "en", "next": "/account/login"}, page="/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/login"
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("language="))
    assert "Max-Age=31536000" in cookie
    html = client.get("/account/login").get_data(as_text=True)
    assert 'lang="en"' in html
    assert "Password" in html
    client.submit("/language", {"language": "nl"}, page="/")
    assert 'lang="nl"' in client.get("/").get_data(as_text=True)


def test_language_switch_ignores_unknown_languages_and_foreign_next(client):
    response = client.submit(
        "/language", {"language": "xx", "next": "https://evil.example"}, page="/"
    )
    assert response.headers["Location"] == "/"
    assert not any(h.startswith("language=") for h in response.headers.getlist("Set-Cookie"))


def test_signed_in_user_keeps_their_language_on_the_account(client):
    user = make_user(locale="nl")
    client.log_in(user.email)
    client.submit("/language", {"language": "en"}, page="/")
    db.session.refresh(user)
    assert user.locale == "en"
    client.raw.delete_cookie("language")
    assert 'lang="en"' in client.get("/dashboard").get_data(as_text=True)


def test_dates_are_dd_mm_yyyy_and_24h_in_amsterdam_time(app):
    winter = datetime(2026, 1, 24, 13, 5, tzinfo=UTC)  # 14:05 in Amsterdam (CET)
    summer = datetime(2026, 6, 2, 18, 30, tzinfo=UTC)  # 20:30 in Amsterdam (CEST)
    with app.test_request_context("/"):
        assert as_date(winter) == "24-01-2026"
        assert as_datetime(winter) == "24-01-2026 14:05"
        assert as_time(summer) == "20:30"
        assert as_datetime(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == "01-01-2027 00:30"


@pytest.mark.parametrize(
    ("minutes", "dutch", "english"),
    [
        (None, "\u2013", "\u2013"),
        (0, "0 min", "0 min"),
        (40, "40 min", "40 min"),
        (60, "1 u", "1 h"),
        (340, "5 u 40 min", "5 h 40 min"),
        (-5, "\u22125 min", "\u22125 min"),  # an overlap
        (-65, "\u22121 u 5 min", "\u22121 h 5 min"),
    ],
)
def test_lengths_of_time_read_as_hours_and_minutes(app, minutes, dutch, english):
    with app.test_request_context("/"):
        for language, expected in (("nl", dutch), ("en", english)):
            with force_locale(language):
                assert as_duration(minutes) == expected


@pytest.mark.parametrize(
    ("value", "places", "dutch", "english"),
    [
        (27.5, None, "27,5", "27.5"),
        (27, None, "27", "27"),
        (27.0, 1, "27,0", "27.0"),
        (0.8125, 2, "0,81", "0.81"),
        (1234.5, None, "1.234,5", "1,234.5"),
        (None, None, "\u2013", "\u2013"),
    ],
)
def test_numbers_are_written_as_the_reader_writes_them(app, value, places, dutch, english):
    with force_locale("nl"):
        assert as_number(value, places) == dutch
    with force_locale("en"):
        assert as_number(value, places) == english


def test_download_names_are_in_the_reader_s_language(app):
    with force_locale("nl"):
        assert download_name("schedule", "per-table", parts=("regio-delft",), suffix="pdf") == (
            "dagprogramma-per-tafel-regio-delft.pdf"
        )
        assert download_name("certificates", parts=("results", 7), suffix="pdf") == (
            "certificaten-results-7.pdf"  # an event slugged "results" stays as it is
        )
        assert download_name("stand-signs", parts=("markt",), suffix="pdf") == (
            "standbordjes-markt.pdf"
        )
    with force_locale("en"):
        assert download_name("schedule", parts=("regio-delft",), suffix="csv") == (
            "schedule-regio-delft.csv"
        )
