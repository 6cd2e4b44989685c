"""The season report for funders: a PDF with the key figures, the tables with their charts and map,
and a workbook with one sheet per table. Small counts are masked in both (`for_funders`)."""

import io
import re
from collections.abc import Sequence
from typing import IO
from xml.sax.saxutils import escape

from flask_babel import gettext as _
from openpyxl import Workbook
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, TableStyle
from reportlab.platypus import Table as Grid

from challenges.cells import Cell, Mean, Share, Withheld
from challenges.i18n import NOTHING, cell_text
from challenges.printing.pages import AUTHOR, FONT, LINE, Footer, document, on_every_page
from challenges.printing.pages import styles as page_styles
from challenges.reports.charts import season_pictures
from challenges.reports.pictures import drawing
from challenges.reports.tables import Table
from challenges.spreadsheets import put

PICTURE_WIDTH = 0.7  # of the text's width
WIDE_TABLE = 6
DIGITS_HYPHEN = re.compile(r"(?<=[0-9])-(?=[0-9])")  # columns; wider tables get a smaller font


def unbroken(text: str) -> str:
    """A season or a date keeps its hyphen on one line (2024-2025: a non-breaking hyphen)."""
    return DIGITS_HYPHEN.sub("\N{NON-BREAKING HYPHEN}", text)


def _grid(table: Table, width: float) -> Grid:
    style = page_styles()
    size = 9 if len(table.header) <= WIDE_TABLE else 7.5
    # Words wrap at spaces only: never "antwoor / dden" (ReportLab splits a long word by default)
    header = ParagraphStyle(
        "h", parent=style["cell_bold"], fontSize=size - 1, leading=size * 1.1, splitLongWords=0
    )
    text = ParagraphStyle(
        "t", parent=style["cell"], fontSize=size, leading=size * 1.2, splitLongWords=0
    )
    number = ParagraphStyle("n", parent=text, alignment=TA_RIGHT)
    head_number = ParagraphStyle("hn", parent=header, alignment=TA_RIGHT)
    data = [
        [
            Paragraph(escape(title), head_number if column else header)
            for column, title in enumerate(table.header)
        ]
    ]
    data += [
        [
            Paragraph(escape(unbroken(cell_text(cell))), number if column else text)
            for column, cell in enumerate(row)
        ]
        for row in table.rows
    ]
    first = 0.6 if len(table.header) == 2 else 0.3 if len(table.header) <= WIDE_TABLE else 0.14
    rest = (1 - first) / (len(table.header) - 1)
    grid = Grid(
        data, colWidths=[width * first] + [width * rest] * (len(table.header) - 1), repeatRows=1
    )
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, LINE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return grid


def write_pdf(
    out: IO[bytes], title: str, subtitle: str, tables: Sequence[Table], footer: Footer
) -> int:
    """The report (tables already `for_funders`); returns the number of pages."""
    doc = document(out, footer, title)
    style = page_styles()
    story: list = [
        Paragraph(escape(title), style["title"]),
        Paragraph(escape(subtitle), style["body"]),
    ]
    hidden = _(
        "Counts of 1 to 4 are shown as “< 5”; their percentages and the average marks of"
        " 1 to 4 answers are not shown (%(nothing)s).",
        nothing=NOTHING,
    )
    story.append(Paragraph(escape(hidden), style["small"]))
    pictures = season_pictures(tables)
    for table in tables:
        drawn = [
            drawing(picture, doc.width * PICTURE_WIDTH) for picture in pictures.get(table.key, [])
        ]
        heading = Paragraph(escape(table.title), style["heading"])
        if not table.rows:
            nothing = Paragraph(escape(_("Nothing to count yet.")), style["small"])
            story.append(KeepTogether([heading, nothing]))
            continue
        spaced = [*drawn, Spacer(1, 3 * mm)] if drawn else []
        story.append(KeepTogether([heading, *spaced, _grid(table, doc.width)]))
    draw = on_every_page(footer)
    doc.build(story, onFirstPage=draw, onLaterPages=draw)
    return doc.page


def _stored(cell: Cell) -> tuple[int | float | str | None, str | None]:
    """A cell as the workbook keeps it, with its number format: a percentage as a fraction
    shown as one (0.63: 63%), a mark as a number with one decimal, a withheld one as text."""
    if isinstance(cell, Share):
        percent = cell.percent
        return (None, None) if percent is None else (percent / 100, "0%")
    if isinstance(cell, Mean):
        return cell.value, "0.0"
    if isinstance(cell, Withheld):
        return cell_text(cell), None
    return cell, None


def workbook(tables: Sequence[Table]) -> bytes:
    """One sheet per table, named in the reader's language: numbers as numbers, masked counts
    as the text "< 5"."""
    book = Workbook()
    book.remove(book.active)
    book.properties.creator = AUTHOR
    for table in tables:
        sheet = book.create_sheet(table.sheet[:31])
        put(sheet.cell(row=1, column=1), table.title)
        for column, text in enumerate(table.header, start=1):
            put(sheet.cell(row=2, column=column), text)
        for row_number, row in enumerate(table.rows, start=3):
            for column, cell in enumerate(row, start=1):
                value, number_format = _stored(cell)
                put(sheet.cell(row=row_number, column=column), value)
                if number_format:
                    sheet.cell(row=row_number, column=column).number_format = number_format
        sheet.column_dimensions["A"].width = 36
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
