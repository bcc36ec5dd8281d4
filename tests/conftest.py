"""Shared helpers: generated ledgers written to files, the brief's figures computed independently,
and the CLI run in-process.

The expected figures never come from kmdash.analyse: `expected_figures` hands the generator's canonical
loans (one row per loan) to tests/support/oracle.py, which applies the brief's rules in plain Python.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from kmdash.cli import main
from kmdash.read.headers import MONEY_FIELDS
from kmdash.synthetic import (
    LedgerShape,
    generate_loans,
    ledger_rows,
    write_csv,
    write_xlsx,
)

from .support import oracle

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2024, 3, 31)  # the generator's default as-of date, "ณ วันที่ 31 มีนาคม 2567"
MONEY = MONEY_FIELDS
BUCKETS = oracle.BUCKETS


# ---------------------------------------------------------------- files


def write_rows(rows: list[list], path: Path, encoding: str = "cp874") -> Path:
    """Write a sheet (rows of cells) as xlsx or csv by the path's suffix, with the generator's writers."""
    path = Path(path)
    if path.suffix == ".xlsx":
        write_xlsx(rows, path)
    else:
        write_csv(rows, path, encoding)
    return path


def workbook_bytes(*rows: list) -> bytes:
    """An ordinary openpyxl workbook (real cell types, not the generator's writer) holding these rows."""
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def xls_bytes(rows: list[list], sheet: str = "ลูกหนี้เงินกู้") -> bytes:
    """An old-format (BIFF, Excel 97-2003) .xls workbook, as older co-op programs export; dates as real dates."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                ws.write(i, j, value, date_style) if isinstance(value, date) else ws.write(i, j, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(rows: list[list]) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(rows, buffer)
    return buffer.getvalue()


@pytest.fixture
def ledger_file(tmp_path):
    """ledger_file(loans, shape=LedgerShape(), fmt="xlsx", encoding="cp874", as_of=AS_OF) -> Path."""
    count = 0

    def make(loans: pd.DataFrame, shape: LedgerShape = LedgerShape(), fmt: str = "xlsx",
             encoding: str = "cp874", as_of: date = AS_OF) -> Path:
        nonlocal count
        count += 1
        path = tmp_path / f"ledger{count}.{fmt}"
        return write_rows(ledger_rows(loans, shape, as_of), path, encoding)

    return make


@pytest.fixture(scope="session")
def zip_bomb() -> bytes:
    """A 'workbook' whose sheet inflates to 450 MB of zeros (about 0.5 MB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (15 << 20)
            for _ in range(30):
                member.write(chunk)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def loans_120():
    return generate_loans(120, seed=7)


# ---------------------------------------------------------------- expected figures


def expected_figures(loans: pd.DataFrame, as_of: date, basis: str = "principal_overdue",
                     long_days: int = 365, top: int = 20) -> dict:
    """The brief's figures from the generator's canonical loans, in the shape of `summary --json`."""
    return oracle.figures(loans.to_dict("records"), as_of, basis, long_days, top)


MONEY_KEYS = ("outstanding", "overdue", "interest_arrears")
COUNT_KEYS = ("loans_overdue", "members", "members_overdue", "members_overdue_over_365", "members_long_overdue",
              "groups", "groups_overdue")


def baht_equal(a: float, b: float) -> bool:
    """Equal to the satang (money is rounded to 0.01)."""
    return abs(a - b) < 0.005


def fraction_equal(a: float, b: float) -> bool:
    """Equal to the 4 decimals kmdash reports fractions with."""
    return abs(a - b) <= 0.00005 + 1e-12


def assert_figures(summary: dict, expected: dict) -> None:
    """Every headline figure and table of a `summary --json` object against expected_figures()."""
    for key in COUNT_KEYS:
        assert summary[key] == expected[key], key
    for key in MONEY_KEYS:
        assert baht_equal(summary[key], expected[key]), (key, summary[key], expected[key])
    for key in ("par30", "par90"):
        assert fraction_equal(summary[key], expected[key]), (key, summary[key], expected[key])

    assert [r["bucket"] for r in summary["aging"]] == list(BUCKETS)
    for got, want in zip(summary["aging"], expected["aging"]):
        assert (got["loans"], got["members"]) == (want["loans"], want["members"]), want["bucket"]
        assert baht_equal(got["overdue"], want["overdue"]), want["bucket"]

    assert [g["group"] for g in summary["by_group"]] == [g["group"] for g in expected["by_group"]]
    for got, want in zip(summary["by_group"], expected["by_group"]):
        assert (got["members"], got["members_overdue"]) == (want["members"], want["members_overdue"]), want
        assert baht_equal(got["overdue"], want["overdue"]), want
        assert fraction_equal(got["share"], want["share"]), want

    assert [(m["member"], m["name"], m["group"], m["days"]) for m in summary["top_members"]] == \
        [(m["member"], m["name"], m["group"], m["days"]) for m in expected["top_members"]]
    for got, want in zip(summary["top_members"], expected["top_members"]):
        assert baht_equal(got["overdue"], want["overdue"]), want


# ---------------------------------------------------------------- the command line


@dataclass
class CliRun:
    code: int
    out: str
    err: str

    @property
    def json(self) -> dict:
        assert self.code == 0, self.err
        return json.loads(self.out)


@pytest.fixture
def cli(capsys):
    """cli("summary", path, "--json", ...) runs kmdash.cli.main in-process and captures its output."""

    def run(*args) -> CliRun:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return CliRun(code, out, err)

    return run


# ---------------------------------------------------------------- the snapshot store


def pg_url() -> str:
    """KMDASH_TEST_PG_URL (.ci/run sets it with scripts/start-postgres.sh); under CI=true its absence fails."""
    url = os.environ.get("KMDASH_TEST_PG_URL")
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but KMDASH_TEST_PG_URL is not set: .ci/run starts PostgreSQL with scripts/start-postgres.sh")
    pytest.skip("no KMDASH_TEST_PG_URL (scripts/start-postgres.sh starts a local PostgreSQL)")


def drop_every_table(url: str) -> None:
    """The database emptied: the store's tables, Alembic's version table, whatever a test left."""
    engine = sa.create_engine(url)
    tables = sa.MetaData()
    tables.reflect(engine)
    tables.drop_all(engine)
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """An empty database for a snapshot store: an SQLite file, or KMDASH_TEST_PG_URL's database emptied before
    and after the test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'snapshots.db'}"
        return
    url = pg_url()
    drop_every_table(url)
    yield url
    drop_every_table(url)


# ---------------------------------------------------------------- the browser tests (tests/browser.py)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """One `streamlit run app.py` on a free loopback port for every browser test; its base URL."""
    from .browser import streamlit_server

    with streamlit_server(tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, shared by the browser tests (each opens its own contexts)."""
    from .browser import chromium

    with chromium() as launched:
        yield launched


# ---------------------------------------------------------------- pages through AppTest


@pytest.fixture(autouse=True)
def router_on_every_run(monkeypatch):
    """Every AppTest run goes through app.py, as on the server once st.navigation has run.

    AppTest resets PagesManager.uses_pages_directory before each run and PagesManager.__init__ then
    sets it because pages/ exists, which would run a page as a legacy page without app.py. The pages' own
    workaround (ui.router.ensure_router) must never be what makes a test pass, so it is switched off.
    """
    from streamlit.runtime.pages_manager import PagesManager

    import ui.router

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    def no_legacy_rerun() -> None:
        assert not PagesManager.uses_pages_directory, "a page ran as a legacy pages/ page"

    monkeypatch.setattr(ui.router, "ensure_router", no_legacy_rerun)


def open_app_page(page: str, privacy: bool = False):
    """The app on one page (pages/<page>.py), run through app.py, privacy switched as asked."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    if privacy:
        at.toggle(key="privacy").set_value(True)
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
