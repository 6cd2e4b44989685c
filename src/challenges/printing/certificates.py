"""Certificates: participation and award certificates, one A4 page each.

Drawn straight on the canvas (no layout engine) so that a batch of a thousand prints in
seconds; the frame, logo and signature are drawn once as a reusable form and every page only
adds its own texts. Long team names shrink to fit, then wrap; nothing is cut off.
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
    register_fonts,
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


def _centred(
    canvas: Canvas, text: str, y: float, font: str, size: float, smallest: float, color=INK
) -> float:
    """Draw text centred at height y, shrunk to fit and wrapped when still too long; returns
    the height used."""
    fitted = font_size_to_fit(text, font, size, TEXT_WIDTH, smallest)
    style = ParagraphStyle(
        "centred",
        fontName=font,
        fontSize=fitted,
        leading=fitted * 1.2,
        alignment=TA_CENTER,
        textColor=color,
    )
    paragraph = Paragraph(_escape(text), style)
    _width, height = paragraph.wrap(TEXT_WIDTH, HEIGHT)
    paragraph.drawOn(canvas, (WIDTH - TEXT_WIDTH) / 2, y - height)
    return height


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _page(canvas: Canvas, certificate: Certificate) -> None:
    canvas.doForm("certificate-frame")
    y = HEIGHT - 80 * mm
    if certificate.award is None:
        y -= _centred(canvas, _("Certificate of participation"), y, BOLD, 28, 18) + 8 * mm
        y -= _centred(canvas, _("for the team"), y, FONT, 13, 10) + 5 * mm
    else:
        y -= _centred(canvas, certificate.award, y, BOLD, 28, 16) + 3 * mm
        if certificate.place:
            y -= _centred(canvas, certificate.place, y, BOLD, 18, 12) + 6 * mm
        y -= _centred(canvas, _("awarded to the team"), y, FONT, 13, 10) + 5 * mm
    y -= _centred(canvas, certificate.team, y, BOLD, 34, 20, BRAND) + 4 * mm
    if certificate.where:
        y -= _centred(canvas, certificate.where, y, FONT, 13, 9) + 8 * mm
    y -= _centred(canvas, f"{certificate.category} · {certificate.event}", y, FONT, 12, 9) + 2 * mm
    y -= _centred(canvas, certificate.date, y, FONT, 12, 9) + 8 * mm
    if certificate.pupils:
        _centred(canvas, ", ".join(certificate.pupils), y, FONT, 11, 8)


def _write_part(
    out: IO[bytes],
    certificates: list[Certificate],
    branding: Branding,
    footer: Footer,
    first_page: int,
    progress: Callable[[int], None] | None,
) -> int:
    canvas = Canvas(out, pagesize=A4, pageCompression=1)
    canvas.setTitle(footer.what)
    canvas.setAuthor("Platform Talent voor Technologie")
    _frame(canvas, branding)
    for page, certificate in enumerate(certificates, start=first_page):
        _page(canvas, certificate)
        footer.draw(canvas, page)
        canvas.showPage()
        if progress is not None:
            progress(page)
    canvas.save()
    return len(certificates)


def write_certificates(
    out: IO[bytes],
    certificates: Iterable[Certificate],
    branding: Branding,
    footer: Footer,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write every certificate to `out` as one PDF, a part at a time (constant memory
    whatever the batch); returns the number of pages."""
    register_fonts()
    pages = join_parts(
        out,
        certificates,
        lambda part_out, part, first: _write_part(
            part_out, part, branding, footer, first, progress
        ),
        footer.what,
    )
    if pages == 0:
        raise ValueError("no certificates to print")
    return pages
