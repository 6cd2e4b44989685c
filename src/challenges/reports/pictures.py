"""A picture as a few plain shapes, drawn twice from the same shapes: as inline SVG for the page
and as ReportLab graphics for the PDF, so the page and the report cannot draw differently.

Why not ReportLab's renderSVG for the page: it writes every colour and font as a `style`
attribute, which the app's Content-Security-Policy (`style-src 'self'`) blocks in inline SVG.
Here every colour is a presentation attribute (`fill=`), which the policy allows.

Coordinates run like SVG's: x to the right, y downwards, in points of a `width` by `height`
box; the PDF flips y and scales the box to the width it is given.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape
from reportlab.graphics.shapes import Drawing, Group, Polygon, Rect, String
from reportlab.lib import colors

from challenges.printing.pages import BOLD, FONT, register_fonts

INK = "#1b1f24"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: str
    stroke: str | None = None


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float = 12
    anchor: str = "start"  # start, middle or end
    fill: str = INK
    bold: bool = False


@dataclass(frozen=True)
class Area:
    """A filled outline of one or more rings (a province with its islands)."""

    rings: Sequence[Sequence[tuple[float, float]]]
    fill: str
    stroke: str
    hint: str = ""  # what a pointer over it tells (the page only)


Shape = Box | Text | Area


@dataclass(frozen=True)
class Picture:
    title: str
    width: float
    height: float
    shapes: Sequence[Shape]


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _svg_shape(shape: Shape) -> str:
    if isinstance(shape, Box):
        stroke = f' stroke="{shape.stroke}"' if shape.stroke else ""
        return (
            f'<rect x="{_number(shape.x)}" y="{_number(shape.y)}" width="{_number(shape.width)}"'
            f' height="{_number(shape.height)}" fill="{shape.fill}"{stroke}/>'
        )
    if isinstance(shape, Text):
        weight = ' font-weight="bold"' if shape.bold else ""
        return (
            f'<text x="{_number(shape.x)}" y="{_number(shape.y)}" font-size="{_number(shape.size)}"'
            f' text-anchor="{shape.anchor}" fill="{shape.fill}"{weight}>{escape(shape.text)}</text>'
        )
    path = " ".join(
        "M" + " L".join(f"{_number(x)} {_number(y)}" for x, y in ring) + " Z"
        for ring in shape.rings
    )
    hint = f"<title>{escape(shape.hint)}</title>" if shape.hint else ""
    return (
        f'<path d="{path}" fill="{shape.fill}" stroke="{shape.stroke}"'
        f' stroke-width="0.6" stroke-linejoin="round">{hint}</path>'
    )


def svg(picture: Picture, described_by: str = "") -> Markup:
    """Inline SVG that scales to the width of its box; `described_by`: the id of the table
    that holds the same numbers (the picture's text alternative)."""
    described = f' aria-describedby="{escape(described_by)}"' if described_by else ""
    body = "".join(_svg_shape(shape) for shape in picture.shapes)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_number(picture.width)}'
        f' {_number(picture.height)}" width="100%" role="img"{described}'
        f' font-family="system-ui, sans-serif"><title>{escape(picture.title)}</title>'
        f"{body}</svg>"
    )


def _pdf_shape(shape: Shape, height: float):
    if isinstance(shape, Box):
        return Rect(
            shape.x,
            height - shape.y - shape.height,
            shape.width,
            shape.height,
            fillColor=colors.HexColor(shape.fill),
            strokeColor=colors.HexColor(shape.stroke) if shape.stroke else None,
            strokeWidth=0.6,
        )
    if isinstance(shape, Text):
        return String(
            shape.x,
            height - shape.y,
            shape.text,
            fontName=BOLD if shape.bold else FONT,
            fontSize=shape.size,
            fillColor=colors.HexColor(shape.fill),
            textAnchor=shape.anchor,
        )
    group = Group()
    for ring in shape.rings:
        points = [value for x, y in ring for value in (x, height - y)]
        group.add(
            Polygon(
                points,
                fillColor=colors.HexColor(shape.fill),
                strokeColor=colors.HexColor(shape.stroke),
                strokeWidth=0.6,
                strokeLineJoin=1,
            )
        )
    return group


def drawing(picture: Picture, width: float) -> Drawing:
    """The picture for the PDF, scaled to `width` points."""
    register_fonts()
    scale = width / picture.width
    result = Drawing(width, picture.height * scale)
    result.initialFontName = FONT  # else the drawing declares an unembedded Helvetica
    group = Group(*(_pdf_shape(shape, picture.height) for shape in picture.shapes))
    group.scale(scale, scale)
    result.add(group)
    return result
