"""CSV and XLSX files whose cells are never run as formulas (pure: no Flask, no database).

Excel and LibreOffice treat a CSV cell that starts with = + - @, a tab or a carriage return
as a formula ("CSV injection", OWASP). So a text that starts like that gets a leading ' in
CSV, as Excel itself writes it, and `unquote` takes it off again when we import our own file.
In XLSX such a text is a string cell with Excel's quote prefix (the ' Excel shows while
editing), so it stays text even when someone edits the cell; the value itself is unchanged.
Only texts are protected: numbers (team number 1001, a negative score) stay numbers.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    return "'" + value if looks_like_formula(value) else value


def unquote(text: str) -> str:
    """Undo `csv_cell`: the ' goes only where it stands before a formula character."""
    return text[1:] if text.startswith("'") and looks_like_formula(text[1:]) else text


def csv_text(rows: Iterable[Sequence[Any]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """For Dutch Excel: semicolons, UTF-8 with a byte order mark."""
    return (BOM + csv_text([header, *rows], delimiter=";")).encode("utf-8")


def put(cell: Cell, value: Any) -> None:
    """Texts always as string cells (never a formula or an error code such as #N/A)."""
    if not isinstance(value, str):
        cell.value = value
        return
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters XLSX cannot hold
    cell.data_type = "s"
    if looks_like_formula(value):
        cell.quotePrefix = True


def to_xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]], title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for row_number, row in enumerate([header, *rows], start=1):
        for column, value in enumerate(row, start=1):
            put(sheet.cell(row=row_number, column=column), value)
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(name) + 2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
