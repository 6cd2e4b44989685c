"""Check a schedule, generated or imported: hard violations and soft warnings (pure)."""

import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from challenges.events.scheduling import Commitment, Kind, Schedule, Settings, in_break


@dataclass(frozen=True)
class Violation:
    hard: bool  # hard: the schedule cannot be used as it is; soft: it can, but it is not kind
    team: str | None
    message: str


def hard(team: str | None, message: str) -> Violation:
    return Violation(True, team, message)


def soft(team: str | None, message: str) -> Violation:
    return Violation(False, team, message)


def round_counts(settings: Settings, commitments: list[Commitment], team: str) -> list[Violation]:
    expected = {
        Kind.PRACTICE: settings.practice_rounds,
        Kind.RANKING: settings.ranking_rounds,
        Kind.JUDGING: settings.judging_sessions,
    }
    found = Counter(commitment.kind for commitment in commitments)
    return [
        hard(team, f"{team} has {found[kind]} {kind} commitment(s) instead of {count}")
        for kind, count in expected.items()
        if found[kind] != count
    ]


def gaps(
    settings: Settings, commitments: list[Commitment], team: str, comfortable: int
) -> list[Violation]:
    problems = []
    ordered = sorted(commitments, key=lambda c: c.start)
    for before, after in itertools.pairwise(ordered):
        gap = after.start - before.end
        if gap < 0:
            problems.append(
                hard(
                    team,
                    f"{team}: {before.kind} {before.round} and {after.kind} "
                    f"{after.round} overlap at minute {after.start}",
                )
            )
        elif gap < settings.min_gap:
            problems.append(
                hard(
                    team,
                    f"{team}: only {gap} minutes between {before.kind} "
                    f"{before.round} and {after.kind} {after.round}",
                )
            )
        elif gap < comfortable and Kind.JUDGING in (before.kind, after.kind):
            problems.append(soft(team, f"{team}: judging and a match only {gap} minutes apart"))
    rankings = [c.round for c in ordered if c.kind is Kind.RANKING]
    if rankings != sorted(rankings):
        problems.append(soft(team, f"{team} plays its ranking rounds out of order"))
    return problems


def team_problems(settings: Settings, schedule: Schedule, comfortable: int) -> list[Violation]:
    by_team: dict[str, list[Commitment]] = defaultdict(list)
    for commitment in schedule.commitments:
        by_team[commitment.team].append(commitment)
    problems = [
        hard(team, f"{team} is not a team of this event")
        for team in by_team
        if team not in settings.teams
    ]
    for team in settings.teams:
        problems += round_counts(settings, by_team[team], team)
        problems += gaps(settings, by_team[team], team, comfortable)
    return problems


def place_problems(settings: Settings, schedule: Schedule) -> list[Violation]:
    problems = []
    by_place: dict[str, list[Commitment]] = defaultdict(list)
    for commitment in schedule.commitments:
        by_place[commitment.place].append(commitment)
        if in_break(commitment.start, commitment.end, settings.breaks):
            problems.append(
                hard(
                    commitment.team,
                    f"{commitment.team}: {commitment.kind} {commitment.round} falls in a break",
                )
            )
        if commitment.end > settings.day_length:
            problems.append(
                hard(
                    commitment.team,
                    f"{commitment.team}: {commitment.kind} {commitment.round} ends after the day",
                )
            )
    for place, commitments in by_place.items():
        ordered = sorted(commitments, key=lambda c: c.start)
        for before, after in itertools.pairwise(ordered):
            if after.start < before.end:
                problems.append(
                    hard(
                        None,
                        f"{place} is double-booked at minute {after.start} "
                        f"({before.team} and {after.team})",
                    )
                )
    return problems


def check(
    schedule: Schedule, settings: Settings, comfortable_gap: int | None = None
) -> list[Violation]:
    """Every problem of the schedule; hard ones first."""
    comfortable = comfortable_gap if comfortable_gap is not None else 2 * settings.min_gap
    problems = team_problems(settings, schedule, comfortable) + place_problems(settings, schedule)
    return sorted(problems, key=lambda violation: not violation.hard)


def existing_schedule_settings(
    teams: Sequence[str], commitments: list[Commitment], day_length: int, min_gap: int
) -> Settings:
    """What an existing schedule (stored, or read from a file) is checked against: every team
    as many rounds of each kind as the team with the most."""

    def most(kind: Kind, default: int) -> int:
        return max(Counter(c.team for c in commitments if c.kind is kind).values(), default=default)

    return Settings(
        teams=tuple(teams),
        tables=max(2, len({c.place for c in commitments if c.kind is not Kind.JUDGING})),
        rooms=1,
        day_length=day_length,
        min_gap=min_gap,
        practice_rounds=most(Kind.PRACTICE, 0),
        ranking_rounds=most(Kind.RANKING, 0),
        judging_sessions=most(Kind.JUDGING, 1),
    )
