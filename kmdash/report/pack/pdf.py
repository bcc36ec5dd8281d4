"""The pack as a PDF: HTML and CSS (pack.css) through WeasyPrint, whose Pango shapes Thai (vowels and tone marks
placed right) and breaks lines between Thai words (libthai). A4, the shipped font, page numbers from CSS page
counters, charts as PNG images (charts.py, Thai shaped by matplotlib). Every text is escaped: names come from the
file.
"""

from __future__ import annotations

import base64
import io
import re
from html import escape
from pathlib import Path

from fontTools.ttLib import TTFont
from weasyprint import CSS as Sheet
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from .charts import FONTS, draw
from .content import Cover, Figure, Pack, Paragraph, Section, Table, Tiles

CSS = Path(__file__).with_name("pack.css")
TOTAL = ' class="total"'  # a table's total row
GLYPH_LINE = re.compile(rb"<([0-9a-f]{4})> <([0-9a-f]*)>")  # a ToUnicode entry: glyph -> UTF-16BE text
UNI_NAME = re.compile(r"uni((?:[0-9A-F]{4})+)(?:\..*)?")  # uni0E49.low: the glyph of U+0E49, a variant


def render(pack: Pack) -> bytes:
    """The pack's PDF."""
    fonts = FontConfiguration()  # without it a given stylesheet's @font-face is never loaded
    sheets = [Sheet(filename=str(CSS), base_url=f"{FONTS}/", font_config=fonts),  # url(Laksaman.ttf): the shipped
              Sheet(string=page_numbers(pack.pages))]
    return HTML(string=html_of(pack)).write_pdf(stylesheets=sheets, font_config=fonts, full_fonts=True,
                                                finisher=own_glyph_text)


def own_glyph_text(document, pdf) -> None:
    """Each glyph named for its character (uni0E49.low) maps back to that character in the PDF's ToUnicode map,
    so that text copied or searched in the PDF is the words printed.

    A subset font's map is made glyph by glyph from the clusters Pango drew, and a Thai cluster holds several
    glyphs (a consonant with its vowel and tone mark; sara am as nikhahit and sara aa): a mark could read back as
    another. The whole font (full_fonts) is mapped from its cmap instead, one character per glyph, but a tone
    mark's variant (uni0E49.low, lowered over a short consonant) is reached there only from a private-use code
    point (U+F70B), which this puts right. Sara am reads back as nikhahit + sara aa, equal to it under NFKC."""
    fonts = {font.name: font for font in document.fonts.values()}
    for item in pdf.objects:
        font = fonts.get(item.get("BaseFont")) if isinstance(item, dict) and "ToUnicode" in item else None
        if font is not None:
            names = TTFont(io.BytesIO(font.file_content), fontNumber=font.index).getGlyphOrder()
            cmap = pdf.objects[int(item["ToUnicode"].split()[0])]
            cmap.stream = [_own_text(line, names) for line in cmap.stream]


def _own_text(line: bytes, names: list[str]) -> bytes:
    """A ToUnicode line with the glyph's own character where its name gives one; other lines as they are."""
    entry = GLYPH_LINE.fullmatch(line)
    glyph = int(entry[1], 16) if entry else len(names)
    own = UNI_NAME.fullmatch(names[glyph]) if glyph < len(names) else None
    return b"<%04x> <%s>" % (glyph, own[1].lower().encode()) if own else line


def page_numbers(words: str) -> str:
    """The bottom of every page: "หน้า {page} จาก {pages}" as CSS counters, the words as CSS strings."""
    pieces = words.replace("{pages}", "\0pages\0").replace("{page}", "\0page\0").split("\0")
    content = " ".join(f"counter({p})" if p in ("page", "pages") else css_string(p) for p in pieces if p)
    return f"@page {{ @bottom-center {{ content: {content}; }} }}"


def css_string(text: str) -> str:
    """Text as a quoted CSS string: backslashes, quotes and line ends escaped."""
    escaped = "".join(f"\\{ord(c):x} " if c in '\\"\n\r\f' or ord(c) < 32 else c for c in text)
    return f'"{escaped}"'


def html_of(pack: Pack) -> str:
    """The pack as one HTML document (charts inline as PNG images)."""
    body = [f'<div class="running">{_text(pack.running)}</div>', _cover(pack.cover),
            *(_section(s) for s in pack.sections)]
    return (f'<!DOCTYPE html><html lang="{escape(pack.lang)}"><head><meta charset="utf-8">'
            f"<title>{_text(pack.cover.title)}</title></head><body>{''.join(body)}</body></html>")


def _text(text: str) -> str:
    """File text made inert: escaped, its line breaks kept."""
    return escape(text).replace("\n", "<br>")


def _cover(cover: Cover) -> str:
    facts = "".join(f"<tr><td>{_text(k)}</td><td>{_text(v)}</td></tr>" for k, v in cover.facts)
    label, line = cover.meeting
    masked = " masked" if cover.masked else ""
    return (f'<section class="cover"><h1>{_text(cover.title)}</h1><p class="heading">{_text(cover.heading)}</p>'
            f'<table class="facts">{facts}</table><p class="meeting">{_text(label)} {_text(line)}</p>'
            f'<p class="privacy{masked}">{_text(cover.privacy)}</p></section>')


def _section(section: Section) -> str:
    blocks = "".join(BLOCKS[type(b)](b) for b in section.blocks)
    return f'<section class="part" id="{escape(section.key)}"><h2>{_text(section.title)}</h2>{blocks}</section>'


def _paragraph(p: Paragraph) -> str:
    return f'<p class="{escape(p.kind)}">{_text(p.text)}</p>'


def _tiles(tiles: Tiles) -> str:
    items = "".join(f'<div class="tile"><div class="label">{_text(x.label)}</div>'
                    f'<div class="value">{_text(x.value)}</div><div class="note">{_text(x.note)}</div></div>'
                    for x in tiles.items)
    return f'<div class="tiles">{items}</div>'


def _table(table: Table) -> str:
    prose = table.prose or (False,) * len(table.headers)

    def cells(tag: str, row: tuple[str, ...]) -> str:
        return "".join(f"<{tag}{_kind(n, p)}>{_text(c) if p or n or tag == 'th' else _words(c)}</{tag}>"
                       for c, n, p in zip(row, table.numbers, prose))

    last = len(table.rows) - 1
    rows = "".join(f"<tr{TOTAL if table.total and i == last else ''}>{cells('td', row)}</tr>"
                   for i, row in enumerate(table.rows))
    return f'<table class="data"><thead><tr>{cells("th", table.headers)}</tr></thead><tbody>{rows}</tbody></table>'


def _words(text: str) -> str:
    """A name or a date: each of its words kept whole (a surname is in no dictionary), a line broken only at its
    spaces (<wbr>). The space stays inside the word before it: a space between two boxes is not drawn, and a
    PDF reader would run the Thai words together."""
    def line(words: list[str]) -> str:
        return "<wbr>".join(f'<span class="w">{escape(w)}{" " if i < len(words) - 1 else ""}</span>'
                            for i, w in enumerate(words))

    return "<br>".join(line(part.split(" ")) for part in text.split("\n"))


def _kind(number: bool, prose: bool) -> str:
    """A cell's class: a number (aligned right, kept on one line), sentences (room to read them), or neither."""
    return ' class="num"' if number else ' class="prose"' if prose else ""


def _figure(figure: Figure) -> str:
    """The chart as a 200 dpi PNG across the text's width: WeasyPrint draws an SVG's thousands of glyph outlines
    slowly (a fifth of the pack's rendering), and 200 dpi prints sharp."""
    png = base64.b64encode(draw(figure, "png")).decode("ascii")
    return (f'<figure class="{escape(figure.key)}"><img src="data:image/png;base64,{png}" alt="">'
            f"<figcaption>{_text(figure.caption)}</figcaption></figure>")


BLOCKS = {Paragraph: _paragraph, Tiles: _tiles, Table: _table, Figure: _figure}
