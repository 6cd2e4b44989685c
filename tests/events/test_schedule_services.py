import io
import random
import re
from datetime import time

import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.events.models import ScheduleEntry
from challenges.events.schedule.services import linked_sheets, moment
from challenges.extensions import db
from challenges.registration.models import Team
from challenges.robot_game.models import ScoreSheet
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
    "match_gap": 30,
    "judging_gap": 15,
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
    assert "Jurering" in view
    old_ids = {row.id for row in rows}
    client.submit(page, SETTINGS)  # making it again replaces it
    new_ids = set(db.session.scalars(select(ScheduleEntry.id)))
    assert len(new_ids) == 35
    assert min(new_ids) > max(old_ids)  # a tablet's old match id never names a new match


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
    assert "Wedstrijdronde 3 · tafel " in page
    assert "Jurering · lokaal " in page
    assert "table" not in page.replace("<table", "").replace("table-wrap", "")


def upload(client, event, text: str):
    page = f"/events/{event.id}/schedule"
    data = {"file": (io.BytesIO(text.encode()), "schedule.csv")}
    client.submit(f"{page}/import", data, page=page, content_type="multipart/form-data")
    return client.get(page).text


def test_block_format_export_then_import_gives_the_same_schedule(client, event, manager):
    client.submit(f"/events/{event.id}/schedule", SETTINGS | {"match_gap": 40})
    assert event.match_gap == 40  # the gaps it was made with
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
    db.session.refresh(event)
    assert (event.match_gap, event.judging_gap) == (None, None)  # an import: the defaults


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


# Four teams (numbers 1001-1004), two ranking rounds on tables 1 and 2, and two judged.
KNOWN = [
    (1001, "judging", 1, "room 1", "09:00", "09:30"),
    (1001, "ranking", 1, "table 1", "09:40", "09:45"),
    (1002, "ranking", 1, "table 2", "09:40", "09:45"),
    (1003, "ranking", 1, "table 1", "09:50", "09:55"),
    (1004, "ranking", 1, "table 2", "09:50", "09:55"),
    (1001, "ranking", 2, "table 1", "10:20", "10:25"),
    (1002, "ranking", 2, "table 2", "10:20", "10:25"),
    (1003, "ranking", 2, "table 2", "10:30", "10:35"),
    (1004, "ranking", 2, "table 1", "10:40", "10:45"),
    (1002, "judging", 1, "room 1", "10:40", "11:10"),
]


def minute(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def store(event, rows) -> None:
    teams = {team.number: team for team in db.session.scalars(select(Team))}
    for number, kind, round_, place, start, end in rows:
        db.session.add(
            ScheduleEntry(
                event_id=event.id,
                team_id=teams[number].id,
                kind=kind,
                round=round_,
                place=place,
                starts_at=moment(event.starts_on, time(0), minute(start)),
                ends_at=moment(event.starts_on, time(0), minute(end)),
            )
        )
    db.session.commit()


def figures(html: str) -> dict[str, str]:
    """The schedule's figures on the page: each term with its description, tags left out."""
    block = html[html.index('id="quality-heading"') :]
    block = block[: block.index("</dl>")]
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", block, re.DOTALL)
    return {term: " ".join(re.sub(r"<[^>]+>", "", text).split()) for term, text in pairs}


def test_the_page_shows_the_schedule_in_figures_next_to_the_minimum_gaps(client, event):
    event.match_gap, event.judging_gap = 30, 15
    store(event, KNOWN)
    judge = make_user()
    grant_event_role(judge, event, Role.JUDGE)
    client.log_in(judge.email)
    page = f"/events/{event.id}/schedule"
    assert figures(client.get(page).text) == {
        "Teamparen die elkaar in meer dan één wedstrijdronde treffen": "1",  # 1001 and 1002
        "Teams die elke wedstrijdronde aan dezelfde tafel spelen": "2",  # 1001 and 1002
        "Kleinste tijd tussen twee wedstrijden van een team": "35 min (vereist: minstens 30 min)",
        "Kleinste tijd tussen jurering en een wedstrijd": "10 min (vereist: minstens 15 min)",
        "Langste wachttijd van een team": "45 min",  # 1004, between its two matches
        "Gemiddelde verblijfsduur van een team (van eerste tot laatste onderdeel)": "1 u 9 min",
        "Lengte van de dag (van eerste begin tot laatste einde)": "2 u 10 min",
    }
    english = figures(client.get(f"{page}?lang=en").text)
    assert english["Length of the day (first start to last end)"] == "2 h 10 min"
    assert '<strong class="error">10 min</strong>' in client.get(page).text  # under the minimum


def test_no_figures_without_a_schedule(client, event, manager):
    assert "quality-heading" not in client.get(f"/events/{event.id}/schedule").text


def sheet_on(entry: ScheduleEntry, key: str = "sheet-1", current: bool = True) -> ScoreSheet:
    """A referee's sheet for the match, as robot_game stores it."""
    sheet = ScoreSheet(
        client_key=key,
        event_id=entry.event_id,
        match_id=entry.id,
        team_id=entry.team_id,
        round_kind=entry.kind,
        round=entry.round,
        table=entry.place,
        season_key="fll-2025-unearthed",
        answers={},
        score=60,
        referee_name="Rita",
        current=current,
    )
    db.session.add(sheet)
    db.session.commit()
    return sheet


def first_match() -> ScheduleEntry:
    return db.session.scalars(
        select(ScheduleEntry).where(ScheduleEntry.kind == "ranking").order_by(ScheduleEntry.id)
    ).first()


def entry_ids() -> list[int]:
    return sorted(db.session.scalars(select(ScheduleEntry.id)))


WARNING = "1 scoreformulier(en) horen bij wedstrijden van dit dagprogramma"
REFUSED = "Er is niets veranderd: vink het vakje aan"


def test_linked_sheets_counts_current_sheets_on_this_events_matches(app, event):
    store(event, KNOWN)
    assert linked_sheets(event) == 0
    sheet_on(first_match(), "old-version", current=False)
    sheet_on(first_match(), "new-version")
    other = make_event(make_open_season())
    assert (linked_sheets(event), linked_sheets(other)) == (1, 0)


def test_without_sheets_there_is_no_warning_and_no_box(client, event, manager):
    page = f"/events/{event.id}/schedule"
    client.submit(page, SETTINGS)
    html = client.get(page).text
    assert "scoreformulier(en) horen bij" not in html
    assert "unlink_sheets" not in html
    assert client.submit(page, SETTINGS).status_code == 302


def test_making_the_schedule_again_unlinks_sheets_only_when_ticked(client, event, manager):
    page = f"/events/{event.id}/schedule"
    client.submit(page, SETTINGS)
    sheet = sheet_on(first_match())
    html = client.get(page).text
    assert html.count(WARNING) == 2  # at the schedule form and at the import form
    assert 'name="generate-unlink_sheets"' in html
    before = entry_ids()
    refused = client.submit(page, SETTINGS)
    assert refused.status_code == 422
    assert REFUSED in refused.text
    db.session.refresh(sheet)
    assert (entry_ids(), sheet.match_id) == (before, first_match().id)  # nothing changed
    done = client.submit(page, SETTINGS | {"generate-unlink_sheets": "y"})
    assert done.status_code == 302
    db.session.refresh(sheet)
    assert sheet.match_id is None
    assert (sheet.score, sheet.round_kind, sheet.round) == (60, "ranking", 1)  # the score stays
    assert len(entry_ids()) == 35
    assert WARNING not in client.get(page).text


def test_importing_unlinks_sheets_only_when_ticked(client, event, manager):
    page = f"/events/{event.id}/schedule"
    client.submit(page, SETTINGS)
    sheet = sheet_on(first_match())
    exported = client.get(f"{page}.block").data
    before = entry_ids()
    refused = client.submit(
        f"{page}/import",
        {"file": (io.BytesIO(exported), "schedule.csv")},
        page=page,
        content_type="multipart/form-data",
    )
    assert refused.status_code == 422
    assert REFUSED in refused.text
    assert "kies het bestand opnieuw" in refused.text
    db.session.refresh(sheet)
    assert (entry_ids(), sheet.match_id) == (before, first_match().id)
    done = client.submit(
        f"{page}/import",
        {"file": (io.BytesIO(exported), "schedule.csv"), "import-unlink_sheets": "y"},
        page=page,
        content_type="multipart/form-data",
    )
    assert done.status_code == 302
    assert "Het dagprogramma is geïmporteerd" in client.get(page).text
    db.session.refresh(sheet)
    assert (sheet.match_id, sheet.score) == (None, 60)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("13:00", "12:00", "De pauze eindigt na het begin."),
        ("12:00", "", "Geef beide tijden van de pauze, of geen."),
        ("", "12:30", "Geef beide tijden van de pauze, of geen."),
    ],
)
def test_a_break_needs_both_times_in_order(client, event, manager, start, end, message):
    page = f"/events/{event.id}/schedule"
    response = client.submit(page, SETTINGS | {"break_start": start, "break_end": end})
    assert response.status_code == 422
    assert message in response.text
    assert db.session.scalars(select(ScheduleEntry)).all() == []
