"""Compile the Babel translation catalogues (.po -> .mo) whenever the package is built.

Runs for wheels and editable installs alike, so nobody compiles catalogues by hand.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TRANSLATIONS = Path("src/challenges/translations")


def compile_catalogues(root: Path) -> list[Path]:
    compiled = []
    for po_path in sorted((root / TRANSLATIONS).glob("*/LC_MESSAGES/*.po")):
        with po_path.open("rb") as po_file:
            catalogue = read_po(po_file)
        mo_path = po_path.with_suffix(".mo")
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalogue, use_fuzzy=False)
        compiled.append(mo_path)
    return compiled


class CompileTranslations(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        compile_catalogues(Path(self.root))
