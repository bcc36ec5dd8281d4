"""The board pack's Word file read as Word reads it: its XML parts (the body, headers, footers, properties), every
text they hold, the runs with their properties, the fields; and the files a page's download buttons serve."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(name: str) -> str:
    """A WordprocessingML name as lxml writes it ("w:cs" -> "{...main}cs")."""
    return f"{{{W}}}{name.removeprefix('w:')}"


def parts(data: bytes) -> dict[str, etree._Element]:
    """Every XML part of the .docx, parsed: word/document.xml, word/header1.xml, docProps/core.xml ..."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if name.endswith((".xml", ".rels"))}


def every_text(data: bytes) -> list[str]:
    """Every text and attribute value in every XML part (but the template's revision ids, w:rsid*: hex numbers
    that may look like a member's): whatever a reader of the file could find."""
    out = []
    for root in parts(data).values():
        for element in root.iter():
            if "rsid" not in str(element.tag):
                out += [element.text or "", *(v for k, v in element.attrib.items() if "rsid" not in k)]
    return [text for text in out if text]


def runs(root: etree._Element) -> list[tuple[str, etree._Element | None]]:
    """Each run (w:r) of a part: its text (w:t, a line break as "\\n") and its properties (w:rPr)."""
    return [("".join("\n" if child.tag == w("br") else child.text or "" for child in r
                     if child.tag in (w("t"), w("br"))), r.find(w("rPr"))) for r in root.iter(w("r"))]


def paragraph_texts(root: etree._Element) -> list[str]:
    """Each paragraph's text, fields' shown values included."""
    return ["".join(text for text, _ in runs(p)) for p in root.iter(w("p"))]


def served(monkeypatch) -> list[tuple[str, bytes, str]]:
    """(file name, data, MIME type) of every file a download button is given from now on, in order (the files
    without a name, the page's images, left out)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    given = []
    original = MediaFileManager.add

    def add(self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if file_name is not None:
            given.append((file_name, path_or_data, mimetype))
        return original(self, path_or_data, mimetype, coordinates, file_name, is_for_static_download)

    monkeypatch.setattr(MediaFileManager, "add", add)
    return given
