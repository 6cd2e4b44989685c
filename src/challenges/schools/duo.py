"""Parse DUO open-data school files ("vestigingen" for PO and VO): plain data in and out.

Semicolon-separated, usually Windows-1252 (UTF-8 accepted); columns are found by header
name, because DUO renames and reorders them between releases.
"""

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from challenges.inputs import CodedError, csv_rows, decode_text

CODE = re.compile(r"^[0-9]{2}[A-Z]{2}[0-9]{2}$")
POSTCODE = re.compile(r"^([1-9][0-9]{3})\s?([A-Z]{2})$")
SMALL_WORDS = {"op", "aan", "de", "den", "der", "en", "in", "bij", "van", "het"}

# Canonical field -> header names used by DUO, newest first.
HEADERS = {
    "code": ("VESTIGINGSCODE",),
    "brin": ("BRIN NUMMER", "BRINNUMMER", "INSTELLINGSCODE"),
    "location": ("VESTIGINGSNUMMER",),
    "name": ("VESTIGINGSNAAM", "NAAM VESTIGING", "INSTELLINGSNAAM"),
    "street": ("STRAATNAAM",),
    "number": ("HUISNUMMER-TOEVOEGING", "HUISNUMMER"),
    "postcode": ("POSTCODE",),
    "town": ("PLAATSNAAM",),
    "municipality": ("GEMEENTENAAM",),
    "province": ("PROVINCIE",),
    "denomination": ("DENOMINATIE",),
    "website": ("INTERNETADRES",),
    "structure": ("ONDERWIJSSTRUCTUUR",),
}


class SchoolKind(enum.StrEnum):
    PRIMARY = "po"
    SECONDARY = "vo"


@dataclass(frozen=True)
class SchoolRecord:
    line: int
    vestigingscode: str
    name: str
    street: str | None
    postcode: str | None
    town: str
    municipality: str | None
    province: str | None
    denomination: str | None
    website: str | None
    kind: SchoolKind

    @property
    def brin(self) -> str:
        return self.vestigingscode[:4]


@dataclass(frozen=True)
class RejectedRow:
    line: int
    reason: str  # in English, for the command line and logs
    raw: str
    code: str = ""  # what went wrong, for a translated message: see ROW_PROBLEMS
    params: dict[str, str | int] = field(default_factory=dict)


ROW_PROBLEMS = {
    "field_count": "{found} fields where the header has {expected}",
    "bad_code": "vestigingscode '{code}' is not 2 digits, 2 letters and 2 digits",
    "bad_postcode": "postcode '{postcode}' is not a Dutch postcode (1234 AB)",
    "no_name": "the school has no name",
    "no_town": "the school has no town",
    "duplicate": "vestigingscode {code} already on line {line}",
    "too_long": "the {field} is longer than {max} characters",
}


class RowProblem(CodedError):
    messages = ROW_PROBLEMS


def rejected(line: int, raw: str, problem: RowProblem) -> RejectedRow:
    return RejectedRow(line, str(problem), raw, problem.code, problem.params)


@dataclass(frozen=True)
class ParseResult:
    records: list[SchoolRecord]
    rejected: list[RejectedRow]
    encoding: str
    header_generation: str  # "current" (VESTIGINGSCODE) or "old" (BRIN + VESTIGINGSNUMMER)


class DuoHeaderError(ValueError):
    """The header row lacks a required column: nothing may be imported."""

    def __init__(self, missing: list[str], found: list[str]) -> None:
        self.missing = missing
        self.found = found
        super().__init__(
            f"missing column(s): {', '.join(missing)}; the file has: {', '.join(found) or 'none'}"
        )


def tidy_case(text: str | None) -> str | None:
    """'S-HERTOGENBOSCH -> 's-Hertogenbosch, BERGEN OP ZOOM -> Bergen op Zoom (only ALL CAPS)."""
    if not text or text != text.upper():
        return text
    words = []
    for index, word in enumerate(text.lower().split(" ")):
        if word.startswith(("'s-", "'t-")) or word in ("'s", "'t"):
            words.append(word[:3] + word[3:].capitalize() if "-" in word else word)
        elif index and word in SMALL_WORDS:
            words.append(word)
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)


def locate_columns(header: list[str]) -> tuple[dict[str, int], str]:
    names = [name.strip().strip('"').upper() for name in header]
    columns = {
        field: names.index(alias)
        for field, aliases in HEADERS.items()
        for alias in reversed(aliases)
        if alias in names
    }
    generation = "current" if "code" in columns else "old"
    missing = [
        label
        for label, present in (
            (
                "VESTIGINGSCODE (or BRIN NUMMER + VESTIGINGSNUMMER)",
                "code" in columns or {"brin", "location"} <= columns.keys(),
            ),
            ("VESTIGINGSNAAM", "name" in columns),
            ("PLAATSNAAM", "town" in columns),
        )
        if not present
    ]
    if missing:
        raise DuoHeaderError(missing, [name for name in names if name])
    return columns, generation


def value(row: list[str], columns: dict[str, int], field: str) -> str | None:
    index = columns.get(field)
    if index is None:
        return None
    text = row[index].strip()
    return text or None


def school_code(row: list[str], columns: dict[str, int]) -> str:
    if "code" in columns:
        return (value(row, columns, "code") or "").replace(" ", "").upper()
    brin = (value(row, columns, "brin") or "").replace(" ", "").upper()
    location = value(row, columns, "location") or ""
    return brin + (location.zfill(2) if location.isdigit() else location)


def normal_postcode(text: str | None) -> str | None:
    if not text:
        return None
    match = POSTCODE.match(text.strip().upper())
    if not match:
        raise RowProblem("bad_postcode", postcode=text)
    return f"{match.group(1)} {match.group(2)}"


def build_record(
    line: int, row: list[str], columns: dict[str, int], kind: SchoolKind
) -> SchoolRecord:
    code = school_code(row, columns)
    if not CODE.match(code):
        raise RowProblem("bad_code", code=code)
    name, town = value(row, columns, "name"), value(row, columns, "town")
    if not name:
        raise RowProblem("no_name")
    if not town:
        raise RowProblem("no_town")
    parts = (tidy_case(value(row, columns, "street")), value(row, columns, "number"))
    street = " ".join(part for part in parts if part)
    return SchoolRecord(
        line=line,
        vestigingscode=code,
        name=name,
        street=street or None,
        postcode=normal_postcode(value(row, columns, "postcode")),
        town=tidy_case(town),
        municipality=tidy_case(value(row, columns, "municipality")),
        province=tidy_case(value(row, columns, "province")),
        denomination=value(row, columns, "denomination"),
        website=value(row, columns, "website"),
        kind=kind,
    )


def rows(text: str) -> Iterator[tuple[int, list[str], str]]:
    lines = text.splitlines()
    for index, row in enumerate(csv_rows(lines, delimiter=";")):
        yield index + 1, row, lines[index] if index < len(lines) else ""


def parse_duo_file(data: bytes, kind: SchoolKind | None = None) -> ParseResult:
    """The file's schools and rejected rows; DuoHeaderError when its columns are not DUO's,
    InputError (challenges.inputs) when it is no CSV text at all."""
    text, encoding = decode_text(data)
    all_rows = rows(text)
    first = next(all_rows, None)
    if first is None or len(first[1]) < 2:
        raise DuoHeaderError(["a header row separated by semicolons"], first[1] if first else [])
    header = first[1]
    columns, generation = locate_columns(header)
    kind = kind or (SchoolKind.SECONDARY if "structure" in columns else SchoolKind.PRIMARY)
    records, problems, seen = [], [], {}
    for line, row, raw in all_rows:
        if not any(cell.strip() for cell in row):
            continue
        try:
            record = read_row(line, row, header, columns, kind)
            if record.vestigingscode in seen:
                raise RowProblem(
                    "duplicate", code=record.vestigingscode, line=seen[record.vestigingscode]
                )
        except RowProblem as problem:
            problems.append(rejected(line, raw, problem))
            continue
        seen[record.vestigingscode] = line
        records.append(record)
    return ParseResult(records, problems, encoding, generation)


def read_row(
    line: int, row: list[str], header: list[str], columns: dict[str, int], kind: SchoolKind
) -> SchoolRecord:
    if len(row) != len(header):
        raise RowProblem("field_count", found=len(row), expected=len(header))
    return build_record(line, row, columns, kind)
