"""Every CSV and XLSX export writes a text that looks like a formula as text, never a formula."""

import csv
import io
import zipfile
from datetime import time

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.events.models import ScheduleEntry
from challenges.events.schedule.block_format import parse_block_format
from challenges.extensions import db
from challenges.spreadsheets import csv_cell, unquote
from tests.factories import make_event, make_open_season, make_placed_teams, make_user

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"]
SETTINGS = {
    "match_cycle": 8,
    "judging_length": 30,
    "judging_cycle": 40,
    "match_gap": 30,
    "judging_gap": 15,
    "practice_rounds": 1,
    "ranking_rounds": 2,
    "seed": 1,
}


@pytest.fixture
def event(client):
    """Teams with hostile names at a scheduled event, and an organiser logged in."""
    event = make_event(make_open_season())
    event.start_time, event.end_time, event.tables, event.rooms = time(9, 0), time(17, 0), 2, 1
    teams = make_placed_teams(event, len(HOSTILE))
    for team, name in zip(teams, HOSTILE, strict=True):
        team.name = name
    teams[0].school.name = "@Hostile School"
    db.session.commit()
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    assert client.submit(f"/events/{event.id}/schedule", SETTINGS).status_code == 302
    return event


def csv_rows(data: bytes, delimiter: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def assert_quoted(rows: list[list[str]], column: int) -> None:
    names = {row[column] for row in rows[1:]}
    assert names == {"'" + name for name in HOSTILE}


def assert_text_cells(data: bytes, column: int) -> None:
    """Read back with openpyxl, and in the sheet's XML: string cells, not one formula."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    assert "<f " not in xml
    assert 'HYPERLINK("http://x","y")</t></is>' in xml  # an inline string
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2))
    cells = [row[column] for row in rows]
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
    # XML reads a carriage return back as a line feed; the text is otherwise unchanged.
    assert {cell.value for cell in cells} == {name.replace("\r", "\n") for name in HOSTILE}
    numbers = [row[0] for row in rows]
    assert all(cell.data_type == "n" and cell.value >= 1001 for cell in numbers)


def test_registrations_csv(client, event):
    response = client.get("/admin/registrations/export.csv")
    rows = csv_rows(response.data)
    assert_quoted(rows, column=1)
    assert {row[0] for row in rows[1:]} == {str(1001 + n) for n in range(len(HOSTILE))}
    assert "'@Hostile School" in {row[6] for row in rows[1:]}


def test_registrations_xlsx(client, event):
    assert_text_cells(client.get("/admin/registrations/export.xlsx").data, column=1)


def test_schedule_csv(client, event):
    rows = csv_rows(client.get(f"/events/{event.id}/schedule.csv").data)
    assert_quoted(rows, column=1)
    assert all(row[5][:2].isdigit() and row[6][:2].isdigit() for row in rows[1:])  # 09:00


def test_schedule_xlsx(client, event):
    assert_text_cells(client.get(f"/events/{event.id}/schedule.xlsx").data, column=1)


def test_block_format(client, event):
    text = client.get(f"/events/{event.id}/schedule.block").data.decode()
    rows = csv_rows(text.encode(), delimiter=",")
    team_block = rows[3 : 3 + len(HOSTILE)]
    assert {row[1] for row in team_block} == {"'" + name for name in HOSTILE}
    assert "'@Hostile School" in {row[2] for row in team_block}
    assert [row[0] for row in team_block] == [str(1001 + n) for n in range(len(HOSTILE))]
    parsed = parse_block_format(text)
    assert parsed.problems == []
    assert {team.name for team in parsed.teams} == {name.strip() for name in HOSTILE}


def stored(event, places: bool) -> list[tuple]:
    entries = db.session.scalars(select(ScheduleEntry).where(ScheduleEntry.event_id == event.id))
    return sorted(
        (e.team_id, e.kind, e.round, e.starts_at, e.ends_at, e.place if places else None)
        for e in entries
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx", "block"])
def test_our_own_exports_import_again(client, event, kind):
    """Team numbers and times survive the round trip; places too, a quoted one included
    (the Block Format names its judging rooms itself)."""
    places = kind != "block"
    if places:
        db.session.execute(
            ScheduleEntry.__table__.update()
            .where(ScheduleEntry.place == "table 1")
            .values(place="-table 1")
        )
        db.session.commit()
    before = stored(event, places)
    exported = client.get(f"/events/{event.id}/schedule.{kind}").data
    page = f"/events/{event.id}/schedule"
    upload = {"file": (io.BytesIO(exported), f"schedule.{'xlsx' if kind == 'xlsx' else 'csv'}")}
    client.submit(f"{page}/import", upload, page=page, content_type="multipart/form-data")
    assert "Het dagprogramma is geïmporteerd" in client.get(page).text
    assert stored(event, places) == before


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("-1+2", "'-1+2"),
        ("\tx", "'\tx"),
        ("Brick Breakers", "Brick Breakers"),
        ("it's", "it's"),
        ("", ""),
        (None, ""),
        (-5, -5),
        (1001, 1001),
    ],
)
def test_csv_cell_quotes_texts_only_and_unquote_undoes_it(value, cell):
    assert csv_cell(value) == cell
    if isinstance(value, str):
        assert unquote(cell) == value
