"""Place teams in regional finals from their choices (pure: plain data in, plain data out).

Teams keep a place they already have. Then, in registration order, every team gets its
first choice while it has room; a second pass gives the rest their second choice while it
has room (so no team's second choice takes the place of a later team's first choice).
Whoever is left waits, in registration order. Teams without any choice are left to the
organisers.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Reason(StrEnum):
    KEPT = "kept"
    FIRST_CHOICE = "first choice"
    SECOND_CHOICE = "second choice"


@dataclass(frozen=True)
class TeamWish:
    team: int
    order: int  # registration order: lower registered earlier
    first: int | None = None
    second: int | None = None
    placed_at: int | None = None  # the regional final the team already has


@dataclass
class Placement:
    places: dict[int, tuple[int, Reason]] = field(default_factory=dict)  # team -> (event, reason)
    waitlist: list[int] = field(default_factory=list)
    without_choice: list[int] = field(default_factory=list)

    def teams_at(self, event: int) -> list[int]:
        return [team for team, (placed, _) in self.places.items() if placed == event]


def place_teams(wishes: Sequence[TeamWish], capacity: dict[int, int]) -> Placement:
    """capacity: event -> number of teams it takes. Events not in it take nobody."""
    placement = Placement()
    room = dict(capacity)
    ordered = sorted(wishes, key=lambda wish: (wish.order, wish.team))
    for wish in ordered:
        if wish.placed_at is not None:
            placement.places[wish.team] = (wish.placed_at, Reason.KEPT)
            room[wish.placed_at] = room.get(wish.placed_at, 0) - 1
    waiting = [wish for wish in ordered if wish.placed_at is None]
    for choice, reason in (("first", Reason.FIRST_CHOICE), ("second", Reason.SECOND_CHOICE)):
        still_waiting = []
        for wish in waiting:
            event = getattr(wish, choice)
            if event is not None and room.get(event, 0) > 0:
                placement.places[wish.team] = (event, reason)
                room[event] -= 1
            else:
                still_waiting.append(wish)
        waiting = still_waiting
    for wish in waiting:
        if wish.first is None and wish.second is None:
            placement.without_choice.append(wish.team)
        else:
            placement.waitlist.append(wish.team)
    return placement
