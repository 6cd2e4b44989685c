"""Vakkanjers Markt: stand numbers and jury rounds (pure: plain data in, plain data out).

In every round each juror visits one stand. Rounds continue until every stand has been seen
by at least `per_stand` different jurors. A juror never visits a stand of a school they
declared a conflict with, never visits the same stand twice, and takes the least-seen stand
that is free in that round, preferring stands far from the one they just left (so jurors
rotate across the floor instead of staying in one aisle).

The plan is timed: round n starts `round_minutes` x (n - 1) after the first. Planning again
during the market starts from what was seen already (`seen`, `last`).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import gettext as _

ROUND_MINUTES = 15  # a talk at the stand, the rubric and the walk to the next stand
ROUND_MINUTES_RANGE = (5, 60)
PER_STAND = 2  # every stand is seen by at least this many jurors


class NoJuryPossible(ValueError):
    """Some stands cannot get enough jurors; the message names them."""


@dataclass(frozen=True)
class Stand:
    number: int
    team: int
    school: int | None = None


@dataclass
class JuryPlan:
    rounds: list[dict[int, int]] = field(default_factory=list)  # per round: juror -> stand number

    def views(self) -> dict[int, set[int]]:
        seen: dict[int, set[int]] = {}
        for round_ in self.rounds:
            for juror, stand in round_.items():
                seen.setdefault(stand, set()).add(juror)
        return seen


def number_stands(teams: Sequence[int]) -> dict[int, int]:
    """Stand numbers 1, 2, 3 ... in the given order of teams."""
    return {team: number for number, team in enumerate(teams, start=1)}


def allowed(stand: Stand, juror: int, conflicts: dict[int, set[int]]) -> bool:
    return stand.school is None or stand.school not in conflicts.get(juror, set())


def round_start(starts_at: datetime, round_minutes: int, number: int) -> datetime:
    """When round `number` (1, 2, ...) starts."""
    return starts_at + timedelta(minutes=round_minutes * (number - 1))


def current_round(starts_at: datetime, round_minutes: int, now: datetime) -> int:
    """The round running at `now` (1 before the start; past the last round it keeps counting)."""
    if now < starts_at:
        return 1
    return (now - starts_at) // timedelta(minutes=round_minutes) + 1


def plan_jury_rounds(
    stands: Sequence[Stand],
    jurors: Sequence[int],
    conflicts: dict[int, set[int]] | None = None,
    per_stand: int = PER_STAND,
    seen: Mapping[int, set[int]] | None = None,
    last: Mapping[int, int] | None = None,
) -> JuryPlan:
    """The rounds, per round juror -> stand number. `seen` (stand number -> jurors) and `last`
    (juror -> stand number) are what happened before: planning again during the market."""
    conflicts = conflicts or {}
    short = [s.number for s in stands if sum(allowed(s, j, conflicts) for j in jurors) < per_stand]
    if short:
        raise NoJuryPossible(
            _(
                "stand(s) %(stands)s cannot get %(count)s jurors without a conflict of "
                "interest: invite more jurors",
                stands=", ".join(map(str, short)),
                count=per_stand,
            )
        )
    plan = JuryPlan()
    seen = {s.number: set((seen or {}).get(s.number, ())) for s in stands}
    last = dict(last or {})
    by_number = {s.number: s for s in stands}
    while any(len(jurors_seen) < per_stand for jurors_seen in seen.values()):
        round_: dict[int, int] = {}
        for juror in jurors:
            options = [
                s
                for s in stands
                if s.number not in round_.values()
                and juror not in seen[s.number]
                and allowed(s, juror, conflicts)
            ]
            if not options:
                continue
            choice = min(
                options,
                key=lambda s: (len(seen[s.number]), -abs(s.number - last.get(juror, 0)), s.number),
            )
            round_[juror] = choice.number
        if not round_:
            raise NoJuryPossible(_("no juror can visit any stand that still needs a visit"))
        for juror, number in round_.items():
            seen[number].add(juror)
            last[juror] = number
        plan.rounds.append(round_)
        if len(plan.rounds) > len(by_number) * per_stand + len(jurors):
            raise NoJuryPossible(_("the jury rounds do not end"))  # a safeguard, never expected
    return plan
