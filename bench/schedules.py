"""Benchmark: generating a day for 24, 48, 60 and 80 teams (time and quality).

In one process, for each size, with a 30-minute lunch break and the default gaps (30 minutes
between a team's matches, 15 between judging and a match): the time `generator.generate`
takes (best of 3), then the day's quality as the checker sees it (hard problems, warnings,
check.quality's figures) and when the day ends beside the earliest it could end (the
busiest resource without a pause). Target: 80 teams in under 5 s on 2 cores; no hard
problems, no repeated opponents, every rule of #17 point 4.

Run: .venv/bin/python bench/schedules.py   (figures in RESULTS.md)
"""

import math
import time

from challenges import create_app
from challenges.events.schedule.check import check, quality
from challenges.events.schedule.generator import Settings, generate, slot_times

SIZES = ((24, 4, 3), (48, 8, 6), (60, 8, 8), (80, 8, 10))  # teams, tables, judging rooms
LUNCH = ((240, 270),)  # 30 minutes, four hours into the day


def shortest_possible(settings: Settings) -> int:
    """The day can end no sooner than the busiest resource allows: the last judging session
    when every room is busy without a pause, or the last match when every table is."""
    rooms_busy = math.ceil(len(settings.teams) / settings.rooms)
    judging = list(slot_times(0, settings.judging_cycle, settings.judging_length, LUNCH, 10**4))
    per_pair = math.ceil(
        len(settings.teams) * (settings.ranking_rounds + settings.practice_rounds) / settings.tables
    )
    matches = list(slot_times(0, settings.match_cycle, settings.match_length, LUNCH, 10**4))
    return max(
        judging[rooms_busy - 1] + settings.judging_length,
        matches[per_pair - 1] + settings.match_length,
    )


def main() -> None:
    print(f"{time.strftime('%Y-%m-%d %H:%M')} UTC")
    print("teams tables rooms  seconds  hard  soft  pairs met twice+  one-table teams  "
          "min match gap  min judging gap  longest wait  day ends  shortest possible")  # fmt: skip
    for teams, tables, rooms in SIZES:
        settings = Settings(
            teams=tuple(str(n) for n in range(1, teams + 1)),
            tables=tables,
            rooms=rooms,
            day_length=12 * 60,
            breaks=LUNCH,
        )
        took = []
        for _ in range(3):
            began = time.perf_counter()
            day = generate(settings)
            took.append(time.perf_counter() - began)
        problems = check(day, settings)
        hard = sum(problem.hard for problem in problems)
        figures = quality(day)
        print(
            f"{teams:>5} {tables:>6} {rooms:>5}  {min(took):7.3f}  {hard:>4}"
            f"  {len(problems) - hard:>4}  {figures.repeated_opponents:>16}"
            f"  {figures.one_table_teams:>15}  {figures.smallest_match_gap:>13}"
            f"  {figures.smallest_judging_gap:>15}  {figures.longest_wait:>12}"
            f"  {max(c.end for c in day.commitments):>8}  {shortest_possible(settings):>17}"
        )


if __name__ == "__main__":
    with create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "bench"}).app_context():
        main()
