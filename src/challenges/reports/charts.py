"""The season's bar charts, laid out from the same tables the page, the PDF and the workbook
show (so a chart never says more than its table: a masked count draws no bar and reads "< 5").

Horizontal bars: the labels (categories, finals, seasons) stay readable on a phone.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _

from challenges.cells import Cell
from challenges.i18n import cell_text
from challenges.reports.figures import bar_value
from challenges.reports.maps import province_map
from challenges.reports.pictures import Box, Picture, Shape, Text
from challenges.reports.tables import Table

WIDTH = 420
LABEL_WIDTH = 170  # the labels' column; the bars start after it
VALUE_ROOM = 70  # room right of the longest bar for its number
ROW = 28
BAR = 18
TITLE = 28  # room for a title above the bars
LABEL_CHARACTERS = 23
SIZE = 13
MUTED = "#56606b"
GRID = "#c9d1d9"
# Colour-blind safe: blue for what counts, amber and grey for the rest
CONFIRMED, OPEN, WAITING, WITHDRAWN = "#1f5f99", "#7fb1de", "#e0a526", "#aab1b8"
CAPACITY = "#dde4ea"
TEAMS, SCHOOLS = 1, 2  # columns of the provinces table


@dataclass(frozen=True)
class Bar:
    label: str
    parts: Sequence[Cell]  # stacked, one per series
    text: str  # written after the bar
    behind: Cell = None  # a paler bar behind it (a final's capacity)


def short_labels(labels: Sequence[str]) -> list[str]:
    """The bars' labels without the words they all begin with ("Vakkanjers Markt Zwolle" and
    "Vakkanjers Markt Rotterdam": Zwolle and Rotterdam); one still too long loses its middle,
    so both ends stay readable."""
    words = [label.split() for label in labels]
    common = 0
    if len(words) > 1:
        shortest = min(len(found) for found in words)
        while common < shortest - 1 and len({tuple(found[: common + 1]) for found in words}) == 1:
            common += 1
    shortened = [
        " ".join(found[common:]) if common else label
        for found, label in zip(words, labels, strict=True)
    ]
    return [_middle_out(label) for label in shortened]


def _middle_out(label: str) -> str:
    if len(label) <= LABEL_CHARACTERS:
        return label
    head = (LABEL_CHARACTERS - 1) // 2
    tail = LABEL_CHARACTERS - 1 - head
    return f"{label[:head].rstrip()}…{label[-tail:].lstrip()}"


def _legend(entries: Sequence[tuple[str, str]], top: float) -> tuple[list[Shape], float]:
    """Coloured squares with their names, wrapped; returns the shapes and the bottom."""
    shapes: list[Shape] = []
    x, y = 0.0, top + 12
    for colour, name in entries:
        room = 22 + 7 * len(name)
        if x and x + room > WIDTH:
            x, y = 0.0, y + 18
        shapes += [Box(x, y - 11, 13, 13, colour), Text(x + 17, y, name, size=SIZE, fill=MUTED)]
        x += room + 12
    return shapes, y + 6


def bar_chart(
    title: str,
    bars: Sequence[Bar],
    colours: Sequence[str],
    legend: Sequence[tuple[str, str]] = (),
    shown_title: bool = False,
) -> Picture:
    """Bars stacked from their parts in `colours`; `legend`: (colour, name) of each series.
    The title is written above the bars if `shown_title` (else the heading above says it)."""
    longest = max(
        [sum(bar_value(part) for part in bar.parts) for bar in bars]
        + [bar_value(bar.behind) for bar in bars]
        + [1]
    )
    scale = (WIDTH - LABEL_WIDTH - VALUE_ROOM) / longest
    first = TITLE if shown_title else 4
    shapes: list[Shape] = [Text(0, 16, title, size=SIZE + 1, bold=True)] if shown_title else []
    labels = short_labels([bar.label for bar in bars])
    for row, (bar, label) in enumerate(zip(bars, labels, strict=True)):
        top = first + row * ROW
        middle = top + BAR / 2 + 5
        shapes.append(Text(LABEL_WIDTH - 8, middle, label, size=SIZE, anchor="end"))
        if bar_value(bar.behind):
            shapes.append(Box(LABEL_WIDTH, top, bar_value(bar.behind) * scale, BAR, CAPACITY))
        x = float(LABEL_WIDTH)
        for part, colour in zip(bar.parts, colours, strict=True):
            if bar_value(part):
                shapes.append(Box(x, top, bar_value(part) * scale, BAR, colour))
                x += bar_value(part) * scale
        end = max(x, LABEL_WIDTH + bar_value(bar.behind) * scale)
        shapes.append(Text(end + 4, middle, bar.text, size=SIZE))
    bottom = first + len(bars) * ROW
    shapes.append(Box(LABEL_WIDTH - 1, first - 4, 1, bottom - first, GRID))
    if legend:
        keys, bottom = _legend(legend, bottom)
        shapes += keys
    return Picture(title, WIDTH, bottom + 4, shapes)


def teams_per_category(table: Table) -> Picture | None:
    """Registered teams per category, stacked by where their registration stands."""
    rows = table.rows[:-1]  # without the total
    if not rows:
        return None
    statuses = slice(2, 6)  # confirmed, not yet confirmed, waiting list, withdrawn
    bars = [Bar(str(row[0]), row[statuses], cell_text(row[1])) for row in rows]
    colours = (CONFIRMED, OPEN, WAITING, WITHDRAWN)
    # A status masked in every row (1-4 teams: "< 5", for funders) draws no bar: no legend
    drawn = [any(bar_value(bar.parts[series]) for bar in bars) for series in range(len(colours))]
    legend = [
        (colour, name)
        for colour, name, shown in zip(colours, table.header[statuses], drawn, strict=True)
        if shown
    ]
    return bar_chart(table.title, bars, colours, legend)


def per_season(table: Table, column: int) -> Picture | None:
    """One column of the comparison with earlier seasons, a bar per season."""
    if not table.rows:
        return None
    bars = [Bar(str(row[0]), [row[column]], cell_text(row[column])) for row in table.rows]
    return bar_chart(table.header[column], bars, (CONFIRMED,), shown_title=True)


def finals_against_capacity(table: Table) -> Picture | None:
    """Teams per regional final over a paler bar of the final's capacity."""
    if not table.rows:
        return None
    bars = [
        Bar(
            str(row[0]),
            [row[1]],
            cell_text(row[1]) if row[2] is None else f"{cell_text(row[1])} / {cell_text(row[2])}",
            behind=row[2],
        )
        for row in table.rows
    ]
    legend = [(CONFIRMED, table.header[1]), (CAPACITY, table.header[2])]
    return bar_chart(table.title, bars, (CONFIRMED,), legend)


def season_pictures(tables: Sequence[Table], by_schools: bool = False) -> dict[str, list[Picture]]:
    """The charts and the map to show beside each table, by the table's key; the map shaded
    by teams, or `by_schools`."""
    by_key = {table.key: table for table in tables}
    provinces = by_key["provinces"]
    if by_schools:
        shaded = province_map(provinces, SCHOOLS, _("Schools per province"))
    else:
        shaded = province_map(provinces, TEAMS, _("Teams per province"))
    charts = {
        "categories": [teams_per_category(by_key["categories"])],
        "provinces": [shaded],
        "finals": [finals_against_capacity(by_key["finals"])],
        "seasons": [per_season(by_key["seasons"], 2), per_season(by_key["seasons"], 3)],
    }
    return {key: [chart for chart in found if chart] for key, found in charts.items()}
