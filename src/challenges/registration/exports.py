"""CSV (for Dutch Excel: semicolons, UTF-8 with BOM) and XLSX files of registrations."""

import csv
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

BOM = "\ufeff"


def to_csv(header: Sequence[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if value is None else value for value in row] for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def to_xlsx(header: Sequence[str], rows: list[list[Any]], title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(name) + 2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
