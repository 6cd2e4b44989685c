"""Pit signs and stand signs: one landscape A4 per team with its number, its name and a
QR code (ReportLab's own) that opens the team's public page."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

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

WIDTH, HEIGHT = landscape(A4)
QR_SIZE = 55 * mm


@dataclass(frozen=True)
class Sign:
    number: str  # team number (FLL) or stand number (Vakkanjers)
    name: str
    where: str
    url: str


def draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float = QR_SIZE) -> None:
    """A QR code of the address, `size` wide and high, its lower left corner at (x, y)."""
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    drawing.initialFontName = FONT  # else the renderer declares an unembedded Helvetica
    renderPDF.draw(drawing, canvas, x, y)


def lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Words on as few lines as fit the width."""
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def draw_signs(out: IO[bytes], signs: Sequence[Sign], footer: Footer) -> int:
    canvas = new_canvas(out, (WIDTH, HEIGHT))
    canvas.setTitle(footer.what)
    text_width = WIDTH - QR_SIZE - 50 * mm
    for page, sign in enumerate(signs, start=1):
        canvas.setFillColor(BRAND)
        canvas.rect(0, HEIGHT - 14 * mm, WIDTH, 14 * mm, stroke=0, fill=1)
        canvas.setFillColor(INK)
        if sign.number:
            canvas.setFont(BOLD, 110)
            canvas.drawString(20 * mm, HEIGHT - 70 * mm, sign.number)
        size = font_size_to_fit(sign.name, BOLD, 54, text_width, 30)
        y = HEIGHT - 100 * mm
        for line in lines(sign.name, BOLD, size, text_width):
            canvas.setFont(BOLD, size)
            canvas.drawString(20 * mm, y, line)
            y -= size * 1.15
        canvas.setFont(FONT, 16)
        canvas.setFillColor(MUTED)
        canvas.drawString(20 * mm, y - 4 * mm, sign.where)
        draw_qr(canvas, sign.url, WIDTH - QR_SIZE - 20 * mm, 30 * mm)
        footer.draw(canvas, page)
        canvas.showPage()
    canvas.save()
    return len(signs)
