import pytest
from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.extensions import db
from challenges.mail.models import OutboxMessage
from challenges.schools.models import RequestStatus, SchoolMembership, SchoolRequest
from challenges.schools.services import search_schools
from tests.factories import make_school, make_teacher, make_user


@pytest.fixture
def schools(app):
    return [
        make_school("Stedelijk Gymnasium", town="Arnhem", postcode="6811 NP"),
        make_school("Basisschool De Kiëvit", town="'s-Hertogenbosch", postcode="5211 AB"),
        make_school("Techniek College", town="Eindhoven", postcode="5611 RS"),
        make_school("Haagse Hogeschoolschool", town="'s-Gravenhage", postcode="2521 AA"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5211", ["Basisschool De Kiëvit"]),
        ("5211ab", ["Basisschool De Kiëvit"]),
        ("5211 AB", ["Basisschool De Kiëvit"]),
        ("gymnasium", ["Stedelijk Gymnasium"]),
        ("college eindhoven", ["Techniek College"]),
        ("hertogenbosch", ["Basisschool De Kiëvit"]),
        ("Den Bosch", ["Basisschool De Kiëvit"]),
        ("kiëvit den bosch", ["Basisschool De Kiëvit"]),
        ("Den Haag", ["Haagse Hogeschoolschool"]),
        ("x", []),
        ("nergens", []),
    ],
)
def test_search(schools, text, expected):
    assert [school.name for school in search_schools(text)] == expected


def test_search_by_brin(schools):
    code = schools[2].vestigingscode
    assert [s.name for s in search_schools(code[:4])] == ["Techniek College"]
    assert [s.name for s in search_schools(code.lower())] == ["Techniek College"]


def test_teacher_finds_and_links_a_school(client, schools):
    teacher = make_teacher()
    client.log_in(teacher.email)
    page = client.get("/schools/?q=5611")
    assert "Techniek College" in page.text
    assert (
        client.get("/schools/?q=5611", headers={"Accept": "application/json"}).json[0]["name"]
        == "Techniek College"
    )
    client.submit(f"/schools/{schools[2].id}/link", {}, page="/schools/?q=5611")
    assert db.session.get(SchoolMembership, (teacher.id, schools[2].id))
    assert "Jouw school" in client.get("/schools/?q=5611").text


def test_missing_school_request_approve_and_reject(app, client):
    teacher = make_teacher(email="juf@nieuw.nl")
    client.log_in(teacher.email)
    bad = client.submit("/schools/request", {"name": "", "town": "Delft", "kind": "po"})
    assert bad.status_code == 422
    client.submit("/schools/request", {"name": "De Nieuwe School", "town": "Delft", "kind": "po"})
    client.submit("/schools/request", {"name": "Nep School", "town": "Delft", "kind": "po"})
    first, second = db.session.scalars(select(SchoolRequest).order_by(SchoolRequest.id)).all()

    client.submit("/account/logout", {}, page="/")
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    queue = "/admin/schools/requests"
    assert "De Nieuwe School" in client.get(queue).text
    client.submit(f"{queue}/{first.id}/approve", {}, page=queue)
    client.submit(f"{queue}/{second.id}/reject", {"reason": ""}, page=queue)
    assert db.session.get(SchoolRequest, second.id).status is RequestStatus.PENDING
    client.submit(f"{queue}/{second.id}/reject", {"reason": "Bestaat niet"}, page=queue)

    first, second = (
        db.session.get(SchoolRequest, first.id),
        db.session.get(SchoolRequest, second.id),
    )
    assert first.status is RequestStatus.APPROVED
    assert db.session.get(SchoolMembership, (teacher.id, first.school_id))
    assert second.status is RequestStatus.REJECTED
    assert second.reason == "Bestaat niet"
    bodies = [m.body for m in db.session.scalars(select(OutboxMessage))]
    assert any("Bestaat niet" in body for body in bodies)
    again = client.submit(f"{queue}/{first.id}/approve", {}, page=queue)
    assert again.status_code == 302
    assert "al afgehandeld" in client.get(queue).text


def test_merge_into_an_existing_school(client, schools):
    teacher = make_teacher()
    client.log_in(teacher.email)
    client.submit("/schools/request", {"name": "Gymnasium Arnhem", "town": "Arnhem", "kind": "vo"})
    request = db.session.scalar(select(SchoolRequest))
    client.submit("/account/logout", {}, page="/")
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    queue = "/admin/schools/requests"
    client.submit(f"{queue}/{request.id}/merge", {"vestigingscode": "ZZ9999"}, page=queue)
    assert db.session.get(SchoolRequest, request.id).status is RequestStatus.PENDING
    client.submit(
        f"{queue}/{request.id}/merge",
        {"vestigingscode": schools[0].vestigingscode.lower()},
        page=queue,
    )
    assert db.session.get(SchoolRequest, request.id).status is RequestStatus.MERGED
    assert db.session.get(SchoolMembership, (teacher.id, schools[0].id))
