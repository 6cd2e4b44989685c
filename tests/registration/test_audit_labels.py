"""The registrations' audit trail in the reader's language: new lines store keys and values
and are shown in Dutch or English; lines stored as free text by older versions, as they are."""

import html
import json

import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.database import utcnow
from challenges.extensions import db
from challenges.labels import audit_details, audit_details_label
from challenges.registration import services
from challenges.registration.models import AuditEntry, Team
from challenges.registration.services import TeamDetails
from tests.factories import make_event, make_open_season, make_school, make_teacher, make_user
from tests.registration.test_coach_invitations import accept, invite, link_for, signed_in

SHOWN = {
    "nl": (
        "Eerste keus: Finale Zwolle; Teamnaam: Lichtbrengers; Toestemming voor voornamen: ja; "
        "Aantal leerlingen: 6",
        "nieuw@school.nl, uitgenodigd door juf@school.nl",
        "Voornamen van de leerlingen verwijderd",
    ),
    "en": (
        "First choice: Finale Zwolle; Team name: Lichtbrengers; Consent for first names: yes; "
        "Number of pupils: 6",
        "nieuw@school.nl, invited by juf@school.nl",
        "Pupils' first names removed",
    ),
}
OLD_LINES = ("name=Oude Naam; pupil_count=4", "pupils' first names removed", "a@b.nl, invited by c")


@pytest.fixture
def team(app) -> Team:
    season = make_open_season()
    school = make_school(name="Techniek College")
    coach = make_teacher(school, email="juf@school.nl")
    details = TeamDetails("Glow Bots", season.categories[0].id, 5, school_id=school.id)
    team, _created = services.register_team(season, details, coach, utcnow())
    db.session.commit()
    return team


def change_team(app, team: Team) -> None:
    page = f"/teams/{team.id}/edit"
    sent = signed_in(app, "juf@school.nl").submit(
        page,
        {
            "name": "Lichtbrengers",
            "school_id": team.school_id,
            "category_id": team.category_id,
            "pupil_count": 6,
            "names_consent": "y",
            "first_choice_event_id": make_event(team.season, name="Finale Zwolle").id,
            "second_choice_event_id": 0,
        },
    )
    assert sent.status_code == 302, sent.text


def join_as_coach(app, team: Team) -> None:
    make_user(email="nieuw@school.nl")
    invite(signed_in(app, "juf@school.nl"), team, "nieuw@school.nl")
    assert accept(signed_in(app, "nieuw@school.nl"), link_for("nieuw@school.nl")).status_code == 302


def details_of(action: str) -> str:
    return db.session.scalar(select(AuditEntry.details).where(AuditEntry.action == action))


def test_new_lines_store_keys_and_values(app, team):
    change_team(app, team)
    join_as_coach(app, team)
    changed = json.loads(details_of("changed"))["changed"]
    assert changed == {
        "first_choice_event_id": "Finale Zwolle",
        "name": "Lichtbrengers",
        "names_consent": "True",
        "pupil_count": "6",
    }
    joined = json.loads(details_of("coach:joined"))
    assert joined == {"email": "nieuw@school.nl", "invited_by": "juf@school.nl"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_trail_reads_in_the_readers_language_old_lines_as_stored(app, team, language):
    change_team(app, team)
    join_as_coach(app, team)
    for old in OLD_LINES:
        db.session.add(
            AuditEntry(action="changed", subject="team", subject_id=team.id, details=old)
        )
    db.session.add(AuditEntry(action="privacy:purged", subject="team", subject_id=team.id))
    db.session.commit()
    organiser = make_user(email="org@ptvt.nl", roles=(Role.ORGANISER,))
    page = html.unescape(
        signed_in(app, organiser.email).get(f"/admin/registrations/audit?lang={language}").text
    )
    for shown in SHOWN[language]:
        assert shown in page
    for old in OLD_LINES:
        assert old in page
    assert '{"' not in page


@pytest.mark.parametrize(
    "stored",
    ["", "Glow Bots", "1001", '"a text"', "[1, 2]", '{"other": 1}', "{not json", "null"],
)
def test_details_that_are_no_known_keys_show_as_stored(app, stored):
    with app.test_request_context("/?lang=en"):
        assert audit_details_label(stored) == stored


def test_an_unknown_field_or_value_shows_as_stored(app):
    with app.test_request_context("/?lang=nl"):
        assert audit_details_label(audit_details(changed={"colour": "blauw", "town": "None"})) == (
            "colour: blauw; Plaats: —"
        )
