import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.extensions import db
from challenges.registration.models import AuditEntry, Team
from challenges.registration.status import TeamStatus
from tests.factories import make_open_season, make_school, make_teacher, make_user
from tests.registration.test_registration_flow import register


@pytest.fixture
def registrations(client):
    season = make_open_season()
    north = make_school("Noorder College", town="Groningen", postcode="9712 AB")
    north.province = "Groningen"
    south = make_school("Zuider School", town="Maastricht", postcode="6211 AB")
    south.province = "Limburg"
    db.session.commit()
    for school, names in ((north, ["Noord Een", "Noord Twee"]), (south, ["Zuid Een"])):
        teacher = make_teacher(school)
        client.log_in(teacher.email)
        for name in names:
            register(client, season, school, name=name)
        client.submit("/account/logout", {}, page="/")
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    return season


def team_named(name: str) -> Team:
    return db.session.scalar(select(Team).where(Team.name == name))


def test_overview_filters_and_counts(client, registrations):
    page = client.get("/admin/registrations/").text
    assert "3 teams" in page
    assert "Noord Een" in page
    assert "Zuid Een" in page
    limburg = client.get("/admin/registrations/?province=Limburg").text
    assert "1 teams" in limburg
    assert "Noord Een" not in limburg
    search = client.get("/admin/registrations/?q=twee").text
    assert "Noord Twee" in search
    assert "Noord Een" not in search
    assert "Zuid Een" not in client.get("/admin/registrations/?status=confirmed").text
    north = team_named("Noord Een").school_id
    by_school = client.get(f"/admin/registrations/?school={north}").text
    assert "2 teams" in by_school
    assert "Zuid Een" not in by_school


def test_bulk_confirm_and_waitlist(client, registrations):
    ids = [team_named("Noord Een").id, team_named("Zuid Een").id]
    page = "/admin/registrations/"
    response = client.submit(
        "/admin/registrations/bulk", {"team": ids, "action": "confirm", "next": page}, page=page
    )
    assert response.headers["Location"] == page
    assert team_named("Noord Een").status is TeamStatus.CONFIRMED
    assert team_named("Noord Twee").status is TeamStatus.REGISTERED
    client.submit("/admin/registrations/bulk", {"team": ids, "action": "confirm"}, page=page)
    assert "Niet gewijzigd" in client.get(page).text  # confirmed teams cannot be confirmed again
    client.submit(
        "/admin/registrations/bulk",
        {"team": [team_named("Noord Twee").id], "action": "waitlist"},
        page=page,
    )
    assert team_named("Noord Twee").status is TeamStatus.WAITLISTED
    actions = [entry.action for entry in db.session.scalars(select(AuditEntry))]
    assert actions.count("status:confirmed") == 2
    assert (
        "Noord Een" in client.get("/admin/registrations/audit").text
        or "status:confirmed" in client.get("/admin/registrations/audit").text
    )


def test_bulk_without_teams_or_action_changes_nothing(client, registrations):
    page = "/admin/registrations/"
    client.submit("/admin/registrations/bulk", {"action": "confirm"}, page=page)
    client.submit(
        "/admin/registrations/bulk",
        {"team": [team_named("Zuid Een").id], "action": "delete"},
        page=page,
    )
    assert team_named("Zuid Een").status is TeamStatus.REGISTERED


def test_csv_export_opens_in_dutch_excel(client, registrations):
    response = client.get("/admin/registrations/export.csv?province=Groningen")
    assert response.mimetype == "text/csv"
    assert 'filename="aanmeldingen-' in response.headers["Content-Disposition"]
    raw = response.data
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("team number;team;status")
    assert len(lines) == 3
    assert "Noorder College" in lines[1]


def test_xlsx_export(client, registrations):
    response = client.get("/admin/registrations/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("team number", "team")
    assert {row[1] for row in rows[1:]} == {"Noord Een", "Noord Twee", "Zuid Een"}


def test_coach_email_list(client, registrations):
    addresses = client.get("/admin/registrations/coaches.txt").text.strip().split("; ")
    assert len(addresses) == 2
    assert all("@" in address for address in addresses)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/registrations/",
        "/admin/registrations/export.csv",
        "/admin/registrations/export.xlsx",
        "/admin/registrations/coaches.txt",
        "/admin/registrations/audit",
    ],
)
def test_only_organisers(client, path):
    client.log_in(make_teacher().email)
    assert client.get(path).status_code == 403


def count_queries(client, path: str) -> int:
    from sqlalchemy import event

    statements = []

    def record(*args) -> None:
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return len(statements)


def test_overview_costs_the_same_queries_for_3_or_30_teams(client, registrations):
    few = count_queries(client, "/admin/registrations/")
    school = make_school("Groot College")
    teacher = make_teacher(school)
    season = registrations
    for number in range(27):
        team = Team(
            season=season,
            category=season.categories[0],
            school=school,
            name=f"Team {number}",
            name_key=f"team {number}",
            pupil_count=4,
        )
        team.coaches.append(teacher)
        db.session.add(team)
    db.session.commit()
    assert "30 teams" in client.get("/admin/registrations/").text
    assert count_queries(client, "/admin/registrations/") == few


def test_bulk_leaves_teams_alone_whose_status_changed_since_the_page_was_shown(
    client, registrations
):
    page = "/admin/registrations/"
    shown = client.get(page).text
    [een, twee] = team_named("Noord Een"), team_named("Noord Twee")
    assert f'name="seen-{een.id}" value="registered"' in shown
    client.submit("/admin/registrations/bulk", {"team": [een.id], "action": "waitlist"}, page=page)
    response = client.submit(
        "/admin/registrations/bulk",
        {
            "team": [een.id, twee.id],
            f"seen-{een.id}": "registered",  # as shown, before it went on the waiting list
            f"seen-{twee.id}": "registered",
            "action": "confirm",
        },
        page=page,
    )
    told = client.get(response.headers["Location"]).text
    assert team_named("Noord Een").status is TeamStatus.WAITLISTED
    assert team_named("Noord Twee").status is TeamStatus.CONFIRMED
    assert "1 team(s) nu bevestigd." in told
    assert (
        "Niet gewijzigd, want hun status is intussen veranderd (bekijk ze opnieuw): Noord Een"
        in told
    )
    assert "hun status staat het niet toe" not in told


@pytest.mark.parametrize("seen", [None, "", "🦀", "REGISTERED", "x" * 10_000])
def test_bulk_without_a_known_seen_status_lets_the_rules_decide(client, registrations, seen):
    team = team_named("Zuid Een")
    data = {"team": [team.id], "action": "confirm"}
    if seen is not None:
        data[f"seen-{team.id}"] = seen
    response = client.submit("/admin/registrations/bulk", data, page="/admin/registrations/")
    assert response.status_code == 302
    assert team_named("Zuid Een").status is TeamStatus.CONFIRMED
