"""The evaluations' figures and rules (pure: plain data in, plain data out).

A survey opens after its event, takes answers until it closes, and reminds once. Figures are
counts and averages only: never a person, a team or a school.
"""

from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from challenges.cells import Mean, Share

OPEN_FOR = timedelta(weeks=3)  # from the event's day to the survey's last day
OPEN_AT_LEAST = timedelta(weeks=2)  # from the day it is sent, when that is late
LOWEST, HIGHEST = 1, 10  # a rating
LONGEST_TEXT = 2000  # characters in an answer in words


def average(total: int, count: int) -> float | None:
    """The mean of `count` ratings adding up to `total`, to one decimal (7.25 is 7.3); None
    when nobody rated."""
    if not count:
        return None
    return float((Decimal(total) / Decimal(count)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def closes_on(event_day: date, sent_on: date) -> date:
    """The survey's last day: three weeks after the event, but two weeks at least after it
    was sent (a survey sent late is not closed at once)."""
    return max(event_day + OPEN_FOR, sent_on + OPEN_AT_LEAST)


def may_send(event_day: date, today: date) -> bool:
    """A survey goes out once the event is over: from the day after it."""
    return today > event_day


def is_open(last_day: date, closed_at: datetime | None, today: date) -> bool:
    return closed_at is None and today <= last_day


@dataclass(frozen=True)
class Tally:
    """One audience's answers at an event (or several events added up): how many were asked
    and answered, and the sums and counts of their ratings."""

    invited: int = 0
    responses: int = 0
    programme_total: int = 0
    programme_count: int = 0
    event_total: int = 0
    event_count: int = 0

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True)
class SurveyFigures:
    """The evaluations of one event, or of a whole season (`name`: the event's, or the
    season's). Averages have one decimal; None: nobody rated."""

    name: str
    invited: int = 0  # coaches asked
    responses: int = 0  # coaches who answered
    programme_average: float | None = None  # the coaches' rating of the programme, 1-10
    event_average: float | None = None  # the coaches' rating of the event, 1-10
    volunteers_invited: int = 0
    volunteers_responses: int = 0
    volunteers_average: float | None = None  # the volunteers' rating of the organisation

    @property
    def response_rate(self) -> Share:
        return Share(self.responses, self.invited)

    @property
    def volunteers_response_rate(self) -> Share:
        return Share(self.volunteers_responses, self.volunteers_invited)

    # The averages with the number of answers behind them (every answer holds its marks)
    @property
    def programme_mark(self) -> Mean:
        return Mean(self.programme_average, self.responses)

    @property
    def event_mark(self) -> Mean:
        return Mean(self.event_average, self.responses)

    @property
    def volunteers_mark(self) -> Mean:
        return Mean(self.volunteers_average, self.volunteers_responses)


def figures(name: str, coaches: Tally, volunteers: Tally) -> SurveyFigures:
    return SurveyFigures(
        name=name,
        invited=coaches.invited,
        responses=coaches.responses,
        programme_average=average(coaches.programme_total, coaches.programme_count),
        event_average=average(coaches.event_total, coaches.event_count),
        volunteers_invited=volunteers.invited,
        volunteers_responses=volunteers.responses,
        volunteers_average=average(volunteers.event_total, volunteers.event_count),
    )
