"""The fuzzer's seed corpus: small versions (few rows) of every ledger shape the tests generate and of the
shipped samples, written in each format the fuzzer tries.

    python fuzz/seeds.py [FOLDER]    (default fuzz/seeds; one folder per format: xlsx xls csv html ods)

Shapes: the real-shaped ledgers of tests/test_read_real_shapes.py (eight loans each), the generator's layouts
(kmdash.synthetic.LedgerShape, a few loans) and the shipped samples cut to their first and last rows. The zip
formats get each seed twice: as the file and in its "unzipped form" (fuzz/archive.py), whose XML the
fuzzer can change without breaking a checksum; and a small zip bomb each, which must stay refused.
"""

from __future__ import annotations

import csv
import hashlib
import io
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "fuzz")]

from archive import FORMATS, ZIPPED, unzipped  # noqa: E402
from kmdash.synthetic import (  # noqa: E402
    DATE_FORMATS, HEADERS, LedgerShape, generate_loans, html_table, ledger_rows, write_ods)
from kmdash.synthetic.files import SHEET_NAME  # noqa: E402
from tests.support.ledgers import AS_OF, xls_bytes  # noqa: E402
from tests.support.shapes import Sheet, save  # noqa: E402
from tests.test_read_real_shapes import SHAPES  # noqa: E402  (the shapes live there, beside their test)

TEXT_ENCODINGS = ("utf-8", "cp874", "utf-16")
NOT_READ = ("docProps/", "xl/theme/", "Thumbnails/", "Configurations2/")  # parts no reader needs: left out of the
# unzipped forms, so that the fuzzer's changes fall on the sheets
SAMPLE_ROWS = (14, 4)  # a shipped sample's first and last rows kept: titles, header, a few loans; the totals


def sheets() -> Iterator[Sheet]:
    """Every shape: the tests' real shapes, the generator's layouts, the shipped samples cut short."""
    for shape in SHAPES:
        yield shape.sheet()
    loans = generate_loans(5, seed=21)
    for i, (header, dates) in enumerate((h, d) for h in sorted(HEADERS) for d in sorted(DATE_FORMATS)):
        plain = i % 2 == 1  # every other one without titles, subtotals or signatures
        shape = LedgerShape(header_style=header, date_style=dates, title_rows=not plain, subtotals=not plain,
                            signature=not plain, text_amount_share=0.5, blank_rows=1)
        yield Sheet(ledger_rows(loans, shape, AS_OF))
    for path in sorted((ROOT / "sample_data").glob("*.xlsx")) + sorted((ROOT / "sample_data").glob("*.csv")):
        yield Sheet(_cut(_sample_rows(path)))


def _sample_rows(path: Path) -> list[list]:
    if path.suffix == ".csv":
        return list(csv.reader(io.StringIO(path.read_bytes().decode("cp874"))))
    frame = pd.read_excel(path, header=None, dtype=object, engine="openpyxl")
    return [[None if pd.isna(v) else v for v in row] for row in frame.itertuples(index=False)]


def _cut(rows: list[list]) -> list[list]:
    first, last = SAMPLE_ROWS
    return rows[:first] + rows[-last:]


def _via_file(sheet: Sheet, suffix: str, fmt: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return save(sheet, Path(folder) / f"ledger.{suffix}", fmt).read_bytes()


def ods_bytes(rows: list[list]) -> bytes:
    buffer = io.BytesIO()
    write_ods({SHEET_NAME: rows}, buffer)
    return buffer.getvalue()


def writers() -> dict[str, list[Callable[[Sheet], bytes]]]:
    """Per format, the ways a sheet is written into it."""
    return {
        "xlsx": [lambda s: _via_file(s, "xlsx", "xlsx")],
        "xls": [lambda s: xls_bytes(s.rows)],
        "csv": [lambda s, e=e: _via_file(s, "csv" if e != "utf-16" else "txt", e) for e in TEXT_ENCODINGS],
        "html": [lambda s: html_table(s.rows)],
        "ods": [lambda s: ods_bytes(s.rows)],
    }


def bomb(kind: str) -> bytes:
    """A small archive naming the workbook's parts, one of which inflates a thousandfold."""
    buffer = io.BytesIO()
    main = "xl/workbook.xml" if kind == "xlsx" else "content.xml"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if kind == "ods":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr(main, b"<?xml version='1.0'?>" + b" " * 20_000_000)
    return buffer.getvalue()


def build(folder: Path) -> dict[str, int]:
    """Write the seeds; the count per format."""
    counts = {}
    shapes = list(sheets())
    for fmt, ways in writers().items():
        out = folder / fmt
        out.mkdir(parents=True, exist_ok=True)
        seeds = [data for sheet in shapes for way in ways if (data := _written(way, sheet))]
        if fmt in ZIPPED:
            seeds += [unzipped(s, NOT_READ) for s in seeds] + [bomb(fmt)]
        for data in seeds:
            (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
        counts[fmt] = len(seeds)
    return counts


def _written(way: Callable[[Sheet], bytes], sheet: Sheet) -> bytes | None:
    """The sheet written; None where the format cannot hold it (a character cp874 lacks)."""
    try:
        return way(sheet)
    except UnicodeEncodeError:
        return None


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "fuzz" / "seeds"
    built = build(target)
    assert set(built) == set(FORMATS)
    print(" ".join(f"{fmt}: {n} seeds" for fmt, n in built.items()))
