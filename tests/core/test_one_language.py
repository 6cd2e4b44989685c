"""One language per page and each programme its own words, where the app names a final's
kind, a role or the jury's form: a Vakkanjers regional final is a semi-final (a Vakkanjers
Markt) and its judges are jurors; an FLL one stays a regional final with judges."""

import re

import pytest
from sqlalchemy import delete, select

from challenges.auth.models import EventRole
from challenges.auth.roles import Role
from challenges.demo.data import ACCOUNTS, demo_password
from challenges.events.models import Attendance, EventTeam
from challenges.extensions import db
from challenges.labels import AUDIT_ACTIONS, audit_action_label
from challenges.registration.services import audit
from challenges.registration.status import TeamStatus
from tests.events.programme_words import FLL_WORDS, main_of, make_programme_event, words_in
from tests.factories import FormClient, grant_event_role, make_placed_teams, make_user

ENGLISH = ("regional final", "semi-final", "judge", "judge advisor", "juror", "jury rubric")


def text_of(response) -> str:
    return " ".join(main_of(response).split())


@pytest.mark.parametrize(
    ("robot_game", "kind", "other"),
    [(False, "Halve finale (Vakkanjers Markt)", "Regiofinale"), (True, "Regiofinale", "Halve")],
)
def test_an_event_page_names_the_kind_of_final_in_its_programme(client, robot_game, kind, other):
    event = make_programme_event(robot_game)
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    for page in (f"/events/{event.id}/cockpit", f"/events/{event.id}/volunteers", "/admin/events/"):
        text = text_of(client.get(page))
        assert kind in text, page
        assert other not in text, page


def test_the_home_page_names_each_final_in_its_programme_and_only_fll_has_a_scoreboard(client):
    fll, market = (
        make_programme_event(True, "FLL Delft"),
        make_programme_event(False, "Markt Zwolle"),
    )
    market.season.robot_game_key = "unearthed"  # a key alone makes no robot game
    db.session.commit()
    past = client.get("/").text.split('id="past-heading"', 1)[1]
    fll_card, market_card = (past.split(f"<h3>{name}</h3>", 1)[1] for name in (fll, market))
    assert "Regiofinale" in fll_card.split("</li>", 1)[0]
    assert f'href="/events/{fll.slug}/scoreboard"' in past
    assert "Halve finale (Vakkanjers Markt)" in market_card.split("</li>", 1)[0]
    assert f"/events/{market.slug}/scoreboard" not in past


def test_a_vakkanjers_coach_chooses_a_semi_final_in_dutch_and_in_english(client):
    event = make_programme_event(False)
    coach = make_user(roles=(Role.COACH,))
    (team,) = make_placed_teams(event, 1, coach=coach)
    db.session.execute(delete(EventTeam))  # not placed yet: the coach still chooses
    db.session.commit()
    client.log_in(coach.email)
    page = text_of(client.get(f"/teams/{team.id}"))
    assert "Halve finale (Vakkanjers Markt)" in page
    assert "krijgt elk team een halve finale, een Vakkanjers Markt" in page
    assert "Kies een halve finale" in page
    assert "regiofinale" not in page.lower()
    form = main_of(client.get(f"/teams/{team.id}/edit"))
    assert "<legend>Halve finale (Vakkanjers Markt)</legend>" in form
    assert words_in(form, FLL_WORDS) == []
    english = text_of(client.get(f"/teams/{team.id}?lang=en"))
    assert "Semi-final (Vakkanjers Markt)" in english
    assert "Choose a semi-final" in english
    assert "regional final" not in english.lower()


@pytest.mark.parametrize(
    ("role", "words", "english_words", "link"),
    [
        (Role.JUDGE, ("Jurylid", "Jury op de markt"), ("Juror", "Jury at the market"), "/market"),
        (
            Role.JUDGE_ADVISOR,
            ("Jurycoördinator", "Juryberaad"),
            ("Jury coordinator", "Jury deliberation"),
            "/advisor",
        ),
    ],
)
def test_a_vakkanjers_jurors_dashboard_speaks_of_the_market(
    client, role, words, english_words, link
):
    event = make_programme_event(False)
    juror = make_user()
    grant_event_role(juror, event, role)
    client.log_in(juror.email)
    page = main_of(client.get("/dashboard"))
    text = " ".join(page.split())
    for word in words:
        assert word in text
    assert f"/events/{event.id}/judging{link}" in page
    assert "Teams jureren" not in text
    assert words_in(text, FLL_WORDS + ENGLISH) == []
    english = text_of(client.get("/dashboard?lang=en"))
    assert english_words[0] in english
    assert english_words[1] in english
    assert words_in(english, (*FLL_WORDS, "judge")) == []


def test_an_fll_judges_dashboard_keeps_its_judging_room(client):
    event = make_programme_event(True)
    judge = make_user()
    grant_event_role(judge, event, Role.JUDGE)
    client.log_in(judge.email)
    text = text_of(client.get("/dashboard"))
    assert "Jurylid" in text
    assert "Teams jureren" in text
    assert "Jury op de markt" not in text


@pytest.mark.parametrize("role", [Role.REFEREE, Role.HEAD_REFEREE])
def test_no_referee_role_at_an_event_without_a_robot_game(client, role):
    event = make_programme_event(False)
    user = make_user()
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    address = f"/admin/users/{user.id}"
    data = {"role": role.value, "event_id": event.id}
    response = client.submit(f"{address}/roles", data, address)
    assert response.status_code == 422
    assert "Dit evenement heeft geen robotwedstrijd en dus geen scheidsrechters" in response.text
    assert db.session.scalars(select(EventRole).where(EventRole.user_id == user.id)).all() == []


def test_a_referee_role_at_an_fll_event_is_granted(client):
    event = make_programme_event(True)
    user = make_user()
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    address = f"/admin/users/{user.id}"
    response = client.submit(f"{address}/roles", {"role": "referee", "event_id": event.id}, address)
    assert response.status_code == 302
    granted = db.session.scalars(select(EventRole).where(EventRole.user_id == user.id)).all()
    assert [(grant.role, grant.event_id) for grant in granted] == [(Role.REFEREE, event.id)]


def test_the_jury_deliberation_names_the_jury_form_not_a_rubric(client):
    event = make_programme_event(False)
    make_placed_teams(event, 2)
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    text = text_of(client.get(f"/events/{event.id}/judging/advisor"))
    assert "Vakkanjers-juryformulier (standaard)" in text
    assert "rubric" not in text.lower()
    english = text_of(client.get(f"/events/{event.id}/judging/advisor?lang=en"))
    assert "Vakkanjers jury form (default)" in english


def test_every_stored_audit_action_has_a_label():
    stored = {f"status:{status.value}" for status in TeamStatus} | {
        f"attendance:{attendance.value}" for attendance in Attendance
    }
    assert stored <= AUDIT_ACTIONS.keys()
    assert audit_action_label("a:new-key") == "a:new-key"


def test_the_audit_trail_says_what_happened_in_dutch_and_in_english(client):
    event = make_programme_event(True)
    (team,) = make_placed_teams(event, 1)
    organiser = make_user(roles=(Role.ORGANISER,))
    audit(organiser, "placed", team, event.slug)
    audit(organiser, "status:waitlisted", team)
    db.session.commit()
    client.log_in(organiser.email)
    dutch = text_of(client.get("/admin/registrations/audit"))
    assert "Geplaatst op een finale" in dutch
    assert "Status: wachtlijst" in dutch
    assert "placed" not in dutch
    assert "status:" not in dutch
    english = text_of(client.get("/admin/registrations/audit?lang=en"))
    assert "Placed at a final" in english
    assert "Status: waiting list" in english


ENGLISH_ON_DUTCH_PAGES = (
    *ENGLISH,
    "referee",
    "market",
    "schedule",
    "scoreboard",
    "results",
    "the",
    "and",
    "your",
)


def test_the_demo_speaks_dutch_on_each_roles_dashboard_and_cockpits(app, runner):
    """Every demo account's dashboard, and the cockpit of each event it lists, in Dutch."""
    runner.invoke(args=["seed", "demo"])
    for email, name, role in ACCOUNTS:
        client = FormClient(app.test_client())
        client.log_in(email, demo_password(role))
        dashboard = main_of(client.get("/dashboard"))
        assert f"Welkom, {name}" in dashboard
        cockpits = sorted(set(re.findall(r'href="(/events/\d+/cockpit)"', dashboard)))
        assert cockpits or not role.is_event_role
        for address, page in [("/dashboard", dashboard)] + [
            (cockpit, main_of(client.get(cockpit))) for cockpit in cockpits
        ]:
            market = "Halve finale (Vakkanjers Markt)" in page  # a Vakkanjers cockpit
            forbidden = ENGLISH_ON_DUTCH_PAGES + (FLL_WORDS if market else ())
            assert words_in(page, forbidden) == [], f"{email} {address}"
