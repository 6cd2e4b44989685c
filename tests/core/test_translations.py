"""Dutch first: every text in the code and templates has a complete Dutch translation."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[2]
DUTCH = REPO / "src/challenges/translations/nl/LC_MESSAGES/messages.po"


def extract_texts(folder: Path):
    pot = folder / "messages.pot"
    subprocess.run(
        [
            Path(sys.executable).parent / "pybabel",
            "extract",
            "--mapping",
            "babel.cfg",
            "--keywords",
            "_l",
            "--output-file",
            str(pot),
            "src",
            "templates",
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as file:
        return read_po(file)


def test_every_text_has_a_dutch_translation(tmp_path):
    with DUTCH.open("rb") as file:
        dutch = read_po(file)
    texts = extract_texts(tmp_path)
    assert len(texts) > 100
    untranslated = [
        message.id
        for message in texts
        if message.id and (dutch.get(message.id) is None or not dutch[message.id].string)
    ]
    assert untranslated == []
    assert [message.id for message in dutch if message.id and message.fuzzy] == []


def test_dutch_placeholders_match_the_english(tmp_path):
    with DUTCH.open("rb") as file:
        dutch = read_po(file)
    problems = [(message.id, [str(e) for e in errors]) for message, errors in dutch.check()]
    assert problems == []
