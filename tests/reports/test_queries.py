"""The overview reads counts only, in a fixed number of queries however big the season."""

from contextlib import contextmanager

from sqlalchemy import event

from challenges.extensions import db
from challenges.registration.status import TeamStatus
from tests.reports.conftest import add_event, add_teams, place


@contextmanager
def recorded_statements():
    statements: list[str] = []

    def record(_connection, _cursor, statement, *_rest) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def overview_statements(client, reports) -> list[str]:
    with recorded_statements() as statements:
        response = client.get(f"/admin/reports/seasons/{reports.season.id}")
    assert response.status_code == 200
    return statements


def test_the_same_queries_for_a_bigger_season(client, reports):
    client.log_in(reports.organiser_email)
    before = len(overview_statements(client, reports))
    category = reports.season.categories[0]
    teams = add_teams(reports.season, category, None, TeamStatus.CONFIRMED, 30, 6, "Drenthe")
    place(add_event(reports.season, "Oost", capacity=30, day=3), teams)
    db.session.commit()
    assert len(overview_statements(client, reports)) == before


def test_no_team_or_pupil_is_read(client, reports):
    client.log_in(reports.organiser_email)
    statements = " ".join(overview_statements(client, reports))
    for column in ("team.name", "pupil_first_names", "responsible_adult", "school.name"):
        assert column not in statements
    assert "GROUP BY" in statements
