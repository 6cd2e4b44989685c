"""The judged event of the judging tests, and helpers to read the PDFs back."""

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
