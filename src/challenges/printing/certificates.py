"""Certificates: participation and award certificates, one A4 page each.

Drawn straight on the canvas (no layout engine) so that a batch of a thousand prints in
seconds; the frame, logo and signature are drawn once as a reusable form and every page only
adds its own texts. Long team names shrink to fit, then wrap; nothing is cut off. A
certificate carries no office footer: what the document is, for which event and when it was
made go into the PDF's metadata.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from io import BytesIO
from typing import IO

from flask_babel import gettext as _
from PIL import Image
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from challenges.printing.joining import join_parts
from challenges.printing.pages import (
    BOLD,
    BRAND,
    FONT,
    INK,
    MUTED,
    Footer,
    font_size_to_fit,
    new_canvas,
)

WIDTH, HEIGHT = A4
TEXT_WIDTH = WIDTH - 50 * mm


@dataclass(frozen=True)
class Certificate:
    team: str
    where: str  # school and town, or the club's town
    category: str
    event: str
    date: str
    pupils: tuple[str, ...] = ()  # first names, only with recorded consent
    award: str | None = None  # None: a participation certificate
    place: str | None = None  # "Winner", "2nd place" ...


IMAGE_FORMATS = ("PNG", "JPEG")
MAX_PIXELS = 4000 * 4000
IMAGES = ("logo", "signature")


class UnusableImage(ValueError):
    """Not an image the certificates can draw; `problem` is "format", "pixels" or "damaged"."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def check_image(data: bytes) -> None:
    """UnusableImage unless this is a PNG or JPEG of at most MAX_PIXELS whose every pixel
    decodes: a header can be fine while the image data after it is cut off or broken."""
    try:
        image = Image.open(BytesIO(data))
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise UnusableImage("format") from None
    with image:
        if image.format not in IMAGE_FORMATS:
            raise UnusableImage("format")
        if image.width * image.height > MAX_PIXELS:
            raise UnusableImage("pixels")
        try:
            image.load()
        except (OSError, SyntaxError, ValueError, EOFError):
            raise UnusableImage("damaged") from None


def draws(data: bytes) -> bool:
    try:
        check_image(data)
    except UnusableImage:
        return False
    return True


@dataclass(frozen=True)
class Branding:
    programme: str
    logo: bytes | None = None
    signature: bytes | None = None
    signatory: str = ""
    signatory_role: str = ""
    left_out: tuple[str, ...] = ()  # images (of IMAGES) that cannot be drawn, so are not

    def drawable(self) -> "Branding":
        """This branding without its images that cannot be drawn, named in `left_out`."""
        broken = tuple(
            kind for kind in IMAGES if getattr(self, kind) and not draws(getattr(self, kind))
        )
        return replace(self, left_out=broken, **dict.fromkeys(broken))


def _image(data: bytes | None) -> ImageReader | None:
    return ImageReader(BytesIO(data)) if data else None


def _frame(canvas: Canvas, branding: Branding) -> None:
    """The parts every certificate shares, drawn once as a form."""
    canvas.beginForm("certificate-frame")
    canvas.setStrokeColor(BRAND)
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, WIDTH - 24 * mm, HEIGHT - 24 * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(15 * mm, 15 * mm, WIDTH - 30 * mm, HEIGHT - 30 * mm)
    logo = _image(branding.logo)
    if logo is not None:
        canvas.drawImage(
            logo,
            WIDTH / 2 - 35 * mm,
            HEIGHT - 62 * mm,
            70 * mm,
            35 * mm,
            preserveAspectRatio=True,
            anchor="c",
            mask="auto",
        )
    else:
        canvas.setFont(BOLD, 16)
        canvas.setFillColor(BRAND)
        canvas.drawCentredString(WIDTH / 2, HEIGHT - 45 * mm, branding.programme)
    signature = _image(branding.signature)
    if signature is not None:
        canvas.drawImage(
            signature,
            WIDTH / 2 - 30 * mm,
            48 * mm,
            60 * mm,
            22 * mm,
            preserveAspectRatio=True,
            anchor="c",
            mask="auto",
        )
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.5)
    canvas.line(WIDTH / 2 - 40 * mm, 46 * mm, WIDTH / 2 + 40 * mm, 46 * mm)
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 10)
    canvas.drawCentredString(WIDTH / 2, 40 * mm, branding.signatory)
    canvas.setFont(FONT, 9)
    canvas.setFillColor(MUTED)
    canvas.drawCentredString(WIDTH / 2, 35 * mm, branding.signatory_role)
    canvas.endForm()


def _centred(text: str, font: str, size: float, smallest: float, color=INK) -> Paragraph:
    """The text centred, shrunk to fit one line down to `smallest`, wrapped when still too
    long."""
    fitted = font_size_to_fit(text, font, size, TEXT_WIDTH, smallest)
    style = ParagraphStyle(
        "centred",
        fontName=font,
        fontSize=fitted,
        leading=fitted * 1.2,
        alignment=TA_CENTER,
        textColor=color,
    )
    return Paragraph(_escape(text), style)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _texts(certificate: Certificate) -> list[tuple[Paragraph, float]]:
    """The certificate's own texts, each with the room below it."""
    texts = []
    if certificate.award is None:
        texts.append((_centred(_("Certificate of participation"), BOLD, 28, 18), 8 * mm))
        texts.append((_centred(_("for the team"), FONT, 13, 10), 5 * mm))
    else:
        texts.append((_centred(certificate.award, BOLD, 28, 16), 3 * mm))
        if certificate.place:
            texts.append((_centred(certificate.place, BOLD, 18, 12), 6 * mm))
        texts.append((_centred(_("awarded to the team"), FONT, 13, 10), 5 * mm))
    texts.append((_centred(certificate.team, BOLD, 34, 20, BRAND), 4 * mm))
    if certificate.where:
        texts.append((_centred(certificate.where, FONT, 13, 9), 8 * mm))
    texts.append((_centred(f"{certificate.category} · {certificate.event}", FONT, 12, 9), 2 * mm))
    texts.append((_centred(certificate.date, FONT, 12, 9), 8 * mm))
    if certificate.pupils:
        texts.append((_centred(", ".join(certificate.pupils), FONT, 11, 9), 0))
    return texts


TEXTS_TOP, TEXTS_BOTTOM = HEIGHT - 72 * mm, 78 * mm  # below the logo, above the signature


def _page(canvas: Canvas, certificate: Certificate) -> None:
    """The frame, then the texts centred between the logo and the signature (from just below
    the logo when they need all the room)."""
    canvas.doForm("certificate-frame")
    texts = _texts(certificate)
    heights = [paragraph.wrap(TEXT_WIDTH, HEIGHT)[1] for paragraph, _gap in texts]
    total = sum(heights) + sum(gap for _paragraph, gap in texts[:-1])
    y = min(TEXTS_TOP, TEXTS_BOTTOM + (TEXTS_TOP - TEXTS_BOTTOM + total) / 2)
    for (paragraph, gap), height in zip(texts, heights, strict=True):
        paragraph.drawOn(canvas, (WIDTH - TEXT_WIDTH) / 2, y - height)
        y -= height + gap


def _write_part(
    out: IO[bytes],
    certificates: list[Certificate],
    branding: Branding,
    about: Footer,
    first_page: int,
    progress: Callable[[int], None] | None,
) -> int:
    canvas = new_canvas(out)
    about.info().apply(canvas)
    _frame(canvas, branding)
    for page, certificate in enumerate(certificates, start=first_page):
        _page(canvas, certificate)
        canvas.showPage()
        if progress is not None:
            progress(page)
    canvas.save()
    return len(certificates)


def write_certificates(
    out: IO[bytes],
    certificates: Iterable[Certificate],
    branding: Branding,
    about: Footer,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write every certificate to `out` as one PDF, a part at a time (constant memory
    whatever the batch); returns the number of pages. `about` (what, event, when) is not
    printed on the pages but kept in the PDF's metadata."""
    pages = join_parts(
        out,
        certificates,
        lambda part_out, part, first: _write_part(part_out, part, branding, about, first, progress),
        about.info().entries(),
    )
    if pages == 0:
        raise ValueError("no certificates to print")
    return pages
