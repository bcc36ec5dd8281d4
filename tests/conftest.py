"""The tests' fixtures, and only fixtures: the helpers they are made with live in tests/support/.

Data that is costly to make is made once a session: the shipped sample's loans (`sample_loans`, 600 loans of
seed 0, as `python -m kmdash.synthetic sample_data` writes them) and their figures (`sample_expected`, from the
independent oracle, never from kmdash.analyse), other generated loans, the zip bomb, the browser and its server.
Session data is shared: a test that changes a frame works on its own copy (`.copy()`); the generated loans and
the sample's figures are checked at the end of the session to be as they were made.
"""

from __future__ import annotations

import copy
import io
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from kmdash.cli import main
from kmdash.synthetic import LedgerShape, generate_loans, ledger_rows

from .support.cli import CliRun
from .support.figures import expected_figures
from .support.ledgers import AS_OF, SAMPLE_SEED, SAMPLE_SIZE, XLSX, shared, write_rows, xlsx_bytes
from .support.record import Files, Record, generate, write_record
from .support.stores import drop_every_table, pg_url

# ---------------------------------------------------------------- generated loans


@pytest.fixture(scope="session")
def sample_loans() -> pd.DataFrame:
    """The loans of the shipped sample (python -m kmdash.synthetic sample_data: 600 loans, seed 0), one row per
    loan. Shared by every test: never changed in place (checked when the session ends)."""
    yield from shared(lambda: generate_loans(SAMPLE_SIZE, seed=SAMPLE_SEED), "sample_loans")


@pytest.fixture(scope="session")
def sample_expected(sample_loans) -> dict:
    """The sample's figures by the independent oracle, every member in `top_members` (top=10**6). Shared:
    never changed in place (checked when the session ends)."""
    expected = expected_figures(sample_loans, AS_OF, top=10**6)
    kept = copy.deepcopy(expected)
    yield expected
    assert expected == kept, "sample_expected: a test changed the shared figures"


@pytest.fixture(scope="session")
def personal(sample_loans) -> tuple[set[str], set[str]]:
    """Every name (given name and surname, so with any title) and contract number, and every member
    number of the sample."""
    people = set(sample_loans["name"]) | set(sample_loans["guarantor"]) - {""}
    return {p.split(" ", 1)[1] for p in people if p} | set(sample_loans["contract"]), set(sample_loans["member_no"])


@pytest.fixture(scope="session")
def loans_120() -> pd.DataFrame:
    yield from shared(lambda: generate_loans(120, seed=7), "loans_120")


@pytest.fixture(scope="session")
def loans_300() -> pd.DataFrame:
    yield from shared(lambda: generate_loans(300, seed=7), "loans_300")


@pytest.fixture(scope="session")
def upload_300(loans_300) -> tuple[str, bytes, str]:
    """A Thai ledger other than the sample, as the browser would upload it."""
    return ("ลูกหนี้_300.xlsx", xlsx_bytes(ledger_rows(loans_300, LedgerShape(), AS_OF)), XLSX)


# ---------------------------------------------------------------- files


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


@pytest.fixture
def ledger_120(ledger_file, loans_120):
    """loans_120 written as an xlsx ledger in the generator's default shape."""
    return ledger_file(loans_120)


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


# ---------------------------------------------------------------- the command line


@pytest.fixture
def cli(capsys):
    """cli("summary", path, "--json", ...) runs kmdash.cli.main in-process and captures its output."""

    def run(*args) -> CliRun:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return CliRun(code, out, err)

    return run


# ---------------------------------------------------------------- a co-op's year (the history)


@pytest.fixture(scope="session")
def year():
    """Twelve monthly ledgers of one co-op with known changes (kmdash.synthetic.year)."""
    from kmdash.synthetic.year import ledger_year

    return ledger_year(300, seed=5, joined=10)


@pytest.fixture(scope="session")
def year_files(year, tmp_path_factory) -> list[Path]:
    """The year's ledgers as the co-op's program exports them (xlsx, titled with their dates)."""
    from kmdash.synthetic.files import write_ledger

    folder = tmp_path_factory.mktemp("year")
    paths = [folder / f"{month + 1:02d}.xlsx" for month in range(len(year.ledgers))]
    for path, loans, as_of in zip(paths, year.ledgers, year.dates):
        write_ledger(loans, path, as_of=as_of)
    return paths


@pytest.fixture(scope="session")
def year_results(year_files) -> list:
    """Each month's pipeline result, read once."""
    from kmdash.pipeline import run

    return [run(path) for path in year_files]


# ---------------------------------------------------------------- the snapshot store


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


@pytest.fixture
def store_engine(store_url):
    """The store opened (migrated to the newest revision) on store_url's empty database."""
    from kmdash import store

    engine = store.open_store(store_url)
    yield engine
    engine.dispose()


# ---------------------------------------------------------------- the record of actions (tests/support/record.py)


@pytest.fixture(scope="session")
def generated_record() -> Record:
    """A generated pair of ledgers and a generated record of actions over it, with every figure a follow-up judged
    by the record must give. Shared: never changed (its actions are checked unchanged when the session ends)."""
    record = generate()
    kept = copy.deepcopy(record.actions)
    yield record
    assert record.actions == kept, "generated_record: a test changed the shared record"


@pytest.fixture(scope="session")
def record_files(generated_record, tmp_path_factory) -> Files:
    """The generated pair as two xlsx ledgers, its record as a Thai CSV (BE dates) and an English xlsx (CE)."""
    return write_record(generated_record, tmp_path_factory.mktemp("record"))


# ---------------------------------------------------------------- the browser tests (tests/support/browser.py)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """One `streamlit run app.py` on a free loopback port for every browser test; its base URL."""
    from .support.browser import streamlit_server

    with streamlit_server(tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture
def app_with_store(tmp_path, monkeypatch) -> tuple[str, str]:
    """A `streamlit run app.py` of its own whose store (KMDASH_STORE) is empty: the database kmdash_e2e under
    KMDASH_TEST_PG_URL, else a new SQLite file (support.browser.app_store): (base URL, store URL). The shared
    app_url server keeps the store of .streamlit/secrets.toml."""
    from kmdash import store

    from .support.browser import app_store, streamlit_server

    url = app_store(tmp_path)
    monkeypatch.setenv(store.ENV, url)  # the server's process inherits it
    with streamlit_server(tmp_path) as app:
        yield app, url


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, shared by the browser tests (each opens its own contexts)."""
    from .support.browser import chromium

    with chromium() as launched:
        yield launched


# ---------------------------------------------------------------- pages through AppTest


@pytest.fixture
def empty_streamlit_caches():
    """Streamlit's caches emptied, as on a server just started. They belong to the process, so whatever pages ran
    before (in any module) would be in them: a test that counts them counts only its own runs'."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


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


# ---------------------------------------------------------------- the board pack (tests/support/pack.py)


@pytest.fixture(scope="session")
def sample_result():
    """The shipped Thai sample (sample_data/ledger_th.xlsx) read and analysed, as `report` reads it. Shared: never
    changed in place."""
    from kmdash.pipeline import run

    from .support.ledgers import SAMPLE

    return run(SAMPLE)


@pytest.fixture(scope="session")
def sample_pack_pdf(sample_result) -> bytes:
    """The sample's board pack in Thai, names shown, made on 20 April 2024, as a PDF."""
    from kmdash.report.pack.content import gather
    from kmdash.report.pack.pdf import render

    return render(gather(sample_result, made=date(2024, 4, 20)))


@pytest.fixture(scope="session")
def sample_pack_docx(sample_result):
    """sample_pack_docx(lang="th", aliases=False) -> (the Pack, its .docx bytes): the sample's board pack made on
    20 April 2024, names shown or replaced by aliases (a fixed key); each made once a session."""
    from kmdash.report.pack import docx
    from kmdash.report.pack.content import gather

    made = {}

    def make(lang: str = "th", aliases: bool = False):
        if (lang, aliases) not in made:
            pack = gather(sample_result, lang, alias_key=b"\x07" * 32 if aliases else None, made=date(2024, 4, 20))
            made[lang, aliases] = (pack, docx.render(pack))
        return made[lang, aliases]

    return make


@pytest.fixture(scope="session")
def year_rows(year_results, tmp_path_factory):
    """The year saved once in an SQLite store: (its co-op, its `history.Rows`), for tests of the history itself.
    Shared: never changed."""
    from kmdash import store

    engine = store.open_store(f"sqlite:///{tmp_path_factory.mktemp('year_store') / 's.db'}")
    for result in year_results:
        store.save_ledger(engine, result)
    coop = store.coops(engine)[0]
    rows = store.history_rows(engine, coop)
    engine.dispose()
    return coop, rows


# ---------------------------------------------------------------- two co-ops and their people (tests/support/coops.py)


@pytest.fixture(scope="session")
def two_coops(tmp_path_factory):
    """Two co-ops' ledgers (two months each), and each ledger's pipeline result: (coops, results per co-op)."""
    from kmdash.pipeline import run

    from .support.coops import write_coops

    coops = write_coops(tmp_path_factory.mktemp("coops"))
    return coops, tuple(tuple(run(path) for path in coop.files) for coop in coops)


@pytest.fixture
def office(tmp_path, two_coops):
    """An SQLite store holding both co-ops' snapshots and one account per role (tests/support/office.py)."""
    from .support.office import make_office

    return make_office(f"sqlite:///{tmp_path / 'office.db'}", *two_coops)
