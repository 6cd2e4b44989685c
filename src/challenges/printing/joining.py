"""Long batches in constant memory: ReportLab keeps a whole document in memory until it is
saved, so a long batch is printed as parts of `PART_PAGES` pages, and the parts are copied
one after the other into a single PDF as they are finished.

Each part is read back with pypdf, its objects renumbered and written straight to the output;
only the byte offsets of the written objects and the page references stay in memory until
the cross-reference table is written at the end.
"""

import gc
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from typing import IO, Any, TypeVar

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)

PART_PAGES = 100
Item = TypeVar("Item")


def parts(items: Iterable[Item], size: int = PART_PAGES) -> Iterator[list[Item]]:
    iterator = iter(items)
    while part := list(islice(iterator, size)):
        yield part


class Joiner:
    """Writes a PDF object by object; pages are added part by part."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.offsets: list[int] = []  # object n at offsets[n - 1]
        self.pages: list[int] = []
        self.pages_id = self._reserve()
        self.start = out.tell()
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    def _reserve(self) -> int:
        self.offsets.append(0)
        return len(self.offsets)

    def _write(self, number: int, obj: PdfObject) -> None:
        self.offsets[number - 1] = self.out.tell() - self.start
        self.out.write(f"{number} 0 obj\n".encode())
        obj.write_to_stream(self.out)
        self.out.write(b"\nendobj\n")

    def _renumber(self, obj: Any, numbers: dict[int, int], pending: list) -> Any:
        """A copy of `obj` whose references point at this output's object numbers; objects
        met for the first time get a number and wait in `pending` to be written."""
        if isinstance(obj, IndirectObject):
            if obj.idnum not in numbers:
                numbers[obj.idnum] = self._reserve()
                pending.append((numbers[obj.idnum], obj))
            return IndirectObject(numbers[obj.idnum], 0, None)
        if isinstance(obj, StreamObject):
            copy = StreamObject()
            copy._data = obj._data  # the stream as stored: its filters stay valid
            for key, value in obj.items():
                if key != "/Length":
                    copy[NameObject(key)] = self._renumber(value, numbers, pending)
            return copy
        if isinstance(obj, DictionaryObject):
            return DictionaryObject(
                {NameObject(k): self._renumber(v, numbers, pending) for k, v in obj.items()}
            )
        if isinstance(obj, ArrayObject):
            return ArrayObject(self._renumber(item, numbers, pending) for item in obj)
        return obj

    def add_part(self, part: IO[bytes]) -> None:
        """Copy every page of a finished part PDF (and all it uses) into the output."""
        numbers: dict[int, int] = {}
        pending: list[tuple[int, IndirectObject]] = []
        for page in PdfReader(part).pages:
            number = self._reserve()
            copy = DictionaryObject(
                {
                    NameObject(k): self._renumber(v, numbers, pending)
                    for k, v in page.items()
                    if k != "/Parent"
                }
            )
            copy[NameObject("/Parent")] = IndirectObject(self.pages_id, 0, None)
            self._write(number, copy)
            self.pages.append(number)
            while pending:
                new_number, reference = pending.pop()
                self._write(new_number, self._renumber(reference.get_object(), numbers, pending))

    def finish(self, metadata: Mapping[str, str]) -> None:
        """Write the page tree, the catalogue, the document information (`metadata`, PDF
        names to texts: "/Title", "/CreationDate" ...) and the cross-reference table."""
        info = self._reserve()
        self._write(
            info,
            DictionaryObject(
                {NameObject(key): TextStringObject(value) for key, value in metadata.items()}
            ),
        )
        kids = ArrayObject(IndirectObject(n, 0, None) for n in self.pages)
        tree = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Pages"),
                NameObject("/Kids"): kids,
                NameObject("/Count"): NumberObject(len(self.pages)),
            }
        )
        self._write(self.pages_id, tree)
        catalog = self._reserve()
        self._write(
            catalog,
            DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Catalog"),
                    NameObject("/Pages"): IndirectObject(self.pages_id, 0, None),
                }
            ),
        )
        xref = self.out.tell() - self.start
        self.out.write(f"xref\n0 {len(self.offsets) + 1}\n0000000000 65535 f \n".encode())
        for offset in self.offsets:
            self.out.write(f"{offset:010d} 00000 n \n".encode())
        self.out.write(
            f"trailer\n<< /Size {len(self.offsets) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n".encode()
        )


def join_parts(
    out: IO[bytes],
    items: Iterable[Item],
    write_part: Callable[[IO[bytes], list[Item], int], int],
    metadata: Mapping[str, str],
) -> int:
    """Write `items` part by part with `write_part(file, part, first_page_number)` and join
    the parts into `out` with the document information `metadata`; returns the number of
    pages."""
    joiner = Joiner(out)
    pages = 0
    for part in parts(items):
        with tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024) as buffer:
            pages += write_part(buffer, part, pages + 1)
            buffer.seek(0)
            joiner.add_part(buffer)
        gc.collect()  # a part read back holds reference cycles: free it before the next
    joiner.finish(metadata)
    return pages
