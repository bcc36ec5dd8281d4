"""Word documents in Thai (`thai_docx`): every script's font TH Sarabun New, the complex-script size beside the
size, Thai as the complex-script language, bold for Thai too, A4; read back from the saved file's XML."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from kmdash.report import thai_docx
from kmdash.report.thai_docx import paragraph, table, thai_document, to_bytes

SCRIPTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


def fonts(props) -> dict:
    """What a run's or style's properties say: the font per script, size and complex-script size in half
    points, the complex-script language, bold and complex-script bold."""
    f, lang = props.find(qn("w:rFonts")), props.find(qn("w:lang"))
    half = {tag: props.find(qn(tag)).get(qn("w:val")) for tag in ("w:sz", "w:szCs")}
    return {"fonts": {s: f.get(qn(s)) for s in SCRIPTS}, **half, "bidi": lang.get(qn("w:bidi")),
            "bold": props.find(qn("w:b")) is not None, "bold_cs": props.find(qn("w:bCs")) is not None}


def saved(doc):
    return Document(io.BytesIO(to_bytes(doc)))


THAI = {s: "TH Sarabun New" for s in SCRIPTS}


def test_the_constants_are_the_thai_letter_s():
    assert (thai_docx.FONT, thai_docx.SIZE, thai_docx.TITLE_SIZE) == ("TH Sarabun New", Pt(16), Pt(20))
    assert thai_docx.MIME == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_a_new_document_is_a4_in_thai_16_pt():
    doc = saved(thai_document())
    assert (round(doc.sections[0].page_width.mm), round(doc.sections[0].page_height.mm)) == (210, 297)
    for style in ("Normal", "Table Grid"):
        props = doc.styles[style].element.rPr
        assert fonts(props) == {"fonts": THAI, "w:sz": "32", "w:szCs": "32", "bidi": "th-TH", "bold": False,
                                "bold_cs": False}, style
        assert props.find(qn("w:szCs")).getprevious().tag == qn("w:sz")  # beside the size, as Word writes it
        assert len(props.findall(qn("w:lang"))) == 1 and len(props.findall(qn("w:szCs"))) == 1  # set, not added


def test_a_title_is_bold_centred_and_20_pt_for_thai_too():
    doc = thai_document()
    paragraph(doc, "ประกาศ", thai_docx.TITLE_SIZE, bold=True, center=True)
    paragraph(doc, "ข้อความ")
    title, body = saved(doc).paragraphs
    assert title.text == "ประกาศ" and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert fonts(title.runs[0]._r.rPr) == {"fonts": THAI, "w:sz": "40", "w:szCs": "40", "bidi": "th-TH",
                                           "bold": True, "bold_cs": True}
    assert body.text == "ข้อความ" and body.alignment is None
    assert fonts(body.runs[0]._r.rPr) == {"fonts": THAI, "w:sz": "32", "w:szCs": "32", "bidi": "th-TH",
                                          "bold": False, "bold_cs": False}


def test_a_table_has_a_bold_header_and_its_rows_as_text():
    doc = thai_document()
    table(doc, ["ชั้น", "คะแนน"], [["ดี", 5], ["พอใช้", 3]])
    (grid,) = saved(doc).tables
    assert grid.style.name == "Table Grid"
    assert [[c.text for c in row.cells] for row in grid.rows] == [["ชั้น", "คะแนน"], ["ดี", "5"], ["พอใช้", "3"]]
    header, row = grid.rows[0].cells[0].paragraphs[0].runs[0], grid.rows[1].cells[1].paragraphs[0].runs[0]
    assert fonts(header._r.rPr)["bold_cs"] and fonts(header._r.rPr)["bold"]
    assert fonts(row._r.rPr) == {"fonts": THAI, "w:sz": "32", "w:szCs": "32", "bidi": "th-TH", "bold": False,
                                 "bold_cs": False}


def test_a_run_on_its_own_is_plain_unless_bold_and_bold_is_on_for_both_scripts():
    doc = thai_document()
    para = doc.add_paragraph()
    thai_docx.run(para, "ธรรมดา")
    thai_docx.run(para, "หนา", bold=True)
    plain, bold = saved(doc).paragraphs[0].runs
    assert (plain.text, plain.bold, bold.text, bold.bold) == ("ธรรมดา", None, "หนา", True)
    assert fonts(plain._r.rPr)["bold"] is False and fonts(bold._r.rPr)["bold_cs"] is True


def test_setting_the_font_again_changes_the_size_in_place():
    doc = thai_document()
    title = thai_docx.run(doc.add_paragraph(), "หัวเรื่อง")
    thai_docx.thai_font(title._r, Pt(20))  # a run made a title after all: one size, one language, both resized
    props = saved(doc).paragraphs[0].runs[0]._r.rPr
    assert fonts(props) == {"fonts": THAI, "w:sz": "40", "w:szCs": "40", "bidi": "th-TH", "bold": False,
                            "bold_cs": False}
    assert [len(props.findall(qn(tag))) for tag in ("w:sz", "w:szCs", "w:lang")] == [1, 1, 1]
