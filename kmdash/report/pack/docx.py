"""The pack as a Word file (.docx), laid out with python-docx as pdf.py lays out the PDF: A4, the cover a page of its
own, then the sections with their paragraphs, tiles, tables and charts (PNG, charts.py); a table's header row
repeats on every page and no row is split across pages; the running line atop every page after the cover, and
"หน้า x จาก y" at the foot of every page as Word's PAGE and NUMPAGES fields (Word counts the pages when it lays
the file out).

Every run names TH Sarabun New for every script, the complex script (w:cs) included, with its complex-script size
(w:szCs), as the letters do (thai_docx): Word draws Thai with the w:cs font and size, whatever the others say.
Sizes are TH Sarabun New's own (16 pt body, as Thai official documents): it runs small beside a Latin font.
"""

from __future__ import annotations

import io
import re
import unicodedata

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt, RGBColor

from ..sieving.letters import NOT_XML
from ..thai_docx import thai_document, to_bytes
from ..thai_docx import run as thai_run
from .charts import WIDTH, draw
from .content import Cover, Figure, Pack, Paragraph, Section, Table, Tiles

BODY, CELL, NOTE, SMALL = Pt(16), Pt(14), Pt(14), Pt(12)
HEADING, TITLE, SUBTITLE, VALUE = Pt(20), Pt(28), Pt(20), Pt(20)
INK, GREY = RGBColor(0x1A, 0x1A, 0x1A), RGBColor(0x55, 0x55, 0x55)
RED, RULE = "C0392B", "BBBBBB"  # the headings' underline and the warnings' bar; tables' and tiles' lines
PRIVACY = {False: "1F4E79", True: "1E8449"}  # the privacy box: names shown (blue), aliases (green)
HEAD_FILL, TOTAL_FILL = "EEF2F6", "F6F6F6"
MARGINS = {"top_margin": Mm(20), "bottom_margin": Mm(20), "left_margin": Mm(18), "right_margin": Mm(16)}
TEXT_WIDTH = Mm(210 - 18 - 16)
TILES_ACROSS = 3
TILE_GAP = Mm(0.75)  # on each side of a tile
NARROWEST = Mm(12)  # a table's text column
CHAR = CELL * 0.55  # a character's width in TH Sarabun New, about
PAD = Mm(4.3)  # a cell's margins (1.9 mm a side) and a little room
THAI = re.compile("[\u0e00-\u0e7f]")
THAI_WORD = 6  # characters: a Thai word's, about
NARROW = frozenset(" .,:;()/-'")  # half a character wide, about
FACT_LABEL = Mm(45)  # the cover's facts: the labels' column
FIELD = re.compile(r"(\{pages?\})")
FIELDS = {"{page}": "PAGE", "{pages}": "NUMPAGES"}
AFTER_BORDER = ("w:spacing", "w:jc")  # of a paragraph's properties this module sets, those a border (w:pBdr) precedes


def render(pack: Pack) -> bytes:
    """The pack's .docx."""
    doc = thai_document()
    _pages(doc, pack)
    _cover(doc, pack.cover)
    for n, section in enumerate(pack.sections):
        _section(doc, section, first=n == 0)
    props = doc.core_properties
    props.title, props.author, props.comments = _clean(f"{pack.cover.title} · {pack.cover.heading}"), "kmdash", ""
    return to_bytes(doc)


# ---------------------------------------------------------------- text


def _clean(text: str) -> str:
    """Text from the file as XML can hold it (characters it cannot are dropped); "\\n" stays a line break."""
    return NOT_XML.sub("", text)


def _run(paragraph, text: str, size: Pt = BODY, bold: bool = False, color: RGBColor = INK):
    added = thai_run(paragraph, _clean(text), size, bold)
    added.font.color.rgb = color
    return added


def _para(place, text: str, size: Pt = BODY, bold: bool = False, color: RGBColor = INK, after: Pt = Pt(4)):
    """A paragraph of one run, kept on one page, at the end of `place` (the document or a cell)."""
    added = place.add_paragraph()
    _run(added, text, size, bold, color)
    added.paragraph_format.space_after = after
    added.paragraph_format.keep_together = True
    return added


def _border(props, tag: str, sides: tuple[str, ...], color: str, size: int = 4, after: tuple[str, ...] = ()):
    """A border (`tag`: w:pBdr, w:tcBorders) on these sides of a paragraph's or a cell's properties, put before
    the first of `after` there (the schema's order)."""
    box = OxmlElement(tag)
    for side in sides:
        line = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", str(size)), ("space", "4"), ("color", color)):
            line.set(qn(f"w:{key}"), value)
        box.append(line)
    props.insert_element_before(box, *after)


def _paragraph_border(paragraph, side: str, color: str, size: int) -> None:
    _border(paragraph._p.get_or_add_pPr(), "w:pBdr", (side,), color, size, AFTER_BORDER)


# ---------------------------------------------------------------- the pages


def _pages(doc, pack: Pack) -> None:
    """Margins, line spacing; the running line atop every page but the cover, the page numbers at every foot."""
    normal = doc.styles["Normal"].paragraph_format
    normal.line_spacing, normal.space_after = 1.0, Pt(4)
    page = doc.sections[0]
    for side, value in MARGINS.items():
        setattr(page, side, value)
    page.header_distance = page.footer_distance = Mm(9)
    page.different_first_page_header_footer = True
    _run(page.header.paragraphs[0], pack.running, SMALL, color=GREY)
    for foot in (page.first_page_footer, page.footer):
        _page_numbers(foot.paragraphs[0], pack.pages)


def _page_numbers(paragraph, words: str) -> None:
    """"หน้า {page} จาก {pages}": the words as text, {page} and {pages} as PAGE and NUMPAGES fields."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in filter(None, FIELD.split(words)):
        added = _run(paragraph, "1" if piece in FIELDS else piece, SMALL, color=GREY)
        if piece in FIELDS:  # the run becomes the field's shown value, until Word counts the pages
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), f" {FIELDS[piece]} ")
            added._r.addprevious(field)
            field.append(added._r)


# ---------------------------------------------------------------- the cover


def _cover(doc, cover: Cover) -> None:
    """The co-op, the pack's name, the facts, the line for the meeting's date and the privacy statement."""
    title = _para(doc, cover.title, TITLE, bold=True, after=Mm(4))
    title.paragraph_format.space_before = Mm(30)
    _para(doc, cover.heading, SUBTITLE, after=Mm(12))
    facts = doc.add_table(rows=0, cols=2)
    for label, value in cover.facts:
        left, right = facts.add_row().cells
        _run(left.paragraphs[0], label, color=GREY)
        _run(right.paragraphs[0], value)
    _set_widths(facts, [FACT_LABEL, TEXT_WIDTH - FACT_LABEL])
    label, dots = cover.meeting
    meeting = _para(doc, f"{label} {dots}", Pt(18), after=Mm(14))
    meeting.paragraph_format.space_before = Mm(14)
    box = doc.add_table(rows=1, cols=1).cell(0, 0)
    _border(box._tc.get_or_add_tcPr(), "w:tcBorders", ("top", "left", "bottom", "right"), PRIVACY[cover.masked], 12)
    _run(box.paragraphs[0], cover.privacy)


# ---------------------------------------------------------------- the sections


def _section(doc, section: Section, first: bool) -> None:
    """The heading (Word's Heading 1: the file's outline), kept with its first block; the first after the cover
    starts a new page."""
    heading = doc.add_paragraph(style="Heading 1")
    _run(heading, section.title, HEADING, bold=True)
    heading.paragraph_format.page_break_before = first
    heading.paragraph_format.space_before, heading.paragraph_format.space_after = Mm(6), Mm(2)
    _paragraph_border(heading, "bottom", RED, 8)
    for block, after in zip(section.blocks, (*section.blocks[1:], None)):
        BLOCKS[type(block)](doc, block)
        if isinstance(block, Paragraph) and isinstance(after, (Table, Figure)):  # a table's title stays with it
            doc.paragraphs[-1].paragraph_format.keep_with_next = True


def _paragraph(doc, p: Paragraph) -> None:
    if p.kind == "note":
        _para(doc, p.text, NOTE, color=GREY)
    else:
        added = _para(doc, p.text)
        if p.kind == "warning":
            _paragraph_border(added, "left", RED, 18)


def _tiles(doc, tiles: Tiles) -> None:
    """The headline figures, TILES_ACROSS to a row, each in its own box: label, value, note."""
    rows = -(-len(tiles.items) // TILES_ACROSS)
    grid = doc.add_table(rows=rows, cols=TILES_ACROSS)
    _apart(grid)
    for n, tile in enumerate(tiles.items):
        cell = grid.cell(n // TILES_ACROSS, n % TILES_ACROSS)
        _box(cell, RULE)
        _run(cell.paragraphs[0], tile.label, CELL, color=GREY)
        _para(cell, tile.value, VALUE, bold=True, after=Pt(0))
        if tile.note:
            _para(cell, tile.note, SMALL, color=GREY, after=Pt(0))
    for row in grid.rows:
        _whole(row)
    _gap(doc)


def _table(doc, table: Table) -> None:
    """Headers in a shaded row repeated atop every page; numbers to the right; the total row bold and shaded;
    rows never split; columns as wide as their longest line asks, within the text's width."""
    grid = doc.add_table(rows=1, cols=len(table.headers))
    total = len(table.rows) if table.total else None
    for n, (row, cells) in enumerate([(grid.rows[0], table.headers)] + [(grid.add_row(), r) for r in table.rows]):
        shaded = n == 0 or n == total
        for cell, text, number in zip(row.cells, cells, table.numbers):
            _box(cell, RULE, HEAD_FILL if n == 0 else TOTAL_FILL if shaded else None)
            _run(cell.paragraphs[0], text, CELL, bold=shaded)
            if number:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _whole(row, header=n == 0)
    _set_widths(grid, widths(table))
    _gap(doc)


def widths(table: Table, whole: int = TEXT_WIDTH) -> list[int]:
    """Each column's width (EMU), from what its widest line needs (a header's widest word: headers wrap). Where
    every column fits, all grow alike to the text's width; else numbers keep theirs (a number never wraps), the
    narrower text columns keep theirs and the wider share what is left alike, none narrower than NARROWEST."""
    cells = [[_widest(c.split("\n")) for c in row] for row in table.rows]
    need = [PAD + CHAR * max(column) for column in zip([_widest(h.split(), THAI_WORD) for h in table.headers], *cells)]
    if sum(need) <= whole or all(table.numbers):
        return [int(n * whole / sum(need)) for n in need]
    want = [n if number else max(n, NARROWEST) for n, number in zip(need, table.numbers)]
    text = [n for n, number in zip(want, table.numbers) if not number]
    most = max(NARROWEST, _level(sorted(text), whole - (sum(want) - sum(text))))
    return [int(n if number else min(n, most)) for n, number in zip(want, table.numbers)]


def _level(needs: list[float], room: float) -> float:
    """The width L at which the text columns' needs (smallest first, together more than `room`), each cut to at
    most L, fill `room`."""
    return next(share for n, need in enumerate(needs) if need > (share := (room - sum(needs[:n])) / (len(needs) - n)))


def _widest(lines: list[str], thai_word: int | None = None) -> float:
    """The widest of `lines`, in characters that take room (Thai vowels and tone marks above and below none, a space
    or a stop half); with `thai_word`, a line with Thai counts at most that many (headers' words: Word breaks Thai
    between words by its dictionary)."""
    return max((_room(line, thai_word) for line in lines), default=0)


def _room(line: str, thai_word: int | None) -> float:
    n = sum(0.5 if c in NARROW else 1 for c in line if unicodedata.category(c) != "Mn")
    return min(n, thai_word) if thai_word and THAI.search(line) else n


def _figure(doc, figure: Figure) -> None:
    """The chart as a PNG the width of the text, its caption under it on the same page."""
    doc.add_picture(io.BytesIO(draw(figure, "png")), width=Inches(WIDTH))
    picture = doc.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = True
    picture.runs[0]._r.xpath(".//wp:docPr")[0].set("descr", _clean(figure.caption))  # alt text
    _para(doc, figure.caption, NOTE, color=GREY, after=Mm(3)).alignment = WD_ALIGN_PARAGRAPH.CENTER


BLOCKS = {Paragraph: _paragraph, Tiles: _tiles, Table: _table, Figure: _figure}


# ---------------------------------------------------------------- table pieces


def _box(cell, line: str, fill: str | None = None) -> None:
    """A cell's four lines, and its shading."""
    props = cell._tc.get_or_add_tcPr()
    _border(props, "w:tcBorders", ("top", "left", "bottom", "right"), line)
    if fill:
        shade = OxmlElement("w:shd")
        for key, value in (("val", "clear"), ("color", "auto"), ("fill", fill)):
            shade.set(qn(f"w:{key}"), value)
        props.append(shade)


def _whole(row, header: bool = False) -> None:
    """A row never split across pages (w:cantSplit); a header row repeated atop each page (w:tblHeader)."""
    props = row._tr.get_or_add_trPr()
    props.append(OxmlElement("w:cantSplit"))
    if header:
        props.append(OxmlElement("w:tblHeader"))


def _set_widths(grid, widths: list[int]) -> None:
    for column, width in zip(grid.columns, widths):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _apart(grid) -> None:
    """Room between a table's cells (tiles stand apart): TILE_GAP on each side of a cell."""
    gap = OxmlElement("w:tblCellSpacing")
    gap.set(qn("w:w"), str(TILE_GAP.twips))
    gap.set(qn("w:type"), "dxa")
    grid._tbl.tblPr.insert_element_before(gap, "w:tblLook")  # a new table's properties: w:tblW, w:tblLook


def _gap(doc) -> None:
    """A little room after a table (and Word would join two tables that touch)."""
    gap = doc.add_paragraph().paragraph_format
    gap.line_spacing, gap.space_after = Pt(8), Pt(0)
