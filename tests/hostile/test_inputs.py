"""The input helpers, table-driven: what each reads, and what it refuses with which code."""

import json
from io import BytesIO
from zipfile import ZipFile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from challenges.inputs import (
    CSV_FIELD_LIMIT,
    DATABASE_INT_MAX,
    JSON_MAX_BYTES,
    JSON_MAX_DEPTH,
    InputError,
    choice_number,
    csv_rows,
    decode_text,
    int_or_text,
    json_id,
    load_json,
    optional_number,
    parse_id,
    parse_int,
    xlsx_rows,
)

FULLWIDTH_ONE = "\uff11"
NOT_NUMBERS = ["²", "٣", FULLWIDTH_ONE, "1.5", "1e3", "", " ", "x", "0x10", "- 1", None, True]


@pytest.mark.parametrize(
    ("given", "expected"),
    [("12", 12), (" 7 ", 7), ("-3", -3), ("007", 7), (5, 5), (str(DATABASE_INT_MAX), 2**31 - 1)],
)
def test_parse_int_reads_ascii_digits_and_json_integers(given, expected):
    assert parse_int(given) == expected


@pytest.mark.parametrize("given", NOT_NUMBERS)
def test_parse_int_refuses_what_is_no_ascii_number(given):
    with pytest.raises(InputError) as refused:
        parse_int(given)
    assert refused.value.code == "not_a_number"


@pytest.mark.parametrize(
    "given", [str(2**31), str(2**63), str(2**64), 2**70, str(-(2**31) - 1), "9" * 5000]
)
def test_parse_int_refuses_numbers_no_integer_column_holds(given):
    with pytest.raises(InputError) as refused:
        parse_int(given)
    assert refused.value.code == "out_of_range"


@pytest.mark.parametrize(
    ("helper", "given", "expected"),
    [
        (parse_id, "1", 1),
        (parse_id, "0", InputError),
        (parse_id, "-1", InputError),
        (parse_id, "٣", InputError),
        (json_id, 4, 4),
        (json_id, "4", InputError),
        (json_id, True, InputError),
        (json_id, 2**63, InputError),
        (choice_number, "0", 0),
        (choice_number, "²", InputError),
        (optional_number, "", None),
        (optional_number, "None", None),
        (optional_number, "9", 9),
        (optional_number, FULLWIDTH_ONE, InputError),
        (int_or_text, "3", 3),
        (int_or_text, "²", "²"),
        (int_or_text, "9" * 5000, "9" * 5000),
    ],
)
def test_the_id_and_choice_helpers(helper, given, expected):
    if expected is InputError:
        with pytest.raises(InputError):
            helper(given)
    else:
        assert helper(given) == expected


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"match": 12, "answers": {"m01": true}}', {"match": 12, "answers": {"m01": True}}),
        (nested(JSON_MAX_DEPTH), json.loads(nested(JSON_MAX_DEPTH))),
        (json.dumps(["[" * 100, "{{{"]), ["[" * 100, "{{{"]),  # brackets in text do not nest
        ('"\\ud83d\\ude00"', "\N{GRINNING FACE}"),  # a surrogate pair is one character
    ],
)
def test_load_json_reads_json(data, expected):
    assert load_json(data) == expected


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"[" * 100_000, "json_too_deep"),
        (nested(JSON_MAX_DEPTH + 1), "json_too_deep"),
        ('{"a":' * 50_000, "json_too_deep"),
        (b" " * (JSON_MAX_BYTES + 1), "json_too_large"),
        (b"1" * 5000, "not_json"),
        (b"NaN", "not_json"),
        (b"[1e999]", "not_json"),
        (b"\xff\xfe{}", "not_json"),
        (b"{'single': 1}", "not_json"),
        (b'{"name": "nul\\u0000"}', "json_text"),
        (b'{"nul\\u0000": 1}', "json_text"),
        (b'["half \\ud800"]', "json_text"),
    ],
)
def test_load_json_refuses(data, code):
    with pytest.raises(InputError) as refused:
        load_json(data)
    assert refused.value.code == code


TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))
PLAIN_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=10,  # at most ten levels deep
)


@given(PLAIN_JSON)
def test_load_json_reads_back_what_json_writes(value):
    assert load_json(json.dumps(value)) == value


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Zoë;Ærø\r\n".encode(), "Zoë;Ærø\r\n", "utf-8"),
        ("\ufeffBOM;a".encode(), "BOM;a", "utf-8"),
        ("Zoë;Ærø".encode("cp1252"), "Zoë;Ærø", "cp1252"),
        (b"tab\tseparated\n", "tab\tseparated\n", "utf-8"),
    ],
)
def test_decode_text_reads_utf8_and_windows_1252(data, text, encoding):
    assert decode_text(data) == (text, encoding)


@pytest.mark.parametrize(
    ("data", "line", "character"),
    [
        (b"a;b\nc\x00d\n", 2, "U+0000"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 2, "U+001A"),
        (bytes(range(256)), 1, "U+0000"),
    ],
)
def test_decode_text_refuses_binary_files(data, line, character):
    with pytest.raises(InputError) as refused:
        decode_text(data)
    assert (refused.value.code, refused.value.params) == (
        "not_text",
        {"line": line, "character": character},
    )


def test_csv_rows_reads_rows_and_refuses_a_field_too_long_with_its_line():
    assert list(csv_rows(["a;b", '"c;d";e'], ";")) == [["a", "b"], ["c;d", "e"]]
    lines = ["a,b", "c," + "x" * (CSV_FIELD_LIMIT + 1)]
    with pytest.raises(InputError) as refused:
        list(csv_rows(lines))
    assert (refused.value.code, refused.value.params["line"]) == ("field_too_long", 2)


def workbook(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def swapped(data: bytes, old: bytes, new: bytes) -> bytes:
    """A workbook with `old` replaced by `new` in its XML: openpyxl itself writes no cell
    longer than Excel's 32,767 characters."""
    out = BytesIO()
    with ZipFile(BytesIO(data)) as source, ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item).replace(old, new))
    return out.getvalue()


def test_xlsx_rows_reads_a_workbook_and_refuses_anything_else():
    assert xlsx_rows(workbook(["team number", "round"], [1001, 1])) == [
        ("team number", "round"),
        (1001, 1),
    ]
    long_cell = swapped(workbook(["a"], ["LONG"]), b"LONG", b"y" * (CSV_FIELD_LIMIT + 1))
    for data, code in (
        (b"not a workbook", "not_workbook"),
        (b"PK\x03\x04" + bytes(200), "not_workbook"),
        (long_cell, "field_too_long"),
    ):
        with pytest.raises(InputError) as refused:
            xlsx_rows(data)
        assert refused.value.code == code
    assert refused.value.params["line"] == 2
