"""Parse DUO open-data school files ("vestigingen" for PO and VO): plain data in and out.

Semicolon-separated, usually Windows-1252 (UTF-8 accepted); columns are found by header
name, because DUO renames and reorders them between releases.
"""

import csv
import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass

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
    reason: str
    raw: str


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


def decode(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


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
        raise ValueError(f"postcode '{text}' is not a Dutch postcode (1234 AB)")
    return f"{match.group(1)} {match.group(2)}"


def build_record(
    line: int, row: list[str], columns: dict[str, int], kind: SchoolKind
) -> SchoolRecord:
    code = school_code(row, columns)
    if not CODE.match(code):
        raise ValueError(f"vestigingscode '{code}' is not 2 digits, 2 letters and 2 digits")
    name, town = value(row, columns, "name"), value(row, columns, "town")
    if not name:
        raise ValueError("the school has no name")
    if not town:
        raise ValueError("the school has no town")
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
    for index, row in enumerate(csv.reader(lines, delimiter=";", quotechar='"')):
        yield index + 1, row, lines[index] if index < len(lines) else ""


def parse_duo_file(data: bytes, kind: SchoolKind | None = None) -> ParseResult:
    text, encoding = decode(data)
    all_rows = rows(text)
    first = next(all_rows, None)
    if first is None or len(first[1]) < 2:
        raise DuoHeaderError(["a header row separated by semicolons"], first[1] if first else [])
    header = first[1]
    columns, generation = locate_columns(header)
    kind = kind or (SchoolKind.SECONDARY if "structure" in columns else SchoolKind.PRIMARY)
    records, rejected, seen = [], [], {}
    for line, row, raw in all_rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            rejected.append(
                RejectedRow(line, f"{len(row)} fields where the header has {len(header)}", raw)
            )
            continue
        try:
            record = build_record(line, row, columns, kind)
        except ValueError as error:
            rejected.append(RejectedRow(line, str(error), raw))
            continue
        earlier = seen.get(record.vestigingscode)
        if earlier:
            reason = f"vestigingscode {record.vestigingscode} already on line {earlier}"
            rejected.append(RejectedRow(line, reason, raw))
            continue
        seen[record.vestigingscode] = line
        records.append(record)
    return ParseResult(records, rejected, encoding, generation)
