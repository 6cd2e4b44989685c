"""Vakkanjers Markt: which stand a juror visits next (pure). See docs/market.md.

The fixed round plan comes first: a juror goes to their planned stand of the current round
when they may (not seen by them yet, not claimed by another juror, not away, no conflict).
Otherwise, or outside the plan, the least-seen rule: the least-seen stand they have not seen,
that is not busy, not in conflict and not reported absent a moment ago, preferring stands that
the plan does not hold for another juror this round. Among equally seen stands the one farthest
from the stand the juror just left wins, so jurors rotate across the floor instead of staying
in one aisle; then the lowest stand number.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from challenges.events.market.rounds import PER_STAND


@dataclass(frozen=True)
class Stand:
    number: int
    team: int
    school: int | None = None
    seen_by: frozenset[int] = field(default_factory=frozenset)
    busy: bool = False  # claimed by a juror right now
    absent: bool = False  # the team was reported away from its stand a moment ago
    reserved: bool = False  # planned for another juror this round, who has not seen it yet


@dataclass(frozen=True)
class Visit:
    stand: Stand
    planned: bool  # the juror's stand in the round plan; else the least-seen rule chose it


def conflicted(stand: Stand, conflicts: Collection[int]) -> bool:
    return stand.school is not None and stand.school in conflicts


def may_visit(juror: int, stand: Stand, conflicts: Collection[int]) -> bool:
    return (
        juror not in stand.seen_by
        and not stand.busy
        and not stand.absent
        and not conflicted(stand, conflicts)
    )


def next_stand(
    juror: int, stands: Sequence[Stand], conflicts: Collection[int], last: int | None = None
) -> Stand | None:
    """The least-seen stand for the juror, or None when there is nothing left for them now."""
    open_stands = [stand for stand in stands if may_visit(juror, stand, conflicts)]
    if not open_stands:
        return None

    def preference(stand: Stand) -> tuple[bool, int, int, int]:
        distance = abs(stand.number - last) if last is not None else 0
        return (stand.reserved, len(stand.seen_by), -distance, stand.number)

    return min(open_stands, key=preference)


def dispatch(
    juror: int,
    stands: Sequence[Stand],
    conflicts: Collection[int],
    planned: int | None = None,
    last: int | None = None,
) -> Visit | None:
    """Where to send the juror: `planned` is their stand number in the current round of the
    plan (None outside the plan)."""
    chosen = next((stand for stand in stands if stand.number == planned), None)
    if chosen is not None and may_visit(juror, chosen, conflicts):
        return Visit(chosen, planned=True)
    fallback = next_stand(juror, stands, conflicts, last)
    return Visit(fallback, planned=False) if fallback is not None else None


def seen_everything(juror: int, stands: Sequence[Stand], conflicts: Collection[int]) -> bool:
    """The juror has seen every stand they may judge: nothing is left for them at all."""
    return all(juror in stand.seen_by or conflicted(stand, conflicts) for stand in stands)


def short_of_jurors(stands: Sequence[Stand], per_stand: int = PER_STAND) -> list[int]:
    """Stand numbers seen by fewer than `per_stand` jurors."""
    return [stand.number for stand in stands if len(stand.seen_by) < per_stand]
