"""Documents made of headings and tables (results, schedules): one layout for all of them.

A document is a list of sections; a section has a heading, optional lines of text and
optional tables. Tables repeat their header row on every page and wrap long cell texts.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from challenges.printing.pages import FONT, LINE, Footer, document, on_every_page, styles

ZEBRA = "#f3f5f7"


@dataclass(frozen=True)
class Grid:
    header: tuple[str, ...]
    rows: Sequence[Sequence[str]]
    widths: tuple[float, ...] | None = None  # shares of the page width, summing to 1
    bold_column: int | None = None
    size: float = 9  # font size; compact forms (a one-page scoresheet) use less


@dataclass(frozen=True)
class Section:
    heading: str
    lines: Sequence[str] = ()
    grids: Sequence[Grid] = field(default_factory=tuple)
    subheading: str | None = None


def _table(grid: Grid, width: float) -> Table:
    style = styles()
    leading = grid.size * 1.2
    cell = ParagraphStyle("c", parent=style["cell"], fontSize=grid.size, leading=leading)
    bold = ParagraphStyle("b", parent=style["cell_bold"], fontSize=grid.size, leading=leading)
    padding = 3 if grid.size >= 9 else 1.5

    def paragraph(text: str, column: int, header: bool = False) -> Paragraph:
        chosen = bold if header or column == grid.bold_column else cell
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), chosen)

    data = [[paragraph(text, i, header=True) for i, text in enumerate(grid.header)]]
    data += [[paragraph(text, i) for i, text in enumerate(row)] for row in grid.rows]
    shares = grid.widths or tuple(1 / len(grid.header) for _ in grid.header)
    table = Table(data, colWidths=[share * width for share in shares], repeatRows=1)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # the table sets it even for paragraph cells
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
    ]
    commands += [("BACKGROUND", (0, row), (-1, row), ZEBRA) for row in range(2, len(data), 2)]
    table.setStyle(TableStyle(commands))
    return table


def write_tables(
    out: IO[bytes],
    title: str,
    subtitle: str,
    sections: Sequence[Section],
    footer: Footer,
    wide: bool = False,
) -> int:
    """Write the document; returns the number of pages."""
    doc = document(out, footer, title, wide)
    style = styles()
    story = [Paragraph(escape(title), style["title"]), Paragraph(escape(subtitle), style["body"])]
    for section in sections:
        heading = [Paragraph(escape(section.heading), style["heading"])] if section.heading else []
        if section.subheading:
            heading.append(Paragraph(escape(section.subheading), style["small"]))
        lines = [Paragraph(escape(line), style["body"]) for line in section.lines]
        grids = [_table(grid, doc.width) for grid in section.grids]
        first = grids[:1] if not lines else []
        story.append(KeepTogether(heading + lines + first))
        for grid in grids[len(first) :]:
            story += [Spacer(1, 3 * mm), grid]
    draw = on_every_page(footer)
    doc.build(story, onFirstPage=draw, onLaterPages=draw)
    return doc.page
