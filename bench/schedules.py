"""Benchmark: generating a day for 24, 48, 60 and 80 teams (time and quality).

In one process, for each size: the time `scheduling.generate` takes (best of 3), then the
day's quality as the checker sees it: hard problems, teams that meet in more than one ranking
match, teams that play every ranking match on one table, the smallest gap between a team's
robot-game matches and between judging and a match, and the length of the day. Target: 80
teams in under 5 s on 2 cores; no hard problems; no repeated opponents (#17).

Run: .venv/bin/python bench/schedules.py   (figures in RESULTS.md)
"""

import itertools
import time
from collections import defaultdict

from challenges import create_app
from challenges.events.schedule_check import check, opponents
from challenges.events.scheduling import Kind, Settings, generate

SIZES = ((24, 4, 3), (48, 8, 6), (60, 8, 8), (80, 8, 10))  # teams, tables, judging rooms


def smallest_gaps(commitments) -> tuple[int, int]:
    """Minutes between a team's robot-game matches, and between judging and a match."""
    by_team = defaultdict(list)
    for commitment in commitments:
        by_team[commitment.team].append(commitment)
    matches, judging = [], []
    for own in by_team.values():
        ordered = sorted(own, key=lambda c: c.start)
        for before, after in itertools.pairwise(ordered):
            gap = after.start - before.end
            kinds = {before.kind, after.kind}
            (judging if Kind.JUDGING in kinds else matches).append(gap)
    return min(matches), min(judging)


def main() -> None:
    print(f"{time.strftime('%Y-%m-%d %H:%M')} UTC")
    print("teams tables rooms  seconds  hard  pairs met twice+  one-table teams  "
          "min match gap  min judging gap  day (min)")  # fmt: skip
    for teams, tables, rooms in SIZES:
        settings = Settings(
            teams=tuple(str(n) for n in range(1, teams + 1)),
            tables=tables,
            rooms=rooms,
            day_length=12 * 60,
        )
        took = []
        for _ in range(3):
            began = time.perf_counter()
            day = generate(settings)
            took.append(time.perf_counter() - began)
        problems = check(day, settings)
        rankings = [c for c in day.commitments if c.kind is Kind.RANKING]
        repeated = sum(1 for count in opponents(rankings).values() if count > 1)
        one_table = sum("every ranking match" in p.message for p in problems)
        match_gap, judging_gap = smallest_gaps(day.commitments)
        length = max(c.end for c in day.commitments) - min(c.start for c in day.commitments)
        hard = sum(problem.hard for problem in problems)
        print(
            f"{teams:>5} {tables:>6} {rooms:>5}  {min(took):7.3f}  {hard:>4}"
            f"  {repeated:>16}  {one_table:>15}  {match_gap:>13}  {judging_gap:>15}  {length:>9}"
        )


if __name__ == "__main__":
    with create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "bench"}).app_context():
        main()
