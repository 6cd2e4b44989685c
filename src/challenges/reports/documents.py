"""The season report for funders: a PDF with the key figures, two bar charts and the tables,
and a workbook with one sheet per table. Small counts are masked in both (`for_funders`)."""

import io
from collections.abc import Sequence
from typing import IO
from xml.sax.saxutils import escape

from flask_babel import gettext as _
from openpyxl import Workbook
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, TableStyle
from reportlab.platypus import Table as Grid

from challenges.i18n import as_number
from challenges.printing.pages import BRAND, FONT, LINE, MUTED, Footer, document, on_every_page
from challenges.printing.pages import styles as page_styles
from challenges.reports.figures import Cell, Share, bar_value
from challenges.reports.tables import Table
from challenges.spreadsheets import put

CHART_HEIGHT = 60 * mm
WIDE_TABLE = 6  # columns; wider tables get a smaller font


def cell_text(cell: Cell) -> str:
    """A cell as the reader writes it (Dutch: 1.476; 87%)."""
    if isinstance(cell, Share):
        percent = cell.percent
        return as_number(None) if percent is None else f"{as_number(percent)}%"
    if isinstance(cell, int) and not isinstance(cell, bool):
        return as_number(cell)
    return as_number(None) if cell is None else str(cell)


def _grid(table: Table, width: float) -> Grid:
    style = page_styles()
    size = 9 if len(table.header) <= WIDE_TABLE else 7.5
    header = ParagraphStyle("h", parent=style["cell_bold"], fontSize=size - 1, leading=size * 1.1)
    text = ParagraphStyle("t", parent=style["cell"], fontSize=size, leading=size * 1.2)
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
            Paragraph(escape(cell_text(cell)), number if column else text)
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


def bar_chart(title: str, labels: Sequence[str], cells: Sequence[Cell], width: float) -> Drawing:
    """Vertical bars with their numbers above them; a masked count draws no bar but says "< 5"."""
    drawing = Drawing(width, CHART_HEIGHT + 12 * mm)
    drawing.initialFontName = FONT  # else the drawing declares an unembedded Helvetica
    drawing.add(String(0, CHART_HEIGHT + 8 * mm, title, fontName=FONT, fontSize=10))
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 10 * mm
    chart.width, chart.height = width - 16 * mm, CHART_HEIGHT - 6 * mm
    chart.data = [[bar_value(cell) for cell in cells] or [0]]
    chart.bars[0].fillColor = BRAND
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labelTextFormat = lambda value: as_number(int(value))
    chart.categoryAxis.categoryNames = [label[:24] for label in labels] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.fillColor = MUTED
    chart.barLabelFormat = "values"  # the texts below: "< 5" where a count is masked
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    chart.barLabelArray = [[cell_text(cell) for cell in cells] or [""]]
    drawing.add(chart)
    return drawing


def _charts(tables: dict[str, Table], width: float) -> list[Drawing]:
    categories = tables["categories"].rows[:-1]  # without the total
    history = tables["seasons"].rows
    return [
        bar_chart(
            _("Teams registered per category"),
            [str(row[0]) for row in categories],
            [row[1] for row in categories],
            width,
        ),
        bar_chart(
            _("Pupils reached per season"),
            [str(row[0]) for row in history],
            [row[2] for row in history],
            width,
        ),
    ]


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
    story.append(Paragraph(escape(_("Counts of 1 to 4 are shown as “< 5”.")), style["small"]))
    by_key = {table.key: table for table in tables}
    for index, table in enumerate(tables):
        story.append(
            KeepTogether(
                [Paragraph(escape(table.title), style["heading"]), _grid(table, doc.width)]
            )
        )
        if index == 0:
            story += [Spacer(1, 4 * mm), *_charts(by_key, doc.width)]
    draw = on_every_page(footer)
    doc.build(story, onFirstPage=draw, onLaterPages=draw)
    return doc.page


def workbook(tables: Sequence[Table]) -> bytes:
    """One sheet per table: numbers as numbers, masked counts as the text "< 5"."""
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.key[:31])
        put(sheet.cell(row=1, column=1), table.title)
        for column, text in enumerate(table.header, start=1):
            put(sheet.cell(row=2, column=column), text)
        for row_number, row in enumerate(table.rows, start=3):
            for column, cell in enumerate(row, start=1):
                value = cell.percent if isinstance(cell, Share) else cell
                put(sheet.cell(row=row_number, column=column), value)
        sheet.column_dimensions["A"].width = 36
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
