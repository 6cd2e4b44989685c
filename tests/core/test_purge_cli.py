"""`challenges privacy purge`: shows what goes, asks, and only then backs up and removes."""

from datetime import date

import pytest
from sqlalchemy import func, select

from challenges.awards.models import PublicVote
from challenges.backups import services as backups
from challenges.core.privacy import privacy
from challenges.extensions import db
from challenges.registration.models import Team
from challenges.seasons.models import Season
from tests.factories import make_event, make_open_season, make_placed_teams


@pytest.fixture
def finished(app) -> Season:
    """A finished season: two of its three teams hold first names, two votes an address."""
    season = make_open_season()
    season.registration_closes_at = season.registration_opens_at
    event = make_event(season)
    event.starts_on = date(2020, 1, 25)
    teams = make_placed_teams(event, 3)
    teams[0].pupil_first_names = "Anna\nBram"
    teams[1].pupil_first_names = "Cas"
    for number, team in enumerate(teams[:2]):
        db.session.add(
            PublicVote(
                event_id=event.id,
                team_id=team.id,
                email=f"fan{number}@example.nl",
                token=f"token-{number}",
            )
        )
    db.session.commit()
    return season


def kept() -> tuple[int, int]:
    """How many teams still hold first names, and how many votes an address."""
    names = select(func.count()).where(Team.pupil_first_names.is_not(None))
    addresses = select(func.count()).where(~PublicVote.email.startswith("forgotten-"))
    return db.session.scalar(names), db.session.scalar(addresses)


def backups_made() -> list[str]:
    return [backup.manifest.reason for backup in backups.stored_backups()]


def purge(runner, *args: str, answer: str | None = None):
    return runner.invoke(privacy, ["purge", *args], input=answer)


def test_a_dry_run_shows_what_would_go_and_changes_nothing(runner, finished):
    result = purge(runner, "--dry-run", finished.key)
    assert result.exit_code == 0, result.output
    assert f"Season {finished.key}" in result.output
    assert "first names of 2 team(s)" in result.output
    assert "addresses of 2 public-prize vote(s)" in result.output
    assert "Dry run: nothing removed." in result.output
    assert kept() == (2, 2)
    assert backups_made() == []


def test_no_at_the_question_changes_nothing(runner, finished):
    result = purge(runner, finished.key, answer="n\n")
    assert result.exit_code == 1
    assert "first names of 2 team(s)" in result.output
    assert "Remove them for good" in result.output
    assert "Aborted" in result.output
    assert kept() == (2, 2)
    assert backups_made() == []


def test_yes_at_the_question_backs_up_and_removes(runner, finished):
    result = purge(runner, finished.key, answer="y\n")
    assert result.exit_code == 0, result.output
    assert "Removed the pupils' first names of 2 team(s)" in result.output
    assert "Removed the e-mail addresses of 2 public-prize vote(s)" in result.output
    assert kept() == (0, 0)
    assert backups_made() == ["voor wissen namen"]


def test_yes_option_removes_without_asking_and_a_second_run_finds_nothing(runner, finished):
    result = purge(runner, "--yes", finished.key)
    assert result.exit_code == 0, result.output
    assert "Remove them" not in result.output
    assert kept() == (0, 0)
    again = purge(runner, "--yes", finished.key)
    assert again.exit_code == 0, again.output
    assert "first names of 0 team(s)" in again.output
    assert "Nothing to remove." in again.output
    assert backups_made() == ["voor wissen namen"]


def test_a_season_that_is_not_finished_is_refused_before_anything_is_shown(runner, app):
    season = make_open_season()
    result = purge(runner, "--dry-run", season.key)
    assert result.exit_code == 1
    assert "is nog niet afgelopen" in result.output
    assert "team(s)" not in result.output
