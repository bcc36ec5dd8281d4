"""The formats the fuzzer tries, and the "unzipped form" of a zip workbook (xlsx, ods): its parts laid out as
text, so that the fuzzer changes the XML inside without breaking a checksum, zipped again before each read."""

from __future__ import annotations

import io
import zipfile

FORMATS = ("xlsx", "xls", "csv", "html", "ods")
ZIPPED = ("xlsx", "ods")
UNZIPPED = b"KMDASH-UNZIPPED\n"
PART = b"\n--part "


def unzipped(archive: bytes, leave: tuple[str, ...] = ()) -> bytes:
    """UNZIPPED, then per part (but those whose names start with one of `leave`): PART, its name, a newline, its
    content."""
    with zipfile.ZipFile(io.BytesIO(archive)) as book:
        return UNZIPPED + b"".join(PART + i.filename.encode() + b"\n" + book.read(i) for i in book.infolist()
                                   if not i.filename.startswith(leave))


def zipped(data: bytes) -> bytes:
    """The archive an unzipped form stands for (stored, not deflated: quick); other bytes as they are."""
    if not data.startswith(UNZIPPED):
        return data
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as book:
        for part in data[len(UNZIPPED):].split(PART)[1:]:
            name, _, content = part.partition(b"\n")
            book.writestr(name.decode("utf-8", "replace") or "-", content)
    return buffer.getvalue()
