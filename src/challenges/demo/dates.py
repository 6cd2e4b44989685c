"""The demo's calendar, computed from the day the demo is loaded, so that it never goes stale.

A season is named by the year it starts in ("2026-2027" starts in 2026). The running season
is the one whose registration is open today (it closes after 15 January) and whose FLL
regional finals fall in the January-February after today. Last season is the one before it,
moved a further year back while its last event is not over by today, so that it is an
archive. Plain dates in and out.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TUESDAY, WEDNESDAY, SATURDAY = 1, 2, 5


def amsterdam_today() -> date:
    """Today in the Netherlands, whatever the server's time zone."""
    return datetime.now(AMSTERDAM).date()


def nth_weekday(year: int, month: int, nth: int, weekday: int = SATURDAY) -> date:
    """The nth (1-based) weekday of a month: nth_weekday(2027, 1, 3) is its third Saturday."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def midnight(day: date) -> datetime:
    """The start of a day in Amsterdam, in UTC (as the database stores moments)."""
    return datetime.combine(day, time(0), tzinfo=AMSTERDAM).astimezone(UTC)


def season_name(first_year: int) -> str:
    return f"{first_year}-{first_year + 1}"


LAST_REGISTRATION_DAY = (1, 15)  # 15 January


def running_year(today: date) -> int:
    """The first year of the running season: the season whose registration is still open
    (up to and including 15 January), its regional finals in the January-February ahead."""
    return today.year - 1 if (today.month, today.day) <= LAST_REGISTRATION_DAY else today.year


def opening(first_year: int, month: int, day: int, today: date) -> datetime:
    """Registration opens on a fixed day of the season's first year, but no later than
    yesterday: a season that has started by today is running."""
    return midnight(min(date(first_year, month, day), today - timedelta(days=1)))


def upcoming_year(today: date, first_day: Callable[[int], date]) -> int:
    """The first year of the earliest season whose first day (a function of the season's
    first year) is still ahead of today."""
    year = today.year - 1
    while first_day(year) <= today:
        year += 1
    return year


def archive_year(today: date, last_event: Callable[[int], date]) -> int:
    """The first year of last season: the season before the running one, or earlier while
    its last event (a function of the season's first year) is not over by today."""
    year = running_year(today) - 1
    while last_event(year) >= today:
        year -= 1
    return year
