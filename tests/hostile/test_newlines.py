"""A browser sends each line break of a textarea as \r\n: one line break, as its counter says."""

import pytest

from challenges.inputs import single_newlines


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("een\r\ntwee", "een\ntwee"),
        ("een\rtwee\ndrie", "een\ntwee\ndrie"),
        ("\r\n\r\n", "\n\n"),
        ("\n\r", "\n\n"),  # a \n then a lone \r: two line breaks
        ("geen", "geen"),
        ("", ""),
        (None, None),
    ],
)
def test_single_newlines_makes_every_line_break_one_character(given, expected):
    assert single_newlines(given) == expected
