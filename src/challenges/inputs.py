"""Hostile input in, plain values or a clear refusal out: one reader per kind of input (pure).

Numbers are ASCII digits within the range of the database's INTEGER columns (superscript,
Arabic-Indic or fullwidth digits are no numbers here, although Python's int() reads some of
them); JSON is bounded in size and depth; text files hold text (no NUL or other control
characters) and their CSV rows have fields the csv module can read. Everything refused raises
InputError, a ValueError whose code says what was wrong (the web layer translates it, the
command line prints it in English).
"""

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from openpyxl import load_workbook

# An INTEGER column, ids included: 32 bits on PostgreSQL, where a larger number in a query is an
# error ("integer out of range"), not a miss; SQLite's are 64 bits.
DATABASE_INT_MAX = 2**31 - 1
DATABASE_INT_MIN = -(2**31)
INTEGER = re.compile(r"-?[0-9]+")
MAX_DIGITS = 20  # more is out of range without an int() of ten thousand digits
NOT_IN_TEXT = re.compile(r"[\x00\ud800-\udfff]")  # NUL, and half a character (a lone surrogate)
JSON_MAX_BYTES = 256 * 1024
JSON_MAX_DEPTH = 32
CSV_FIELD_LIMIT = csv.field_size_limit()  # 131,072 characters
NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BRACKET_OR_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)

PROBLEMS = {
    "not_a_number": "'{value}' is not a whole number",
    "out_of_range": "{value} is not a number between {minimum} and {maximum}",
    "json_too_large": "the JSON is larger than {limit} bytes",
    "json_too_deep": "the JSON is nested deeper than {limit} levels",
    "not_json": "this is not valid JSON (UTF-8)",
    "json_text": "a text in the JSON holds a NUL character or half a character",
    "not_text": "line {line} holds a character that no text file holds ({character}): "
    "this is not a CSV file",
    "field_too_long": "line {line} has a field longer than {limit} characters",
    "not_csv": "line {line} cannot be read as CSV ({reason})",
    "not_workbook": "the file is not an Excel workbook",
}


class CodedError(ValueError):
    """A refusal whose `code` says what is wrong: `params` fill in the class's English message
    for that code (`messages`), while the web layer translates the code."""

    messages: ClassVar[dict[str, str]] = {}

    def __init__(self, code: str, /, **params: str | int) -> None:
        super().__init__(self.messages[code].format(**params))
        self.code = code
        self.params = params


class InputError(CodedError):
    """Input refused (see PROBLEMS)."""

    messages = PROBLEMS


def single_newlines(value: str | None) -> str | None:
    """A textarea's text with every line break one \\n: a browser sends each as \\r\\n (two
    characters) while its counter of `maxlength` counts one. A WTForms filter, so a length
    check counts as the browser does."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if value is not None else None


def shortened(value: object, length: int = 40) -> str:
    text = str(value)
    return text if len(text) <= length else f"{text[: length - 1]}…"


def parse_int(
    value: object, minimum: int = DATABASE_INT_MIN, maximum: int = DATABASE_INT_MAX
) -> int:
    """A whole number from ASCII digits (an optional leading minus) or from a JSON integer
    (not a boolean), within [minimum, maximum]; InputError otherwise."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and INTEGER.fullmatch(value.strip()):
        text = value.strip()
        number = int(text) if len(text) <= MAX_DIGITS else maximum + 1
    else:
        raise InputError("not_a_number", value=shortened(value))
    if not minimum <= number <= maximum:
        raise InputError("out_of_range", value=shortened(value), minimum=minimum, maximum=maximum)
    return number


def parse_id(value: object) -> int:
    """A database id: a positive whole number the database can store; InputError otherwise."""
    return parse_int(value, minimum=1)


def json_id(value: object) -> int:
    """A database id sent as a JSON integer (not a boolean, not a string)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise InputError("not_a_number", value=shortened(value))
    return parse_id(value)


def choice_number(value: object) -> int:
    """WTForms' `coerce` for a select of ids or numbers (0 may stand for "none"); the
    select itself then checks that the number is one of its choices."""
    return parse_int(value, minimum=0)


def optional_number(value: object) -> int | None:
    """WTForms' `coerce` for an optional select of numbers: None when nothing was chosen."""
    return None if value in (None, "", "None") else parse_int(value)


def int_or_text(text: str) -> int | str:
    """A form's answer typed: the number it spells, or the text itself for the checks to
    refuse (never a 500 on "²" or on ten thousand digits)."""
    try:
        return parse_int(text)
    except InputError:
        return text


def json_depth(text: str, limit: int) -> int:
    """How deep the arrays and objects in `text` nest, counted up to limit + 1 (then it stops:
    no parser recursion on a hundred thousand brackets)."""
    depth = deepest = 0
    for match in BRACKET_OR_STRING.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                break
        elif token in ("]", "}"):
            depth -= 1
    return deepest


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(text)
    return number


def _no_constant(name: str) -> None:
    raise ValueError(name)


def load_json(
    data: bytes | str, max_bytes: int = JSON_MAX_BYTES, max_depth: int = JSON_MAX_DEPTH
) -> Any:
    """Parsed JSON of at most max_bytes and max_depth levels; no NaN or Infinity, no numbers
    too large to read, no NUL characters or lone surrogates (no database stores them).
    InputError otherwise."""
    if len(data) > max_bytes:
        raise InputError("json_too_large", limit=max_bytes)
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise InputError("not_json") from None
    if json_depth(text, max_depth) > max_depth:
        raise InputError("json_too_deep", limit=max_depth)
    try:
        value = json.loads(text, parse_float=_finite, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise InputError("not_json") from None
    if any(NOT_IN_TEXT.search(found) for found in _texts(value)):
        raise InputError("json_text")
    return value


def _texts(value: Any) -> Iterator[str]:
    """Every string in parsed JSON, keys included (its depth is bounded already)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def decode_text(data: bytes) -> tuple[str, str]:
    """A text file's text and its encoding (UTF-8, else Windows-1252); InputError when it holds
    characters no text file holds (NUL and other control characters: a binary file)."""
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    check_text(text)
    return text, encoding


def check_text(text: str, line: int | None = None) -> None:
    """InputError when the text holds a character no text file holds (NUL, other control
    characters: a binary file); `line` is where it is, else counted in the text."""
    found = NOT_TEXT.search(text)
    if found:
        raise InputError(
            "not_text",
            line=line or text.count("\n", 0, found.start()) + 1,
            character=f"U+{ord(found.group()):04X}",
        )


def csv_rows(lines: Iterable[str], delimiter: str = ",") -> Iterator[list[str]]:
    """The rows of CSV text (a file's lines, or a text stream); InputError on a field longer
    than the csv module reads or on a line that is no CSV."""
    for _line, row in numbered_csv_rows(lines, delimiter):
        yield row


def numbered_csv_rows(
    lines: Iterable[str], delimiter: str = ","
) -> Iterator[tuple[int, list[str]]]:
    """Each row of CSV text with the number of the line it starts on (a quoted field may hold
    line breaks); InputError as csv_rows."""
    reader = csv.reader(lines, delimiter=delimiter, quotechar='"')
    ended = 0  # the line the previous row ended on
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field limit" in str(error):
                raise InputError(
                    "field_too_long", line=reader.line_num, limit=CSV_FIELD_LIMIT
                ) from None
            raise InputError("not_csv", line=reader.line_num, reason=str(error)) from None
        yield ended + 1, row
        ended = reader.line_num


def xlsx_rows(data: bytes) -> list[tuple]:
    """The first sheet's rows of an Excel workbook; InputError when it is no workbook, or
    when a cell holds text no CSV field may hold (too long, control characters)."""
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        rows = list(sheet.iter_rows(values_only=True))
    except Exception:  # a damaged zip or XML raises any of a dozen kinds
        raise InputError("not_workbook") from None
    for line, row in enumerate(rows, start=1):
        for value in row:
            if isinstance(value, str):
                _check_field(value, line)
    return rows


def _check_field(value: str, line: int) -> None:
    if len(value) > CSV_FIELD_LIMIT:
        raise InputError("field_too_long", line=line, limit=CSV_FIELD_LIMIT)
    check_text(value, line)
