"""Logos and signatures: a broken image is refused at upload, a broken stored image never
breaks the certificates (they print without it and the organiser is told), the form keeps
the images when its file inputs are left empty, and each image can be removed."""

from io import BytesIO

import pytest

from challenges.auth.roles import Role
from challenges.extensions import db
from challenges.printing.models import Branding
from tests.factories import make_user
from tests.hostile.images import broken_idat, cut_after_ihdr, cut_jpeg, picture
from tests.printing.conftest import page_texts, read_pdf

DAMAGED = "De afbeelding is beschadigd: ze is niet tot het eind te lezen."
NO_IMAGE = "Dit is geen PNG- of JPEG-afbeelding."
LOGO_LEFT_OUT = "Het logo van het seizoen kan niet worden getekend"
SIGNATURE_LEFT_OUT = "De handtekening van het seizoen kan niet worden getekend"


@pytest.fixture
def organiser(client):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)


def branding_url(judged) -> str:
    return f"/seasons/{judged.event.season.id}/branding"


def send(client, url: str, **fields):
    return client.submit(url, fields, page=url, content_type="multipart/form-data")


def stored() -> Branding:
    db.session.expire_all()
    return db.session.scalars(db.select(Branding)).one()


@pytest.mark.parametrize(
    ("image", "name", "message"),
    [
        (broken_idat(), "logo.png", DAMAGED),
        (cut_jpeg(), "logo.jpg", DAMAGED),
        (cut_after_ihdr(), "logo.png", NO_IMAGE),
    ],
)
def test_an_image_whose_data_is_broken_is_refused_at_upload(
    client, judged, organiser, image, name, message
):
    response = send(client, branding_url(judged), logo=(BytesIO(image), name))
    assert response.status_code == 422
    assert message in response.text
    assert db.session.scalars(db.select(Branding)).all() == []


def test_empty_file_inputs_keep_the_images_and_each_can_be_removed(client, judged, organiser):
    url = branding_url(judged)
    logo, signature = picture(), picture("JPEG")
    first = send(
        client, url, logo=(BytesIO(logo), "logo.png"), signature=(BytesIO(signature), "s.jpg")
    )
    assert first.status_code == 302
    empty = (BytesIO(b""), "")
    again = send(client, url, logo=empty, signature=empty, signatory_name="Olga Organisator")
    assert again.status_code == 302
    assert (stored().logo, stored().signature, stored().signatory_name) == (
        logo,
        signature,
        "Olga Organisator",
    )
    assert send(client, url, remove_logo="y").status_code == 302
    assert (stored().logo, stored().signature) == (None, signature)
    assert send(client, url, remove_signature="y").status_code == 302
    assert (stored().logo, stored().signature) == (None, None)


def test_removing_needs_the_form_token_and_an_organiser(client, judged, organiser):
    url = branding_url(judged)
    send(client, url, logo=(BytesIO(picture()), "logo.png"))
    assert client.post(url, data={"remove_logo": "y"}).status_code == 400  # no CSRF token
    client.post("/account/logout", data={"csrf_token": client.csrf_token(url)})
    client.log_in(judged.advisor.email)
    assert send(client, url, remove_logo="y").status_code == 403
    assert stored().logo is not None


def store(judged, logo: bytes | None = None, signature: bytes | None = None) -> None:
    """Images as an older version of the app, or a hand in the database, may have left them."""
    season_id = judged.event.season.id
    db.session.add(Branding(season_id=season_id, logo=logo, signature=signature))
    db.session.commit()


def test_certificates_print_without_a_broken_stored_logo_and_say_so(client, judged, organiser):
    store(judged, logo=broken_idat(), signature=picture())
    response = client.get(f"/events/{judged.event.id}/print/certificates")
    assert response.status_code == 200
    assert len(read_pdf(response.data).pages[0].images) == 1  # the signature only
    assert judged.event.season.programme.name in page_texts(response.data)[0]  # instead of it
    assert LOGO_LEFT_OUT in client.get("/dashboard").text
    page = client.get(branding_url(judged)).text
    assert LOGO_LEFT_OUT in page
    assert SIGNATURE_LEFT_OUT not in page


def test_the_command_prints_without_a_broken_stored_signature_and_says_so(runner, judged, tmp_path):
    store(judged, signature=cut_jpeg())
    out = tmp_path / "certificates.pdf"
    result = runner.invoke(args=["print", "certificates", judged.event.slug, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "page(s) written" in result.output
    assert "Printed without the season's signature: the stored image cannot be drawn" in (
        result.output
    )
    assert len(read_pdf(out.read_bytes()).pages[0].images) == 0
