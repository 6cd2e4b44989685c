"""Award rules (pure): candidate lists, the one-judged-award rule and eligibility.

Awards are data in the rubric set (`awards`, see `judging/rubrics.py`): each has a basis (the
Champion's `ranking`, an `area:<id>` rank, the `robot_game` ranking, the judges' `choice`, a
`nomination` or the `public_vote`), a number of places, and whether it is a judged award. A
team gets at most one judged award (Champion's, the core awards and the optional awards);
Robot Performance, Coach/Mentor and the public prize are exempt. Only teams ranked in every
part may win a judged award. The judge advisor may override the one-award rule with a
reason, never eligibility, and a team never holds two places of one award. See
docs/awards-and-advancement.md.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from challenges.judging.rubrics import Award


@dataclass(frozen=True)
class Candidate:
    team: int
    rank: int
    score: float | None
    tied: bool  # another candidate has the same rank


def candidates(ranks: Mapping[int, int], scores: Mapping[int, float | None]) -> list[Candidate]:
    """Teams by rank (best first); equal ranks stay equal and are marked as tied."""
    sharing = Counter(ranks.values())
    ordered = sorted(ranks, key=lambda team: (ranks[team], team))
    return [Candidate(t, ranks[t], scores.get(t), sharing[ranks[t]] > 1) for t in ordered]


@dataclass(frozen=True)
class Holding:
    team: int
    award: str
    place: int


def problems(
    award: Award,
    team: int,
    place: int,
    holdings: list[Holding],
    awards: Mapping[str, Award],
    eligible: bool,
) -> list[str]:
    """Why this team cannot take this place: not_eligible, place_out_of_range, place_taken,
    second_place (a team holds one place of an award at most), one_judged_award (the only
    one an override lifts)."""
    found = []
    if award.judged and not eligible:
        found.append("not_eligible")
    if not 1 <= place <= award.places:
        found.append("place_out_of_range")
    same_place = [h for h in holdings if h.award == award.id and h.place == place]
    if same_place and award.places_are != "winners":
        found.append("place_taken")
    if any(h.team == team and h.award == award.id for h in holdings):
        found.append("second_place")
    others = [h for h in holdings if h.team == team and h.award != award.id]
    if award.judged and any(awards[h.award].judged for h in others if h.award in awards):
        found.append("one_judged_award")
    return found


def proposal(
    order: list[Award], lists: Mapping[str, list[Candidate]], holdings: list[Holding]
) -> dict[str, int | None]:
    """A suggested winner per judged award in the allocation order, skipping teams that
    already hold (or are proposed for) a judged award. Ties are left to the judges: the first
    of tied candidates is suggested and the tie stays visible on the candidate list."""
    taken = {h.team for h in holdings if any(a.id == h.award and a.judged for a in order)}
    suggested: dict[str, int | None] = {}
    for award in order:
        if not award.judged:
            continue
        decided = [h.team for h in holdings if h.award == award.id and h.place == 1]
        winner = decided[0] if decided else None
        if winner is None:
            winner = next((c.team for c in lists.get(award.id, []) if c.team not in taken), None)
        suggested[award.id] = winner
        if winner is not None:
            taken.add(winner)
    return suggested
