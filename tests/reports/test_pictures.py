import io
import re

import pytest
from flask_babel import force_locale
from reportlab.graphics import renderPDF

from challenges.cells import MASK
from challenges.registration.forms import PROVINCES
from challenges.reports.charts import (
    finals_against_capacity,
    season_pictures,
    short_labels,
    teams_per_category,
)
from challenges.reports.maps import NONE, SHADES, outlines, province_key, province_map
from challenges.reports.pictures import Area, Box, Picture, Text, drawing, svg
from challenges.reports.tables import Table, season_tables
from tests.reports.test_tables import FIGURES

CATEGORIES = Table(
    "categories",
    "Teams per category",
    ("Category", "Registered", "Confirmed", "Open", "Waiting", "Withdrawn"),
    [["Junior", 30, 20, 6, MASK, MASK], ["Scout", 10, 10, 0, 0, 0], ["Total", 40, 30, 6, 4, 0]],
)
PROVINCE_TABLE = Table(
    "provinces",
    "Per province",
    ("Province", "Teams", "Schools", "Pupils"),
    [["Utrecht", 40, 12, 300], ["Fryslân", MASK, MASK, 9], ["Unknown", 7, 3, 30]],
)


def boxes(picture: Picture) -> list[Box]:
    return [shape for shape in picture.shapes if isinstance(shape, Box)]


def texts(picture: Picture) -> list[str]:
    return [shape.text for shape in picture.shapes if isinstance(shape, Text)]


def test_the_svg_obeys_the_content_security_policy_and_names_its_table():
    picture = Picture(
        "Teams <b>",
        100,
        50,
        [
            Box(0, 0, 10, 10, "#123456"),
            Text(5, 5, "A & B"),
            Area([[(0, 0), (5, 5), (0, 5)]], "#fff", "#000", "Utrecht: 3"),
        ],
    )
    markup = str(svg(picture, "table-categories"))
    assert "style" not in markup  # blocked in inline SVG by style-src 'self'
    assert 'aria-describedby="table-categories"' in markup
    assert 'role="img"' in markup
    assert "<title>Teams &lt;b&gt;</title>" in markup
    assert "A &amp; B" in markup
    assert 'fill="#123456"' in markup
    assert "<title>Utrecht: 3</title>" in markup


def test_bars_are_as_long_as_their_counts_and_a_masked_count_draws_none(app):
    with app.test_request_context():
        chart = teams_per_category(CATEGORIES)
    widths = [box.width for box in boxes(chart) if box.height == 18]
    assert len(widths) == 3  # Junior: confirmed and open; Scout: confirmed; no masked parts
    assert widths[0] == pytest.approx(2 * widths[2])  # 20 confirmed against 10
    assert widths[1] == pytest.approx(widths[0] * 6 / 20)
    assert {"Junior", "Scout", "30", "10"} <= set(texts(chart))
    assert "Total" not in texts(chart)


def test_the_legend_names_only_the_statuses_the_bars_draw(app):
    # For funders a status of 1-4 teams is masked and draws no bar (the PDF of the demo:
    # every bar confirmed only): its legend entry would name a colour found nowhere
    with app.test_request_context():
        chart = teams_per_category(CATEGORIES)
    assert "Confirmed" in texts(chart)
    assert "Open" in texts(chart)
    assert "Waiting" not in texts(chart)
    assert "Withdrawn" not in texts(chart)


def test_a_final_s_bar_stands_before_its_capacity(app):
    table = Table(
        "finals",
        "Per regional final",
        ("Final", "Teams", "Capacity", "Used", "Tickets", "Visitors"),
        [["Noord", 12, 24, None, 2, None], ["Zuid", 5, None, None, 0, None]],
    )
    with app.test_request_context():
        chart = finals_against_capacity(table)
    bars = [box for box in boxes(chart) if box.height == 18]
    assert bars[0].width == pytest.approx(2 * bars[1].width)  # capacity 24, then 12 teams
    assert "12 / 24" in texts(chart)
    assert "5" in texts(chart)


def test_every_province_of_the_app_has_an_outline():
    assert sorted(outlines()) == sorted(PROVINCES)
    for rings in outlines().values():
        for ring in rings:
            assert len(ring) >= 4
            assert all(0 <= x <= 300 and 0 <= y <= 400 for x, y in ring)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Fryslân", "friesland"),
        ("FRIESLAND", "friesland"),
        ("Noord Brabant", "noord-brabant"),
        (" noord-holland ", "noord-holland"),
    ],
)
def test_province_names_are_matched_as_people_write_them(name, key):
    assert province_key(name) == key


def test_the_map_shades_each_province_by_the_table_s_cell(app):
    picture = province_map(PROVINCE_TABLE, 1, "Teams per province")
    fills = {
        shape.hint.split(":")[0]: shape.fill for shape in picture.shapes if isinstance(shape, Area)
    }
    assert len(fills) == 12
    assert fills["Utrecht"] == SHADES[-1]  # the largest count
    assert fills["Friesland"] == SHADES[0]  # masked: the class "< 5"
    assert fills["Zeeland"] == NONE
    legend = texts(picture)
    assert MASK in legend
    assert "Teams" in legend
    assert any(re.fullmatch(r"\d+\N{EN DASH}40", text) for text in legend)


def test_the_organisers_map_names_its_smallest_class_exactly(app):
    # The organisers' page shows every count: its legend says 1-4, not "< 5"
    exact = Table(
        "provinces",
        "Per province",
        PROVINCE_TABLE.header,
        [["Utrecht", 40, 12, 300], ["Fryslân", 3, 2, 9]],
    )
    with app.test_request_context():
        picture = province_map(exact, 1, "Teams per province")
    legend = texts(picture)
    assert MASK not in legend
    assert "1\N{EN DASH}4" in legend
    assert "Friesland: 3" in [shape.hint for shape in picture.shapes if isinstance(shape, Area)]


def test_the_pictures_draw_in_the_pdf(app):
    with app.test_request_context(), force_locale("en"):
        pictures = season_pictures(season_tables(FIGURES), by_schools=True)
    assert [picture.title for picture in pictures["provinces"]] == ["Schools per province"]
    for found in pictures.values():
        for picture in found:
            out = io.BytesIO()
            renderPDF.drawToFile(drawing(picture, 300), out)
            assert out.getvalue().startswith(b"%PDF")


def test_each_chart_on_the_page_names_the_table_with_its_numbers(client, reports):
    client.log_in(reports.organiser_email)
    url = f"/admin/reports/seasons/{reports.season.id}"
    html = client.get(url).text
    described = re.findall(r'<svg [^>]*aria-describedby="([^"]+)"', html)
    assert described == [
        "table-categories",
        "table-provinces",
        "table-finals",
        "table-seasons",
        "table-seasons",
    ]
    for table_id in set(described):
        assert f'<table id="{table_id}"' in html
    assert "<title>Teams per provincie</title>" in html
    assert "<title>Utrecht: 9</title>" in html  # the organiser sees every count
    assert "style=" not in html.split("<svg", 1)[1]


@pytest.mark.parametrize(
    ("shading", "title"), [("schools", "Scholen per provincie"), ("<x>", "Teams per provincie")]
)
def test_the_map_is_shaded_by_teams_or_schools(client, reports, shading, title):
    client.log_in(reports.organiser_email)
    response = client.get(
        f"/admin/reports/seasons/{reports.season.id}", query_string={"map": shading}
    )
    assert response.status_code == 200
    assert f"<title>{title}</title>" in response.text


@pytest.mark.parametrize(
    ("labels", "shown"),
    [
        (["Vakkanjers Markt Zwolle", "Vakkanjers Markt Rotterdam"], ["Zwolle", "Rotterdam"]),
        (["Regiofinale Delft", "Regiofinale Den Haag"], ["Delft", "Den Haag"]),
        (["Regiofinale Delft", "Landelijke finale"], ["Regiofinale Delft", "Landelijke finale"]),
        (["Markt Utrecht", "Markt"], ["Markt Utrecht", "Markt"]),  # a label keeps a word
        (["Regiofinale Utrecht"], ["Regiofinale Utrecht"]),  # one bar: nothing in common
        (["Vakkanjers Markt Utrecht Centrum"], ["Vakkanjers…cht Centrum"]),  # both ends
        (["2024-2025", "2025-2026"], ["2024-2025", "2025-2026"]),
    ],
)
def test_chart_labels_drop_their_common_words_and_lose_their_middle_when_too_long(labels, shown):
    assert short_labels(labels) == shown
