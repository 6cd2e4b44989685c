"""Hostile ids, JSON and import files get a clear, translated refusal: never a 500, never a
traceback on the command line, never a number read from digits that are not ASCII."""

import io
import json
import random

import pytest
from sqlalchemy import func, select

from challenges.auth.models import EventRole
from challenges.auth.roles import Role
from challenges.extensions import db
from challenges.schools.models import School
from tests.factories import make_event, make_user
from tests.judging.conftest import send
from tests.robot_game.conftest import payload
from tests.schools.test_duo import BOSCH, current_file

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DEEP = "[" * 100_000


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def organiser(client):
    user = make_user(roles=(Role.ORGANISER,))
    client.log_in(user.email)
    return user


@pytest.mark.parametrize(
    "bad", ["2147483648", "9223372036854775808", "18446744073709551616", "٣", "²", "%EF%BC%91"]
)
def test_ids_beyond_the_database_or_in_other_digits_are_404(client, organiser, bad):
    event = make_event()
    assert client.get(f"/admin/events/{event.id}").status_code == 200
    assert client.get(f"/admin/events/{bad}").status_code == 404
    assert client.get(f"/events/{bad}/results").status_code == 404  # an id or a slug
    assert client.get(f"/events/{event.id}/teams/{bad}").status_code == 404


def test_a_select_of_ids_reads_no_arabic_indic_digits(client, organiser):
    event, judge = make_event(), make_user()
    url = f"/admin/users/{judge.id}/roles"
    for event_id in (str(event.id).translate(ARABIC_INDIC), "2147483648"):
        response = client.submit(url, {"role": "judge", "event_id": event_id}, page=url[:-6])
        assert response.status_code in (302, 400, 422)
    assert count(EventRole) == 0


def test_a_number_field_reads_ascii_digits_only(client, organiser):
    event = make_event()
    page = f"/admin/events/{event.id}"
    for capacity in ("٣٠", "9" * 5000, str(2**63)):
        response = client.submit(page, {"capacity": capacity})
        assert response.status_code == 422
        assert "Vul een geheel getal in (alleen cijfers)." in response.text


def test_query_strings_with_hostile_ids_are_ignored_not_500(client, organiser):
    for value in ("٣", "²", "9" * 5000, str(2**64)):
        query = f"?category={value}&season={value}&team={value}"
        assert client.get(f"/admin/registrations/{query}").status_code == 200
        assert client.get(f"/admin/registrations/audit{query}").status_code == 200


def test_a_nul_character_is_refused_before_any_view_reads_it(client, organiser):
    """PostgreSQL stores no NUL: a query string or form with one is refused, a path is 404."""
    for response in (
        client.get("/schools/?q=Kie%00vit"),
        client.get("/admin/registrations/?q=%00"),
        client.submit("/schools/request", {"name": "Nova\x00", "town": "Ede", "kind": "po"}),
    ):
        assert response.status_code == 400
        assert "Wat je stuurde bevat tekens die niet zijn toegestaan." in response.text
    assert client.get("/events/nul%00byte/results").status_code == 404


@pytest.mark.parametrize("match", [2**31, 2**64, -1, "٣", True, 1.0])
def test_the_sheet_api_refuses_a_match_that_is_no_id(client, arena, match):
    client.log_in(arena.referee.email)
    response = post_json(client, arena.event, "sheets", json.dumps(payload(1) | {"match": match}))
    assert response.status_code == 400
    assert response.json["problems"]["match"] == "Kies een wedstrijd."


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (DEEP, "Wat er gestuurd is, is dieper genest dan 32 niveaus."),
        ('{"a":' * 50_000, "Wat er gestuurd is, is dieper genest dan 32 niveaus."),
        ("[1e999]", "Wat er gestuurd is, is geen geldige JSON."),
        ('{"referee_name": "nul\\u0000"}', "niet is toegestaan (NUL of een half teken)"),
    ],
)
def test_the_sheet_api_refuses_deep_or_broken_json_with_a_clear_message(
    client, arena, body, message
):
    client.log_in(arena.referee.email)
    response = post_json(client, arena.event, "sheets", body)
    assert response.status_code == 400
    assert message in response.json["message"]


def test_the_rubric_api_refuses_deep_json_with_a_clear_message(client, panel):
    client.log_in(panel.judge.email)
    response = send(client, panel.event, DEEP)
    assert response.status_code == 400
    assert "dieper genest dan 32 niveaus" in response.json["message"]
    response = send(client, panel.event, "[" * 40 + "]" * 40)
    assert response.status_code == 400


def test_the_json_api_refuses_a_body_too_large(client, arena):
    client.log_in(arena.referee.email)
    response = post_json(client, arena.event, "sheets", json.dumps({"x": "y" * 300_000}))
    assert response.status_code == 413
    assert "groter dan 262144 bytes" in response.json["message"]


def post_json(client, event, api: str, body: str):
    token = client.csrf_token(f"/events/{event.id}/referee")
    return client.post(
        f"/api/v1/events/{event.id}/{api}",
        data=body,
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )


def test_an_uploaded_sheet_file_nested_too_deep_is_refused_by_name(client, arena):
    client.log_in(arena.head_referee.email)
    desk = f"/events/{arena.event.id}/head-referee"
    files = {"sheets": (io.BytesIO(DEEP.encode()), "tablet.json")}
    response = client.submit(f"{desk}/upload", files, page=desk, content_type="multipart/form-data")
    page = client.get(response.headers["Location"]).text
    assert "tablet.json is geen scoreformulier-bestand" in page
    assert "dieper genest dan 32 niveaus" in page


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
HOSTILE_FILES = [
    (current_file(BOSCH.replace("KERKSTRAAT", "K" * 140_000)), "veld van meer dan 131072 tekens"),
    (current_file(BOSCH.replace("KERKSTRAAT", "KERK\x00STRAAT")), "(U+0000)"),
    (PNG, "dit is geen CSV-bestand"),
    (random.Random(7).randbytes(3000), "dit is geen CSV-bestand"),
]


@pytest.mark.parametrize(("content", "reason"), HOSTILE_FILES)
def test_the_duo_import_page_refuses_files_that_are_no_csv_text(client, organiser, content, reason):
    fields = {"file": (io.BytesIO(content), "vestigingen.csv"), "kind": ""}
    response = client.submit("/admin/schools/import", fields, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Dit is geen DUO-scholenbestand dat we kunnen lezen" in response.text
    assert reason in response.text
    assert count(School) == 0


@pytest.mark.parametrize(("content", "reason"), HOSTILE_FILES)
def test_the_duo_import_command_refuses_them_without_a_traceback(runner, tmp_path, content, reason):
    path = tmp_path / "vestigingen.csv"
    path.write_bytes(content)
    result = runner.invoke(args=["schools", "import", str(path)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "Not imported, nothing changed: line " in result.output
    assert count(School) == 0


def test_a_duo_value_longer_than_the_directory_holds_is_a_rejected_row(runner, tmp_path):
    path = tmp_path / "vestigingen.csv"
    path.write_bytes(current_file(BOSCH.replace("Basisschool De Kiëvit", "School " * 50)))
    result = runner.invoke(args=["schools", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "line 2: the name is longer than 200 characters" in result.output
    assert count(School) == 0
