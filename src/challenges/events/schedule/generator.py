"""Generate an FLL Challenge day schedule (pure: plain data in, plain data out).

Times are whole minutes from the start of the day. Every team gets the practice round(s),
the ranking rounds at a robot-game table, and one judging session in a room. Matches are
played on table pairs: a match on a pair has two tables, so two teams play side by side.
Table pairs start in turn (staggered), so referees and the head referee are not flooded.

How: a sweep through the day's slots, moment by moment. A judging slot takes a team that is
free for it (the judging gap after its last match); a match slot takes the two most urgent
teams that may play then (same round, the match gap since their last match, the judging
gap around their judging) and never meet in a second ranking match; a team whose every
possible opponent of the round is used up plays alone. Of the pair's two tables each team
gets the one it used least. Such a sweep is exact about every rule and fast (milliseconds
for 80 teams), but which teams go first decides how short the day is; so the generator
builds the day for several team orders (multi-start) and keeps the best: fewest repeated
opponents, fewest teams on one table, evenly used tables, then the shortest day. Why not an
exact optimiser such as CP-SAT: it is a large native dependency, and this search already ends
the day when the busiest resource (the judging rooms or the table pairs) allows it, or within
a quarter of an hour when both are equally busy (bench/schedules.py, RESULTS.md).
"""

import heapq
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from flask_babel import gettext as _


class Kind(StrEnum):
    PRACTICE = "practice"
    RANKING = "ranking"
    JUDGING = "judging"


@dataclass(frozen=True)
class Gaps:
    """Minutes from the end of one of a team's commitments to the start of its next."""

    match: int = 30  # between two robot-game matches
    judging: int = 15  # between judging and a match, either order


@dataclass(frozen=True)
class Settings:
    teams: tuple[str, ...]
    tables: int = 4  # robot-game tables; pairs of two
    rooms: int = 2  # judging rooms
    day_length: int = 8 * 60  # minutes from the first commitment to the end of the day
    match_cycle: int = 8  # minutes between match starts on one table pair
    match_length: int = 3  # a match takes 2.5 minutes; a team is busy 3
    judging_cycle: int = 40  # minutes between session starts in a room (session + scoring)
    judging_length: int = 30  # a team is busy 30 minutes
    gaps: Gaps = Gaps()
    practice_rounds: int = 1
    ranking_rounds: int = 3
    breaks: tuple[tuple[int, int], ...] = ()  # (start, end): nothing is scheduled then
    seed: int = 0
    judging_sessions: int = 1  # an imported schedule may judge in several sessions
    starts_at: int = 0  # the clock time of minute 0, in minutes after midnight (messages)


@dataclass(frozen=True)
class Commitment:
    team: str
    kind: Kind
    round: int  # 1-based within its kind
    place: str  # "table 3" or "room 2"
    start: int
    end: int


@dataclass
class Schedule:
    commitments: list[Commitment] = field(default_factory=list)

    def of_team(self, team: str) -> list[Commitment]:
        return sorted((c for c in self.commitments if c.team == team), key=lambda c: c.start)


class Infeasible(ValueError):
    """The settings cannot give every team every round; the message says what to change."""


# The teams from which on two teams never meet twice; with fewer there are not enough
# opponents for every round (FLL-SW's rule too).
NO_REPEATS_FROM = 8
ORDERS_TRIED = 24  # team orders the multi-start builds; more gave no shorter days in bench


def resource_problems(settings: Settings) -> list[str]:
    problems = []
    if len(settings.teams) < 2:
        problems.append(_("at least 2 teams are needed"))
    if len(set(settings.teams)) != len(settings.teams):
        problems.append(_("a team appears twice"))
    if settings.tables < 2 or settings.tables % 2:
        problems.append(_("robot-game tables come in pairs: give 2, 4, 6, ... tables"))
    elif settings.tables > len(settings.teams):
        problems.append(
            _(
                "%(tables)s tables for %(teams)s teams: use fewer tables",
                tables=settings.tables,
                teams=len(settings.teams),
            )
        )
    if settings.rooms < 1:
        problems.append(_("at least 1 judging room is needed"))
    return problems


def timing_problems(settings: Settings) -> list[str]:
    problems = []
    if min(settings.match_cycle, settings.judging_cycle, settings.day_length) <= 0:
        problems.append(_("cycles and the day length must be positive"))
    if settings.match_length > settings.match_cycle:
        problems.append(_("a match cannot take longer than the match cycle"))
    if settings.judging_length > settings.judging_cycle:
        problems.append(_("a judging session cannot take longer than the judging cycle"))
    if min(settings.gaps.match, settings.gaps.judging) < 0:
        problems.append(_("the minimum gap cannot be negative"))
    return problems


def check_settings(settings: Settings) -> None:
    problems = resource_problems(settings) + timing_problems(settings)
    if problems:
        raise Infeasible("; ".join(problems))


def in_break(start: int, end: int, breaks: tuple[tuple[int, int], ...]) -> bool:
    return any(start < break_end and end > break_start for break_start, break_end in breaks)


def slot_times(
    offset: int, cycle: int, length: int, breaks: tuple[tuple[int, int], ...], horizon: int
) -> Iterator[int]:
    """Start times every `cycle` minutes from `offset`; after a break they start again at
    the break's end (plus the offset, which keeps table pairs staggered)."""
    start = offset
    while start < horizon:
        clash = [end for begin, end in breaks if start < end and start + length > begin]
        if clash:
            start = max(clash) + offset
            continue
        yield start
        start += cycle


def search_horizon(settings: Settings) -> int:
    """Long enough to place every team one after another, so the sweep always ends."""
    gaps = settings.gaps
    rounds = settings.practice_rounds + settings.ranking_rounds
    per_team = (
        settings.judging_cycle
        + rounds * (settings.match_cycle + gaps.match)
        + 2 * gaps.judging
        + settings.match_cycle
    )
    breaks = sum(end - start for start, end in settings.breaks)
    return settings.day_length + len(settings.teams) * per_team + breaks


DAY = 24 * 60  # minutes


def days(commitments: Iterable[Commitment]) -> int:
    """How many days the commitments span (times count from midnight of the first)."""
    return max(((c.end - 1) // DAY + 1 for c in commitments), default=0)


def natural(name: str) -> list:
    """The key that orders names as people count them: table 2 before table 10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def table_pairs(tables: Iterable[str]) -> dict[str, int]:
    """Each table's pair: the tables in their natural order, two by two (table 1 with 2, 3
    with 4), as the generator lays them out and a Block Format file names them."""
    ordered = sorted(set(tables), key=natural)
    return {table: index // 2 for index, table in enumerate(ordered)}


def day_slots(settings: Settings) -> Iterator[tuple[int, Kind, int]]:
    """Every moment of the day in time order: (start, JUDGING, 0) when the judging rooms start
    a session, (start, RANKING, pair) when a table pair starts a match. Pair p starts p/pairs
    of a match cycle after the first, so the pairs take turns."""
    horizon = search_horizon(settings)
    pairs = settings.tables // 2

    def stream(kind: Kind, place: int, offset: int, cycle: int, length: int) -> Iterator:
        for start in slot_times(offset, cycle, length, settings.breaks, horizon):
            yield start, kind, place

    streams = [stream(Kind.JUDGING, 0, 0, settings.judging_cycle, settings.judging_length)]
    streams += [
        stream(
            Kind.RANKING,
            pair,
            pair * settings.match_cycle // pairs,
            settings.match_cycle,
            settings.match_length,
        )
        for pair in range(pairs)
    ]
    return heapq.merge(*streams, key=lambda slot: (slot[0], slot[1] is Kind.RANKING, slot[2]))


class Builder:
    """One sweep through the day for one order of the teams (see the module's docstring)."""

    def __init__(self, settings: Settings, order: list[str]) -> None:
        self.settings = settings
        self.rank = {team: index for index, team in enumerate(order)}
        self.rounds = [(Kind.PRACTICE, n) for n in range(1, settings.practice_rounds + 1)]
        self.rounds += [(Kind.RANKING, n) for n in range(1, settings.ranking_rounds + 1)]
        self.next_round = dict.fromkeys(order, 0)
        self.last_match_end: dict[str, int] = {}
        self.judged: dict[str, tuple[int, int]] = {}
        self.met: Counter[frozenset[str]] = Counter()
        self.used: Counter[tuple[str, str]] = Counter()  # (team, table) in ranking matches
        self.table_load: Counter[str] = Counter()
        self.pair_load = [0] * (settings.tables // 2)  # teams that played on each table pair
        self.room_load = Counter({f"room {n}": 0 for n in range(1, settings.rooms + 1)})
        self.avoid_repeats = len(order) >= NO_REPEATS_FROM
        self.commitments: list[Commitment] = []

    def done(self) -> bool:
        rounds = len(self.rounds)
        return len(self.judged) == len(self.rank) and all(
            played == rounds for played in self.next_round.values()
        )

    def build(self) -> Schedule:
        for start, kind, place in day_slots(self.settings):
            if self.done():
                return Schedule(self.commitments)
            if kind is Kind.JUDGING:
                self.judge(start)
            else:
                self.match(start, place)
        raise Infeasible(_("not every team fits in the day: give the day more time"))

    def judge(self, start: int) -> None:
        """Up to one team per room, the rooms with the fewest sessions first (balanced);
        of the teams free for it, those furthest in their matches."""
        settings = self.settings
        free = [
            team
            for team in self.rank
            if team not in self.judged
            and self.last_match_end.get(team, -DAY) + settings.gaps.judging <= start
        ]
        free.sort(key=lambda team: (-self.next_round[team], self.rank[team]))
        rooms = sorted(self.room_load, key=lambda room: (self.room_load[room], natural(room)))
        for team, room in zip(free, rooms, strict=False):
            end = start + settings.judging_length
            self.judged[team] = (start, end)
            self.room_load[room] += 1
            self.commitments.append(Commitment(team, Kind.JUDGING, 1, room, start, end))

    def may_play(self, team: str, start: int) -> bool:
        settings = self.settings
        if self.next_round[team] == len(self.rounds):
            return False
        if start < self.last_match_end.get(team, -DAY) + settings.gaps.match:
            return False
        if team in self.judged:
            judging_start, judging_end = self.judged[team]
            before = start + settings.match_length + settings.gaps.judging <= judging_start
            return before or start >= judging_end + settings.gaps.judging
        return True

    def urgency(self, team: str) -> tuple[int, int, int]:
        """Lower plays first: the team with the most still to do (its judging counts as two
        matches: it takes the team away for about an hour), then the one waiting longest,
        then the order. Tried beside "the earliest round first": with 100 teams, 10 tables and
        12 rooms the day ends 40 minutes sooner, when the rooms' last session ends."""
        still_to_do = len(self.rounds) - self.next_round[team]
        if team not in self.judged:
            still_to_do += 2
        return -still_to_do, self.last_match_end.get(team, -DAY), self.rank[team]

    def match(self, start: int, pair: int) -> None:
        if self.pair_load[pair] > min(self.pair_load):
            return  # a pair ahead waits for the others: tables used evenly
        ready = sorted((team for team in self.rank if self.may_play(team, start)), key=self.urgency)
        for first in ready:
            round_index = self.next_round[first]
            kind = self.rounds[round_index][0]
            partners = [
                team
                for team in ready
                if team != first
                and self.next_round[team] == round_index
                and not self.would_repeat(kind, first, team)
            ]
            if partners:
                partner = min(partners, key=lambda team: self.met[frozenset((first, team))])
                self.play(start, pair, [first, partner])
                return
            if not self.partner_may_come(first, round_index):
                self.play(start, pair, [first])
                return

    def would_repeat(self, kind: Kind, first: str, second: str) -> bool:
        return (
            kind is Kind.RANKING and self.avoid_repeats and self.met[frozenset((first, second))] > 0
        )

    def partner_may_come(self, team: str, round_index: int) -> bool:
        """Whether a team not yet through this round could still be the team's opponent."""
        kind = self.rounds[round_index][0]
        return any(
            other != team
            and self.next_round[other] <= round_index
            and not self.would_repeat(kind, team, other)
            for other in self.rank
        )

    def play(self, start: int, pair: int, teams: list[str]) -> None:
        settings = self.settings
        kind, number = self.rounds[self.next_round[teams[0]]]
        tables = self.seating(teams, [f"table {2 * pair + 1}", f"table {2 * pair + 2}"])
        end = start + settings.match_length
        for team, table in zip(teams, tables, strict=False):
            self.commitments.append(Commitment(team, kind, number, table, start, end))
            self.next_round[team] += 1
            self.last_match_end[team] = end
            self.table_load[table] += 1
            if kind is Kind.RANKING:
                self.used[(team, table)] += 1
        self.pair_load[pair] += len(teams)
        if kind is Kind.RANKING and len(teams) == 2:
            self.met[frozenset(teams)] += 1

    def seating(self, teams: list[str], tables: list[str]) -> list[str]:
        """The pair's tables for the teams: each team the table it played least on."""
        if len(teams) == 1:
            team = teams[0]
            return [min(tables, key=lambda t: (self.table_load[t], self.used[(team, t)]))]
        straight = self.used[(teams[0], tables[0])] + self.used[(teams[1], tables[1])]
        crossed = self.used[(teams[0], tables[1])] + self.used[(teams[1], tables[0])]
        return tables if straight <= crossed else tables[::-1]

    def quality(self) -> tuple[int, int, bool, int, int]:
        """What the multi-start compares, lower is better: repeated opponents, teams on one
        table, uneven tables, the day's end, then how uneven."""
        repeats = sum(count > 1 for count in self.met.values())
        tables = Counter(team for team, _table in self.used)
        one_table = sum(count == 1 for count in tables.values())
        if self.settings.ranking_rounds < 2:
            one_table = 0
        finish = max(c.end for c in self.commitments)
        loads = self.table_load.values()
        spread = max(loads) - min(loads)
        return repeats, one_table, spread > 1, finish, spread


def generate(settings: Settings) -> Schedule:
    """A schedule for the day, or Infeasible with what to change."""
    check_settings(settings)
    shuffler = random.Random(settings.seed)
    best: tuple[tuple[int, int, bool, int, int], Schedule] | None = None
    for _attempt in range(ORDERS_TRIED):
        order = shuffler.sample(settings.teams, len(settings.teams))
        builder = Builder(settings, order)
        schedule = builder.build()
        if best is None or builder.quality() < best[0]:
            best = builder.quality(), schedule
    schedule = best[1]
    finish = max(c.end for c in schedule.commitments)
    if finish > settings.day_length:
        raise Infeasible(
            _(
                "the schedule needs %(needed)s minutes but the day has %(day)s: add a table pair "
                "or a judging room, shorten the match or judging cycle, shorten the breaks, or "
                "make the day %(more)s minutes longer",
                needed=finish,
                day=settings.day_length,
                more=finish - settings.day_length,
            )
        )
    return schedule
