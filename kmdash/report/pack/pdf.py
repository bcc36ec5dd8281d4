"""The pack as a PDF: HTML and CSS (pack.css) through WeasyPrint, whose Pango shapes Thai (vowels and tone marks
placed right) and breaks lines between Thai words (libthai). A4, the shipped font, page numbers from CSS page
counters, charts as SVG with their text as outlines (charts.py). Every text is escaped: names come from the file.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from .charts import FONTS, draw
from .content import Cover, Figure, Pack, Paragraph, Section, Table, Tiles

CSS = Path(__file__).with_name("pack.css")
TOTAL = ' class="total"'  # a table's total row


def render(pack: Pack) -> bytes:
    """The pack's PDF."""
    from weasyprint import CSS as Sheet
    from weasyprint import HTML

    sheets = [Sheet(filename=str(CSS), base_url=f"{FONTS}/"), Sheet(string=page_numbers(pack.pages))]
    return HTML(string=html_of(pack), base_url=f"{FONTS}/").write_pdf(stylesheets=sheets)


def page_numbers(words: str) -> str:
    """The bottom of every page: "หน้า {page} จาก {pages}" as CSS counters, the words as CSS strings."""
    pieces = words.replace("{pages}", "\0pages\0").replace("{page}", "\0page\0").split("\0")
    content = " ".join(f"counter({p})" if p in ("page", "pages") else css_string(p) for p in pieces if p)
    return f"@page {{ @bottom-center {{ content: {content}; font-family: Laksaman; font-size: 12pt; }} }}"


def css_string(text: str) -> str:
    """Text as a quoted CSS string: backslashes, quotes and line ends escaped."""
    escaped = "".join(f"\\{ord(c):x} " if c in '\\"\n\r\f' or ord(c) < 32 else c for c in text)
    return f'"{escaped}"'


def html_of(pack: Pack) -> str:
    """The pack as one HTML document (charts inline as SVG images)."""
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
        return "".join(f"<{tag}{_num(n)}>{_text(c) if p or tag == 'th' else _words(c)}</{tag}>"
                       for c, n, p in zip(row, table.numbers, prose))

    total = len(table.rows) - 1 if table.total else -1
    rows = "".join(f"<tr{TOTAL if i == total else ''}>{cells('td', row)}</tr>" for i, row in enumerate(table.rows))
    return f'<table class="data"><thead><tr>{cells("th", table.headers)}</tr></thead><tbody>{rows}</tbody></table>'


def _words(text: str) -> str:
    """A name or a date: each of its words kept whole (a surname is in no dictionary), lines broken at spaces."""
    return "<br>".join(" ".join(f'<span class="w">{escape(w)}</span>' for w in line.split(" "))
                       for line in text.split("\n"))


def _num(number: bool) -> str:
    return ' class="num"' if number else ""


def _figure(figure: Figure) -> str:
    svg = base64.b64encode(draw(figure, "svg")).decode("ascii")
    return (f'<figure class="{escape(figure.key)}"><img src="data:image/svg+xml;base64,{svg}" alt="">'
            f"<figcaption>{_text(figure.caption)}</figcaption></figure>")


BLOCKS = {Paragraph: _paragraph, Tiles: _tiles, Table: _table, Figure: _figure}
