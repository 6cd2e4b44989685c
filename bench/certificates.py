"""Benchmark: printing certificates into one PDF (pages per second, peak memory).

Writes 100, 1,000 and 3,000 certificates with logo and signature (the layout of
`challenges print certificates`) to a temporary file, in one process, and reports pages per
second (untraced) and the peak of traced Python memory (a second, traced run) for each batch,
so that growth with the batch size shows. Target: at least 100 pages per second on 2 cores;
memory that does not grow with the batch.

Run: .venv/bin/python bench/certificates.py   (figures in RESULTS.md)
"""

import tempfile
import time
import tracemalloc
from io import BytesIO

from PIL import Image

from challenges import create_app
from challenges.printing.certificates import Branding, Certificate, write_certificates
from challenges.printing.pages import Footer


def png(width: int, height: int) -> bytes:
    out = BytesIO()
    Image.new("RGB", (width, height), (179, 38, 30)).save(out, "PNG")
    return out.getvalue()


def certificates(count: int):
    for number in range(count):
        yield Certificate(
            team=f"Team {number} — De Bètabrekers van Ærø",
            where="Basisschool De Wereldbol, Amersfoort",
            category="Challenge",
            event="Regiofinale Groningen",
            date="31-01-2026",
            pupils=("Anaïs", "Jörg", "Łukasz", "Íñigo", "Zoë"),
            award="Core Values" if number % 3 == 0 else None,
            place="Winnaar" if number % 3 == 0 else None,
        )


def run(count: int, branding: Branding, traced: bool) -> tuple[float, float, int]:
    """Pages per second (untraced: tracing slows Python down) or the traced memory peak."""
    footer = Footer("Certificaten", "Regiofinale Groningen", "gemaakt 02-12-2026 12:00")
    with tempfile.TemporaryFile() as out:
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        pages = write_certificates(out, certificates(count), branding, footer)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if traced else 0
        tracemalloc.stop()
        size = out.tell()
    return pages / seconds, peak / 1024 / 1024, size


def main() -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "bench"})
    branding = Branding("FIRST LEGO League", png(600, 240), png(400, 160), "Olga", "Directeur")
    with app.app_context(), app.test_request_context():
        run(10, branding, traced=False)  # warm up: fonts and images
        for count in (100, 1000, 3000):
            rate, _peak, size = run(count, branding, traced=False)
            _rate, peak, _size = run(count, branding, traced=True)
            print(
                f"{count:>5} certificates: {rate:6.0f} pages/s, peak {peak:5.1f} MiB traced, "
                f"{size / 1024:6.0f} KiB PDF"
            )


if __name__ == "__main__":
    main()
