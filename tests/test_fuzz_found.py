"""What the fuzzer (fuzz/, `make fuzz`) found, each kept as the smallest input that shows it, and what each must
give now: a clear refusal (a LedgerError with its own message, never the catch-all "file_failed"), in memory
and time bounded like any other file.

- An .xls whose compound-file container loops or over-counts (tests/fixtures/fuzz/xls_damaged_chain.xls, 6 kB,
  the fuzzer's; tests/support/containers.py builds the smallest by hand), or whose sheet's DIMENSIONS record
  puts the first row after the last (one byte changed): the Rust reader follows the loop, or sizes a buffer by
  the count, until memory runs out and the process aborts (a server's too).
  kmdash.read.cfb.check refuses it before the reader opens it.
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
MEMORY = 3 * 1024 ** 3  # the command's address space in the test: the reader's runaway stops there, not the machine's


def bounded_summary(data: bytes, tmp_path: Path) -> subprocess.CompletedProcess:
    """`summary --json` of the file in a process of bounded memory and time."""
    path = tmp_path / "ledger.xls"
    path.write_bytes(data)
    return subprocess.run([sys.executable, "-m", "kmdash", "summary", str(path), "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY)))


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
    assert_user_error(CliRun(run.returncode, run.stdout, run.stderr))
    assert "xls" in run.stderr and "damaged" in run.stderr


def test_a_zip_naming_a_part_in_broken_utf8_is_refused_as_damaged():
    with pytest.raises(LedgerError) as refused:
        pipeline.read(containers.zip_with_undecodable_name(xlsx_bytes(render().rows)))
    assert refused.value.code == "book_unreadable"
