"""Season naming rules (pure)."""

import re
from datetime import datetime

SCHOOL_YEAR = re.compile(r"(\d{4})-(\d{4})")


def next_school_year(text: str) -> str:
    """'2025-2026' -> '2026-2027', also inside a key such as 'fll-challenge-2025-2026'."""

    def shift(match: re.Match) -> str:
        return f"{int(match.group(1)) + 1}-{int(match.group(2)) + 1}"

    shifted, count = SCHOOL_YEAR.subn(shift, text, count=1)
    return shifted if count else f"{text}-next"


def a_year_later(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    try:
        return moment.replace(year=moment.year + 1)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + 1, day=28)
