from challenges.cells import Mean
from challenges.reports.figures import (
    FinalFigures,
    ProvinceFigures,
    SchoolFigures,
    SeasonTotals,
    StatusCounts,
)
from challenges.reports.services import season_figures
from challenges.surveys.figures import SurveyFigures
from tests.factories import make_season


def test_the_season_in_counts(reports):
    figures = season_figures(reports.season)
    challenge, explore = figures.categories
    assert (challenge.name, explore.name) == ("Challenge", "Explore")
    assert challenge.counts == StatusCounts(
        registered=2, confirmed=7, waitlisted=1, withdrawn=3, placed=7, advanced=2, pupils=49
    )
    assert explore.counts == StatusCounts(confirmed=1, pupils=3)
    assert figures.totals.total == 14
    assert figures.totals.pupils == 52
    # The school with only a withdrawn team is not reached; the one whose only team last
    # season withdrew is new.
    assert figures.schools == SchoolFigures(primary=1, secondary=2, returning=1)
    assert figures.schools.new == 2
    assert figures.provinces == [
        ProvinceFigures("Limburg", teams=1, schools=1, pupils=6),
        ProvinceFigures("Utrecht", teams=9, schools=2, pupils=43),
        ProvinceFigures("Zeeland", teams=1, schools=0, pupils=3),
    ]
    assert figures.finals == [
        FinalFigures("Noord", capacity=10, teams=6, advanced=2),
        FinalFigures("Zuid", capacity=None, teams=1, advanced=0),
    ]
    assert figures.finals[0].used.percent == 60
    assert figures.finals[1].used.percent is None
    assert figures.national_teams == 2
    assert figures.visitors is None  # no event manager entered any
    assert figures.history == [
        SeasonTotals("2024-2025", teams=7, pupils=30, schools=1),
        SeasonTotals("2025-2026", teams=14, pupils=52, schools=3, placed=7, advanced=2),
    ]
    assert figures.evaluations == (SurveyFigures("Noord", 8, 6, 7.5, 8.5, 2, 2, 8.5),)
    assert figures.evaluated == SurveyFigures("2025-2026", 8, 6, 7.5, 8.5, 2, 2, 8.5)
    assert figures.evaluated.programme_mark == Mean(7.5, 6)
    assert figures.evaluated.volunteers_mark == Mean(8.5, 2)


def test_the_previous_season_has_no_season_to_compare_with(reports):
    figures = season_figures(reports.previous)
    assert figures.schools == SchoolFigures(primary=1, secondary=0, returning=None)
    assert figures.schools.new is None
    assert [past.season for past in figures.history] == ["2024-2025"]


def test_an_empty_season(app):
    figures = season_figures(make_season())
    assert figures.categories == []
    assert figures.totals == StatusCounts()
    assert figures.schools == SchoolFigures()
    assert figures.provinces == []
    assert figures.finals == []
    assert figures.national_teams == 0
    assert figures.history == [SeasonTotals("2025-2026")]
    assert figures.evaluations == ()
    assert figures.evaluated is None
