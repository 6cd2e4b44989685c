"""The map of the twelve provinces, shaded by a column of the provinces table (teams or
schools). The outlines are Natural Earth's (public domain), see data/README.md.

A province is shaded by the cell the table shows: a masked count ("< 5") falls in the class
"< 5", so the map says no more than the table beside it.
"""

import json
import math
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from challenges.cells import MASK, SMALL_COUNT, Cell
from challenges.i18n import cell_text
from challenges.reports.pictures import Area, Box, Picture, Shape, Text
from challenges.reports.tables import Table

OUTLINES = Path(__file__).with_name("data") / "provinces.json"
WIDTH = 420
MAP_WIDTH = 300
LEGEND_X = 312
TOP = 30
MUTED = "#56606b"
BORDER = "#ffffff"
NONE = "#eceff2"  # no teams or schools there
SHADES = ("#c6dbef", "#6baed6", "#2171b5", "#08306b")  # "< 5", then three steps up
STEPS = 3
ALIASES = {"fryslan": "friesland"}


def province_key(name: str) -> str:
    """Friesland, Fryslân and FRIESLAND are one province; so are Noord Brabant and Noord-Brabant."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    key = "-".join(plain.casefold().replace("-", " ").split())
    return ALIASES.get(key, key)


@cache
def outlines() -> dict[str, list[list[tuple[float, float]]]]:
    """Each province's rings in map points (x right, y down), MAP_WIDTH wide."""
    found = json.loads(OUTLINES.read_text(encoding="utf-8"))
    points = [point for rings in found.values() for ring in rings for point in ring]
    west = min(lon for lon, _lat in points)
    north = max(lat for _lon, lat in points)
    south = min(lat for _lon, lat in points)
    squeeze = math.cos(math.radians((north + south) / 2))  # a degree east is shorter up here
    east = max(lon for lon, _lat in points)
    scale = MAP_WIDTH / ((east - west) * squeeze)
    return {
        name: [
            [((lon - west) * squeeze * scale, (north - lat) * scale) for lon, lat in ring]
            for ring in rings
        ]
        for name, rings in found.items()
    }


def _classes(largest: int) -> list[tuple[int, int]]:
    """The ranges above "< 5": up to three equal steps from 5 to the largest count."""
    if largest < SMALL_COUNT:
        return []
    step = math.ceil((largest - SMALL_COUNT + 1) / STEPS)
    return [(low, min(low + step - 1, largest)) for low in range(SMALL_COUNT, largest + 1, step)]


def _shade(cell: Cell, classes: Sequence[tuple[int, int]]) -> str:
    if cell == MASK or (isinstance(cell, int) and 0 < cell < SMALL_COUNT):
        return SHADES[0]
    if not isinstance(cell, int) or cell <= 0:
        return NONE
    index = next(index for index, (_low, high) in enumerate(classes) if cell <= high)
    return SHADES[index + 1]


def _range_text(low: int, high: int) -> str:
    return cell_text(low) if low == high else f"{cell_text(low)}\N{EN DASH}{cell_text(high)}"


def _legend(title: str, classes: Sequence[tuple[int, int]], masking: bool) -> list[Shape]:
    """`masking`: the table's small counts are "< 5" (for funders), else exact (organisers)."""
    small = MASK if masking else _range_text(1, SMALL_COUNT - 1)
    entries = [(NONE, cell_text(0)), (SHADES[0], small)]
    entries += [(SHADES[index + 1], _range_text(*found)) for index, found in enumerate(classes)]
    shapes: list[Shape] = [Text(LEGEND_X, TOP + 12, title, size=13, bold=True)]
    for row, (colour, text) in enumerate(entries):
        y = TOP + 26 + row * 22
        shapes += [
            Box(LEGEND_X, y, 15, 15, colour, stroke="#9aa4ae"),
            Text(LEGEND_X + 21, y + 12, text, size=13),
        ]
    return shapes


def province_map(table: Table, column: int, title: str) -> Picture:
    """The provinces shaded by `column` of the provinces table; a province the table does not
    name (nobody from there) is shaded as 0. Rows of an unknown province are left off."""
    cells = {province_key(str(row[0])): row[column] for row in table.rows}
    largest = max([cell for cell in cells.values() if isinstance(cell, int)] + [0])
    classes = _classes(largest)
    shapes: list[Shape] = [Text(0, 16, title, size=14, bold=True)]
    height = 0.0
    for name, rings in sorted(outlines().items()):
        cell = cells.get(province_key(name), 0)
        moved = [[(x, y + TOP) for x, y in ring] for ring in rings]
        height = max([height] + [y for ring in moved for _x, y in ring])
        shapes.append(Area(moved, _shade(cell, classes), BORDER, f"{name}: {cell_text(cell)}"))
    shapes += _legend(table.header[column], classes, MASK in cells.values())
    return Picture(title, WIDTH, height + 4, shapes)
