"""Vakkanjers Markt: which stand an idle juror visits next (pure). See fair-judging.md.

The juror goes to the least-seen stand that they have not seen yet, that is not busy (another
juror claimed it less than the timeout ago), not in conflict (a school they are linked to)
and not reported absent a moment ago. Among equally seen stands the one farthest from the
stand the juror just left wins, so jurors rotate across the floor instead of staying in one
aisle; then the lowest stand number.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

PER_STAND = 2  # every stand is seen by at least this many jurors


@dataclass(frozen=True)
class Stand:
    number: int
    team: int
    school: int | None = None
    seen_by: frozenset[int] = field(default_factory=frozenset)
    busy: bool = False  # claimed by a juror right now
    absent: bool = False  # the team was reported away from its stand a moment ago


def next_stand(
    juror: int, stands: Sequence[Stand], conflicts: Collection[int], last: int | None = None
) -> Stand | None:
    """The stand to send the juror to, or None when there is nothing left for them now."""
    open_stands = [
        stand
        for stand in stands
        if juror not in stand.seen_by
        and not stand.busy
        and not stand.absent
        and (stand.school is None or stand.school not in conflicts)
    ]
    if not open_stands:
        return None

    def preference(stand: Stand) -> tuple[int, int, int]:
        distance = abs(stand.number - last) if last is not None else 0
        return (len(stand.seen_by), -distance, stand.number)

    return min(open_stands, key=preference)


def short_of_jurors(stands: Sequence[Stand], per_stand: int = PER_STAND) -> list[int]:
    """Stand numbers seen by fewer than `per_stand` jurors."""
    return [stand.number for stand in stands if len(stand.seen_by) < per_stand]
