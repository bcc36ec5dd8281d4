"""The grading criteria and welfare as a printable announcement (.docx) for the board to sign.

Word draws Thai with the complex-script font and size (w:cs, w:szCs): both are set, on the styles and on
every run, to TH Sarabun New 16 pt, the font of Thai official letters."""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from ..i18n import t
from ..read.dates import BE_OFFSET, THAI_MONTHS
from ..techniques.grades import Grading
from .grading import criterion_lines, grade_range, max_points, welfare_text

FONT = "TH Sarabun New"
SIZE = Pt(16)
TITLE_SIZE = Pt(20)
SIGNERS = ("ann_chair", "ann_secretary", "ann_manager")


def long_date(value: date, lang: str = "th") -> str:
    """"31 มีนาคม 2567" (BE); "31 March 2024"."""
    if lang == "th":
        return f"{value.day} {THAI_MONTHS[value.month - 1]} {value.year + BE_OFFSET}"
    return f"{value.day} {value.strftime('%B %Y')}"


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


def _run(paragraph, text: str, size: Pt = SIZE, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    thai_font(run._r, size)
    if bold:  # bold for Latin (w:b) and for Thai (w:bCs)
        run.bold = True
        run._r.rPr.get_or_add_bCs()


def _paragraph(doc, text: str, size: Pt = SIZE, bold: bool = False, center: bool = False):
    paragraph = doc.add_paragraph()
    _run(paragraph, text, size, bold)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _table(doc, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cells, values, bold in [(table.rows[0].cells, header, True)] + [(table.add_row().cells, r, False)
                                                                       for r in rows]:
        for cell, value in zip(cells, values):
            _run(cell.paragraphs[0], str(value), bold=bold)


def announcement(grading: Grading, coop: str | None, as_of: date, lang: str = "th") -> bytes:
    """The announcement: co-op, subject, each criterion with its points, the grades with their thresholds and
    welfare, the ledger's date, and signature lines for the board."""
    doc = Document()
    for style in ("Normal", "Table Grid"):
        thai_font(doc.styles[style].element)
    _paragraph(doc, t("ann_title", lang, coop=coop or t("ann_coop", lang)), TITLE_SIZE, bold=True, center=True)
    _paragraph(doc, t("ann_subject", lang), bold=True, center=True)
    _paragraph(doc, t("ann_intro", lang))
    _paragraph(doc, t("ann_criteria", lang, n=max_points(grading)), bold=True)
    for c in grading.criteria:
        _paragraph(doc, c.name(lang), bold=True)
        _table(doc, [t("ann_band", lang), t("col_points", lang)], [[b, str(p)] for b, p in criterion_lines(c, lang)])
    _paragraph(doc, t("ann_grades", lang), bold=True)
    _table(doc, [t("col_grade", lang), t("col_points", lang), t("col_welfare", lang)],
           [[g.name(lang), grade_range(grading, i, lang), welfare_text(g, lang).replace(" · ", "\n")]
            for i, g in enumerate(grading.rules.grades)])
    _paragraph(doc, t("ann_data", lang, date=long_date(as_of, lang)))
    _paragraph(doc, t("ann_announced", lang), center=True)
    for role in SIGNERS:
        _paragraph(doc, "")
        _paragraph(doc, t("ann_sign", lang), center=True)
        _paragraph(doc, f"({t(role, lang)})", center=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
