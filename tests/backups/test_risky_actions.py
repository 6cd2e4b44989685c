"""Before a risky action the app backs the database up by itself: reopening a round, replacing
a schedule, importing schools, purging a season's names."""

import io
from datetime import timedelta

import time_machine

from challenges.auth.roles import Role
from challenges.backups import services
from challenges.core.privacy import privacy
from challenges.database import utcnow
from challenges.extensions import db
from tests.factories import (
    grant_event_role,
    make_event,
    make_open_season,
    make_placed_teams,
    make_user,
)
from tests.robot_game.conftest import make_arena
from tests.schools.test_import import BOSCH, RODE, current_file, upload


def reasons() -> list[str]:
    return [backup.manifest.reason for backup in services.stored_backups()]


def test_reopening_a_round_is_backed_up_first(client):
    arena = make_arena()
    client.log_in(arena.head_referee.email)
    desk = f"/events/{arena.event.id}/head-referee"
    client.submit(f"{desk}/rounds/ranking/1/close", {}, page=desk)
    assert reasons() == []  # closing is not risky
    client.submit(f"{desk}/rounds/ranking/1/reopen", {}, page=desk)
    assert reasons() == ["voor heropenen ronde"]


def test_a_season_purge_is_backed_up_first(runner):
    season = make_open_season(closes_in_days=10)
    [team] = make_placed_teams(make_event(season), 1)
    team.pupil_first_names = "Anna"
    db.session.commit()
    with time_machine.travel(utcnow() + timedelta(days=400)):
        done = runner.invoke(privacy, ["purge", "--yes", season.key])
    assert done.exit_code == 0, done.output
    assert reasons() == ["voor wissen namen"]


def test_importing_a_schedule_is_backed_up_first(client):
    arena = make_arena()
    manager = make_user(name="Eva Eventmanager")
    grant_event_role(manager, arena.event, Role.EVENT_MANAGER)
    client.log_in(manager.email)
    page = f"/events/{arena.event.id}/schedule"
    exported = client.get(f"{page}.csv").data
    file = {"file": (io.BytesIO(exported), "schema.csv")}
    client.submit(f"{page}/import", file, page=page, content_type="multipart/form-data")
    assert reasons() == ["voor schema-import"]


def test_importing_schools_is_backed_up_first_but_checking_is_not(client):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    data = current_file(BOSCH, RODE)
    upload(client, data, dry_run=True)
    assert reasons() == []
    upload(client, data, dry_run=False)
    assert reasons() == ["voor scholenimport"]
