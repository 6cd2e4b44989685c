"""/admin/backups: organisers list, download and make backups; nobody else, no other file."""

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from challenges.auth.roles import Role
from challenges.backups import services
from tests.factories import make_user


@pytest.fixture
def organiser(client):
    make_user(email="organisator@example.nl", roles=(Role.ORGANISER,))
    client.log_in("organisator@example.nl")
    return client


def test_the_organiser_makes_a_backup_and_sees_it_listed(organiser):
    page = organiser.get("/admin/backups").get_data(as_text=True)
    assert "Er staan nog geen back-ups op deze server." in page
    assert "challenges backup restore BESTAND" in page

    response = organiser.submit("/admin/backups", {})
    assert response.status_code == 302

    [made] = services.backup_folder().iterdir()
    assert made.name.endswith("Z-handmatig.jsonl.gz")
    page = organiser.get("/admin/backups").get_data(as_text=True)
    assert f"Back-up gemaakt: {made.name}." in page
    assert "met de hand gemaakt" in page
    assert re.search(r"\d+,\d kB", page)
    assert f'href="/admin/backups/{made.name}"' in page


def test_a_listed_backup_downloads_as_it_is(organiser):
    made = services.automatic("schema vervangen")

    page = organiser.get("/admin/backups").get_data(as_text=True)
    assert "schema vervangen" in page
    response = organiser.get(f"/admin/backups/{made.name}")

    assert response.status_code == 200
    assert response.data == made.read_bytes()
    response.close()
    assert response.headers["Content-Disposition"] == f"attachment; filename={made.name}"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.mimetype == "application/gzip"


def test_an_unreadable_file_is_listed_as_such(organiser):
    folder = services.backup_folder()
    folder.mkdir(parents=True)
    (folder / "kapot.jsonl.gz").write_bytes(b"1234")

    page = organiser.get("/admin/backups").get_data(as_text=True)

    assert "onleesbaar" in page
    assert "0,0 kB" in page


@pytest.mark.parametrize(
    "name",
    [
        "../secret_key",
        "..%2Fsecret_key",
        "%2E%2E%2Fsecret_key",
        "secret_key",
        "notes.txt",
        "link.jsonl.gz",
        ".backup-x.partial",
        "x" * 300 + ".jsonl.gz",
        "bäckup.jsonl.gz",
        "%00.jsonl.gz",
        "",
    ],
)
def test_any_other_name_is_not_found(organiser, app, name):
    secret = Path(app.instance_path) / "secret_key"
    secret.write_text("THE-SECRET-KEY")
    folder = services.backup_folder()
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("THE-SECRET-KEY")
    (folder / ".backup-x.partial").write_text("THE-SECRET-KEY")
    (folder / "link.jsonl.gz").symlink_to(secret)
    services.by_hand()

    response = organiser.get(f"/admin/backups/{quote(name, safe='%')}")

    assert response.status_code == 404
    assert b"THE-SECRET-KEY" not in response.data


@pytest.mark.parametrize("role", [Role.COACH, None])
def test_only_organisers_may_use_the_page(client, role):
    make_user(email="iemand@example.nl", roles=(role,) if role else ())
    client.log_in("iemand@example.nl")
    made = services.by_hand()

    assert client.get("/admin/backups").status_code == 403
    assert client.get(f"/admin/backups/{made.name}").status_code == 403
    token = client.csrf_token("/dashboard")
    assert client.post("/admin/backups", data={"csrf_token": token}).status_code == 403
    assert list(services.backup_folder().iterdir()) == [made]


def test_visitors_are_sent_to_the_log_in_page(client):
    made = services.by_hand()
    for response in (
        client.get("/admin/backups"),
        client.get(f"/admin/backups/{made.name}"),
        client.post("/admin/backups"),
    ):
        assert response.status_code in (302, 400)
    assert client.get("/admin/backups").headers["Location"].startswith("/account/login")
    assert list(services.backup_folder().iterdir()) == [made]


def test_making_a_backup_needs_the_form_token(organiser):
    response = organiser.post("/admin/backups", data={})
    assert response.status_code == 400
    assert not services.backup_folder().exists()


def test_the_dashboard_links_organisers_to_the_page(organiser):
    assert 'href="/admin/backups"' in organiser.get("/dashboard").get_data(as_text=True)
