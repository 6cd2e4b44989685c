"""The public prize's winner (pure): a team with the most confirmed votes. When several teams
share the most, the one who records the winner chooses among them and says why; a team with
fewer votes never wins, and without a single vote there is no winner."""

from collections.abc import Mapping


def leaders(counts: Mapping[int, int]) -> list[int]:
    """The teams with the most votes (team ids, ascending); none when nobody has a vote."""
    most = max(counts.values(), default=0)
    return sorted(team for team, votes in counts.items() if votes == most and votes > 0)


def problem(counts: Mapping[int, int], team: int, reason: str) -> str | None:
    """Why this team cannot be recorded as the winner: no_votes, not_a_leader (another team
    has more votes) or tie_needs_reason (a tie is settled only with a reason)."""
    found = leaders(counts)
    if not found:
        return "no_votes"
    if team not in found:
        return "not_a_leader"
    if len(found) > 1 and not reason.strip():
        return "tie_needs_reason"
    return None
