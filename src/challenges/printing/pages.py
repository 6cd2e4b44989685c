"""What every printed document shares: A4, the embedded DejaVu fonts, styles, a footer that
says what the document is, for which event, and when it was generated, and the same in the
PDF's metadata (where documents without a footer, such as certificates, keep it)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import IO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
MARGIN = 18 * mm
INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#56606b")
LINE = colors.HexColor("#c9d1d9")
BRAND = colors.HexColor("#b3261e")


@cache
def register_fonts() -> None:
    """Embed DejaVu Sans (regular and bold): it covers Dutch and other European diacritics."""
    folder = resources.files("challenges.printing").joinpath("fonts")
    for name, file in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        with resources.as_file(folder.joinpath(file)) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def new_canvas(out: IO[bytes], size: tuple[float, float] = A4) -> Canvas:
    """A compressed canvas for a document drawn by hand, its fonts embedded."""
    register_fonts()
    return Canvas(out, pagesize=size, pageCompression=1, initialFontName=FONT)


AUTHOR = "Platform Talent voor Technologie"
CREATOR = "challenges"


@dataclass(frozen=True)
class DocumentInfo:
    """The PDF's metadata: title, subject (the event), author, creator and creation date."""

    title: str
    subject: str = ""
    created: datetime | None = None

    def pdf_date(self) -> str:
        moment = (self.created or datetime.now(UTC)).astimezone(UTC)
        return moment.strftime("D:%Y%m%d%H%M%S+00'00'")

    def entries(self) -> dict[str, str]:
        """The document information dictionary, as PDF names and texts."""
        found = {
            "/Title": self.title,
            "/Subject": self.subject,
            "/Author": AUTHOR,
            "/Creator": CREATOR,
            "/Producer": CREATOR,
            "/CreationDate": self.pdf_date(),
        }
        return {key: value for key, value in found.items() if value}

    def apply(self, canvas: Canvas) -> None:
        canvas.setTitle(self.title)
        canvas.setSubject(self.subject)
        canvas.setAuthor(AUTHOR)
        canvas.setCreator(CREATOR)


@dataclass(frozen=True)
class Footer:
    """`what` the document is, for which `event`, and the moment it was `generated` (as text
    for the page, and as `moment` for the metadata)."""

    what: str
    event: str
    generated: str
    page_label: str = "%(page)s"  # a translated "page %(page)s"
    moment: datetime | None = None

    def info(self) -> DocumentInfo:
        title = f"{self.what} · {self.event}" if self.event else self.what
        return DocumentInfo(title, self.event, self.moment)

    def text(self, page: int) -> str:
        parts = [self.what, self.event, self.generated, self.page_label % {"page": page}]
        return "  ·  ".join(part for part in parts if part)

    def draw(self, canvas: Canvas, page: int) -> None:
        width, _height = canvas._pagesize
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawCentredString(
            width / 2, 9 * mm, fit(self.text(page), FONT, 7.5, width - 2 * MARGIN)
        )
        canvas.restoreState()


def fit(text: str, font: str, size: float, width: float) -> str:
    """The text, shortened with an ellipsis only if it cannot fit (footers, never names)."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def font_size_to_fit(text: str, font: str, size: float, width: float, smallest: float) -> float:
    """The largest size up to `size` at which the text fits on one line, at least `smallest`
    (below that the caller wraps the text instead)."""
    needed = pdfmetrics.stringWidth(text, font, size)
    if needed <= width:
        return size
    return max(smallest, size * width / needed)


def document(out: IO[bytes], footer: Footer, title: str, wide: bool = False) -> SimpleDocTemplate:
    """A4 (landscape when `wide`) with the footer on every page."""
    register_fonts()
    return SimpleDocTemplate(
        out,
        pagesize=landscape(A4) if wide else A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        subject=footer.event,
        author=AUTHOR,
        creator=CREATOR,
        initialFontName=FONT,  # else the canvas declares an unembedded Helvetica
    )


def on_every_page(footer: Footer) -> Callable[[Canvas, SimpleDocTemplate], None]:
    return lambda canvas, doc: footer.draw(canvas, doc.page)


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13, textColor=INK)
    return {
        "title": ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=18, leading=22, spaceAfter=4 * mm
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=13,
            leading=16,
            spaceBefore=4 * mm,
            spaceAfter=2 * mm,
        ),
        "subheading": ParagraphStyle(
            "subheading",
            parent=body,
            fontName=BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=2 * mm,
            spaceAfter=1 * mm,
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=body, fontName=BOLD, fontSize=9, leading=11
        ),
    }
