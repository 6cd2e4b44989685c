"""Benchmark: import a 10,000-row DUO file into a fresh SQLite database, twice.

Run: .venv/bin/python bench/import_schools.py   (prints seconds per run; see RESULTS.md)
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = (
    "VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;PROVINCIE"
)
ROWS = 10_000


def code(index: int) -> str:
    letters = chr(65 + index // 2600 % 26) + chr(65 + index // 100 % 26)
    return f"{10 + index // 67600 % 90:02d}{letters}{index % 100:02d}"


def duo_file(folder: Path) -> Path:
    lines = [HEADER] + [
        f"{code(i)};Basisschool nummer {i};Schoolstraat;{i % 200 + 1};{1000 + i % 8999} AB;"
        f"Plaats {i % 400};Utrecht"
        for i in range(ROWS)
    ]
    path = folder / "vestigingen.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return path


def main() -> None:
    challenges = Path(sys.executable).parent / "challenges"
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "CHALLENGES_INSTANCE_PATH": folder}
        subprocess.run([challenges, "db", "upgrade"], env=env, check=True, capture_output=True)
        path = duo_file(Path(folder))
        for label in ("first import (all new)", "second import (all unchanged)"):
            start = time.perf_counter()
            result = subprocess.run(
                [challenges, "schools", "import", str(path)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            seconds = time.perf_counter() - start
            print(f"{label}: {seconds:.2f} s (whole command) — {result.stdout.splitlines()[-1]}")


if __name__ == "__main__":
    main()
