"""The public prize: one vote per confirmed e-mail address, counted apart from the jury."""

import re

import pytest
from sqlalchemy import select

from challenges.awards.models import PublicVote
from challenges.core.privacy import privacy
from challenges.extensions import db
from challenges.mail.models import OutboxMessage


@pytest.fixture
def voting(judged):
    judged.event.public_vote_open = True
    db.session.commit()
    return judged


def vote(client, event, team, email):
    url = f"/events/{event.slug}/vote"
    return client.submit(url, {"team": team.id, "email": email}, page=url)


def link_for(email) -> str:
    mail = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == email).order_by(OutboxMessage.id)
    ).all()[-1]
    return re.search(r"http://\S+", mail.body).group(0).replace("http://localhost", "")


def test_a_vote_counts_once_its_address_is_confirmed(client, voting):
    team = voting.teams[1]
    page = vote(client, voting.event, team, " Fan@Example.nl ")
    assert "we hebben je een e-mail gestuurd" in page.get_data(as_text=True).lower()
    [stored] = db.session.scalars(select(PublicVote)).all()
    assert (stored.email, stored.team_id, stored.confirmed_at) == ("fan@example.nl", team.id, None)
    confirmed = client.get(link_for("fan@example.nl"))
    assert "telt mee" in confirmed.get_data(as_text=True)
    assert stored.confirmed_at is not None


def test_an_address_votes_once_and_the_page_does_not_tell(client, voting):
    vote(client, voting.event, voting.teams[1], "fan@example.nl")
    client.get(link_for("fan@example.nl"))
    again = vote(client, voting.event, voting.teams[2], "fan@example.nl")
    assert "we hebben je een e-mail gestuurd" in again.get_data(as_text=True).lower()
    [stored] = db.session.scalars(select(PublicVote)).all()
    assert stored.team_id == voting.teams[1].id
    last = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()[-1]
    assert "al gestemd" in last.subject.lower()


def test_closed_votes_bad_teams_and_bad_links_are_refused(client, voting):
    other = vote(client, voting.event, voting.teams[0], "not-an-address")
    assert other.status_code == 422
    vote(client, voting.event, voting.teams[0], "late@example.nl")
    link = link_for("late@example.nl")
    voting.event.public_vote_open = False
    db.session.commit()
    assert client.get(link).status_code == 409
    assert client.get(f"/events/{voting.event.slug}/vote/confirm/wrong").status_code == 404
    closed = client.get(f"/events/{voting.event.slug}/vote").get_data(as_text=True)
    assert "Stemmen is gesloten" in closed
    assert db.session.scalar(select(PublicVote.confirmed_at)) is None


def test_the_public_page_never_shows_the_counts(client, voting):
    for number, team in enumerate([voting.teams[1], voting.teams[1], voting.teams[2]]):
        vote(client, voting.event, team, f"fan{number}@example.nl")
        client.get(link_for(f"fan{number}@example.nl"))
    voting.event.results_published_at = voting.event.season.registration_opens_at
    db.session.commit()
    page = client.get(f"/events/{voting.event.slug}/results").get_data(as_text=True)
    assert "Team 1" in page  # the ranking is there
    assert 'id="public-prize"' not in page  # no winner recorded: nothing about the vote
    assert "stemmen" not in page.lower()


def test_after_the_season_the_addresses_go_and_the_votes_stay(client, runner, voting):
    vote(client, voting.event, voting.teams[1], "fan@example.nl")
    client.get(link_for("fan@example.nl"))
    season = voting.event.season
    season.registration_closes_at = season.registration_opens_at
    voting.event.starts_on = voting.event.starts_on.replace(year=2020)
    db.session.commit()
    result = runner.invoke(privacy, ["purge", "--yes", season.key])
    assert result.exit_code == 0, result.output
    assert "1 public-prize vote(s)" in result.output
    [stored] = db.session.scalars(select(PublicVote)).all()
    assert stored.email == f"forgotten-{stored.id}"
    assert stored.confirmed_at is not None
    again = runner.invoke(privacy, ["purge", "--yes", season.key])
    assert "0 public-prize vote(s)" in again.output
