"""The survey pages for the people who run events: figures, masking, remarks without names,
and the cockpit's link."""

import html
import re

from challenges.auth.roles import Role
from tests.factories import make_user
from tests.surveys.conftest import send
from tests.surveys.test_flow import COACH_ANSWERS

DASH = "\N{EN DASH}"


def answer_all(client, world) -> None:
    """Both coaches and one volunteer answer; the other volunteer does not."""
    client.log_in(world.manager.email)
    send(client, world)
    ada, bas = world.coaches
    client.submit(world.link_of(ada), COACH_ANSWERS)
    client.submit(
        world.link_of(bas),
        COACH_ANSWERS
        | {"programme_rating": "7", "event_rating": "10", "went_well": "", "remarks": "Top!"},
    )
    client.submit(
        world.link_of(world.volunteers[0]),
        {"event_rating": "8", "again": "yes", "remarks": "Goed geregeld."},
    )


def cells(page: str, table: str) -> str:
    """The text of one table on the page, tags stripped, for comparing figures."""
    start = page.index(f'data-table="{table}"')
    body = page[start : page.index("</table>", start)]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_the_event_manager_sees_masked_counts_averages_and_remarks_without_names(client, world):
    answer_all(client, world)

    page = client.get(f"/admin/surveys/events/{world.event.id}").text

    # Counts of 1-4 are masked, and so are the averages of 1-4 answers (one volunteer's 8 is
    # that person's own mark) and the response rates ("< 5" would read as "under 5 %")
    few = f"{DASH} (te weinig antwoorden)"
    coaches = cells(page, "coaches")
    assert f"Regiofinale Delft < 5 < 5 {DASH} {few} {few}" in coaches
    assert f"Regiofinale Delft < 5 < 5 {DASH} {few}" in cells(page, "volunteers")
    assert "8,0" not in page
    assert "< 5 %" not in page
    for remark in ("De robotwedstrijd liep strak op tijd.", "Top!", "Goed geregeld."):
        assert remark in page
    for name in ("Ada", "Bas", "Ria Scheids", "Team 0", "Team 1", "School"):
        assert name not in page
    assert "Herinnering versturen" in page


def test_the_organiser_sees_exact_counts_for_the_season(client, world):
    answer_all(client, world)
    organiser = make_user(roles=(Role.ORGANISER,))
    client.log_in(organiser.email)

    page = client.get(f"/admin/surveys/seasons/{world.event.season_id}").text

    coaches = cells(page, "coaches")
    assert "Regiofinale Delft 2 2 100 % 7,5 8,5" in coaches
    assert "Hele seizoen 2 2 100 % 7,5 8,5" in coaches
    assert "Regiofinale Delft 2 1 50 % 8,0" in cells(page, "volunteers")
    assert "Coaches: wat kan beter" in page
    assert "Meer koffie voor de coaches." in page
    assert "Ada" not in page
    index = client.get("/admin/surveys/").text
    assert f"/admin/surveys/seasons/{world.event.season_id}" in index


def test_the_cockpit_links_to_the_survey_for_the_manager_only(client, world):
    client.log_in(world.manager.email)
    cockpit = f"/events/{world.event.id}/cockpit"
    assert f'href="/admin/surveys/events/{world.event.id}"' in client.get(cockpit).text
    client.get("/account/logout")
    client.log_in(world.volunteers[0].email)
    page = client.get(cockpit)
    assert page.status_code == 200
    assert "/admin/surveys/" not in page.text
    assert client.get(f"/admin/surveys/events/{world.event.id}").status_code == 403


def test_before_sending_the_page_says_who_will_be_asked(client, world):
    client.log_in(world.manager.email)
    page = client.get(f"/admin/surveys/events/{world.event.id}").text
    assert "de coaches (2) en de vrijwilligers (2)" in page
    assert "Evaluatie versturen" in page


def test_a_remark_keeps_its_line_breaks_and_stays_text(client, world):
    client.log_in(world.manager.email)
    send(client, world)
    remark = "Eerste regel\r\n<b>tweede</b> regel"
    answer = {"event_rating": "8", "again": "yes", "remarks": remark}
    client.submit(world.link_of(world.volunteers[0]), answer)

    page = client.get(f"/admin/surveys/events/{world.event.id}").text

    assert "<li>Eerste regel<br>&lt;b&gt;tweede&lt;/b&gt; regel</li>" in page
