"""The app as a system administrator installs it: a wheel built from this checkout, installed
(not editable) into a fresh virtual environment."""

import subprocess
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def install_wheel(folder: Path) -> Path:
    """Build the wheel, install it into folder/venv; the venv's bin folder.

    The dependencies come from this environment (no download in a test run): the wheel itself
    is what is under test."""
    dist = folder / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, REPO],
        check=True,
    )
    [wheel] = dist.glob("challenges-*.whl")
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    venv_site = next((venv / "lib").glob("python3*/site-packages"))
    (venv_site / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    requirement = f"challenges[redis] @ {wheel.as_uri()}"  # as the README installs it
    bin_dir = venv / "bin"
    subprocess.run([bin_dir / "pip", "install", "--no-deps", "--quiet", requirement], check=True)
    # The commands of those dependencies, as their own installation would have made them.
    gunicorn = bin_dir / "gunicorn"
    gunicorn.write_text(f'#!/bin/sh\nexec "{bin_dir / "python"}" -m gunicorn "$@"\n')
    gunicorn.chmod(0o755)
    return bin_dir
