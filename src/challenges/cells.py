"""A figure's cell as it leaves the app (pure: plain data in, plain data out).

Counts of 1 to 4 could point at a single school, team or person, so outside the organisers'
own pages they are shown as "< 5" (`for_funders`); 0 says nothing about anyone and stays 0. The
season report and the survey pages share these rules.
"""

from collections.abc import Sequence
from dataclasses import dataclass

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


NO_MARK = Mean(None, 0)  # nobody gave a mark

Cell = int | str | Share | Mean | Withheld | None


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
