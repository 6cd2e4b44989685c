"""An installed (non-editable) wheel carries templates, static files, translations and the
data and fonts it prints with."""

import os
import subprocess

import pytest

from challenges.demo.finished import FINISHED_FLL

pytestmark = pytest.mark.database

SMOKE = """
import challenges, sys
from challenges import create_app
assert challenges.__file__.startswith(sys.prefix), challenges.__file__
app = create_app()
client = app.test_client()
pages = ["/", "/account/login", "/account/signup", "/healthz"]
for path in pages + ["/static/css/app.css", "/static/img/logo.svg"]:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
assert "Wachtwoord" in client.get("/account/login").get_data(as_text=True)
print("served from", challenges.__file__)
"""


@pytest.mark.slow
def test_installed_wheel_serves_pages_and_migrates(tmp_path, installed_wheel):
    bin_dir, venv = installed_wheel, installed_wheel.parent

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "CHALLENGES_INSTANCE_PATH": str(tmp_path / "instance")}
    env.pop("CHALLENGES_TEST_DATABASE_URL", None)

    def run(*args: str) -> str:
        result = subprocess.run(args, cwd=elsewhere, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout

    run(str(bin_dir / "challenges"), "db", "upgrade")
    assert "organiser@demo.challenges.nl" in run(str(bin_dir / "challenges"), "seed", "demo")
    assert "served from " + str(venv) in run(str(bin_dir / "python"), "-c", SMOKE)
    # The fonts, season sheets and rubric data travel in the wheel: print from it.
    pdf = tmp_path / "certificates.pdf"
    printed = run(
        str(bin_dir / "challenges"),
        "print",
        "certificates",
        FINISHED_FLL,
        "--out",
        str(pdf),
    )
    assert "page(s) written" in printed
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_wheel_declares_what_the_deployment_needs(installed_wheel):
    """The tests lend the wheel this environment's packages: its own metadata must ask for
    them, or a real installation would miss them (`challenges -e FILE`, the Redis extra)."""
    asked = subprocess.run(
        [
            installed_wheel / "python",
            "-c",
            "import importlib.metadata as m; print(m.requires('challenges'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for requirement in ("python-dotenv", "gunicorn", "redis>=5.0; extra == 'redis'"):
        assert requirement in asked, asked
