"""The board pack looked at as a reader would: every text in its model, each PDF page's text (as PDF readers
extract it), each page as an image for a person to look at (tests/artifacts/pack/)."""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "pack"
THAI = range(0x0E00, 0x0E80)


def texts(item) -> list[str]:
    """Every string in a Pack (or any part of it), in document order."""
    if isinstance(item, str):
        return [item]
    if dataclasses.is_dataclass(item):
        return [s for f in dataclasses.fields(item) for s in texts(getattr(item, f.name))]
    if isinstance(item, (tuple, list)):
        return [s for x in item for s in texts(x)]
    return []


def blocks(pack, section: str, kind: type) -> list:
    """The blocks of one kind in a section of the pack."""
    return [b for b in pack.section(section).blocks if isinstance(b, kind)]


def normal(text: str) -> str:
    """Text as PDF readers search it: NFKC (sara am and nikhahit + sara aa alike), lines joined by spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def squeezed(text: str) -> str:
    """Text as a PDF's page gives it (normal()), without the spaces its line breaks leave."""
    return "".join(normal(text).split())


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text as pypdfium2 extracts it, normal()."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return [normal(page.get_textpage().get_text_range()) for page in document]
    finally:
        document.close()


def save_pages(pdf: bytes, folder: Path, stem: str, scale: float = 2.0) -> list[Path]:
    """Every page as a PNG (scale 2: 144 dpi) in `folder`, stem-1.png, stem-2.png ..."""
    import pypdfium2 as pdfium

    folder.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(pdf)
    paths = []
    try:
        for number, page in enumerate(document, start=1):
            path = folder / f"{stem}-{number}.png"
            page.render(scale=scale).to_pil().save(path)
            paths.append(path)
    finally:
        document.close()
    return paths


def font_names(pdf: bytes) -> set[str]:
    """The fonts a PDF embeds, by the names in its font dictionaries (read from its streams, compressed or not)."""
    import re
    import zlib

    names = set()
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            data = zlib.decompress(stream[1])
        except zlib.error:
            data = stream[1]
        names |= {n.decode() for n in re.findall(rb"/BaseFont\s*/([^\s/<>\[\]()]+)", data)}
    return names


def has_thai(text: str) -> bool:
    return any(ord(c) in THAI for c in text)
