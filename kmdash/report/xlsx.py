"""A small, fast xlsx writer for exports: sheets of text, whole numbers and money, header row frozen, column
widths that fit Thai text.

Each sheet's XML is built a column at a time with numpy and joined once (no Python loop per cell): openpyxl's
and xlsxwriter's per-cell writing took longer than the whole summary on a 100,000-loan ledger.
Text is always a shared string with Excel's quote prefix, so it is never read as a formula, not even when
a user edits the cell.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

FONT = "Tahoma"  # on every Windows, with Thai glyphs
LEAST_WIDTH, MOST_WIDTH = 6, 60  # characters: a long name widens the page no further
THAI_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")  # vowels and tone marks above or below: no width
# XML 1.0 refuses these (and reads a CR as a line feed); OOXML writes them, and "_x" + 4 hex + "_" (which it
# would decode), as _xHHHH_
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
STYLE_NUMBER, STYLE_MONEY, STYLE_TEXT, STYLE_HEADER = 0, 1, 2, 3


@dataclass
class Sheet:
    """One sheet: a header row (`headers`, one per column of `frame`) above the frame's rows.

    Columns named in `money` are written to the satang (#,##0.00); other number columns as they are;
    everything else as text (blank text leaves the cell empty, formatted as text: what is typed there stays
    as typed). A `title` is one line above the header, frozen with it. `choices`: column -> the words its rows
    accept, offered as a dropdown (Excel's list validation: at most 255 characters together, no comma in a word).
    """

    name: str
    frame: pd.DataFrame
    headers: list[str]
    money: frozenset[str] = field(default_factory=frozenset)
    title: str = ""
    choices: dict[str, list[str]] = field(default_factory=dict)

    @property
    def top(self) -> int:
        """Rows above the frame's: the header, and the title line when there is one."""
        return 2 if self.title else 1


def workbook(sheets: list[Sheet]) -> bytes:
    """The xlsx file's bytes; the first sheet is the one shown on opening."""
    texts = [{c: pd.factorize(_as_text(s.frame[c])) for c in s.frame.columns if _is_text(s, c)} for s in sheets]
    strings = _Strings([np.asarray(s.headers + ([s.title] if s.title else []), dtype=object) for s in sheets]
                       + [np.asarray(uniques, dtype=object) for t in texts for _, uniques in t.values()])
    numbers = {money: _Numbers([_values(s, c) for s in sheets for c in s.frame.columns
                                if not _is_text(s, c) and (c in s.money) == money], money) for money in (False, True)}
    longest = max(len(s.frame) for s in sheets)
    rows = np.array([f'<row r="{r}">' for r in range(2, longest + 3)], dtype=object)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _content_types(len(sheets)))
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr("xl/workbook.xml", _workbook_xml(sheets))
        z.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
        z.writestr("xl/styles.xml", _STYLES)
        z.writestr("xl/sharedStrings.xml", strings.xml())
        for i, (sheet, factors) in enumerate(zip(sheets, texts), start=1):
            body = rows[sheet.top - 1:sheet.top - 1 + len(sheet.frame)]
            xml = _sheet_xml(sheet, strings, numbers, factors, body, selected=i == 1)
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
    return buffer.getvalue()


class _Strings:
    """Every text of every sheet, once (the shared-string table), with its cell and its display width."""

    def __init__(self, texts: list[np.ndarray]):
        self.texts = pd.unique(np.concatenate(texts)).tolist()
        self.index = pd.Index(self.texts, dtype=object)
        shown = pd.Series(self.texts, dtype=str)
        self.widths = (shown.str.len() - shown.str.count(THAI_MARKS.pattern)).to_numpy()
        self.cells = np.array([f'<c s="{STYLE_TEXT}" t="s"><v>{i}</v></c>' if text else f'<c s="{STYLE_TEXT}"/>'
                               for i, text in enumerate(self.texts)], dtype=object)

    def codes(self, texts) -> np.ndarray:
        return self.index.get_indexer(np.asarray(texts, dtype=object))

    def xml(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{_text(s)}</t></si>' for s in self.texts)
        return f'{_HEAD}<sst xmlns="{_MAIN}">{items}</sst>'


class _Numbers:
    """Every distinct number of the money or the other number columns, its cell written once."""

    def __init__(self, columns: list[np.ndarray], money: bool):
        values = pd.unique(np.concatenate(columns)) if columns else np.array([])
        self.index = pd.Index(values[~pd.isna(values)])
        self.style = STYLE_MONEY if money else STYLE_NUMBER
        self.cells = np.array([f'<c s="{self.style}"><v>{v}</v></c>' for v in self.index.tolist()]
                              + [f'<c s="{self.style}"/>'], dtype=object)  # the last: a blank (code -1)

    def column(self, values: np.ndarray) -> tuple[np.ndarray, int]:
        """The column's cells and the width its widest number needs."""
        largest = np.nanmax(np.abs(values)) if len(values) and not pd.isna(values).all() else 0
        text = f"{largest:,.2f}" if self.style == STYLE_MONEY else f"{largest:,}"
        return self.cells[self.index.get_indexer(values)], len(text) + 1


def _values(sheet: Sheet, column: str) -> np.ndarray:
    """A number column's values as written: money to the satang."""
    values = sheet.frame[column].to_numpy(dtype=float if column in sheet.money else None)
    return values.round(2) if column in sheet.money else values


def _as_text(column: pd.Series) -> pd.Series:
    """A text column's cells as text: a blank (None, NaN) as "", anything else (a number typed among text) as str."""
    return column.astype(object).where(column.notna(), "").astype(str)


def _is_text(sheet: Sheet, column: str) -> bool:
    return column not in sheet.money and not pd.api.types.is_numeric_dtype(sheet.frame[column])


def _text(value: str) -> str:
    """Text as XML character data: escaped, and what XML cannot hold written as Excel's _xHHHH_."""
    return escape(UNSAFE.sub(lambda m: f"_x{ord(m.group()[0]):04X}_", value))


def _sheet_xml(sheet: Sheet, strings: _Strings, numbers: dict[bool, _Numbers], texts: dict, rows: np.ndarray,
               selected: bool) -> str:
    """One worksheet: every cell of a row written in column order (so without a reference), a styled empty
    cell where a value is blank. `texts` holds pd.factorize() of each text column, `rows` each row's tag."""
    headers = strings.codes(sheet.headers)
    grid = np.empty((len(rows), len(headers) + 2), dtype=object)  # a row's tag, its cells, its end
    grid[:, 0], grid[:, -1] = rows, "</row>"
    widths = []
    for i, column in enumerate(sheet.frame.columns, start=1):
        if column in texts:
            local, uniques = texts[column]
            codes = strings.codes(uniques)[local]
            grid[:, i], width = strings.cells[codes], int(strings.widths[codes].max(initial=0))
        else:
            grid[:, i], width = numbers[column in sheet.money].column(_values(sheet, column))
        widths.append(min(max(width, strings.widths[headers[i - 1]], LEAST_WIDTH), MOST_WIDTH) + 2)
    header_row = "".join(f'<c s="{STYLE_HEADER}" t="s"><v>{code}</v></c>' for code in headers)
    title = f'<row r="1"><c s="{STYLE_HEADER}" t="s"><v>{strings.codes([sheet.title])[0]}</v></c></row>'
    head = (title if sheet.title else "") + f'<row r="{sheet.top}">{header_row}</row>'
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, start=1))
    tab = ' tabSelected="1"' if selected else ""
    first = f"A{sheet.top + 1}"
    view = (f'<sheetView workbookViewId="0"{tab}><pane ySplit="{sheet.top}" topLeftCell="{first}" '
            f'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="{first}" '
            f'sqref="{first}"/></sheetView>')
    return (f'{_HEAD}<worksheet xmlns="{_MAIN}"><sheetViews>{view}</sheetViews>'
            f'<sheetFormatPr defaultRowHeight="18"/><cols>{cols}</cols>'
            f'<sheetData>{head}{"".join(grid.ravel().tolist())}</sheetData>{_validations(sheet)}</worksheet>')


def _validations(sheet: Sheet) -> str:
    """The dropdowns of `sheet.choices` over the frame's rows ("" when none)."""
    if not sheet.choices or sheet.frame.empty:
        return ""
    first, last = sheet.top + 1, sheet.top + len(sheet.frame)
    items = []
    for column, words in sheet.choices.items():
        letter = get_column_letter(list(sheet.frame.columns).index(column) + 1)
        listed = _text('"' + ",".join(w.replace('"', '""') for w in words) + '"')
        items.append(f'<dataValidation type="list" allowBlank="1" showErrorMessage="1" '
                     f'sqref="{letter}{first}:{letter}{last}"><formula1>{listed}</formula1></dataValidation>')
    return f'<dataValidations count="{len(items)}">{"".join(items)}</dataValidations>'


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_ROOT_RELS = (f'{_HEAD}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
              f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_STYLES = (f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
           f'<fonts count="2"><font><sz val="11"/><name val="{FONT}"/></font>'
           f'<font><b/><sz val="11"/><name val="{FONT}"/></font></fonts>'
           '<fills count="2"><fill><patternFill patternType="none"/></fill>'
           '<fill><patternFill patternType="gray125"/></fill></fills>'
           '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
           '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/>'
           '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" '
           'quotePrefix="1"/></cellXfs>'
           '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def _content_types(n: int) -> str:
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                     'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, n + 1))
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    return (f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{kind}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{kind}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}.sharedStrings+xml"/>{sheets}</Types>')


def _workbook_xml(sheets: list[Sheet]) -> str:
    entries = "".join(f'<sheet name="{escape(s.name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, s in enumerate(sheets, start=1))
    return (f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView activeTab="0"/>'
            f"</bookViews><sheets>{entries}</sheets></workbook>")


def _workbook_rels(n: int) -> str:
    sheets = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                     for i in range(1, n + 1))
    return (f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{sheets}'
            f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{n + 2}" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
