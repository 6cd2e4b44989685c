"""Registration rules: plain data in, plain data out (no Flask, no database)."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from challenges.registration.status import TeamStatus

# School years on one scale: groep 1-8 are 1-8, klas 1-6 of secondary school are 9-14.
FIRST_SECONDARY_YEAR = 9
LEVELS = ("vmbo", "havo", "vwo")


def school_year_label(year: int) -> str:
    """groep 7, klas 2: the way Dutch schools name their years."""
    if year < FIRST_SECONDARY_YEAR:
        return f"groep {year}"
    return f"klas {year - FIRST_SECONDARY_YEAR + 1}"


def normalise_team_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def team_name_key(name: str) -> str:
    """Team names are unique per season regardless of case and spacing."""
    return normalise_team_name(name).casefold()


def next_team_number(numbers_in_use: Iterable[int | None], first: int = 1001) -> int:
    """One above every number ever given in the season; withdrawn teams keep theirs."""
    used = [number for number in numbers_in_use if number is not None]
    return max(used, default=first - 1) + 1


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    name: str
    school_year_min: int | None = None
    school_year_max: int | None = None
    levels: frozenset[str] = frozenset()

    def fits_year(self, year: int | None) -> bool:
        if year is None or self.school_year_min is None or self.school_year_max is None:
            return True
        return self.school_year_min <= year <= self.school_year_max

    def fits_level(self, level: str | None) -> bool:
        return not self.levels or level in self.levels


def parse_levels(text: str | None) -> frozenset[str]:
    return frozenset(part.strip() for part in (text or "").split(",") if part.strip())


def propose_category(
    categories: Sequence[CategoryInfo], school_year: int | None, level: str | None
) -> CategoryInfo | None:
    """The category a team most likely belongs in; the teacher confirms it.

    Klas 3 fits both Explorer (havo/vwo) and Pioneer (vmbo): the level decides, and
    without a level the first fitting category (in the season's order) is proposed.
    """
    by_year = [category for category in categories if category.fits_year(school_year)]
    by_level = [category for category in by_year if category.fits_level(level)]
    candidates = by_level or by_year
    return candidates[0] if candidates else None


def registration_is_open(
    opens_at: datetime | None, closes_at: datetime | None, now: datetime
) -> bool:
    if opens_at is None or closes_at is None:
        return False
    return opens_at <= now < closes_at


def teacher_may_edit(closes_at: datetime | None, status: TeamStatus, now: datetime) -> bool:
    """Teachers edit until the registration deadline; organisers can always edit."""
    return closes_at is not None and now < closes_at and status is not TeamStatus.WITHDRAWN


class InvitationState(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


INVITATION_LIFETIME = timedelta(days=14)


def invitation_state(
    created_at: datetime,
    accepted_at: datetime | None,
    cancelled_at: datetime | None,
    now: datetime,
) -> InvitationState:
    """An invitation to coach a team works once, until it is withdrawn or two weeks old."""
    if accepted_at is not None:
        return InvitationState.ACCEPTED
    if cancelled_at is not None:
        return InvitationState.CANCELLED
    if now >= created_at + INVITATION_LIFETIME:
        return InvitationState.EXPIRED
    return InvitationState.OPEN


def team_size_problem(pupils: int, size_min: int, size_max: int) -> tuple[int, int] | None:
    """None when the number of pupils fits the category, else the allowed range."""
    return None if size_min <= pupils <= size_max else (size_min, size_max)


STATUS_CHANGES = {
    TeamStatus.REGISTERED: {TeamStatus.CONFIRMED, TeamStatus.WAITLISTED, TeamStatus.WITHDRAWN},
    TeamStatus.WAITLISTED: {TeamStatus.CONFIRMED, TeamStatus.WITHDRAWN},
    TeamStatus.CONFIRMED: {TeamStatus.WAITLISTED, TeamStatus.WITHDRAWN},
    TeamStatus.WITHDRAWN: {TeamStatus.REGISTERED},
}


def may_change_status(current: TeamStatus, new: TeamStatus) -> bool:
    return new in STATUS_CHANGES[current]
