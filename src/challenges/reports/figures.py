"""A season's figures and how they may leave the app (pure: plain data in, plain data out).

Only counts are kept here, never a team or a pupil; how they may leave the app (counts of 1 to
4 masked) is `challenges.cells`.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from challenges.cells import Cell, Share
from challenges.surveys.figures import SurveyFigures


@dataclass(frozen=True)
class StatusCounts:
    """Teams of one category (or all) by registration status, and where they got to."""

    registered: int = 0
    confirmed: int = 0
    waitlisted: int = 0
    withdrawn: int = 0
    placed: int = 0  # at a regional final (a Vakkanjers semi-final)
    advanced: int = 0  # a ticket to the national final that was not declined
    pupils: int = 0  # in teams that did not withdraw

    @property
    def total(self) -> int:
        return self.registered + self.confirmed + self.waitlisted + self.withdrawn

    def __add__(self, other: "StatusCounts") -> "StatusCounts":
        return StatusCounts(
            *(getattr(self, name) + getattr(other, name) for name in self.__dataclass_fields__)
        )


@dataclass(frozen=True)
class CategoryFigures:
    name: str
    counts: StatusCounts


@dataclass(frozen=True)
class SchoolFigures:
    primary: int = 0
    secondary: int = 0
    returning: int | None = None  # None: no previous season to compare with

    @property
    def total(self) -> int:
        return self.primary + self.secondary

    @property
    def new(self) -> int | None:
        return None if self.returning is None else self.total - self.returning


@dataclass(frozen=True)
class ProvinceFigures:
    name: str | None  # None: the school's province is not known
    teams: int
    schools: int
    pupils: int


@dataclass(frozen=True)
class FinalFigures:
    name: str
    capacity: int | None
    teams: int
    advanced: int
    visitors: int | None = None  # the event manager's estimate; None: not known

    @property
    def used(self) -> Share:
        return Share(self.teams, self.capacity)


@dataclass(frozen=True)
class SeasonTotals:
    """One season's headline figures, for the comparison with earlier seasons."""

    season: str
    teams: int = 0  # registered, withdrawn ones included
    pupils: int = 0
    schools: int = 0
    placed: int = 0
    advanced: int = 0


@dataclass(frozen=True)
class SeasonFigures:
    programme: str
    season: str
    theme: str
    robot_game: bool = True  # FLL; Vakkanjers speaks of semi-finals (its Markten)
    categories: Sequence[CategoryFigures] = ()
    schools: SchoolFigures = SchoolFigures()
    provinces: Sequence[ProvinceFigures] = ()
    finals: Sequence[FinalFigures] = ()
    national_teams: int = 0
    visitors: int | None = None  # all the season's events whose visitors are known
    history: Sequence[SeasonTotals] = field(default_factory=tuple)  # oldest first
    evaluations: Sequence[SurveyFigures] = ()  # per event whose survey was sent
    evaluated: SurveyFigures | None = None  # the whole season; None: no survey sent

    @property
    def totals(self) -> StatusCounts:
        return sum((category.counts for category in self.categories), StatusCounts())


def bar_value(cell: Cell) -> int:
    """The height of a chart's bar: a masked or missing count draws no bar."""
    return cell if isinstance(cell, int) and not isinstance(cell, bool) else 0
