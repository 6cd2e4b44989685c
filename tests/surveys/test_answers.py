"""The survey form: each audience and programme its questions; hostile links and answers get
a clear page or a Dutch form error, never a 500."""

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from challenges.extensions import db
from challenges.surveys.figures import LONGEST_TEXT
from challenges.surveys.links import survey_token
from challenges.surveys.models import Again, SurveyInvitation
from tests.surveys.conftest import make_survey_event, send
from tests.surveys.test_flow import COACH_ANSWERS


@pytest.fixture
def sent(client, world):
    client.log_in(world.manager.email)
    send(client, world)
    client.get("/account/logout")
    return world


def invitation_of(person) -> SurveyInvitation:
    found = db.session.scalar(select(SurveyInvitation).where(SurveyInvitation.user_id == person.id))
    db.session.refresh(found)
    return found


def test_a_volunteer_rates_the_organisation(client, sent):
    link = sent.link_of(sent.volunteers[0])

    form = client.get(link)
    assert "Jouw cijfer voor de organisatie van de regiofinale (1 tot 10)" in form.text
    assert "Zou je nog eens vrijwilliger willen zijn bij FIRST LEGO League?" in form.text
    assert "programme_rating" not in form.text

    answer = {"event_rating": "6", "again": "no", "remarks": "  Te weinig pauze.  "}
    assert client.submit(link, answer).status_code == 302
    answered = invitation_of(sent.volunteers[0])
    assert (answered.event_rating, answered.again) == (6, Again.NO)
    assert answered.programme_rating is None
    assert answered.remarks == "Te weinig pauze."


def test_a_vakkanjers_survey_speaks_of_the_markt_and_a_class(client, app):
    world = make_survey_event(robot_game=False)
    client.log_in(world.manager.email)
    send(client, world)

    coach = client.get(world.link_of(world.coaches[0])).text
    assert "Jouw cijfer voor de Vakkanjers Markt (1 tot 10)" in coach
    assert "Zou je nog eens met een klas meedoen aan Vakkanjers?" in coach
    assert "FIRST LEGO League" not in coach
    assert "regiofinale" not in coach.lower()
    volunteer = client.get(world.link_of(world.volunteers[1])).text
    assert "Zou je nog eens jurylid willen zijn bij Vakkanjers?" in volunteer


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("programme_rating", "11", "Geef een cijfer van 1 tot en met 10."),
        ("event_rating", "0", "Geef een cijfer van 1 tot en met 10."),
        ("event_rating", "-3", "Geef een cijfer van 1 tot en met 10."),
        ("event_rating", "\u0667", "Vul een geheel getal in (alleen cijfers)."),  # Arabic-Indic 7
        ("programme_rating", "\u00b2", "Vul een geheel getal in (alleen cijfers)."),
        ("programme_rating", "7,5", "Vul een geheel getal in (alleen cijfers)."),
        ("event_rating", "9" * 40, "Vul een geheel getal in (alleen cijfers)."),
        ("event_rating", "", "Geef een cijfer van 1 tot en met 10."),
        ("again", "always", "Kies een van de antwoorden."),
        ("again", "", "Kies een van de antwoorden."),
        ("remarks", "x" * (LONGEST_TEXT + 1), f"Schrijf hooguit {LONGEST_TEXT} tekens."),
        ("went_well", "\ufffd", "Dit bevat tekens die niet zijn toegestaan."),
    ],
)
def test_hostile_answers_get_a_dutch_form_error(client, sent, field, value, error):
    link = sent.link_of(sent.coaches[0])

    page = client.submit(link, COACH_ANSWERS | {field: value})

    assert page.status_code == 422
    assert error in page.text
    assert invitation_of(sent.coaches[0]).answered_at is None


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        "WzEsImtleSJd.forged",
        "x" * 5000,
        "WzEsbnVsbF0",  # unsigned [1, null]
        "%F0%9F%A4%96",
    ],
)
def test_a_wrong_or_forged_link_gets_a_clear_page(client, sent, token):
    for path in (f"/survey/{token}", f"/survey/{token}/thanks"):
        page = client.get(path)
        assert page.status_code == 404
        assert "Deze link is niet (meer) geldig." in page.text


def test_a_signed_link_with_another_key_or_invitation_opens_nothing(client, sent):
    invitation = invitation_of(sent.coaches[0])
    assert client.get(sent.link_of(sent.coaches[0])).status_code == 200

    other_key = survey_token(SimpleNamespace(id=invitation.id, link_key="another-key"))
    no_invitation = survey_token(SimpleNamespace(id=999, link_key=invitation.link_key))
    no_key = survey_token(SimpleNamespace(id=invitation.id, link_key=None))

    for token in (other_key, no_invitation, no_key):
        assert client.get(f"/survey/{token}").status_code == 404


def test_the_thanks_page_before_answering_leads_to_the_form(client, sent):
    link = sent.link_of(sent.coaches[1])
    page = client.get(f"{link}/thanks")
    assert page.status_code == 302
    assert page.location.endswith(link)


def test_a_remark_as_long_as_allowed_counts_a_browser_s_line_break_once(client, sent):
    # The browser's counter says 2000 of 2000; it sends each line break as \r\n (2285 sent)
    remark = "Regel.\r\n" * 285 + "x" * 5
    assert len(remark.replace("\r\n", "\n")) == LONGEST_TEXT
    answer = {"event_rating": "7", "again": "yes", "remarks": remark}
    response = client.submit(sent.link_of(sent.volunteers[0]), answer)
    assert response.status_code == 302
    assert invitation_of(sent.volunteers[0]).remarks == "Regel.\n" * 284 + "Regel.\nxxxxx"
