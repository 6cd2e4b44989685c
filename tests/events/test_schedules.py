import io
import random
from datetime import time

import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.events.models import ScheduleEntry
from challenges.extensions import db
from challenges.registration.models import Team
from tests.factories import (
    grant_event_role,
    make_event,
    make_open_season,
    make_placed_teams,
    make_school,
    make_teacher,
    make_user,
)
from tests.hostile.test_refusals import PNG

SETTINGS = {
    "match_cycle": 8,
    "judging_length": 30,
    "judging_cycle": 40,
    "min_gap": 10,
    "practice_rounds": 1,
    "ranking_rounds": 3,
    "break_start": "12:00",
    "break_end": "12:30",
    "seed": 1,
}


@pytest.fixture
def event():
    event = make_event(make_open_season(), name="Regiofinale Delft")
    event.start_time, event.end_time, event.tables, event.rooms = time(9, 0), time(17, 0), 4, 2
    coach = make_teacher(make_school(), email="coach@school.nl")
    make_placed_teams(event, 8, coach=coach, no_shows=(7,))
    return event


@pytest.fixture
def manager(client, event):
    manager = make_user()
    grant_event_role(manager, event, Role.EVENT_MANAGER)
    client.log_in(manager.email)
    return manager


def test_manager_makes_the_schedule_without_no_shows(client, event, manager):
    page = f"/events/{event.id}/schedule"
    response = client.submit(page, SETTINGS)
    assert response.headers["Location"] == page
    rows = db.session.scalars(select(ScheduleEntry)).all()
    assert len(rows) == 7 * 5  # seven teams (one no-show) x (practice + 3 ranking + judging)
    no_show = db.session.scalar(select(Team).where(Team.name == "Team 7"))
    assert all(row.team_id != no_show.id for row in rows)
    first = min(row.starts_at for row in rows)
    assert first.hour == 8  # 09:00 in Amsterdam is 08:00 UTC in January
    assert not any(row.starts_at.hour == 11 and row.starts_at.minute < 30 for row in rows)  # lunch
    view = client.get(f"{page}?by=team").text
    assert "#1001 Team 0" in view
    assert "jurering" in view
    client.submit(page, SETTINGS)  # making it again replaces it
    assert len(db.session.scalars(select(ScheduleEntry)).all()) == 35


def test_csv_and_now_and_next(client, event, manager):
    client.submit(f"/events/{event.id}/schedule", SETTINGS)
    csv = client.get(f"/events/{event.id}/schedule.csv")
    lines = csv.data.decode("utf-8-sig").splitlines()
    assert lines[0] == "team number;team;kind;round;place;start;end"
    assert len(lines) == 36
    assert "09:00" in csv.text
    assert client.get(f"/events/{event.id}/now").status_code == 200


def test_infeasible_schedule_is_explained_and_nothing_saved(client, event, manager):
    event.end_time = time(10, 0)
    db.session.commit()
    response = client.submit(f"/events/{event.id}/schedule", SETTINGS)
    assert response.status_code == 422
    assert "Dit dagprogramma kan niet worden gemaakt" in response.text
    assert db.session.scalars(select(ScheduleEntry)).all() == []


def test_event_without_tables_cannot_be_scheduled(client, event, manager):
    event.tables = None
    db.session.commit()
    response = client.submit(f"/events/{event.id}/schedule", SETTINGS)
    assert response.status_code == 422


def test_judges_see_but_do_not_make_the_schedule(client, event):
    judge = make_user()
    grant_event_role(judge, event, Role.JUDGE)
    client.log_in(judge.email)
    page = f"/events/{event.id}/schedule"
    assert client.get(page).status_code == 200
    assert client.submit(page, SETTINGS).status_code == 403


def test_coach_sees_the_team_schedule(client, event, manager):
    client.submit(f"/events/{event.id}/schedule", SETTINGS)
    client.submit("/account/logout", {}, page="/")
    client.log_in("coach@school.nl")
    team = db.session.scalar(select(Team).where(Team.name == "Team 0"))
    page = client.get(f"/teams/{team.id}").text
    assert "wedstrijdronde 3" in page
    assert "jurering" in page


def upload(client, event, text: str):
    page = f"/events/{event.id}/schedule"
    data = {"file": (io.BytesIO(text.encode()), "schedule.csv")}
    client.submit(f"{page}/import", data, page=page, content_type="multipart/form-data")
    return client.get(page).text


def test_block_format_export_then_import_gives_the_same_schedule(client, event, manager):
    client.submit(f"/events/{event.id}/schedule", SETTINGS)
    before = sorted(
        (e.team_id, e.kind, e.starts_at) for e in db.session.scalars(select(ScheduleEntry))
    )
    exported = client.get(f"/events/{event.id}/schedule.block").data.decode()
    assert exported.startswith("Version Number,1")
    page = upload(client, event, exported)
    assert "Het dagprogramma is geïmporteerd" in page
    after = sorted(
        (e.team_id, e.kind, e.starts_at) for e in db.session.scalars(select(ScheduleEntry))
    )
    assert after == before
    assert "Moet worden opgelost" not in page


def test_import_with_unknown_team_changes_nothing(client, event, manager):
    client.submit(f"/events/{event.id}/schedule", SETTINGS)
    exported = client.get(f"/events/{event.id}/schedule.block").data.decode()
    count = len(db.session.scalars(select(ScheduleEntry)).all())
    page = upload(client, event, exported.replace("1001", "4242"))
    assert "niet geïmporteerd" in page
    assert "4242" in page
    assert len(db.session.scalars(select(ScheduleEntry)).all()) == count


def test_import_of_a_foreign_file_is_refused(client, event, manager):
    page = upload(client, event, "name;number\nA;1\n")
    assert "niet geïmporteerd" in page
    assert db.session.scalars(select(ScheduleEntry)).all() == []


def test_checker_shows_problems_of_an_imported_schedule(client, event, manager):
    client.submit(f"/events/{event.id}/schedule", SETTINGS)
    exported = client.get(f"/events/{event.id}/schedule.block").data.decode()
    lines = exported.splitlines()
    # Take team 1002 out of its first ranking match: it then misses a round.
    index = next(i for i, line in enumerate(lines) if line.startswith("Table Names")) + 1
    while "1002" not in lines[index]:
        index += 1
    lines[index] = lines[index].replace("1002", "")
    page = upload(client, event, "\r\n".join(lines) + "\r\n")
    assert "Moet worden opgelost" in page
    assert (
        "1002" in page or str(db.session.scalar(select(Team.id).where(Team.number == 1002))) in page
    )


def test_plain_csv_and_xlsx_round_trip(client, event, manager):
    client.submit(f"/events/{event.id}/schedule", SETTINGS)
    before = sorted(
        (e.team_id, e.kind, e.round, e.starts_at) for e in db.session.scalars(select(ScheduleEntry))
    )
    for path, name in (("schedule.csv", "schedule.csv"), ("schedule.xlsx", "schedule.xlsx")):
        exported = client.get(f"/events/{event.id}/{path}").data
        page = f"/events/{event.id}/schedule"
        data = {"file": (io.BytesIO(exported), name)}
        client.submit(f"{page}/import", data, page=page, content_type="multipart/form-data")
        assert "Het dagprogramma is geïmporteerd" in client.get(page).text
        after = sorted(
            (e.team_id, e.kind, e.round, e.starts_at)
            for e in db.session.scalars(select(ScheduleEntry))
        )
        assert after == before


@pytest.mark.parametrize(
    ("content", "name", "reason"),
    [
        (
            b"team number;kind;round;place;start;end\n"
            b"1001;ranking;1;table 1;9:00;9:03\n"
            b"1001;ranking;1;table 2;9:30;9:33\n",
            "s.csv",
            "twee keer",
        ),
        (b"team;when\n1001;9:00\n", "s.csv", "regel 1: ontbrekende kolom(men): team number"),
        (b"not a spreadsheet", "s.xlsx", "geen Excel-werkmap"),
        (
            b"team number;kind;round;place;start;end\n1001;dancing;1;table 1;9:00;9:03\n",
            "s.csv",
            "regel 2: geen geldige rij van een dagprogramma",
        ),
        # Hostile files: too long a field, NUL, a picture, random bytes, too long a place.
        (b"team number;kind;round;place;start;end\n1001;" + b"x" * 140_000, "s.csv", "131072"),
        (b"team number;kind;round;place;start;end\n1001\x00;ranking;1", "s.csv", "(U+0000)"),
        (PNG, "schedule.csv", "dit is geen CSV-bestand"),
        (random.Random(8).randbytes(3000), "schedule.xlsx", "geen Excel-werkmap"),
        (b"Version Number,1\nBlock Format,1\nNumber of Teams,\x001", "s.csv", "(U+0000)"),
        (
            b"team number;kind;round;place;start;end\n1001;ranking;1;" + b"t" * 41 + b";9:00;9:03",
            "s.csv",
            "hoogstens 40 tekens",
        ),
        (
            b"team number;kind;round;place;start;end\n1001;ranking;\xd9\xa3;t;9:00;9:03",
            "s.csv",
            "regel 2: geen geldige rij van een dagprogramma",
        ),
    ],
)
def test_bad_plain_files_change_nothing(client, event, manager, content, name, reason):
    page = f"/events/{event.id}/schedule"
    client.submit(
        f"{page}/import",
        {"file": (io.BytesIO(content), name)},
        page=page,
        content_type="multipart/form-data",
    )
    text = client.get(page).text
    assert "Het dagprogramma is niet geïmporteerd" in text
    assert reason in text
    assert db.session.scalars(select(ScheduleEntry)).all() == []


def test_a_file_that_plans_a_second_day_is_refused_in_one_sentence(client, event, manager):
    client.submit(f"/events/{event.id}/schedule", SETTINGS)
    exported = client.get(f"/events/{event.id}/schedule.block").data.decode()
    count = len(db.session.scalars(select(ScheduleEntry)).all())
    last = exported.rstrip().splitlines()[-1]  # the last practice match
    number, start, end, *teams = last.split(",")
    second_day = ",".join([number, f"Day 2 {start}", f"Day 2 {end}", *teams])
    page = upload(client, event, exported.replace(last, second_day))
    assert "het evenement duurt één dag, maar het bestand plant ook dag 2" in page
    assert len(db.session.scalars(select(ScheduleEntry)).all()) == count


def test_a_bad_row_is_named_in_dutch_with_the_files_line(client, event, manager):
    client.submit(f"/events/{event.id}/schedule", SETTINGS)
    lines = client.get(f"/events/{event.id}/schedule.block").data.decode().splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("Table Names")) + 1
    number, _start, *rest = lines[index].split(",")
    lines[index] = ",".join([number, "straks", *rest])
    page = upload(client, event, "\r\n".join(lines) + "\r\n")
    assert f"regel {index + 1}: wedstrijd {number} heeft geen geldige begin- en eindtijd" in page
