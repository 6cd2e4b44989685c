import itertools
from collections import Counter
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from challenges.events.schedule.check import check, needed_gap, quality
from challenges.events.schedule.generator import (
    Commitment,
    Gaps,
    Infeasible,
    Kind,
    Schedule,
    Settings,
    generate,
    slot_times,
)


def teams(count: int) -> tuple[str, ...]:
    return tuple(str(1001 + n) for n in range(count))


DAY = Settings(teams=teams(24), tables=4, rooms=3, day_length=8 * 60, breaks=((240, 270),))


def test_every_team_gets_every_round_without_violations():
    schedule = generate(DAY)
    assert check(schedule, DAY) == [v for v in check(schedule, DAY) if not v.hard]
    for team in DAY.teams:
        kinds = Counter(c.kind for c in schedule.of_team(team))
        assert kinds == {Kind.PRACTICE: 1, Kind.RANKING: 3, Kind.JUDGING: 1}
        rounds = [c.round for c in schedule.of_team(team) if c.kind is Kind.RANKING]
        assert rounds == [1, 2, 3]


def test_gaps_and_breaks_are_respected():
    schedule = generate(DAY)
    for team in DAY.teams:
        busy = schedule.of_team(team)
        assert all(
            b.start - a.end >= needed_gap(DAY.gaps, a, b) for a, b in itertools.pairwise(busy)
        )
    assert not any(c.start < 270 and c.end > 240 for c in schedule.commitments)
    figures = quality(schedule)
    assert (figures.smallest_match_gap, figures.smallest_judging_gap) >= (30, 15)


def test_the_gaps_are_settings():
    schedule = generate(replace(DAY, gaps=Gaps(match=50, judging=25), day_length=10 * 60))
    figures = quality(schedule)
    assert figures.smallest_match_gap >= 50
    assert figures.smallest_judging_gap >= 25


SIZES = [(24, 4, 3), (48, 8, 6), (60, 8, 8), (80, 8, 10)]


@pytest.mark.parametrize(("count", "tables", "rooms"), SIZES)
def test_generated_days_meet_every_rule_of_a_head_referee(count, tables, rooms):
    day = Settings(
        teams=teams(count), tables=tables, rooms=rooms, day_length=9 * 60, breaks=((240, 270),)
    )
    schedule = generate(day)
    assert check(schedule, day) == []  # nothing hard, and no warning either
    figures = quality(schedule)
    assert (figures.repeated_opponents, figures.one_table_teams) == (0, 0)
    per_table = Counter(c.place for c in schedule.commitments if c.kind is not Kind.JUDGING)
    per_room = Counter(c.place for c in schedule.commitments if c.kind is Kind.JUDGING)
    assert len(per_table) == tables
    assert len(per_room) == rooms
    assert max(per_table.values()) - min(per_table.values()) <= 1
    assert max(per_room.values()) - min(per_room.values()) <= 1


def test_table_pairs_take_turns():
    schedule = generate(DAY)
    starts = {
        pair: {c.start for c in schedule.commitments if c.place in tables}
        for pair, tables in enumerate((("table 1", "table 2"), ("table 3", "table 4")))
    }
    assert starts[0]
    assert starts[1]
    assert starts[0].isdisjoint(starts[1])


def test_a_judging_bound_day_is_as_short_as_its_rooms_allow():
    """24 teams in 3 rooms need 8 sessions per room; the day ends with the eighth."""
    eighth = list(slot_times(0, DAY.judging_cycle, DAY.judging_length, DAY.breaks, 24 * 60))[7]
    schedule = generate(DAY)
    assert max(c.end for c in schedule.commitments) == eighth + DAY.judging_length


@pytest.mark.parametrize("count", [8, 9, 10, 11])
def test_from_eight_teams_no_two_teams_meet_twice(count):
    day = Settings(teams=teams(count), tables=2, rooms=1, day_length=12 * 60)
    schedule = generate(day)
    assert quality(schedule).repeated_opponents == 0
    assert [v for v in check(schedule, day) if v.hard] == []


def test_with_an_odd_number_of_teams_one_plays_alone_each_round():
    day = replace(DAY, teams=teams(23))
    schedule = generate(day)
    rankings = [c for c in schedule.commitments if c.kind is Kind.RANKING]
    together = Counter((c.start, c.place in ("table 1", "table 2")) for c in rankings)
    alone = sum(count == 1 for count in together.values())
    assert alone == 3  # one per ranking round
    assert Counter(c.team for c in rankings) == dict.fromkeys(day.teams, 3)


def test_two_teams_per_table_pair_per_match_slot():
    schedule = generate(DAY)
    per_slot = Counter(
        (c.place, c.start) for c in schedule.commitments if c.kind is not Kind.JUDGING
    )
    assert max(per_slot.values()) == 1  # one team per table per slot
    tables = {c.place for c in schedule.commitments if c.kind is not Kind.JUDGING}
    assert tables <= {"table 1", "table 2", "table 3", "table 4"}


def test_deterministic_for_a_seed():
    assert generate(DAY) == generate(DAY)
    assert generate(DAY) != generate(replace(DAY, seed=1))


def test_sixty_teams_fit_a_day_with_eight_tables_and_six_rooms():
    big = Settings(teams=teams(60), tables=8, rooms=6, day_length=9 * 60, breaks=((270, 300),))
    schedule = generate(big)
    assert len(schedule.commitments) == 60 * 5
    assert [v for v in check(schedule, big) if v.hard] == []


def test_infeasible_day_says_what_to_change():
    with pytest.raises(Infeasible) as problem:
        generate(Settings(teams=teams(60), tables=2, rooms=1, day_length=4 * 60))
    message = str(problem.value)
    assert "add a table pair or a judging room" in message
    assert "minutes longer" in message


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"tables": 3}, "tables come in pairs"),
        ({"tables": 0}, "tables come in pairs"),
        ({"teams": teams(3), "tables": 4}, "use fewer tables"),
        ({"rooms": 0}, "at least 1 judging room"),
        ({"teams": ("1001",)}, "at least 2 teams"),
        ({"teams": ("1001", "1001")}, "appears twice"),
        ({"match_length": 9}, "longer than the match cycle"),
        ({"judging_length": 50}, "longer than the judging cycle"),
        ({"match_cycle": 0}, "must be positive"),
        ({"gaps": Gaps(match=-1)}, "cannot be negative"),
        ({"gaps": Gaps(judging=-1)}, "cannot be negative"),
    ],
)
def test_bad_settings_are_explained(changes, message):
    with pytest.raises(Infeasible, match=message):
        generate(replace(DAY, **changes))


def commitment(team="1001", kind=Kind.RANKING, number=1, place="table 1", start=0, end=3):
    return Commitment(team, kind, number, place, start, end)


def complete(
    team: str, offset: int = 0, table: str = "table 1", room: str = "room 1"
) -> list[Commitment]:
    return [
        commitment(team, Kind.JUDGING, 1, room, offset, offset + 30),
        commitment(team, Kind.PRACTICE, 1, table, offset + 60, offset + 63),
        commitment(team, Kind.RANKING, 1, table, offset + 100, offset + 103),
        commitment(team, Kind.RANKING, 2, table, offset + 140, offset + 143),
        commitment(team, Kind.RANKING, 3, table, offset + 180, offset + 183),
    ]


SMALL = Settings(teams=("1001", "1002"), tables=2, rooms=1, starts_at=9 * 60)


def messages(schedule: Schedule, hard: bool = True) -> list[str]:
    return [v.message for v in check(schedule, SMALL) if v.hard is hard]


def test_checker_accepts_a_good_schedule():
    assert messages(Schedule(complete("1001") + complete("1002", 5, "table 2", "room 2"))) == []


def test_checker_finds_a_missing_round_and_a_stranger():
    schedule = Schedule(
        complete("1001")[:-1]
        + complete("1002", 5, "table 2", "room 2")
        + [commitment("9999", start=300, end=303)]
    )
    found = messages(schedule)
    assert "1001 has 2 ranking round(s) instead of 3" in found
    assert "9999 is not a team of this event" in found


def test_checker_finds_overlap_short_gap_and_double_booking():
    first = complete("1001")
    first[1] = commitment("1001", Kind.PRACTICE, 1, "table 1", 25, 28)  # overlaps judging
    second = complete("1002", 5, "table 2", "room 2")
    second[2] = commitment("1002", Kind.RANKING, 1, "table 1", 100, 103)  # 1001's table, same time
    second[3] = commitment("1002", Kind.RANKING, 2, "table 2", 108, 111)  # 5 minutes after
    found = " | ".join(messages(Schedule(first + second)))
    assert "overlap" in found
    assert "only 5 minutes between" in found
    assert "1001: judging and practice round 1 overlap at 09:25" in found
    assert "table 1 is double-booked at 10:40" in found


def test_checker_finds_breaks_late_finishes_and_short_gaps_around_judging():
    late = replace(SMALL, breaks=((60, 70),), day_length=150)
    schedule = Schedule(complete("1001") + complete("1002", 5, "table 2", "room 2"))
    found = [v.message for v in check(schedule, late) if v.hard]
    assert any("falls in a break" in message for message in found)
    assert any("ends after the day" in message for message in found)
    near = complete("1001")
    near[1] = commitment("1001", Kind.PRACTICE, 1, "table 2", 42, 45)  # 12 minutes after judging
    found = messages(Schedule(near + complete("1002", 5, "table 2", "room 2")))
    assert found == ["1001: only 12 minutes between judging and practice round 1 (at 09:42)"]


def test_checker_warns_of_teams_that_meet_twice_and_of_one_table_for_every_match():
    def match(team: str, number: int, table: str, start: int) -> Commitment:
        return commitment(team, Kind.RANKING, number, table, start, start + 3)

    rankings = [
        match("1001", 1, "table 1", 0),
        match("1002", 1, "table 2", 0),  # 1001 and 1002 meet
        match("1003", 1, "table 3", 0),  # table 3 is the next pair's: no opponent
        match("1001", 2, "table 1", 30),
        match("1002", 2, "table 2", 30),  # they meet again
        match("1003", 2, "table 4", 30),
    ]
    warnings = [v.message for v in check(Schedule(rankings), SMALL) if not v.hard]
    assert "1001 and 1002 meet in 2 ranking matches" in warnings
    assert "1001 plays every ranking match on table 1" in warnings
    assert "1002 plays every ranking match on table 2" in warnings
    assert not any(
        "1003" in warning for warning in warnings if "meet" in warning or "every" in warning
    )


@settings(max_examples=60, deadline=None)
@given(
    team_count=st.integers(min_value=2, max_value=48),
    pairs=st.integers(min_value=1, max_value=4),
    rooms=st.integers(min_value=1, max_value=5),
    match_cycle=st.integers(min_value=5, max_value=12),
    gaps=st.builds(Gaps, st.integers(0, 45), st.integers(0, 20)),
    seed=st.integers(min_value=0, max_value=10_000),
    lunch=st.booleans(),
)
def test_generated_schedules_always_pass_the_checker(
    team_count, pairs, rooms, match_cycle, gaps, seed, lunch
):
    day = Settings(
        teams=teams(team_count),
        tables=min(2 * pairs, team_count - team_count % 2),
        rooms=rooms,
        match_cycle=match_cycle,
        gaps=gaps,
        day_length=48 * 60,  # long enough for any of these; the infeasible case is tested above
        breaks=((240, 280),) if lunch else (),
        seed=seed,
    )
    schedule = generate(day)
    assert [v for v in check(schedule, day) if v.hard] == []
    assert len(schedule.commitments) == team_count * 5
    if team_count >= 8:
        assert quality(schedule).repeated_opponents == 0
