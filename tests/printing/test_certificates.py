"""Certificates: per team and per event, with diacritics, long names, logo or no logo."""

from datetime import UTC, datetime
from io import BytesIO

import pytest
from PIL import Image
from reportlab.lib.units import mm

from challenges.auth.roles import Role
from challenges.extensions import db
from challenges.printing.certificates import Branding, Certificate, write_certificates
from challenges.printing.pages import Footer
from tests.factories import make_teacher, make_user
from tests.printing.conftest import embedded_fonts, page_texts, read_pdf, unembedded_fonts

MOMENT = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
FOOTER = Footer(
    "Certificaten", "Regiofinale Groningen", "gemaakt 02-12-2026 12:00", "pagina %(page)s", MOMENT
)


def png(width=300, height=120, color=(179, 38, 30)) -> bytes:
    out = BytesIO()
    Image.new("RGB", (width, height), color).save(out, "PNG")
    return out.getvalue()


def certificate(**changes) -> Certificate:
    values = {
        "team": "Zoë & de Bètabrekers",
        "where": "Basisschool Één, Ærø",
        "category": "Challenge",
        "event": "Regiofinale Groningen",
        "date": "31-01-2026",
        "pupils": ("Anaïs", "Jörg", "Łukasz", " Señor Íñigo"),
    }
    return Certificate(**(values | changes))


def written(certificates, branding=None) -> bytes:
    out = BytesIO()
    write_certificates(out, certificates, branding or Branding("FIRST LEGO League"), FOOTER)
    return out.getvalue()


def test_diacritics_print_with_the_embedded_font(app):
    data = written([certificate(), certificate(award="Core Values", place="Winnaar")])
    first, second = page_texts(data)
    assert "Zoë & de Bètabrekers" in first
    assert "Anaïs, Jörg, Łukasz, Señor Íñigo".lower() in first.lower()
    assert "Basisschool Één, Ærø" in first
    assert "Core Values" in second
    assert "Winnaar" in second
    assert embedded_fonts(data) >= {"DejaVuSans", "DejaVuSans-Bold"}


def test_no_office_footer_on_the_page_but_in_the_metadata(app, tmp_path):
    data = written([certificate(), certificate(award="Core Values", place="Winnaar")])
    for text in page_texts(data):
        assert "gemaakt" not in text
        assert "pagina" not in text
        assert "Certificaten" not in text
    metadata = read_pdf(data).metadata
    assert metadata.title == "Certificaten · Regiofinale Groningen"
    assert metadata.subject == "Regiofinale Groningen"
    assert metadata.creator == "challenges"
    assert metadata.author == "Platform Talent voor Technologie"
    assert metadata.creation_date == MOMENT


@pytest.mark.parametrize("images", [False, True])
def test_every_font_is_embedded_no_stray_helvetica(app, tmp_path, images):
    look = Branding("FIRST LEGO League", png(), png(200, 80), "Olga") if images else None
    data = written([certificate()], look)
    assert unembedded_fonts(data, tmp_path) == set()
    assert unembedded_fonts(data) == set()  # the same read with pypdf alone


def test_a_very_long_team_name_is_shrunk_and_wrapped_never_cut(app):
    name = "De Ongelooflijk Uitgebreide Robotbouwers van de Gemeentelijke Scholengemeenschap " * 2
    [text] = page_texts(written([certificate(team=name.strip())]))
    assert " ".join(name.split()) in text
    page = read_pdf(written([certificate(team=name.strip())])).pages[0]
    assert float(page.mediabox.width) == pytest.approx(210 * mm, abs=1)


def test_a_logo_and_signature_are_embedded_and_a_missing_logo_prints_the_programme(app):
    with_images = written(
        [certificate()], Branding("FIRST LEGO League", png(), png(200, 80), "Olga", "Directeur")
    )
    images = read_pdf(with_images).pages[0].images
    assert len(images) == 2
    assert "Olga" in page_texts(with_images)[0]
    without = written([certificate()], Branding("FIRST LEGO League Challenge"))
    assert len(read_pdf(without).pages[0].images) == 0
    assert "FIRST LEGO League Challenge" in page_texts(without)[0]


def test_no_certificates_is_an_error_not_an_empty_pdf(app):
    with pytest.raises(ValueError, match="no certificates"):
        written([])


def test_the_cli_prints_an_event_in_printing_order(runner, judged, tmp_path):
    judged.event.results_published_at = judged.event.season.registration_opens_at
    db.session.commit()
    out = tmp_path / "certificates.pdf"
    result = runner.invoke(args=["print", "certificates", judged.event.slug, "--out", str(out)])
    assert result.exit_code == 0, result.output
    texts = page_texts(out.read_bytes())
    assert "page(s) written" in result.output
    assert "Certificaat van deelname voor het team Team 0" in texts[0]
    assert "Challenge · Regiofinale" in texts[0]
    teams = [
        next(word for word in ("Team 0", "Team 1", "Team 2", "Team 3") if word in t) for t in texts
    ]
    assert teams == sorted(teams)  # team by team
    # Each team's participation certificate, then its Robot Performance certificate (that award
    # follows the robot-game ranking; no judged award was given in this event).
    assert len(texts) == 8
    assert "Robot Performance" in texts[1]
    assert "Team 0" in texts[1]


def test_the_cli_refuses_unknown_events_and_events_without_teams(runner, tmp_path, app):
    out = tmp_path / "x.pdf"
    unknown = runner.invoke(args=["print", "certificates", "nope", "--out", str(out)])
    assert unknown.exit_code == 1
    assert "challenges events list" in unknown.output
    assert not out.exists()


def test_coaches_download_their_own_teams_certificates_after_publication(client, judged):
    coach = make_teacher(school=judged.teams[0].school, email="coach@school.nl")
    judged.teams[0].coaches.append(coach)
    db.session.commit()
    client.log_in(coach.email)
    url = f"/teams/{judged.teams[0].id}/certificates/{judged.event.id}"
    assert client.get(url).status_code == 409  # not published yet
    judged.event.results_published_at = judged.event.season.registration_opens_at
    db.session.commit()
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert len(page_texts(response.data)) == 2  # participation and Robot Performance
    other = make_teacher(email="other@school.nl")
    client.log_in(other.email)
    assert client.get(url).status_code == 403


def test_event_crew_prints_every_certificate(client, judged):
    client.log_in(judged.advisor.email)
    response = client.get(f"/events/{judged.event.id}/print/certificates")
    assert response.status_code == 200
    assert len(page_texts(response.data)) == 8
    client.log_in(judged.judge.email)
    assert client.get(f"/events/{judged.event.id}/print/certificates").status_code == 403


def test_the_organiser_uploads_a_logo_and_a_signature(client, judged):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    season = judged.event.season
    url = f"/seasons/{season.id}/branding"
    response = client.submit(
        url,
        {
            "logo": (BytesIO(png()), "logo.png"),
            "signature": (BytesIO(png(200, 80)), "sig.png"),
            "signatory_name": "Olga Organisator",
            "signatory_role": "Directeur PTvT",
        },
        page=url,
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert client.get(f"{url}/logo").mimetype == "image/png"
    pdf = client.get(f"/events/{judged.event.id}/print/certificates").data
    assert len(read_pdf(pdf).pages[0].images) == 2
    assert "Directeur PTvT" in page_texts(pdf)[0]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (b"not an image at all", "geen PNG- of JPEG-afbeelding"),
        (b"GIF89a" + b"\x00" * 50, "geen PNG- of JPEG-afbeelding"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "geen PNG- of JPEG-afbeelding"),  # a broken PNG
    ],
)
def test_bad_uploads_are_refused(client, judged, upload, message):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    url = f"/seasons/{judged.event.season.id}/branding"
    response = client.submit(
        url, {"logo": (BytesIO(upload), "logo.png")}, page=url, content_type="multipart/form-data"
    )
    assert response.status_code in (413, 422)
    assert message in response.get_data(as_text=True)


def test_images_over_two_megabytes_are_refused(app):
    from werkzeug.datastructures import FileStorage

    from challenges.errors import DomainError
    from challenges.printing.branding import checked_image

    big = FileStorage(BytesIO(b"\x89PNG" + b"\x00" * (2 * 1024 * 1024)), "big.png")
    with pytest.raises(DomainError) as refused:
        checked_image(big, "logo")
    assert (refused.value.status, refused.value.field) == (413, "logo")
    assert checked_image(FileStorage(BytesIO(png()), "ok.png"), "logo").startswith(b"\x89PNG")
    assert checked_image(None, "logo") is None


def test_a_long_batch_is_printed_in_parts_joined_into_one_pdf(app):
    from challenges.printing.joining import PART_PAGES, parts

    assert [len(part) for part in parts(range(250))] == [PART_PAGES, PART_PAGES, 50]
    batch = [certificate(team=f"Team {number}") for number in range(250)]
    data = written(batch, Branding("FIRST LEGO League", png(), png(200, 80), "Olga", "Directeur"))
    texts = page_texts(data)
    assert len(texts) == 250
    assert "Team 0" in texts[0]
    assert "Team 100" in texts[100]
    assert "Team 249" in texts[249]
    assert embedded_fonts(data) >= {"DejaVuSans", "DejaVuSans-Bold"}
    assert len(read_pdf(data).pages[150].images) == 2
    assert read_pdf(data).metadata.title == "Certificaten · Regiofinale Groningen"
    assert unembedded_fonts(data) == set()
