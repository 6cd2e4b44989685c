"""Safe mail header values: one line of text, exactly one address. No Flask, no database."""

import re

# C0 and C1 control characters (CR, LF, TAB, NUL, NEL ...) and the Unicode line separators:
# any of them in a header would end the line, or make the message impossible to build.
CONTROL = r"\x00-\x1f\x7f-\x9f\u2028\u2029"
CONTROL_CHARACTERS = re.compile(f"[{CONTROL}]+")
ADDRESS_PART = rf"[^\s{CONTROL}@,;:<>()\[\]\"\\]+"
ADDRESS = re.compile(f"{ADDRESS_PART}@{ADDRESS_PART}")


def one_line(text: str, max_length: int) -> str:
    """Each run of control characters becomes one space: readable, and no header injection."""
    return CONTROL_CHARACTERS.sub(" ", text).strip()[:max_length]


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def is_single_address(text: str) -> bool:
    """One bare address (name@domain): no display name, list, spaces or line breaks."""
    return ADDRESS.fullmatch(text) is not None
