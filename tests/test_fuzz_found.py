"""What the fuzzer (fuzz/, `make fuzz`) found, each kept as the smallest input that shows it, and what each must
give now: a clear refusal (a LedgerError with its own message, never the catch-all "file_failed"), in memory
and time bounded like any other file.

- An .xls whose compound-file container loops or over-counts (tests/fixtures/fuzz/xls_damaged_chain.xls, 6 kB,
  the fuzzer's; tests/support/containers.py builds the smallest by hand), or whose sheet's DIMENSIONS record
  puts the first row after the last (one byte changed): the Rust reader follows the loop, or sizes a buffer by
  the count, until memory runs out and the process aborts (a server's too).
  kmdash.read.cfb.check refuses it before the reader opens it.
- A sheet with one cell far right of the table (the fuzzer's .xls: a cell moved to column 10,753; as often in
  real workbooks, an xlsx with a stray cell in column XFD): read 10,000 to 16,000 columns wide, 40 seconds on
  the shared test machine for a 6 kB file where the same ledger without it takes one. A sheet wider than
  workbook.MAX_COLUMNS (1,000) is now refused like a far cell (sheet_too_far): an xlsx by its <dimension>, an
  xls by its cells' own rows and columns (cfb.check), both before the sheet is read. The fuzzer's next .xls
  (tests/fixtures/fuzz/xls_far_cell.xls) had a cell at column 62,969: 12 s of the reader's time; a cell moved to
  row and column 60,001 (built by hand) made it ask for 3.6 billion cells and the process died. Its third
  (tests/fixtures/fuzz/xls_far_down.xls, 10 kB: cells out to row 65,521 and column 249, 16 million) took 1.6 GB
  in the reader: workbook.MAX_CELLS is now 6 million (100,000 loans of 60 columns), some 600 MB at most.
- A CSV (or HTML table) whose rows stop short of the header's last column, a header the catalogue does not
  know, where no member-number column is known: the check of the unknown columns against the names read past
  the rows' end (IndexError, the catch-all).
- A zip whose directory names a part in bytes that are not the UTF-8 it claims: Python's zipfile raises
  UnicodeDecodeError, which workbook.zip_kind let through to the catch-all; now a damaged workbook like any other.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from kmdash import pipeline
from kmdash.errors import LedgerError
from kmdash.read import cfb

from .support import containers
from .support.cli import CliRun, assert_user_error
from .support.ledgers import ROOT, xls_bytes, xlsx_bytes
from .support.shapes import LOANS, render

FIXTURES = Path(__file__).parent / "fixtures" / "fuzz"
FUZZER_XLS = FIXTURES / "xls_damaged_chain.xls"
FUZZER_FAR_XLS = FIXTURES / "xls_far_cell.xls"  # one cell at column 62,969: 12 s in the reader, now refused at once
FUZZER_FAR_DOWN_XLS = FIXTURES / "xls_far_down.xls"  # 65,521 rows x 249 columns: 1.6 GB in the reader
MEMORY = 3 * 1024 ** 3  # the command's address space in the test: the reader's runaway stops there, not the machine's
CPU_SECONDS = 15  # a small ledger reads in one; a sheet read far too wide is stopped there


def bounded_summary(data: bytes, tmp_path: Path, suffix: str = "xls") -> CliRun:
    """`summary --json` of the file in a process of bounded memory and processor time."""
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))

    path = tmp_path / f"ledger.{suffix}"
    path.write_bytes(data)
    run = subprocess.run([sys.executable, "-m", "kmdash", "summary", str(path), "--json"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300, preexec_fn=limits)
    return CliRun(run.returncode, run.stdout, run.stderr)


@pytest.mark.parametrize("data, why", [
    (containers.directory_loop(), "chain"),
    (containers.fat_count_beyond_file(), "count"),
    (containers.stream_longer_than_file(), "longer"),
    (FUZZER_XLS.read_bytes(), "chain"),
    (containers.xls_first_row_after_last(render().rows), "first row"),
], ids=["directory-loop", "fat-count", "stream-length", "fuzzer-xls", "dimensions"])
def test_the_check_refuses_a_container_the_reader_would_run_away_on(data, why):
    with pytest.raises(cfb.Damaged, match=why):
        cfb.check(data)


def test_the_check_passes_the_xls_workbooks_the_tests_write():
    for loans in (LOANS, LOANS[:1]):
        cfb.check(xls_bytes(render(loans).rows))


@pytest.mark.parametrize("make", [containers.directory_loop, containers.fat_count_beyond_file, FUZZER_XLS.read_bytes,
                                  lambda: containers.xls_first_row_after_last(render().rows)],
                         ids=["directory-loop", "fat-count", "fuzzer-xls", "dimensions"])
def test_an_xls_the_reader_would_run_away_on_is_refused_as_damaged(make, tmp_path):
    run = bounded_summary(make(), tmp_path)
    assert_user_error(run)
    assert "xls" in run.err and "damaged" in run.err


@pytest.mark.parametrize("make, suffix", [(containers.xls_cell_far_right, "xls"),
                                          (containers.xls_cell_far_away, "xls"),
                                          (lambda rows: FUZZER_FAR_XLS.read_bytes(), "xls"),
                                          (lambda rows: FUZZER_FAR_DOWN_XLS.read_bytes(), "xls"),
                                          (containers.xlsx_cell_far_right, "xlsx")],
                         ids=["xls", "xls-far-away", "fuzzer-xls-far", "fuzzer-xls-far-down", "xlsx"])
def test_a_sheet_with_a_cell_far_right_is_refused_quickly_as_a_far_cell(make, suffix, tmp_path):
    run = bounded_summary(make(render().rows), tmp_path, suffix)
    assert_user_error(run)
    assert "far beyond the table" in run.err


def test_a_zip_naming_a_part_in_broken_utf8_is_refused_as_damaged():
    with pytest.raises(LedgerError) as refused:
        pipeline.read(containers.zip_with_undecodable_name(xlsx_bytes(render().rows)))
    assert refused.value.code == "book_unreadable"


def test_rows_stopping_short_of_an_unknown_last_header_are_read():
    """An export leaving out the empty last field of every row (the fuzzer's HTML table, made small)."""
    reading = pipeline.read("ชื่อ - สกุล,วันครบกำหนดชำระ,เงินต้นคงเหลือ,รหัส\n"
                            "นายก ใจดี,31/03/2566,100.00\nนายข ใจดี,31/03/2566,200.00\n".encode())
    assert reading.ledger.loans["name"].tolist() == ["นายก ใจดี", "นายข ใจดี"]
    assert reading.ledger.keyed_by_name.unknown == ["รหัส"]
