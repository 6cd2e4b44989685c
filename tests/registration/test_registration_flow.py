import re
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.database import utcnow
from challenges.extensions import db
from challenges.i18n import as_date
from challenges.mail.models import OutboxMessage
from challenges.registration.models import AuditEntry, Team
from challenges.registration.status import TeamStatus
from tests.factories import make_open_season, make_school, make_teacher, make_user


@pytest.fixture
def season():
    return make_open_season()


@pytest.fixture
def school():
    return make_school(name="Techniek College")


@pytest.fixture
def teacher(client, school):
    teacher = make_teacher(school, email="juf@school.nl")
    client.log_in(teacher.email)
    return teacher


def team_data(season, school, **changes) -> dict:
    return {
        "name": "Glow Bots",
        "school_id": school.id,
        "category_id": season.categories[0].id,
        "pupil_count": 5,
        "pupil_first_names": "Anna\nBram",
        "names_consent": "y",
        "first_choice_event_id": 0,
        "second_choice_event_id": 0,
        **changes,
    }


def register(client, season, school, **changes):
    return client.submit(f"/teams/register/{season.id}", team_data(season, school, **changes))


def teams() -> list[Team]:
    return list(db.session.scalars(select(Team).order_by(Team.id)))


def test_teacher_registers_a_team(client, season, school, teacher):
    response = register(client, season, school)
    assert response.headers["Location"] == "/teams/"
    [team] = teams()
    assert team.name == "Glow Bots"
    assert team.number == 1001
    assert team.status is TeamStatus.REGISTERED
    assert team.coaches == [teacher]
    assert team.first_names == ["Anna", "Bram"]
    assert team.names_consent
    [mail] = db.session.scalars(select(OutboxMessage)).all()
    assert mail.recipient == "juf@school.nl"
    assert "Glow Bots" in mail.subject
    assert "1001" in mail.body
    assert db.session.scalar(select(AuditEntry.action)) == "registered"
    listing = client.get("/teams/").text
    assert "Glow Bots" in listing
    assert "aangemeld" in listing


def test_team_numbers_go_up_and_are_never_reused(client, season, school, teacher):
    register(client, season, school, name="Een")
    register(client, season, school, name="Twee")
    _first, second = teams()
    client.submit(
        f"/teams/{second.id}/withdraw",
        {"reason": "Te weinig leerlingen"},
        page=f"/teams/{second.id}",
    )
    register(client, season, school, name="Drie")
    assert [t.number for t in teams()] == [1001, 1002, 1003]
    assert teams()[1].status is TeamStatus.WITHDRAWN


def test_seasons_without_numbers_give_none(client, school, teacher):
    season = make_open_season(numbers_teams=False)
    register(client, season, school)
    assert teams()[0].number is None


def test_duplicate_name_in_any_case_is_refused(client, season, school, teacher):
    register(client, season, school)
    again = register(client, season, school, name="  glow   BOTS ")
    assert again.status_code == 422
    assert "bestaat al een team met deze naam" in again.text
    assert len(teams()) == 1


@pytest.mark.parametrize("pupils", [1, 11])
def test_team_size_outside_the_category_is_refused(client, season, school, teacher, pupils):
    response = register(client, season, school, pupil_count=pupils)
    assert response.status_code == 422
    assert "2 tot 10 leerlingen" in response.text
    assert teams() == []


def test_category_of_another_season_is_refused(client, season, school, teacher):
    other = make_open_season()
    response = register(client, season, school, category_id=other.categories[0].id)
    assert response.status_code == 422
    assert teams() == []


def test_more_first_names_than_pupils_is_refused(client, season, school, teacher):
    response = register(client, season, school, pupil_count=2, pupil_first_names="A\nB\nC")
    assert response.status_code == 422
    assert teams() == []


def test_registration_closed(client, school, teacher):
    season = make_open_season(closes_in_days=-1)
    response = register(client, season, school)
    assert response.status_code == 422
    assert "gesloten" in response.text
    assert teams() == []


def test_club_team_needs_town_and_adult(client, season, school, teacher):
    refused = register(client, season, school, school_id=0)
    assert refused.status_code == 422
    register(client, season, school, school_id=0, town="Delft", responsible_adult="Piet Pieters")
    [team] = teams()
    assert team.school_id is None
    assert team.town == "Delft"


def test_no_club_teams_where_the_programme_has_none(client, school, teacher):
    season = make_open_season(allows_clubs=False)
    response = register(client, season, school, school_id=0, town="Delft", responsible_adult="Piet")
    assert response.status_code == 422
    assert teams() == []


def test_teacher_cannot_register_for_another_school(client, season, school, teacher):
    other = make_school()
    response = register(client, season, other)
    assert response.status_code == 422
    assert teams() == []


def test_category_is_proposed_from_school_year_and_level(client, school, teacher):
    season = make_open_season(
        categories=(
            ("Junior", 2, 6, 7, 8, None),
            ("Explorer", 2, 6, 10, 11, "havo,vwo"),
            ("Pioneer", 2, 6, 11, 14, "vmbo"),
        )
    )
    page = f"/teams/register/{season.id}"
    response = client.submit(
        page, {**team_data(season, school), "school_year": "11", "level": "vmbo", "propose": "1"}
    )
    assert response.status_code == 200
    pioneer = season.categories[2]
    assert f'<option selected value="{pioneer.id}">' in response.text
    assert teams() == []  # proposing saves nothing


def test_other_schools_team_is_403_and_unknown_is_404(app, client, season, school, teacher):
    register(client, season, school)
    [team] = teams()
    client.submit("/account/logout", {}, page="/")
    outsider = make_teacher(make_school(), email="meester@elders.nl")
    client.log_in(outsider.email)
    for path in (f"/teams/{team.id}", f"/teams/{team.id}/edit"):
        assert client.get(path).status_code == 403
    assert (
        client.submit(f"/teams/{team.id}/withdraw", {"reason": "x"}, page="/teams/").status_code
        == 403
    )
    assert client.get("/teams/999999").status_code == 403  # no hint whether it exists
    assert "Glow Bots" not in client.get("/teams/").text
    client.submit("/account/logout", {}, page="/")
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    assert client.get("/teams/999999").status_code == 404


def test_edit_until_the_deadline_then_read_only(client, season, school, teacher):
    register(client, season, school)
    [team] = teams()
    edit = f"/teams/{team.id}/edit"
    assert client.submit(edit, team_data(season, school, pupil_count=6)).status_code == 302
    assert teams()[0].pupil_count == 6
    assert "changed" in [a.action for a in db.session.scalars(select(AuditEntry))]

    with time_machine.travel(utcnow() + timedelta(days=31)):
        client.log_in(teacher.email)  # a month later: the idle log-in has ended
        token_page = f"/teams/{team.id}"
        assert (
            "deadline" in client.get(token_page).text or "verstreken" in client.get(token_page).text
        )
        late = client.submit(edit, team_data(season, school, pupil_count=4))
        assert late.status_code == 422
        assert teams()[0].pupil_count == 6

        organiser = make_user(roles=(Role.ORGANISER,))
        client.submit("/account/logout", {}, page="/")
        client.log_in(organiser.email)
        assert client.submit(edit, team_data(season, school, pupil_count=4)).status_code == 302
        assert teams()[0].pupil_count == 4


def test_withdraw_needs_a_reason_and_mails_the_coach(client, season, school, teacher):
    register(client, season, school)
    [team] = teams()
    page = f"/teams/{team.id}"
    client.submit(f"{page}/withdraw", {"reason": ""}, page=page)
    assert teams()[0].status is TeamStatus.REGISTERED
    client.submit(f"{page}/withdraw", {"reason": "Ziek"}, page=page)
    assert teams()[0].status is TeamStatus.WITHDRAWN
    assert teams()[0].status_reason == "Ziek"
    subjects = [m.subject for m in db.session.scalars(select(OutboxMessage))]
    assert any("Nieuwe status" in subject for subject in subjects)


def test_add_and_remove_coaches(client, season, school, teacher):
    register(client, season, school)
    [team] = teams()
    page = f"/teams/{team.id}"
    colleague = make_user(email="collega@elders.nl", name="Collega Coach")
    invited = {"name": "Collega", "email": "Collega@Elders.nl"}
    client.submit(f"{page}/coaches", invited, page=page)
    client.submit(f"{page}/coaches", invited | {"email": "collega@elders.nl"}, page=page)
    assert teams()[0].coaches == [teacher]  # invited, not a coach yet
    [mail] = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == colleague.email)
    ).all()
    link = re.search(r"http://localhost(/teams/invitations/\S+)", mail.body).group(1)
    client.submit("/account/logout", {}, page="/")
    client.log_in(colleague.email)
    client.submit(f"{link}/accept", {}, page=link)
    assert [c.name for c in teams()[0].coaches] == ["Collega Coach", "Test Gebruiker"]
    client.submit(f"{page}/coaches/{teacher.id}/remove", {}, page=page)
    assert teams()[0].coaches == [colleague]
    client.submit(f"{page}/coaches/{colleague.id}/remove", {}, page=page)
    assert teams()[0].coaches == [colleague]  # never the last coach


def test_a_long_name_is_counted_and_refused_never_cut_off(client, season, school, teacher):
    page = client.get(f"/teams/register/{season.id}").text
    name_field = re.search(r"<input[^>]*name=\"name\"[^>]*>", page).group(0)
    assert "maxlength" not in name_field  # the browser would cut a pasted name silently
    assert 'data-max="80"' in name_field
    assert "Hoogstens 80 tekens." in page
    too_long = "Robotica " * 9  # 81 characters
    response = register(client, season, school, name=too_long)
    assert response.status_code == 422
    assert too_long.strip() in response.text  # what was typed stays, to be shortened
    assert teams() == []


def test_a_one_category_season_asks_no_school_year_and_says_nothing_of_other_categories(
    client, season, school, teacher
):
    page = client.get(f"/teams/register/{season.id}").text
    assert 'name="category_id"' in page
    for other_programme in ("Explorer", "Pioneer", "klas 3", 'name="school_year"', "propose"):
        assert other_programme not in page


def test_the_part_for_teams_without_a_school_is_marked_for_that_answer_only(
    client, season, school, teacher
):
    page = client.get(f"/teams/register/{season.id}").text
    assert 'data-shown-for="school_id=0"' in page
    assert 'value="0">Geen school' in page


def test_the_team_page_says_what_happens_next(client, season, school, teacher):
    season.programme.has_robot_game = True  # an FLL team: a regional final
    db.session.commit()
    register(client, season, school)
    page = client.get(f"/teams/{teams()[0].id}").text
    assert "Wat gebeurt er nu" in page
    closes = as_date(season.registration_closes_at)
    assert f"Na het sluiten van de aanmelding op {closes}" in page
    assert "nog geen keuze" in page
    assert "Kies een regiofinale" in page


def test_a_first_name_too_long_is_a_message_not_a_crash(client, season, school, teacher):
    response = register(client, season, school, pupil_first_names="Anna\n" + "B" * 41)
    assert response.status_code == 422
    assert "Een voornaam is hooguit 40 tekens." in response.text
    assert teams() == []
