from dataclasses import replace

from flask_babel import force_locale

from challenges.cells import MASK, Share, Withheld
from challenges.i18n import cell_text
from challenges.reports.documents import unbroken
from challenges.reports.figures import (
    CategoryFigures,
    FinalFigures,
    SeasonFigures,
    SeasonTotals,
    StatusCounts,
)
from challenges.reports.tables import season_tables

FIGURES = SeasonFigures(
    programme="Vakkanjers",
    season="2025-2026",
    theme="Circulair Festival",
    categories=[
        CategoryFigures("Junior", StatusCounts(confirmed=1200, withdrawn=3, pupils=13301)),
        CategoryFigures("Scout", StatusCounts(registered=2, pupils=8)),
    ],
    finals=[FinalFigures("Markt Noord", capacity=40, teams=3, advanced=0, visitors=250)],
    history=[SeasonTotals("2025-2026", teams=1205, pupils=13309)],
)


def test_the_tables_hold_the_figures_with_a_total_row(app):
    with app.test_request_context(), force_locale("en"):
        tables = {table.key: table for table in season_tables(FIGURES)}
        assert list(tables) == [
            "key",
            "categories",
            "schools",
            "provinces",
            "finals",
            "seasons",
            "evaluations",
        ]
        assert tables["categories"].rows[-1] == ["Total", 1205, 1200, 2, 0, 3, 0, 0, 13309]
        assert tables["key"].rows[0] == ["Teams registered", 1205]
        assert tables["finals"].rows == [["Markt Noord", 3, 40, Share(3, 40), 0, 250]]


def test_for_funders_the_small_counts_are_masked(app):
    with app.test_request_context(), force_locale("en"):
        categories, finals = [
            table.for_funders()
            for table in season_tables(FIGURES)
            if table.key in ("categories", "finals")
        ]
    assert categories.rows[0] == ["Junior", 1203, 1200, 0, 0, MASK, 0, 0, 13301]
    assert categories.rows[1] == ["Scout", MASK, 0, MASK, 0, 0, 0, 0, 8]
    assert finals.rows == [["Markt Noord", MASK, 40, Withheld(), 0, 250]]


def test_an_empty_season_gives_empty_tables_with_zero_totals(app):
    empty = SeasonFigures(programme="Vakkanjers", season="2026-2027", theme="?")
    with app.test_request_context(), force_locale("en"):
        tables = {table.key: table for table in season_tables(empty)}
    assert tables["categories"].rows == [["Total", 0, 0, 0, 0, 0, 0, 0, 0]]
    assert tables["provinces"].rows == []
    assert tables["finals"].rows == []
    assert [row[1] for row in tables["key"].rows] == [0, 0, 0, 0, 0, 0, None]


def test_numbers_are_written_the_readers_way(app):
    with app.test_request_context(), force_locale("nl"):
        assert cell_text(13301) == "13.301"
        assert cell_text(Share(6, 10)) == "60\u00a0%"
        assert cell_text(Share(5, 8)) == "63\u00a0%"
        assert cell_text(Share(6, None)) == cell_text(None)
        assert cell_text(MASK) == "< 5"
        assert cell_text(Withheld()) == "\N{EN DASH}"
        assert cell_text(Withheld(mark=True)) == "\N{EN DASH} (te weinig antwoorden)"
    with app.test_request_context(), force_locale("en"):
        assert cell_text(13301) == "13,301"
        assert cell_text(Share(6, 10)) == "60%"
        assert cell_text(Withheld(mark=True)) == "\N{EN DASH} (too few answers)"


def test_a_vakkanjers_season_speaks_of_semi_finals(app):
    with app.test_request_context(), force_locale("nl"):
        tables = season_tables(replace(FIGURES, robot_game=False))
        words = " ".join(
            [table.title for table in tables]
            + [text for table in tables for text in table.header]
            + [str(row[0]) for table in tables for row in table.rows]
        )
    assert "Per halve finale" in words
    assert "Op een halve finale" in words
    assert "Teams op een halve finale" in words
    assert "regiofinale" not in words.lower()


def test_a_season_keeps_its_hyphen_on_one_line_in_the_pdf():
    assert unbroken("2024-2025") == "2024\N{NON-BREAKING HYPHEN}2025"
    assert unbroken("Zuid-Holland") == "Zuid-Holland"  # a word may still break at its hyphen
