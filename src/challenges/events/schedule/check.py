"""Check a schedule, generated or imported: hard violations and soft warnings (pure), in the
user's language."""

import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from challenges.events.schedule.generator import (
    DAY,
    Commitment,
    Gaps,
    Kind,
    Schedule,
    Settings,
    in_break,
    natural,
    table_pairs,
)
from challenges.labels import location_label, round_label


@dataclass(frozen=True)
class Violation:
    hard: bool  # hard: the schedule cannot be used as it is; soft: it can, but it is not kind
    team: str | None
    message: str


def hard(team: str | None, message: str) -> Violation:
    return Violation(True, team, message)


def soft(team: str | None, message: str) -> Violation:
    return Violation(False, team, message)


def what(commitment: Commitment) -> str:
    """The commitment as a sentence names it: practice round 1, judging."""
    return round_label(commitment.kind.value, commitment.round).lower()


KIND_COUNTS = {
    Kind.PRACTICE: _l("%(team)s has %(found)s practice round(s) instead of %(expected)s"),
    Kind.RANKING: _l("%(team)s has %(found)s ranking round(s) instead of %(expected)s"),
    Kind.JUDGING: _l("%(team)s has %(found)s judging session(s) instead of %(expected)s"),
}


def clock(settings: Settings, minute: int) -> str:
    """A minute of the schedule as people read it: 10:25, or "day 2 09:00" from the second day."""
    day, minutes = divmod(settings.starts_at + minute, DAY)
    time = f"{minutes // 60:02d}:{minutes % 60:02d}"
    return _("day %(day)s %(time)s", day=day + 1, time=time) if day else time


def needed_gap(gaps: Gaps, before: Commitment, after: Commitment) -> int:
    return gaps.judging if Kind.JUDGING in (before.kind, after.kind) else gaps.match


def round_counts(settings: Settings, commitments: list[Commitment], team: str) -> list[Violation]:
    expected = {
        Kind.PRACTICE: settings.practice_rounds,
        Kind.RANKING: settings.ranking_rounds,
        Kind.JUDGING: settings.judging_sessions,
    }
    found = Counter(commitment.kind for commitment in commitments)
    return [
        hard(team, str(KIND_COUNTS[kind]) % {"team": team, "found": found[kind], "expected": count})
        for kind, count in expected.items()
        if found[kind] != count
    ]


def gaps(settings: Settings, commitments: list[Commitment], team: str) -> list[Violation]:
    problems = []
    ordered = sorted(commitments, key=lambda c: c.start)
    for before, after in itertools.pairwise(ordered):
        gap = after.start - before.end
        if gap < 0:
            overlap = _(
                "%(team)s: %(before)s and %(after)s overlap at %(time)s",
                team=team,
                before=what(before),
                after=what(after),
                time=clock(settings, after.start),
            )
            problems.append(hard(team, overlap))
        elif gap < needed_gap(settings.gaps, before, after):
            short = _(
                "%(team)s: only %(gap)s minutes between %(before)s and %(after)s (at %(time)s)",
                team=team,
                gap=gap,
                before=what(before),
                after=what(after),
                time=clock(settings, after.start),
            )
            problems.append(hard(team, short))
    rankings = [c.round for c in ordered if c.kind is Kind.RANKING]
    if rankings != sorted(rankings):
        problems.append(soft(team, _("%(team)s plays its ranking rounds out of order", team=team)))
    return problems


def team_problems(settings: Settings, schedule: Schedule) -> list[Violation]:
    by_team: dict[str, list[Commitment]] = defaultdict(list)
    for commitment in schedule.commitments:
        by_team[commitment.team].append(commitment)
    problems = [
        hard(team, _("%(team)s is not a team of this event", team=team))
        for team in by_team
        if team not in settings.teams
    ]
    for team in settings.teams:
        problems += round_counts(settings, by_team[team], team)
        problems += gaps(settings, by_team[team], team)
    return problems


def place_problems(settings: Settings, schedule: Schedule) -> list[Violation]:
    problems = []
    by_place: dict[str, list[Commitment]] = defaultdict(list)
    for commitment in schedule.commitments:
        by_place[commitment.place].append(commitment)
        if in_break(commitment.start, commitment.end, settings.breaks):
            in_a_break = _(
                "%(team)s: %(what)s falls in a break", team=commitment.team, what=what(commitment)
            )
            problems.append(hard(commitment.team, in_a_break))
        if commitment.end > settings.day_length:
            too_late = _(
                "%(team)s: %(what)s ends after the day", team=commitment.team, what=what(commitment)
            )
            problems.append(hard(commitment.team, too_late))
    for place, commitments in by_place.items():
        ordered = sorted(commitments, key=lambda c: c.start)
        for before, after in itertools.pairwise(ordered):
            if after.start < before.end:
                double = _(
                    "%(place)s is double-booked at %(time)s (%(first)s and %(second)s)",
                    place=location_label(place),
                    time=clock(settings, after.start),
                    first=before.team,
                    second=after.team,
                )
                problems.append(hard(None, double))
    return problems


def opponents(rankings: list[Commitment]) -> Counter[tuple[str, str]]:
    """How often two teams meet in a ranking match: when they start at the same moment on one
    table pair (generator.table_pairs)."""
    pair_of = table_pairs(c.place for c in rankings)
    at: dict[tuple[int, int], list[str]] = defaultdict(list)
    for commitment in rankings:
        at[(commitment.start, pair_of[commitment.place])].append(commitment.team)
    met: Counter[tuple[str, str]] = Counter()
    for teams in at.values():
        met.update(itertools.combinations(sorted(teams, key=natural), 2))
    return met


def one_table(rankings: list[Commitment]) -> dict[str, str]:
    """The teams that play every ranking match (of two or more) on one table, and that table."""
    tables: dict[str, list[str]] = defaultdict(list)
    for commitment in rankings:
        tables[commitment.team].append(commitment.place)
    return {
        team: places[0]
        for team, places in tables.items()
        if len(places) > 1 and len(set(places)) == 1
    }


def variety_problems(schedule: Schedule) -> list[Violation]:
    """Soft: two teams that meet in more than one ranking match, and a team that plays every
    ranking match (of two or more) on the same table."""
    rankings = [c for c in schedule.commitments if c.kind is Kind.RANKING]
    problems = [
        soft(
            first,
            _(
                "%(first)s and %(second)s meet in %(count)s ranking matches",
                first=first,
                second=second,
                count=count,
            ),
        )
        for (first, second), count in sorted(opponents(rankings).items())
        if count > 1
    ]
    problems += [
        soft(
            team,
            _(
                "%(team)s plays every ranking match on %(table)s",
                team=team,
                table=location_label(table),
            ),
        )
        for team, table in sorted(one_table(rankings).items())
    ]
    return problems


UNEVEN = {
    False: _l("the tables are not used evenly: %(fewest)s to %(most)s matches per table"),
    True: _l("the judging rooms are not used evenly: %(fewest)s to %(most)s sessions per room"),
}


def balance_problems(schedule: Schedule) -> list[Violation]:
    """Soft: tables whose numbers of matches differ by more than one, and judging rooms whose
    numbers of sessions do."""
    problems = []
    for judging, message in UNEVEN.items():
        load = Counter(c.place for c in schedule.commitments if (c.kind is Kind.JUDGING) == judging)
        fewest, most = min(load.values(), default=0), max(load.values(), default=0)
        if most - fewest > 1:
            problems.append(soft(None, str(message) % {"fewest": fewest, "most": most}))
    return problems


def check(schedule: Schedule, settings: Settings) -> list[Violation]:
    """Every problem of the schedule; hard ones first."""
    problems = team_problems(settings, schedule) + place_problems(settings, schedule)
    problems += variety_problems(schedule) + balance_problems(schedule)
    return sorted(problems, key=lambda violation: not violation.hard)


@dataclass(frozen=True)
class Quality:
    """A schedule's figures as a head referee weighs them (minutes)."""

    repeated_opponents: int  # pairs of teams that meet in more than one ranking match
    one_table_teams: int  # teams that play every ranking match (of two or more) on one table
    smallest_match_gap: int | None  # between two robot-game matches of a team
    smallest_judging_gap: int | None  # between judging and a match of a team
    longest_wait: int | None  # the longest time a team waits between two commitments
    average_stay: int | None  # from a team's first commitment to its last, on average
    day_length: int  # from the first start to the last end

    def as_json(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def quality(schedule: Schedule) -> Quality:
    commitments = schedule.commitments
    rankings = [c for c in commitments if c.kind is Kind.RANKING]
    by_team: dict[str, list[Commitment]] = defaultdict(list)
    for commitment in commitments:
        by_team[commitment.team].append(commitment)
    match_gaps, judging_gaps, stays = [], [], []
    for own in by_team.values():
        ordered = sorted(own, key=lambda c: c.start)
        stays.append(ordered[-1].end - ordered[0].start)
        for before, after in itertools.pairwise(ordered):
            kinds = (before.kind, after.kind)
            (judging_gaps if Kind.JUDGING in kinds else match_gaps).append(after.start - before.end)
    return Quality(
        repeated_opponents=sum(count > 1 for count in opponents(rankings).values()),
        one_table_teams=len(one_table(rankings)),
        smallest_match_gap=min(match_gaps, default=None),
        smallest_judging_gap=min(judging_gaps, default=None),
        longest_wait=max(match_gaps + judging_gaps, default=None),
        average_stay=round(sum(stays) / len(stays)) if stays else None,
        day_length=(
            max(c.end for c in commitments) - min(c.start for c in commitments)
            if commitments
            else 0
        ),
    )


def existing_schedule_settings(
    teams: Sequence[str],
    commitments: list[Commitment],
    day_length: int,
    gaps: Gaps,
    starts_at: int = 0,
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
        gaps=gaps,
        starts_at=starts_at,
        practice_rounds=most(Kind.PRACTICE, 0),
        ranking_rounds=most(Kind.RANKING, 0),
        judging_sessions=most(Kind.JUDGING, 1),
    )
