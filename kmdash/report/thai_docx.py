"""Word documents in Thai: python-docx with the complex-script font and size set (w:cs, w:szCs), which Word
uses to draw Thai: TH Sarabun New 16 pt, the font of Thai official letters."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "TH Sarabun New"
SIZE = Pt(16)
TITLE_SIZE = Pt(20)
MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def thai_font(element, size: Pt = SIZE) -> None:
    """Set the font of a style's or run's properties for every script, complex script (Thai) included."""
    props = element.get_or_add_rPr()
    fonts = props.get_or_add_rFonts()
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)
    props.get_or_add_sz().val = size
    complex_size = props.find(qn("w:szCs"))
    if complex_size is None:
        complex_size = OxmlElement("w:szCs")
        props.sz.addnext(complex_size)
    complex_size.set(qn("w:val"), str(int(size.pt * 2)))
    language = props.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        props.append(language)
    language.set(qn("w:bidi"), "th-TH")


def thai_document():
    """A new A4 document whose Normal and Table Grid styles draw Thai in TH Sarabun New 16 pt."""
    doc = Document()
    doc.sections[0].page_width, doc.sections[0].page_height = Mm(210), Mm(297)
    for style in ("Normal", "Table Grid"):
        thai_font(doc.styles[style].element)
    return doc


def run(paragraph, text: str, size: Pt = SIZE, bold: bool = False):
    added = paragraph.add_run(text)
    thai_font(added._r, size)
    if bold:  # bold for Latin (w:b) and for Thai (w:bCs)
        added.bold = True
        added._r.rPr.get_or_add_bCs()
    return added


def paragraph(doc, text: str, size: Pt = SIZE, bold: bool = False, center: bool = False):
    added = doc.add_paragraph()
    run(added, text, size, bold)
    if center:
        added.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return added


def table(doc, header: list[str], rows: list[list[str]]):
    added = doc.add_table(rows=1, cols=len(header))
    added.style = "Table Grid"
    for cells, values, bold in [(added.rows[0].cells, header, True)] + [(added.add_row().cells, r, False)
                                                                       for r in rows]:
        for cell, value in zip(cells, values):
            run(cell.paragraphs[0], str(value), bold=bold)
    return added


def to_bytes(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
