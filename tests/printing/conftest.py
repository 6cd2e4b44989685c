"""The judged event of the judging tests, and helpers to read the PDFs back."""

import shutil
import subprocess
from io import BytesIO

from pypdf import PdfReader

from tests.judging.conftest import judged  # noqa: F401 (a fixture)


def read_pdf(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF"), data[:40]
    return PdfReader(BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in read_pdf(data).pages]


def embedded_fonts(data: bytes) -> set[str]:
    fonts = set()
    for page in read_pdf(data).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            descriptor = font.get_object().get("/FontDescriptor")
            name = font.get_object()["/BaseFont"]
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                fonts.add(str(name).split("+")[-1])
    return fonts


def _fonts_in(resources, seen: set[int]) -> list:
    """Every font dictionary of these resources and of the forms (XObjects) they use."""
    resources = resources.get_object() if resources is not None else {}
    fonts = [font.get_object() for font in resources.get("/Font", {}).values()]
    for xobject in resources.get("/XObject", {}).values():
        if xobject.idnum in seen:
            continue
        seen.add(xobject.idnum)
        fonts += _fonts_in(xobject.get_object().get("/Resources"), seen)
    return fonts


def unembedded_fonts(data: bytes, tmp_path=None) -> set[str]:
    """The fonts the PDF declares without embedding them: as `pdffonts` lists them when
    poppler is installed, else read from the font dictionaries with pypdf."""
    if shutil.which("pdffonts") and tmp_path is not None:
        path = tmp_path / "fonts.pdf"
        path.write_bytes(data)
        listing = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        return {line.split()[0] for line in listing if line.split()[-5] == "no"}
    missing = set()
    for page in read_pdf(data).pages:
        for font in _fonts_in(page.get("/Resources"), set()):
            descriptor = font.get("/FontDescriptor")
            files = ("/FontFile", "/FontFile2", "/FontFile3")
            if descriptor is None or not any(f in descriptor.get_object() for f in files):
                missing.add(str(font["/BaseFont"]))
    return missing


def text_sizes(data: bytes) -> list[tuple[float, str]]:
    """Every piece of text with its size on the page in points (font size times the
    scaling of the text and graphics matrices)."""
    found: list[tuple[float, str]] = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            matrix = [
                tm[0] * cm[0] + tm[1] * cm[2],
                tm[0] * cm[1] + tm[1] * cm[3],
                tm[2] * cm[0] + tm[3] * cm[2],
                tm[2] * cm[1] + tm[3] * cm[3],
            ]
            scale = abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]) ** 0.5
            found.append((size * scale, text.strip()))

    for page in read_pdf(data).pages:
        page.extract_text(visitor_text=visit)
    return found
