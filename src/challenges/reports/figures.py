"""A season's figures and how they may leave the app (pure: plain data in, plain data out).

Only counts are kept here, never a team or a pupil. Counts of 1 to 4 could point at a
single school or team, so outside the organisers' own pages they are shown as "< 5"
(`for_funders`); 0 says nothing about anyone and stays 0.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

SMALL_COUNT = 5
MASK = "< 5"


def masked(count: int) -> int | str:
    """A count as it may leave the app: 1-4 become "< 5"."""
    return MASK if 0 < count < SMALL_COUNT else count


@dataclass(frozen=True)
class Share:
    """`part` of `whole` as a percentage (capacity used); no whole, no percentage."""

    part: int
    whole: int | None

    @property
    def percent(self) -> int | None:
        """Rounded half up, as the marks are (5 of 8 is 63)."""
        return (200 * self.part + self.whole) // (2 * self.whole) if self.whole else None


@dataclass(frozen=True)
class Mean:
    """An average mark (1-10, one decimal) of `count` answers; None: nobody gave one. The
    average of one to four answers could be someone's own mark: masked with the count."""

    value: float | None
    count: int


@dataclass(frozen=True)
class Withheld:
    """A percentage or an average mark of a masked count, as it leaves the app: not shown
    (written as a dash; a mark with "too few answers", so nobody reads "< 5" as a failing
    mark)."""

    mark: bool = False


Cell = int | str | Share | Mean | Withheld | None


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
class EvaluationFigures:
    """The evaluations of one event, or of the whole season: who was asked, who answered,
    and their average marks."""

    name: str
    invited: int = 0  # coaches
    responses: int = 0
    programme: Mean = Mean(None, 0)  # the coaches' mark for the programme
    event: Mean = Mean(None, 0)  # the coaches' mark for the event
    volunteers_invited: int = 0
    volunteers_responses: int = 0
    organisation: Mean = Mean(None, 0)  # the volunteers' mark for the event's organisation

    @property
    def response_rate(self) -> Share:
        return Share(self.responses, self.invited)


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
    evaluations: Sequence[EvaluationFigures] = ()  # per event whose survey was sent
    evaluated: EvaluationFigures | None = None  # the whole season; None: no survey sent

    @property
    def totals(self) -> StatusCounts:
        return sum((category.counts for category in self.categories), StatusCounts())


def for_funders(rows: Sequence[Sequence[Cell]]) -> list[list[Cell]]:
    """The rows with every small count masked, and a percentage of a masked count too."""
    return [[funders_cell(cell) for cell in row] for row in rows]


def funders_cell(cell: Cell) -> Cell:
    """One cell as it may leave the app: a count of 1-4 as "< 5", a percentage or an average
    mark of 1-4 `Withheld` (the same rule for the report and the survey pages)."""
    if isinstance(cell, bool) or not isinstance(cell, int | Share | Mean):
        return cell
    if isinstance(cell, Share):
        hidden = cell.percent is not None and masked(cell.part) == MASK
        return Withheld() if hidden else cell
    if isinstance(cell, Mean):
        hidden = cell.value is not None and masked(cell.count) == MASK
        return Withheld(mark=True) if hidden else cell
    return masked(cell)


def bar_value(cell: Cell) -> int:
    """The height of a chart's bar: a masked or missing count draws no bar."""
    return cell if isinstance(cell, int) and not isinstance(cell, bool) else 0
