from datetime import timedelta

import time_machine
from sqlalchemy import select

from challenges.core.privacy import privacy
from challenges.database import utcnow
from challenges.extensions import db
from challenges.registration.models import Team
from tests.factories import make_event, make_open_season, make_school, make_teacher
from tests.registration.test_registration_flow import register


def test_purge_removes_first_names_only_after_the_season(client, runner):
    season = make_open_season(closes_in_days=10)
    event = make_event(season)
    event.starts_on = (utcnow() + timedelta(days=40)).date()
    db.session.commit()
    school = make_school()
    client.log_in(make_teacher(school).email)
    register(client, season, school)

    early = runner.invoke(privacy, ["purge", "--yes", season.key])
    assert early.exit_code == 1
    assert "is nog niet afgelopen" in early.output
    assert db.session.scalar(select(Team.pupil_first_names)) == "Anna\nBram"

    with time_machine.travel(utcnow() + timedelta(days=41)):
        done = runner.invoke(privacy, ["purge", "--yes", season.key])
    assert done.exit_code == 0, done.output
    assert "1 team(s)" in done.output
    team = db.session.scalar(select(Team))
    assert team.pupil_first_names is None
    assert not team.names_consent
    assert team.name == "Glow Bots"  # the anonymous result stays
    assert team.pupil_count == 5


def test_purge_of_an_unknown_season(runner):
    result = runner.invoke(privacy, ["purge", "nope"])
    assert result.exit_code == 1
    assert "No season" in result.output


def test_privacy_page_is_public(client):
    page = client.get("/privacy")
    assert page.status_code == 200
    assert "achternamen" in page.text
