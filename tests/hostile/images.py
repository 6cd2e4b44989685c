"""Images whose header is fine but whose image data is not."""

import zlib
from io import BytesIO

from PIL import Image


def picture(kind: str = "PNG", width: int = 64, height: int = 32) -> bytes:
    out = BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, kind)
    return out.getvalue()


def cut_after_ihdr() -> bytes:
    """A real PNG truncated right after its IHDR chunk (signature, length, type, 13, CRC)."""
    return picture()[: 8 + 4 + 4 + 13 + 4]


def broken_idat() -> bytes:
    """A PNG whose chunks are all well-formed (right CRCs) but whose pixels do not inflate."""
    data = bytearray(picture())
    start = data.index(b"IDAT") + 4
    length = int.from_bytes(data[start - 8 : start - 4], "big")
    data[start : start + length] = b"\x78\x9c" + b"\xff" * (length - 2)
    crc = zlib.crc32(bytes(data[start - 4 : start + length]))
    data[start + length : start + length + 4] = crc.to_bytes(4, "big")
    return bytes(data)


def cut_jpeg() -> bytes:
    """A JPEG cut off halfway through its scan."""
    data = picture("JPEG", 256, 256)
    return data[: len(data) // 2]
