"""The board pack as a Word file (kmdash.report.pack.docx): the sample ledger's pack opened with python-docx (the
co-op, a member's name whole, every figure the oracle gives; with aliases no member's name or number anywhere in the
file; TH Sarabun New as the complex-script font of every Thai run; the charts as PNG; "หน้า x จาก y" as Word's
fields; in English), then a hand-made pack laid out exactly (cover, headings, paragraphs, tiles, tables whose header
repeats and whose rows never split, the figure and its caption), and the columns' widths."""

from __future__ import annotations

import inspect
import io
import re
import unicodedata

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches, Mm, Pt
from hypothesis import given
from hypothesis import strategies as st

from kmdash.i18n import t
from kmdash.report.pack import docx as pack_docx
from kmdash.report.pack.content import Bars, Cover, Figure, Pack, Paragraph, Section, Table, Tile, Tiles
from kmdash.synthetic import ledger_rows

from .support.app import leaks
from .support.browser import ALIAS
from .support.pack_docx import every_text, paragraph_texts, parts, runs, w

FONT = "TH Sarabun New"
COOP = inspect.signature(ledger_rows).parameters["coop_name"].default  # the generator's co-op
THAI = re.compile("[\u0e00-\u0e7f]")
BLUE, GREEN, RED = "1F4E79", "1E8449", "C0392B"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def mm(length: int) -> float:
    """A length as Word keeps it (in twentieths of a point), in millimetres to a tenth."""
    return round(length / 36000, 1)


def doc_of(data: bytes):
    return Document(io.BytesIO(data))


def tables_with_header(doc) -> list:
    """The data tables (the cover's facts and privacy box and the tiles have no header row)."""
    return [table for table in doc.tables if table.rows[0]._tr.find(f"{w('trPr')}/{w('tblHeader')}") is not None]


def cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


# ---------------------------------------------------------------- the sample ledger's pack


def test_the_samples_pack_opens_with_the_co_op_a_members_name_whole_and_the_oracles_figures(
        sample_pack_docx, sample_expected):
    pack, data = sample_pack_docx()
    doc = doc_of(data)
    assert doc.paragraphs[0].text == COOP
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [s.title for s in pack.sections] and headings[0] == "ภาพรวมหนี้ค้างชำระ"
    top = sample_expected["top_members"][0]
    whole = [text for text, _ in runs(parts(data)["word/document.xml"]) if text == top["name"]]
    assert whole, f"{top['name']} is not one run of its own"
    aging = next(tb for tb in tables_with_header(doc) if tb.rows[0].cells[0].text == "อายุหนี้")
    rows = sample_expected["aging"]
    assert cells(aging)[-1] == ["รวม", f"{sum(r['loans'] for r in rows):,}", f"{sum(r['members'] for r in rows):,}",
                                f"{sample_expected['overdue']:,.2f}"]
    assert [row[2] for row in cells(aging)[1:-1]] == [f"{r['members']:,}" for r in rows]
    tiles = doc.tables[2]  # after the cover's facts and its privacy box
    values = [cell.paragraphs[1].text for row in tiles.rows for cell in row.cells if len(cell.paragraphs) > 1]
    assert values[:3] == [f"{sample_expected['members']:,}", f"{sample_expected['members_overdue']:,}",
                          f"{sample_expected['members_long_overdue']:,}"]
    assert f"{sample_expected['overdue']:,.2f}" in values


def test_with_aliases_no_members_name_number_contract_or_guarantor_is_anywhere_in_the_file(sample_pack_docx, personal):
    names, numbers = personal
    _, shown = sample_pack_docx()
    assert all(leaks(every_text(shown), names, numbers)), "the check finds the names and numbers where they are shown"
    _, data = sample_pack_docx(aliases=True)
    assert leaks(every_text(data), names, numbers) == (set(), set())
    doc = doc_of(data)
    assert t("pack_privacy_aliases") in [c.text for tb in doc.tables for row in tb.rows for c in row.cells]
    top = next(tb for tb in tables_with_header(doc) if tb.rows[0].cells[1].text == "ชื่อ - สกุล")
    assert all(ALIAS.fullmatch(row[0]) and row[0] == row[1] for row in cells(top)[1:])


def test_every_run_names_th_sarabun_new_for_every_script_and_sizes_the_complex_script(sample_pack_docx):
    _, data = sample_pack_docx()
    thai = 0
    for name, root in parts(data).items():
        if not re.fullmatch(r"word/(document|header\d+|footer\d+)\.xml", name):
            continue
        for text, props in runs(root):
            if not text.strip():
                continue
            fonts = props.find(w("rFonts"))
            assert [fonts.get(w(s)) for s in ("ascii", "hAnsi", "eastAsia", "cs")] == [FONT] * 4, (name, text)
            assert props.find(w("szCs")).get(w("val")) == props.find(w("sz")).get(w("val")), (name, text)
            assert props.find(w("lang")).get(w("bidi")) == "th-TH", (name, text)
            thai += bool(THAI.search(text))
    assert thai > 150


def test_each_chart_is_a_png_the_texts_width_with_its_caption_under_it(sample_pack_docx):
    pack, data = sample_pack_docx()
    figures = [b for s in pack.sections for b in s.blocks if isinstance(b, Figure)]
    doc = doc_of(data)
    drawn = doc.inline_shapes
    assert len(drawn) == len(figures) >= 3
    for shape, figure in zip(drawn, figures):
        blip = shape._inline.xpath(".//a:blip")[0].get(f"{{{RELATIONSHIPS}}}embed")
        image = doc.part.related_parts[blip]
        assert image.content_type == "image/png" and image.blob.startswith(b"\x89PNG\r\n\x1a\n")
        assert shape.width == Inches(6.7)
        assert shape._inline.docPr.get("descr") == figure.caption
    captions = [p.text for p in doc.paragraphs]
    for figure in figures:
        at = captions.index(figure.caption)
        assert doc.paragraphs[at - 1]._p.xpath(".//w:drawing"), figure.key


def test_every_page_foot_says_page_x_of_y_as_words_fields(sample_pack_docx):
    _, data = sample_pack_docx()
    section = doc_of(data).sections[0]
    assert section.different_first_page_header_footer
    for foot in (section.footer, section.first_page_footer):
        fields = foot._element.findall(f".//{w('fldSimple')}")
        assert [f.get(w("instr")).strip() for f in fields] == ["PAGE", "NUMPAGES"]
        assert paragraph_texts(foot._element) == ["หน้า 1 จาก 1"]  # the fields' values until Word counts the pages
    assert [p.text for p in section.header.paragraphs] == [f"{COOP} · ข้อมูล ณ วันที่ 31 มีนาคม 2567"]
    assert [p.text for p in section.first_page_header.paragraphs] in ([], [""])  # the cover has no running line
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)


def test_data_tables_repeat_their_header_row_never_split_a_row_and_align_numbers_right(sample_pack_docx):
    pack, data = sample_pack_docx()
    doc = doc_of(data)
    tables = [b for s in pack.sections for b in s.blocks if isinstance(b, Table)]
    drawn = tables_with_header(doc)
    assert [tuple(c.text for c in tb.rows[0].cells) for tb in drawn] == [tb.headers for tb in tables]
    for table, model in zip(drawn, tables):
        for n, row in enumerate(table.rows):
            props = row._tr.find(w("trPr"))
            assert props.find(w("cantSplit")) is not None
            assert (props.find(w("tblHeader")) is not None) == (n == 0)
            for cell, number in zip(row.cells, model.numbers):
                assert cell.paragraphs[0].alignment == (WD_ALIGN_PARAGRAPH.RIGHT if number else None)


def test_the_pack_in_english(sample_pack_docx, sample_expected):
    pack, data = sample_pack_docx("en")
    doc = doc_of(data)
    facts = cells(doc.tables[0])
    assert facts[0] == ["Ledger as of", "31 March 2024"] and facts[2] == ["Made on", "20 April 2024"]
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["The overdue loans at a glance", "How long the loans are overdue", "Overdue by member group"]
    assert paragraph_texts(doc.sections[0].footer._element) == ["Page 1 of 1"]
    top = sample_expected["top_members"][0]
    assert top["name"] in [text for text, _ in runs(parts(data)["word/document.xml"])]


def test_report_writes_the_word_file(cli, tmp_path):
    from .support.ledgers import SAMPLE

    out = tmp_path / "board.docx"
    done = cli("report", SAMPLE, "--out", out, "--lang", "en", "--aliases")
    assert done.code == 0, done.err
    doc = doc_of(out.read_bytes())
    assert doc.paragraphs[0].text == COOP
    assert t("pack_privacy_aliases", "en") in [c.text for tb in doc.tables for row in tb.rows for c in row.cells]


# ---------------------------------------------------------------- a hand-made pack, laid out exactly


def hand_pack(masked: bool = False, pages: str = "หน้า {page} จาก {pages}") -> Pack:
    cover = Cover("สหกรณ์ทดสอบ จำกัด", "รายงานต่อคณะกรรมการ", (("ข้อมูล ณ วันที่", "31 มีนาคม 2567"), ("ไฟล์", "a.xlsx")),
                  ("วันที่ประชุม", "....."), "ข้อความเรื่องชื่อ", masked)
    tiles = Tiles((Tile("สมาชิก", "375", "ใน 15 กลุ่ม"), Tile("ค้าง", "239"), Tile("PAR30", "39.6%", "หมายเหตุ"),
                   Tile("เงินต้น", "1,000.00", "บาท")))
    table = Table(("ชื่อ", "บาท"), (("นาย ก\x01 ใจดี", "1,000.00"), ("บรรทัดหนึ่ง\nบรรทัดสอง", "2.50"), ("รวม", "1,002.50")),
                  (False, True), total=True)
    chart = Figure("aging", "คำบรรยายภาพ", Bars(("1-30 วัน", "31-90 วัน"), (100.0, 50.0), ("100", "50"), "บาท"))
    return Pack("th", cover, (
        Section("one", "หัวข้อหนึ่ง", (Paragraph("ย่อหน้า"), Paragraph("หมายเหตุ", "note"), tiles,
                                       Paragraph("เตือน", "warning"))),
        Section("two", "หัวข้อสอง", (Paragraph("ชื่อตาราง"), table, Paragraph("ก่อนภาพ"), chart, Paragraph("ท้าย"),
                                    Table(("ก", "ข"), (("1", "2"), ("3", "4")), (False, True))))),
        pages, "บรรทัดบนสุด")


def hand():
    """The hand-made pack as Word, made anew for each test (so mutation testing ties each test to the code it runs)."""
    return doc_of(pack_docx.render(hand_pack()))


def body(doc) -> list:
    """The body's paragraphs and tables in order."""
    from docx.table import Table as DocTable
    from docx.text.paragraph import Paragraph as DocParagraph

    return [DocParagraph(e, doc) if e.tag == w("p") else DocTable(e, doc) for e in doc.element.body
            if e.tag in (w("p"), w("tbl"))]


def looks(paragraph) -> list[tuple]:
    """Each run of a paragraph (those inside its fields too): text, size, bold, colour."""
    from docx.text.run import Run

    return [(r.text, r.font.size, bool(r.bold), str(r.font.color.rgb))
            for r in (Run(e, paragraph) for e in paragraph._p.iter(w("r")))]


def border(element, tag: str) -> dict[str, tuple[str, str]]:
    """Side -> (colour, size) of a paragraph's (w:pBdr) or cell's (w:tcBorders) border, each a single line 4 pt
    from the text."""
    box = element.find(f".//{w(tag)}")
    lines = [] if box is None else list(box)
    assert all((line.get(w("val")), line.get(w("space"))) == ("single", "4") for line in lines)
    return {line.tag.split("}")[1]: (line.get(w("color")), line.get(w("sz"))) for line in lines}


def spacing(paragraph) -> tuple[float | None, float | None]:
    """Space before and after a paragraph, in points."""
    fmt = paragraph.paragraph_format
    return tuple(None if x is None else round(x.pt, 1) for x in (fmt.space_before, fmt.space_after))


def order(paragraph) -> list[str]:
    """The names of a paragraph's properties, in the file's order (Word reads them in the schema's)."""
    return [child.tag.split("}")[1] for child in paragraph._p.pPr]


def test_the_cover_says_the_co_op_the_pack_the_facts_the_meetings_line_and_the_privacy_in_its_box():
    doc = hand()
    items = body(doc)
    title, heading, facts, meeting, privacy = items[:5]
    assert looks(title) == [("สหกรณ์ทดสอบ จำกัด", Pt(28), True, "1A1A1A")]
    assert mm(title.paragraph_format.space_before) == 30
    assert looks(heading) == [("รายงานต่อคณะกรรมการ", Pt(20), False, "1A1A1A")]
    assert cells(facts) == [["ข้อมูล ณ วันที่", "31 มีนาคม 2567"], ["ไฟล์", "a.xlsx"]]
    assert [looks(c.paragraphs[0])[0][3] for c in facts.rows[0].cells] == ["555555", "1A1A1A"]
    assert [mm(c.width) for c in facts.rows[0].cells] == [45, 176 - 45]
    assert looks(meeting) == [("วันที่ประชุม .....", Pt(18), False, "1A1A1A")]
    assert [spacing(p) for p in (title, heading, meeting)] == [(85.0, 11.3), (None, 34.0), (39.7, 39.7)]
    assert all(p.paragraph_format.keep_together for p in (title, heading, meeting))
    assert cells(privacy) == [["ข้อความเรื่องชื่อ"]]
    assert border(privacy.cell(0, 0)._tc, "tcBorders") == {s: (BLUE, "12") for s in ("top", "left", "bottom", "right")}
    masked = body(doc_of(pack_docx.render(hand_pack(masked=True))))[4]
    assert border(masked.cell(0, 0)._tc, "tcBorders") == {s: (GREEN, "12") for s in ("top", "left", "bottom", "right")}
    assert doc.core_properties.title == "สหกรณ์ทดสอบ จำกัด · รายงานต่อคณะกรรมการ"
    assert (doc.core_properties.author, doc.core_properties.comments) == ("kmdash", "")


def test_sections_start_under_a_heading_after_the_cover_with_their_paragraphs_and_tiles():
    doc = hand()
    items = body(doc)[5:]
    heading = items[0]
    assert heading.style.name == "Heading 1" and looks(heading) == [("หัวข้อหนึ่ง", Pt(20), True, "1A1A1A")]
    assert heading.paragraph_format.page_break_before is True
    assert border(heading._p, "pBdr") == {"bottom": (RED, "8")}
    assert spacing(heading) == (17.0, 5.7) and order(heading) == ["pStyle", "pageBreakBefore", "pBdr", "spacing"]
    assert spacing(items[1]) == (None, 4.0) and items[1].paragraph_format.keep_together
    assert looks(items[1]) == [("ย่อหน้า", Pt(16), False, "1A1A1A")] and border(items[1]._p, "pBdr") == {}
    assert looks(items[2]) == [("หมายเหตุ", Pt(14), False, "555555")]
    tiles = items[3]
    assert [[[p.text for p in c.paragraphs] for c in row.cells] for row in tiles.rows] == [
        [["สมาชิก", "375", "ใน 15 กลุ่ม"], ["ค้าง", "239"], ["PAR30", "39.6%", "หมายเหตุ"]],
        [["เงินต้น", "1,000.00", "บาท"], [""], [""]]]
    first = tiles.cell(0, 0).paragraphs
    assert [looks(p)[0][1:] for p in first] == [(Pt(14), False, "555555"), (Pt(20), True, "1A1A1A"),
                                                (Pt(12), False, "555555")]
    assert [spacing(p) for p in first[1:]] == [(None, 0.0)] * 2
    assert border(tiles.cell(1, 0)._tc, "tcBorders") == {s: ("BBBBBB", "4") for s in ("top", "left", "bottom", "right")}
    assert border(tiles.cell(1, 1)._tc, "tcBorders") == {}  # no box where there is no tile
    gap = tiles._tbl.tblPr.find(w("tblCellSpacing"))
    assert (gap.get(w("w")), gap.get(w("type"))) == ("43", "dxa")  # 0.75 mm on each side of a tile
    assert [c.tag.split("}")[1] for c in tiles._tbl.tblPr] == ["tblW", "tblCellSpacing", "tblLook"]
    assert all(r._tr.find(f"{w('trPr')}/{w('cantSplit')}") is not None for r in tiles.rows)
    assert all(r._tr.find(f"{w('trPr')}/{w('tblHeader')}") is None for r in tiles.rows)
    warning = items[5]
    assert looks(warning) == [("เตือน", Pt(16), False, "1A1A1A")] and border(warning._p, "pBdr") == {"left": (RED, "18")}
    assert order(warning) == ["keepLines", "pBdr", "spacing"]
    second = next(p for p in items if getattr(p, "text", None) == "หัวข้อสอง")
    assert second.paragraph_format.page_break_before is False


def test_a_table_header_repeats_rows_stay_whole_numbers_right_the_total_bold_and_file_text_made_xml_safe():
    doc = hand()
    items = body(doc)
    at = next(i for i, p in enumerate(items) if getattr(p, "text", None) == "ชื่อตาราง")
    title, table = items[at], items[at + 1]
    assert title.paragraph_format.keep_with_next is True  # a table's title stays with it
    assert cells(table) == [["ชื่อ", "บาท"], ["นาย ก ใจดี", "1,000.00"], ["บรรทัดหนึ่ง\nบรรทัดสอง", "2.50"],
                            ["รวม", "1,002.50"]]
    assert table.cell(2, 0)._tc.xpath(".//w:br")  # a line break, not a new paragraph
    fills = [[shade(c) for c in r.cells] for r in table.rows]
    assert fills == [[("clear", "auto", "EEF2F6")] * 2, [None] * 2, [None] * 2, [("clear", "auto", "F6F6F6")] * 2]
    assert [[bool(c.paragraphs[0].runs[0].bold) for c in r.cells] for r in table.rows] == [[True] * 2, [False] * 2,
                                                                                           [False] * 2, [True] * 2]
    assert [[c.paragraphs[0].alignment for c in r.cells] for r in table.rows] == [[None, WD_ALIGN_PARAGRAPH.RIGHT]] * 4
    assert {looks(c.paragraphs[0])[0][1] for r in table.rows for c in r.cells} == {Pt(14)}
    headers = [r._tr.find(f"{w('trPr')}/{w('tblHeader')}") is not None for r in table.rows]
    assert headers == [True, False, False, False]
    assert all(r._tr.find(f"{w('trPr')}/{w('cantSplit')}") is not None for r in table.rows)
    assert mm(sum(c.width for c in table.rows[0].cells)) <= 176
    assert [c.width for c in table.columns[1].cells] == [table.columns[1].width] * 4
    gap = items[at + 2]
    assert gap.text == "" and gap.paragraph_format.line_spacing == Pt(8) and spacing(gap) == (None, 0.0)
    plain = items[-2]  # no total row: only the header is bold and shaded
    assert cells(plain) == [["ก", "ข"], ["1", "2"], ["3", "4"]]
    assert [[(shade(c), bool(c.paragraphs[0].runs[0].bold)) for c in r.cells] for r in plain.rows] == \
        [[(("clear", "auto", "EEF2F6"), True)] * 2] + [[(None, False)] * 2] * 2


def shade(cell) -> tuple[str, str, str] | None:
    """A cell's shading: pattern, colour and fill."""
    found = cell._tc.tcPr.find(w("shd"))
    return None if found is None else tuple(found.get(w(k)) for k in ("val", "color", "fill"))


def test_a_figure_sits_centred_with_its_caption_kept_under_it():
    doc = hand()
    items = body(doc)
    at = next(i for i, p in enumerate(items) if getattr(p, "text", None) == "ก่อนภาพ")
    before, picture, caption, after = items[at:at + 4]
    assert before.paragraph_format.keep_with_next is True
    assert picture._p.xpath(".//w:drawing") and picture.alignment == WD_ALIGN_PARAGRAPH.CENTER
    (shape,) = doc.inline_shapes
    assert shape.width == Inches(6.7) and shape._inline.docPr.get("descr") == "คำบรรยายภาพ"
    embed = shape._inline.xpath(".//a:blip")[0].get(f"{{{RELATIONSHIPS}}}embed")
    assert doc.part.related_parts[embed].blob.startswith(b"\x89PNG\r\n\x1a\n")
    assert picture.paragraph_format.keep_with_next is True
    assert looks(caption) == [("คำบรรยายภาพ", Pt(14), False, "555555")] and spacing(caption) == (None, 8.5)
    assert caption.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert after.text == "ท้าย" and after.paragraph_format.keep_with_next  # the table after it
    others = [p for p in items if getattr(p, "text", None) in ("ย่อหน้า", "หมายเหตุ")]
    assert not any(p.paragraph_format.keep_with_next for p in others)


def test_pages_are_a4_with_the_packs_margins_the_running_line_and_the_page_fields():
    doc = hand()
    section = doc.sections[0]
    assert [mm(x) for x in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] \
        == [20, 20, 18, 16]
    assert looks(section.header.paragraphs[0]) == [("บรรทัดบนสุด", Pt(12), False, "555555")]
    assert mm(section.header_distance) == mm(section.footer_distance) == 9
    for foot in (section.footer, section.first_page_footer):
        p = foot.paragraphs[0]
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert pieces(p) == ["หน้า ", " PAGE ", " จาก ", " NUMPAGES "]
        assert {(size, bold, color) for _, size, bold, color in looks(p)} == {(Pt(12), False, "555555")}
    assert section.different_first_page_header_footer  # the cover: no running line
    assert [p.text for p in section.first_page_header.paragraphs] in ([], [""])
    bare = doc_of(pack_docx.render(hand_pack(pages="{page}/{pages}"))).sections[0].footer
    assert pieces(bare.paragraphs[0]) == [" PAGE ", "/", " NUMPAGES "]
    assert paragraph_texts(bare._element) == ["1/1"]


def pieces(paragraph) -> list[str]:
    """A paragraph's runs' texts and its fields' instructions, in order."""
    return [c.get(w("instr")) if c.tag == w("fldSimple") else "".join(x.text for x in c.iter(w("t")))
            for c in paragraph._p if c.tag in (w("r"), w("fldSimple"))]


def test_a_border_goes_before_the_spacing_and_alignment_word_reads_after_it():
    doc = doc_of(pack_docx.render(hand_pack()))
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(1)
    pack_docx._paragraph_border(p, "top", RED, 4)
    assert order(p) == ["pBdr", "spacing", "jc"]


def test_the_normal_style_reads_single_spaced():
    normal = doc_of(pack_docx.render(hand_pack())).styles["Normal"].paragraph_format
    assert (normal.line_spacing, normal.space_after) == (1.0, Pt(4))


# ---------------------------------------------------------------- the columns' widths

CHAR, PAD, LEAST, WHOLE = Pt(14) * 0.55, Mm(4.3), Mm(12), Mm(176)


def room(text: str, header: bool = False) -> float:
    """Characters that take room on a line (Thai marks above and below take none, a space or a stop half); a
    header's word with Thai at most 6 (Word breaks Thai between words)."""
    n = sum(0.5 if c in " .,:;()/-'" else 1 for c in text if unicodedata.category(c) != "Mn")
    return min(n, 6) if header and THAI.search(text) else n


def needs(table: Table) -> list[float]:
    return [PAD + CHAR * max([room(word, True) for word in table.headers[i].split()] +
                             [room(line) for row in table.rows for line in row[i].split("\n")] + [0])
            for i in range(len(table.headers))]


def test_columns_that_fit_grow_alike_to_the_texts_width():
    table = Table(("ก", "Amount"), (("ที่", "1,000.00"),), (False, True))
    want = [PAD + CHAR * 1, PAD + CHAR * 7]  # ที่: one letter that takes room; 1,000.00: 6 digits and 2 stops
    assert pack_docx.widths(table) == [int(n * WHOLE / sum(want)) for n in want]


def test_a_thai_header_word_wraps_a_latin_one_does_not():
    thai = Table(("เลขทะเบียนสมาชิก",), (("1",),), (False,))
    latin = Table(("Membership",), (("1",),), (False,))
    assert needs(thai) == [PAD + CHAR * 6] and needs(latin) == [PAD + CHAR * 10]
    wide = Table(("เลขทะเบียนสมาชิก", "x"), (("1", "x" * 200),), (False, False))
    assert pack_docx.widths(wide)[0] == int(PAD + CHAR * 6)


def test_when_columns_do_not_fit_numbers_keep_theirs_and_the_widest_text_columns_share_the_rest():
    table = Table(("no", "name", "group", "baht"),
                  (("00386", "x" * 60, "y" * 50, "412,504.90"), ("1", "z", "w" * 70, "1.00")),
                  (False, False, False, True))
    got = pack_docx.widths(table)
    need = needs(table)
    assert got[0] == int(need[0]) and got[3] == int(need[3])
    assert got[1] == got[2] == pytest.approx((WHOLE - need[0] - need[3]) / 2, abs=1)


def test_when_squeezed_a_narrow_number_keeps_its_width_a_wide_one_too_and_a_narrow_text_column_gets_the_least():
    table = Table(("n", "x", "baht", "y"), (("1", "x", "9" * 30, "y" * 80),), (True, False, True, False))
    need = needs(table)
    assert need[0] < LEAST and need[1] < LEAST  # a digit, a letter
    got = pack_docx.widths(table)
    assert got[:3] == [int(need[0]), LEAST, int(need[2])]
    assert got[3] == pytest.approx(WHOLE - need[0] - LEAST - need[2], abs=1) and got[3] < need[3]


def test_columns_that_fit_the_width_exactly_keep_their_widths():
    table = Table(("a", "b"), (("x" * 10, "1,000.00"),), (False, True))
    assert pack_docx.widths(table, whole=sum(needs(table))) == [int(n) for n in needs(table)]


text = st.text(st.sampled_from("กขคิีุู่้ัำ abc019,.\n"), max_size=30)


@given(st.integers(1, 6).flatmap(lambda n: st.tuples(
    st.lists(text.filter(lambda s: "\n" not in s), min_size=n, max_size=n),
    st.lists(st.lists(text, min_size=n, max_size=n), max_size=4),
    st.lists(st.booleans(), min_size=n, max_size=n))))
def test_widths_fill_the_text_numbers_keep_theirs_and_no_text_column_is_cut_below_the_narrowest(parts_of):
    headers, rows, numbers = parts_of
    table = Table(tuple(headers), tuple(map(tuple, rows)), tuple(numbers))
    need, got = needs(table), pack_docx.widths(table)
    assert len(got) == len(need) and all(isinstance(x, int) for x in got)
    if sum(need) <= WHOLE or all(numbers):
        assert all(abs(g - n * WHOLE / sum(need)) <= 1 for g, n in zip(got, need))
        return
    assert all(g == int(n) for g, n, number in zip(got, need, numbers) if number)
    wide = [(g, int(max(n, LEAST))) for g, n, number in zip(got, need, numbers) if not number]  # (got, wanted)
    cut = {g for g, want in wide if g < want}
    assert all(g >= LEAST for g, _ in wide) and all(g == want for g, want in wide if g >= want)
    assert len(cut) <= 1 and all(g <= level for level in cut for g, want in wide if g == want)
    if min(cut, default=0) > LEAST:  # the text columns were cut, none to the narrowest: the text's width is filled
        assert abs(sum(got) - WHOLE) <= len(got)
