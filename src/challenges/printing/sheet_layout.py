"""The paper Robot Game scoresheet, laid out like FIRST's own: a box per mission in two
columns, every answer with a tick box and the points it brings beneath it, fields for team,
table and round at the top, Gracious Professionalism, referee, team initials and the total
at the bottom.

The layout takes plain texts (`SheetForm`) and fills the page: it picks the largest type
(never below `SMALLEST` points) at which the missions fit on one page, balances the two
columns and spreads what room is left between the missions. When the missions cannot fit
on one page even at the smallest type they continue on a second.
"""

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from challenges.printing.pages import (
    BOLD,
    FONT,
    INK,
    LINE,
    MUTED,
    DocumentInfo,
    fit,
    new_canvas,
)

WIDTH, HEIGHT = A4
MARGIN = 8 * mm
GUTTER = 5 * mm
COLUMN = (WIDTH - 2 * MARGIN - GUTTER) / 2
SMALLEST, LARGEST = 9.0, 12.5
MIN_GAP, MAX_GAP = 0.9 * mm, 8 * mm  # room between two missions; what is left stays below
TOP_FIELDS, BOTTOM_FIELDS = 11 * mm, 13 * mm
TINT = colors.HexColor("#e8edf2")
EMPTY, TICKED = "☐", "☒"


@dataclass(frozen=True)
class Choice:
    label: str
    points: str  # what the answer brings, "" when it brings nothing to show
    ticked: bool = False
    box: bool = True  # False: a number to write in, not an answer to tick


@dataclass(frozen=True)
class Question:
    text: str
    choices: tuple[Choice, ...]
    notes: tuple[str, ...] = ()  # the conditions of points marked with asterisks
    letter: str = ""  # a, b, c ... when the mission has more than one question


@dataclass(frozen=True)
class Mission:
    title: str
    questions: tuple[Question, ...]
    points: str = ""  # filled sheets: the mission's points


@dataclass(frozen=True)
class Field:
    label: str
    value: str = ""


@dataclass(frozen=True)
class SheetForm:
    title: str
    subtitle: str  # the season
    instruction: str
    top: tuple[Field, ...]  # team, table, round
    missions: tuple[Mission, ...]
    gp: Question
    bottom: tuple[Field, ...]  # referee, team initials, total (the last one, in bold)
    status: str = ""  # filled sheets: version and verification
    info: DocumentInfo | None = None
    event: str = ""  # the event's name, above the season


def _style(size: float, bold: bool = False, color=INK, centred: bool = False) -> ParagraphStyle:
    return ParagraphStyle(
        "sheet",
        fontName=BOLD if bold else FONT,
        fontSize=size,
        leading=size * 1.18,
        textColor=color,
        alignment=TA_CENTER if centred else 0,
    )


def _label(choice: Choice) -> str:
    if not choice.box:
        return choice.label
    return f"{TICKED if choice.ticked else EMPTY} {choice.label}"


def _table(rows: list, widths: Sequence[float], commands: Sequence[tuple]) -> Table:
    """A table in the embedded font (a plain-text cell would otherwise use Helvetica), with
    no padding unless `commands` give some."""
    table = Table(rows, colWidths=list(widths))
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                *commands,
            ]
        )
    )
    return table


def _natural_width(choices: Sequence[Choice], size: float) -> list[float]:
    return [
        max(stringWidth(_label(c), FONT, size), stringWidth(c.points, BOLD, size)) + 2.5 * mm
        for c in choices
    ]


def _choices(choices: Sequence[Choice], size: float, width: float) -> Table:
    """The answers side by side, the points each brings beneath it."""
    widths = _natural_width(choices, size)
    if sum(widths) > width:  # too wide for one line each: narrower, in proportion
        widths = [share * width / sum(widths) for share in widths]
    top = [Paragraph(escape(_label(c)), _style(size, centred=True)) for c in choices]
    bottom = [Paragraph(escape(c.points), _style(size, bold=True, centred=True)) for c in choices]
    spacing = [("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    return _table([top, bottom], widths, [("VALIGN", (0, 0), (-1, 0), "BOTTOM"), *spacing])


def _text(question: Question, size: float) -> list[Paragraph]:
    """The question (with its letter), then the notes on its points."""
    letter = f"<b>{escape(question.letter)}</b>&nbsp;&nbsp;" if question.letter else ""
    return [Paragraph(letter + escape(question.text), _style(size))] + [
        Paragraph(escape(note), _style(size, color=MUTED)) for note in question.notes
    ]


def _question(question: Question, size: float, width: float, room: float = 1) -> Table:
    """The question beside its answers when they take at most about half the width, else
    the answers below it."""
    inner = width - 4
    needed = sum(_natural_width(question.choices, size))
    padding = [("LEFTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), room)]
    padding += [
        ("BOTTOMPADDING", (0, -1), (-1, -1), room),
        ("RIGHTPADDING", (-1, 0), (-1, -1), 2),
    ]
    if needed <= inner * 0.55:
        rows = [[_text(question, size), _choices(question.choices, size, needed)]]
        return _table(rows, [width - needed - 2, needed + 2], padding)
    rows = [[_text(question, size)[0]], [_choices(question.choices, size, inner)]]
    rows += [[note] for note in _text(question, size)[1:]]
    return _table(rows, [width], padding)


def _mission(mission: Mission, size: float, room: float = 1) -> Table:
    """A box: the mission's name on a tinted band with a box for its points, then its
    questions."""
    points_box = 15 * mm
    title = Paragraph(escape(mission.title), _style(size + 0.5, bold=True))
    points = Paragraph(escape(mission.points), _style(size + 1, bold=True, centred=True))
    rows = [[title, points]] + [
        [_question(question, size, COLUMN, room), ""] for question in mission.questions
    ]
    commands = [
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("BACKGROUND", (0, 0), (0, 0), TINT),
        ("BOX", (1, 0), (1, 0), 0.8, INK),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LEFTPADDING", (0, 0), (0, 0), 2),
        ("TOPPADDING", (0, 0), (-1, 0), 1),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 2),
    ]
    commands += [("SPAN", (0, row), (1, row)) for row in range(1, len(rows))]
    commands += [("LINEBELOW", (0, row), (-1, row), 0.3, LINE) for row in range(1, len(rows) - 1)]
    return _table(rows, [COLUMN - points_box, points_box], commands)


def _split(heights: Sequence[float]) -> int:
    """Where the second column starts, so that the taller column is as short as it can be."""
    total = sum(heights)
    return min(
        range(len(heights) + 1),
        key=lambda k: max(sum(heights[:k]), total - sum(heights[:k])),
    )


def _fitted(missions: Sequence[Mission], size: float, padding: float, room: float):
    """The two columns at this type and padding, or None when they do not fit."""
    blocks = [_mission(mission, size, padding) for mission in missions]
    heights = [block.wrap(COLUMN, HEIGHT)[1] + MIN_GAP for block in blocks]
    split = _split(heights)
    if max(sum(heights[:split]), sum(heights[split:])) <= room:
        return [blocks[:split], blocks[split:]]
    return None


def _columns(missions: Sequence[Mission], room: float) -> list[list[Flowable]]:
    """The missions in two columns of `room` high at the largest type that fits, with as
    much room around each question as fits (room to write); more than two columns when even
    the smallest type needs another page."""
    chosen = _type_and_padding(tuple(missions), room)
    if chosen is not None:
        return _fitted(missions, *chosen, room)
    blocks = [_mission(mission, SMALLEST) for mission in missions]
    heights = [block.wrap(COLUMN, HEIGHT)[1] + MIN_GAP for block in blocks]
    return _greedy(blocks, heights, room)


@functools.lru_cache(maxsize=64)
def _type_and_padding(missions: tuple[Mission, ...], room: float) -> tuple[float, float] | None:
    """The largest type, then the most padding, at which two columns fit; None when none does.
    Kept per sheet: trying the sizes takes half a second, and a season's sheet is printed often."""
    sizes = [LARGEST - step / 2 for step in range(int((LARGEST - SMALLEST) * 2) + 1)]
    for size in sizes:
        if _fitted(missions, size, 1, room) is not None:
            padding = next(
                (p for p in (5, 4, 3, 2) if _fitted(missions, size, p, room) is not None), 1
            )
            return size, padding
    return None


def _greedy(blocks: list[Flowable], heights: list[float], room: float) -> list[list[Flowable]]:
    columns: list[list[Flowable]] = [[]]
    used = 0.0
    for block, height in zip(blocks, heights, strict=True):
        if columns[-1] and used + height > room:
            columns.append([])
            used = 0.0
        columns[-1].append(block)
        used += height
    return columns


def _draw_column(canvas: Canvas, blocks: Sequence[Flowable], x: float, top: float, room: float):
    heights = [block.wrap(COLUMN, HEIGHT)[1] for block in blocks]
    spare = room - sum(heights)
    gap = min(MAX_GAP, spare / (len(blocks) - 1)) if len(blocks) > 1 else 0
    y = top
    for block, height in zip(blocks, heights, strict=True):
        block.drawOn(canvas, x, y - height)
        y -= height + gap


def _field(
    canvas: Canvas, field: Field, x: float, y: float, width: float, height: float, bold: bool
) -> None:
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(1.6 if bold else 0.8)
    canvas.rect(x, y, width, height)
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 9)
    canvas.drawString(x + 2 * mm, y + height - 4 * mm, field.label)
    if field.value:
        canvas.setFont(BOLD if bold else FONT, 13 if bold else 11)
        canvas.drawString(x + 2 * mm, y + 2.5 * mm, field.value)


def _fields(
    canvas: Canvas,
    fields: Sequence[Field],
    y: float,
    height: float,
    shares: Sequence[float],
    bold_last: bool = False,
) -> None:
    x = MARGIN
    usable = WIDTH - 2 * MARGIN - (len(fields) - 1) * 2 * mm
    for index, (field, share) in enumerate(zip(fields, shares, strict=True)):
        bold = bold_last and index == len(fields) - 1
        _field(canvas, field, x, y, usable * share, height, bold)
        x += usable * share + 2 * mm


def _instruction(form: SheetForm) -> tuple[Paragraph, float]:
    paragraph = Paragraph(escape(form.instruction), _style(9, color=MUTED))
    return paragraph, paragraph.wrap(WIDTH - 2 * MARGIN, HEIGHT)[1]


def _content_top(form: SheetForm, page: int) -> float:
    """Where the missions start on the page: below the title, and on the first page below
    the team's fields and the instruction."""
    top = HEIGHT - MARGIN - 22
    if page > 1:
        return top
    return top - TOP_FIELDS - 3.5 * mm - _instruction(form)[1] - 2 * mm


def _header(canvas: Canvas, form: SheetForm, page: int, pages: int) -> None:
    """Title and season; on the first page the team's fields and how to fill the sheet in."""
    top = HEIGHT - MARGIN
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 16)
    canvas.drawString(MARGIN, top - 14, form.title)
    canvas.setFillColor(MUTED)
    counter = f"  ·  {page}/{pages}" if pages > 1 else ""
    beside = WIDTH - 2 * MARGIN - stringWidth(form.title, BOLD, 16) - 6 * mm
    lines = [form.event, form.subtitle + counter] if form.event else [form.subtitle + counter]
    for line, y in zip(lines, (top - 7, top - 17) if form.event else (top - 14,), strict=True):
        canvas.setFont(FONT, 9.5)
        canvas.drawRightString(WIDTH - MARGIN, y, fit(line, FONT, 9.5, beside))
    if page == 1:
        _fields(canvas, form.top, top - 22 - TOP_FIELDS, TOP_FIELDS, (0.6, 0.2, 0.2))
        instruction, height = _instruction(form)
        instruction.drawOn(canvas, MARGIN, top - 22 - TOP_FIELDS - 3.5 * mm - height)


def _gp(form: SheetForm) -> Table:
    """Gracious Professionalism: its name and what it is for, then a box per level."""
    label = [Paragraph(escape(form.gp.text), _style(9, bold=True))]
    label += [Paragraph(escape(note), _style(9, color=MUTED)) for note in form.gp.notes]
    choices = [Paragraph(escape(_label(c)), _style(10)) for c in form.gp.choices]
    shares = (0.4, *[0.6 / len(choices)] * len(choices))
    return _table(
        [[label, *choices]],
        [(WIDTH - 2 * MARGIN) * share for share in shares],
        [
            ("BOX", (0, 0), (-1, -1), 0.8, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ],
    )


def _footer_height(form: SheetForm) -> float:
    gp = _gp(form).wrap(WIDTH - 2 * MARGIN, HEIGHT)[1]
    return gp + 2 * mm + BOTTOM_FIELDS + _status_height(form)


def _status_height(form: SheetForm) -> float:
    return 5 * mm if form.status else 0


def _footer(canvas: Canvas, form: SheetForm) -> None:
    """Gracious Professionalism, then the referee, the team's initials and the total."""
    y = MARGIN
    if form.status:
        canvas.setFont(FONT, 9)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, y, form.status)
        y += _status_height(form)
    _fields(canvas, form.bottom, y, BOTTOM_FIELDS, (0.37, 0.33, 0.3), bold_last=True)
    gp = _gp(form)
    gp.wrap(WIDTH - 2 * MARGIN, HEIGHT)
    gp.drawOn(canvas, MARGIN, y + BOTTOM_FIELDS + 2 * mm)


def draw_sheet(out: IO[bytes], form: SheetForm) -> int:
    """Write the scoresheet as a PDF; returns the number of pages."""
    canvas = new_canvas(out)
    if form.info is not None:
        form.info.apply(canvas)
    bottom = MARGIN + _footer_height(form) + 3 * mm
    columns = _columns(form.missions, _content_top(form, 1) - bottom)
    pages = (len(columns) + 1) // 2
    for page in range(1, pages + 1):
        _header(canvas, form, page, pages)
        top = _content_top(form, page)
        for side, blocks in enumerate(columns[2 * page - 2 : 2 * page]):
            _draw_column(canvas, blocks, MARGIN + side * (COLUMN + GUTTER), top, top - bottom)
        if page == pages:
            _footer(canvas, form)
        canvas.showPage()
    canvas.save()
    return pages
