"""The README's deployment section, read as a system administrator copies it: its code blocks."""

import re
import shlex
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SECTION = {
    "README.md": "## Deploying with PostgreSQL",
    "README.nl.md": "## In gebruik nemen met PostgreSQL",
}
AS_APP_USER = "sudo -u challenges "
CODE_BLOCK = re.compile(r"^ *```(\w+)\n(.*?)^ *```$", re.DOTALL | re.MULTILINE)


def deployment_blocks(readme: str = "README.md") -> list[tuple[str, str]]:
    """(language, text) of every code block in the deployment section, indentation removed."""
    text = (REPO / readme).read_text()
    section = text[text.index(SECTION[readme]) :]
    section = section[: section.index("\n## ", 1)]
    blocks = []
    for language, body in CODE_BLOCK.findall(section):
        indent = min(len(line) - len(line.lstrip()) for line in body.splitlines() if line.strip())
        blocks.append((language, "\n".join(line[indent:] for line in body.splitlines())))
    return blocks


def block(language: str, first_line: str = "") -> str:
    """The one block of that language (that starts with first_line)."""
    [found] = [
        text
        for kind, text in deployment_blocks()
        if kind == language and text.startswith(first_line)
    ]
    return found


def commands(language: str = "sh") -> list[list[str]]:
    """The app's commands of the deployment steps, as the app's user runs them (`sudo -u
    challenges` left off: the test is that user)."""
    lines = [
        line.removeprefix(AS_APP_USER)
        for kind, text in deployment_blocks()
        if kind == language
        for line in text.splitlines()
        if line.startswith(AS_APP_USER)
    ]
    return [shlex.split(line) for line in lines]


def settings() -> dict[str, str]:
    """The settings file, as systemd's EnvironmentFile and `challenges -e` read it."""
    text = block("sh", "CHALLENGES_")
    pairs = (line.split("=", 1) for line in text.splitlines() if line.strip())
    return {name: shlex.split(value)[0] for name, value in pairs}


def exec_start(unit: str) -> list[str]:
    """The command line of a systemd unit in the README."""
    text = block("ini", f"# /etc/systemd/system/{unit}")
    [line] = [line for line in text.splitlines() if line.startswith("ExecStart=")]
    return shlex.split(line.removeprefix("ExecStart="))


def replaced(text: str, *pairs: tuple[str, str]) -> str:
    """Each old text must be there: a README that changes fails here, not later."""
    for old, new in pairs:
        assert old in text, f"the README no longer says {old!r}"
        text = text.replace(old, new)
    return text
