"""Generate an FLL Challenge day schedule (pure: plain data in, plain data out).

Times are whole minutes from the start of the day. Every team gets the practice round(s),
the ranking rounds at a robot-game table, and one judging session in a room. Matches are
played on table pairs: a match slot on a pair has two tables, so two teams play side by side.
The generator is greedy and deterministic for a given seed: teams are shuffled once, then
each commitment takes the earliest slot that keeps the minimum gap to the team's others, and
of the free tables at that moment the one where the team meets no earlier opponent and has
not played before. Greedy, not optimal: the checker (schedule_check) reports the repeated
opponents and single tables that remain.
"""

import random
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    PRACTICE = "practice"
    RANKING = "ranking"
    JUDGING = "judging"


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
    min_gap: int = 10  # minutes between the end of one commitment and the start of the next
    practice_rounds: int = 1
    ranking_rounds: int = 3
    breaks: tuple[tuple[int, int], ...] = ()  # (start, end): nothing is scheduled then
    seed: int = 0
    judging_sessions: int = 1  # an imported schedule may judge in several sessions


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


def resource_problems(settings: Settings) -> list[str]:
    problems = []
    if len(settings.teams) < 2:
        problems.append("at least 2 teams are needed")
    if len(set(settings.teams)) != len(settings.teams):
        problems.append("a team appears twice")
    if settings.tables < 2 or settings.tables % 2:
        problems.append("robot-game tables come in pairs: give 2, 4, 6, ... tables")
    elif settings.tables > len(settings.teams):
        problems.append(
            f"{settings.tables} tables for {len(settings.teams)} teams: use fewer tables"
        )
    if settings.rooms < 1:
        problems.append("at least 1 judging room is needed")
    return problems


def timing_problems(settings: Settings) -> list[str]:
    problems = []
    if min(settings.match_cycle, settings.judging_cycle, settings.day_length) <= 0:
        problems.append("cycles and the day length must be positive")
    if settings.match_length > settings.match_cycle:
        problems.append("a match cannot take longer than the match cycle")
    if settings.judging_length > settings.judging_cycle:
        problems.append("a judging session cannot take longer than the judging cycle")
    if settings.min_gap < 0:
        problems.append("the minimum gap cannot be negative")
    return problems


def check_settings(settings: Settings) -> None:
    problems = resource_problems(settings) + timing_problems(settings)
    if problems:
        raise Infeasible("; ".join(problems))


def in_break(start: int, end: int, breaks: tuple[tuple[int, int], ...]) -> bool:
    return any(start < break_end and end > break_start for break_start, break_end in breaks)


def slots(cycle: int, length: int, breaks: tuple[tuple[int, int], ...], horizon: int) -> list[int]:
    """Start times every `cycle` minutes that do not touch a break."""
    return [t for t in range(0, horizon, cycle) if not in_break(t, t + length, breaks)]


def fits(team_busy: list[tuple[int, int]], start: int, end: int, gap: int) -> bool:
    return all(
        end + gap <= busy_start or start >= busy_end + gap for busy_start, busy_end in team_busy
    )


def search_horizon(settings: Settings) -> int:
    """Long enough to place every team one after another, so the search always ends."""
    rounds = settings.practice_rounds + settings.ranking_rounds
    per_team = (
        settings.judging_cycle + rounds * settings.match_cycle + (rounds + 1) * settings.min_gap
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


class Builder:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        horizon = search_horizon(settings)
        self.match_slots = slots(
            settings.match_cycle, settings.match_length, settings.breaks, horizon
        )
        self.judging_slots = slots(
            settings.judging_cycle, settings.judging_length, settings.breaks, horizon
        )
        self.rooms = [f"room {n}" for n in range(1, settings.rooms + 1)]
        self.tables = [f"table {n}" for n in range(1, settings.tables + 1)]
        self.table_pair = table_pairs(self.tables)
        self.busy: dict[str, list[tuple[int, int]]] = {team: [] for team in settings.teams}
        self.taken: set[tuple[str, int]] = set()  # (place, start)
        self.pairs: dict[tuple[int, int], str] = {}  # (table pair, start) -> its first team
        self.met: Counter[frozenset[str]] = Counter()  # two teams in one ranking match
        self.used: Counter[tuple[str, str]] = Counter()  # (team, place)
        self.schedule = Schedule()

    def place(
        self,
        team: str,
        kind: Kind,
        number: int,
        places: list[str],
        starts: list[int],
        length: int,
        not_before: int,
    ) -> int:
        for start in starts:
            if start < not_before or not fits(
                self.busy[team], start, start + length, self.settings.min_gap
            ):
                continue
            free = [place for place in places if (place, start) not in self.taken]
            if not free:
                continue
            place = min(free, key=lambda place: self.cost(team, kind, place, start))
            opponent = self.opponent(place, start)
            if kind is Kind.RANKING and opponent:
                self.met[frozenset((team, opponent))] += 1
            if place in self.table_pair:
                self.pairs.setdefault((self.table_pair[place], start), team)
            self.taken.add((place, start))
            self.used[(team, place)] += 1
            self.busy[team].append((start, start + length))
            self.schedule.commitments.append(
                Commitment(team, kind, number, place, start, start + length)
            )
            return start + length
        raise AssertionError(f"no slot for {team} ({kind} {number}) within the search horizon")

    def cost(self, team: str, kind: Kind, place: str, start: int) -> tuple[int, int]:
        """Of the free places at one moment, the one with the least: first a ranking
        opponent met before, then a table (or room) the team used before."""
        opponent = self.opponent(place, start)
        met = self.met[frozenset((team, opponent))] if kind is Kind.RANKING and opponent else 0
        return met, self.used[(team, place)]

    def opponent(self, place: str, start: int) -> str | None:
        """The team already at the other table of this table's pair at that moment."""
        pair = self.table_pair.get(place)
        return None if pair is None else self.pairs.get((pair, start))

    def build(self, order: list[str]) -> Schedule:
        settings = self.settings
        for team in order:
            self.place(
                team, Kind.JUDGING, 1, self.rooms, self.judging_slots, settings.judging_length, 0
            )
        rounds = [(Kind.PRACTICE, n) for n in range(1, settings.practice_rounds + 1)]
        rounds += [(Kind.RANKING, n) for n in range(1, settings.ranking_rounds + 1)]
        previous_end = {team: 0 for team in order}
        for kind, number in rounds:
            for team in order:
                previous_end[team] = self.place(
                    team,
                    kind,
                    number,
                    self.tables,
                    self.match_slots,
                    settings.match_length,
                    previous_end[team],
                )
        return self.schedule


def generate(settings: Settings) -> Schedule:
    """A schedule for the day, or Infeasible with what to change."""
    check_settings(settings)
    order = list(settings.teams)
    random.Random(settings.seed).shuffle(order)
    schedule = Builder(settings).build(order)
    finish = max(c.end for c in schedule.commitments)
    if finish > settings.day_length:
        raise Infeasible(
            f"the schedule needs {finish} minutes but the day has {settings.day_length}: "
            f"add a table pair or a judging room, shorten the match or judging cycle, "
            f"shorten the breaks, or make the day {finish - settings.day_length} minutes longer"
        )
    return schedule
