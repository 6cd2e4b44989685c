"""The public prize: one vote per confirmed e-mail address, apart from the jury. Never commits.

A vote counts once its address is confirmed through the e-mailed link. The same address can
vote once per event; what the page says never tells whether an address has voted before.
"""

import secrets
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select

from challenges.auth.models import User
from challenges.awards import public_prize
from challenges.awards.awarding import short_reason
from challenges.awards.models import PublicPrize, PublicVote
from challenges.database import lock_rows, utcnow
from challenges.errors import DomainError
from challenges.events.market.services import market_teams
from challenges.events.models import Event
from challenges.extensions import db
from challenges.judging.programme import is_market
from challenges.links import absolute_url
from challenges.mail.services import queue_mail
from challenges.registration.models import Team
from challenges.seasons.models import Season


def stands(event: Event) -> list[tuple[int | None, Team]]:
    """The teams to vote for, each with its stand number: by stand, teams without one last."""
    rows = [(placed.stand, team) for placed, team in market_teams(event)]
    return sorted(rows, key=lambda row: (row[0] is None, row[0] or 0, row[1].name.lower()))


def teams(event: Event) -> list[Team]:
    return [team for _stand, team in stands(event)]


def choice_label(stand: int | None, team: Team) -> str:
    """ "Stand 3 · Name", as visitors find the team on the floor; the name without a stand."""
    if stand is None:
        return team.name
    return _("Stand %(number)s · %(team)s", number=stand, team=team.name)


def choices(event: Event) -> list[tuple[int | str, str]]:
    """The vote form's list: nothing chosen first, then the teams by stand."""
    return [("", _("Choose a team"))] + [
        (team.id, choice_label(stand, team)) for stand, team in stands(event)
    ]


def cast(event: Event, team_id: int, email: str, locale: str) -> None:
    """Keep the vote unconfirmed and mail the link; an address that already confirmed a vote
    is told so by mail and its vote stands."""
    if not event.public_vote_open:
        raise DomainError(_("Voting is closed."), status=409)
    team = db.session.get(Team, team_id)
    if team is None or team not in teams(event):
        raise DomainError(_("Choose a team of this event."), "team")
    email = email.strip().lower()
    vote = db.session.scalar(
        select(PublicVote).where(PublicVote.event_id == event.id, PublicVote.email == email)
    )
    if vote is not None and vote.confirmed_at is not None:
        queue_mail(email, _l("You already voted"), "vote_already", locale, event=event)
        return
    if vote is None:
        vote = PublicVote(event_id=event.id, email=email)
        db.session.add(vote)
    vote.team_id = team.id
    vote.token = secrets.token_urlsafe(32)
    link = absolute_url("awards_results.confirm_vote", event_ref=event.slug, token=vote.token)
    queue_mail(
        email, _l("Confirm your vote"), "vote_confirm", locale, event=event, team=team, link=link
    )


def confirm(event: Event, token: str) -> PublicVote:
    vote = db.session.scalar(
        select(PublicVote).where(PublicVote.event_id == event.id, PublicVote.token == token)
    )
    if vote is None:
        raise DomainError(_("This link is not valid (any more)."), status=404)
    if vote.confirmed_at is None:
        if not event.public_vote_open:
            raise DomainError(_("Voting is closed."), status=409)
        vote.confirmed_at = utcnow()
    return vote


def counts(event: Event) -> dict[int, int]:
    """Confirmed votes per team id (teams without any are left out)."""
    return dict(
        db.session.execute(
            select(PublicVote.team_id, func.count(PublicVote.id))
            .where(PublicVote.event_id == event.id, PublicVote.confirmed_at.is_not(None))
            .group_by(PublicVote.team_id)
        ).all()
    )


def total_votes(event: Event) -> int:
    """The confirmed votes that count: those of the teams that take part (as `tally_rows`)."""
    return sum(_present_counts(event).values())


@dataclass(frozen=True)
class TallyRow:
    stand: int | None
    team: Team
    votes: int
    leader: bool  # among the teams with the most votes


def tally_rows(event: Event) -> list[TallyRow]:
    """Every team at the event with its confirmed votes: most first, then by stand."""
    found = _present_counts(event)
    most = set(public_prize.leaders(found))
    rows = [TallyRow(stand, team, found[team.id], team.id in most) for stand, team in stands(event)]
    return sorted(rows, key=lambda row: -row.votes)


def _present_counts(event: Event) -> dict[int, int]:
    """Confirmed votes of every team that takes part (a no-show's votes do not count)."""
    found = counts(event)
    return {team.id: found.get(team.id, 0) for team in teams(event)}


def winner(event: Event) -> PublicPrize | None:
    return db.session.get(PublicPrize, event.id)


def problem_text(code: str) -> str:
    return {
        "no_votes": _("There are no confirmed votes: there is no winner to record."),
        "not_a_leader": _(
            "Another team has more votes: the public prize goes to a team with the most votes."
        ),
        "tie_needs_reason": _(
            "Several teams have the most votes: say why this team wins (a draw, for example)."
        ),
    }[code]


def record_winner(event: Event, team_id: int, reason: str, user: User) -> PublicPrize:
    """Once the vote is closed: the winner, one of the teams with the most votes; a tie is
    settled only with a reason."""
    lock_rows(db.session, Event, [event.id], forget=(Event, PublicPrize))
    if event.public_vote_open:
        raise DomainError(_("Close the vote first: until then the tally can change."), status=409)
    if winner(event) is not None:
        raise DomainError(
            _("The winner is recorded already: remove that decision first."), status=409
        )
    found = _present_counts(event)
    if team_id not in found:
        raise DomainError(_("Choose a team of this event."), "team", 404)
    code = public_prize.problem(found, team_id, reason)
    if code is not None:
        raise DomainError(
            problem_text(code), "reason" if code == "tie_needs_reason" else "team", 409
        )
    tied = len(public_prize.leaders(found)) > 1
    prize = PublicPrize(
        event_id=event.id,
        team_id=team_id,
        votes=found[team_id],
        tie_reason=short_reason(reason) if tied else None,
        decided_by=user.name,
    )
    db.session.add(prize)
    return prize


def withdraw_winner(event: Event) -> None:
    prize = winner(event)
    if prize is None:
        raise DomainError(_("There is no such decision."), status=404)
    db.session.delete(prize)


def has_public_prize(event: Event) -> bool:
    """Only Vakkanjers events (a market) have a public prize; FLL has none."""
    return is_market(event)


def ensure_public_prize(event: Event) -> None:
    if not has_public_prize(event):
        raise DomainError(
            _("This event has no public prize: only Vakkanjers events have one."), status=404
        )


def set_open(event: Event, open_: bool) -> None:
    ensure_public_prize(event)
    if open_ and winner(event) is not None:
        raise DomainError(
            _("The winner is recorded: remove that decision before the vote opens again."),
            status=409,
        )
    event.public_vote_open = open_


def _votes_with_addresses(season: Season) -> Select:
    return (
        select(PublicVote)
        .join(Event, Event.id == PublicVote.event_id)
        .where(Event.season_id == season.id, ~PublicVote.email.startswith("forgotten-"))
    )


def count_voters(season: Season) -> int:
    """How many of the season's public-prize votes still hold an e-mail address."""
    votes = _votes_with_addresses(season).subquery()
    return db.session.scalar(select(func.count()).select_from(votes))


def forget_voters(season: Season) -> int:
    """After the season: the addresses go, the (anonymous) votes stay counted."""
    votes = db.session.scalars(_votes_with_addresses(season)).all()
    for vote in votes:
        vote.email = f"forgotten-{vote.id}"
        vote.token = secrets.token_urlsafe(32)
    return len(votes)
