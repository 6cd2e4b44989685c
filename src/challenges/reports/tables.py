"""A season's figures as titled tables: the one shape the page, the PDF and the workbook all
show, so they cannot disagree (pure apart from Babel)."""

from collections.abc import Sequence
from dataclasses import dataclass, replace

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from challenges.cells import Cell, for_funders
from challenges.reports.figures import SeasonFigures, StatusCounts
from challenges.surveys.figures import SurveyFigures

SHEETS = {  # the workbook's sheet names, by table key
    "key": _l("key figures"),
    "categories": _l("categories"),
    "schools": _l("schools"),
    "provinces": _l("provinces"),
    "finals": _l("finals"),
    "seasons": _l("seasons"),
    "evaluations": _l("evaluations"),
}


@dataclass(frozen=True)
class Table:
    key: str  # the workbook's sheet name
    title: str
    header: tuple[str, ...]
    rows: Sequence[Sequence[Cell]]

    @property
    def sheet(self) -> str:
        """The workbook's sheet name, in the reader's language."""
        return str(SHEETS[self.key])

    def for_funders(self) -> "Table":
        return Table(self.key, self.title, self.header, for_funders(self.rows))


def _status_row(label: str, counts: StatusCounts) -> list[Cell]:
    return [
        label,
        counts.total,
        counts.confirmed,
        counts.registered,
        counts.waitlisted,
        counts.withdrawn,
        counts.placed,
        counts.advanced,
        counts.pupils,
    ]


def key_figures(figures: SeasonFigures) -> Table:
    totals, schools = figures.totals, figures.schools
    rows: list[list[Cell]] = [
        [_("Teams registered"), totals.total],
        [_("Pupils reached"), totals.pupils],
        [_("Schools reached"), schools.total],
        [
            _("Teams at a regional final") if figures.robot_game else _("Teams at a semi-final"),
            totals.placed,
        ],
        [_("Tickets to the national final"), totals.advanced],
        [_("Teams at the national final"), figures.national_teams],
        [_("Visitors (estimates)"), figures.visitors],
    ]
    if figures.evaluated is not None:
        rows += [
            [_("Coaches' mark for the programme"), figures.evaluated.programme_mark],
            [_("Coaches' mark for the events"), figures.evaluated.event_mark],
        ]
    return Table("key", _("Key figures"), (_("Figure"), _("Number")), rows)


def _at_a_final(figures: SeasonFigures) -> str:
    return _("At a regional final") if figures.robot_game else _("At a semi-final")


def categories(figures: SeasonFigures) -> Table:
    header = (
        _("Category"),
        _("Registered"),
        _("Confirmed"),
        _("Not yet confirmed"),
        _("Waiting list"),
        _("Withdrawn"),
        _at_a_final(figures),
        _("Ticket to the national final"),
        _("Pupils"),
    )
    rows = [_status_row(category.name, category.counts) for category in figures.categories]
    rows.append(_status_row(_("Total"), figures.totals))
    return Table("categories", _("Teams per category"), header, rows)


def schools(figures: SeasonFigures) -> Table:
    found = figures.schools
    rows: list[list[Cell]] = [
        [_("Primary schools"), found.primary],
        [_("Secondary schools"), found.secondary],
        [_("New this season"), found.new],
        [_("Also taking part the season before"), found.returning],
        [_("Total"), found.total],
    ]
    return Table("schools", _("Schools reached"), (_("Schools"), _("Number")), rows)


def provinces(figures: SeasonFigures) -> Table:
    rows = [
        [province.name or _("Unknown"), province.teams, province.schools, province.pupils]
        for province in figures.provinces
    ]
    header = (_("Province"), _("Teams"), _("Schools"), _("Pupils"))
    return Table("provinces", _("Per province"), header, rows)


def finals(figures: SeasonFigures) -> Table:
    rows = [
        [final.name, final.teams, final.capacity, final.used, final.advanced, final.visitors]
        for final in figures.finals
    ]
    header = (
        _("Regional final") if figures.robot_game else _("Semi-final"),
        _("Teams"),
        _("Capacity"),
        _("Capacity used"),
        _("Ticket to the national final"),
        _("Visitors"),
    )
    title = _("Per regional final") if figures.robot_game else _("Per semi-final")
    return Table("finals", title, header, rows)


def history(figures: SeasonFigures) -> Table:
    rows = [
        [past.season, past.teams, past.pupils, past.schools, past.placed, past.advanced]
        for past in figures.history
    ]
    header = (
        _("Season"),
        _("Teams registered"),
        _("Pupils reached"),
        _("Schools reached"),
        _at_a_final(figures),
        _("Ticket to the national final"),
    )
    return Table("seasons", _("Compared with earlier seasons"), header, rows)


def _evaluation_row(found: SurveyFigures) -> list[Cell]:
    return [
        found.name,
        found.invited,
        found.responses,
        found.response_rate,
        found.programme_mark,
        found.event_mark,
        found.volunteers_invited,
        found.volunteers_responses,
        found.volunteers_mark,
    ]


def evaluations(figures: SeasonFigures) -> Table:
    """The surveys after the events: per event, and for the whole season."""
    rows = [_evaluation_row(found) for found in figures.evaluations]
    if figures.evaluated is not None:
        rows.append(_evaluation_row(replace(figures.evaluated, name=_("Whole season"))))
    header = (
        _("Event"),
        _("Coaches asked"),
        _("Coaches who answered"),
        _("Response"),
        _("Mark for the programme"),
        _("Mark for the event"),
        _("Volunteers asked"),
        _("Volunteers who answered"),
        _("Volunteers' mark for the organisation"),
    )
    return Table("evaluations", _("Evaluations (marks from 1 to 10)"), header, rows)


def season_tables(figures: SeasonFigures) -> list[Table]:
    makers = (key_figures, categories, schools, provinces, finals, history, evaluations)
    return [make(figures) for make in makers]
