"""What app.py and every page share: language, privacy, the current file and the cached core calls.

Streamlit-only glue; the figures themselves all come from kmdash/.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from kmdash import i18n, privacy
from kmdash.analyse import Analysis, analyse, pareto_count
from kmdash.charts import pareto_figure
from kmdash.clean import Ledger
from kmdash.errors import LedgerError
from kmdash.filters import Filters, apply_filters
from kmdash.i18n import t
from kmdash.ledger import read_ledger, resolve_as_of
from kmdash.load import sheet_names
from kmdash.reconcile import Reconciliation, reconcile
from kmdash.settings import Settings

SAMPLE = Path(__file__).parent / "sample_data" / "ledger_th.xlsx"


@dataclass
class Source:
    name: str
    data: bytes
    digest: str
    is_sample: bool


@dataclass
class Current:
    """The loaded ledger and its analysis, as the pages show them."""

    source: Source
    sheet: str | None
    sheets: list[str]
    ledger: Ledger
    as_of: date
    as_of_source: str
    analysis: Analysis
    reconciliation: Reconciliation
    key: tuple  # what the cached reads depend on: file digest, sheet, header mapping


def lang() -> str:
    return st.session_state.get("lang", "th")


def tr(key: str, **values) -> str:
    """The UI string for `key` in the chosen language."""
    return t(key, lang(), **values)


def private() -> bool:
    return bool(st.session_state.get("privacy", False))


def source() -> Source:
    """The uploaded file, or the shipped sample ledger when nothing is uploaded."""
    uploaded = st.session_state.get("uploaded")
    return uploaded if uploaded is not None else _sample()


@functools.cache
def _sample() -> Source:
    data = SAMPLE.read_bytes()
    return Source(SAMPLE.name, data, hashlib.sha256(data).hexdigest(), is_sample=True)


def set_upload(name: str, data: bytes) -> None:
    """Remember an uploaded file (in memory only) and reset choices made for the previous one."""
    digest = hashlib.sha256(data).hexdigest()
    previous = st.session_state.get("uploaded")
    if previous is not None and previous.digest == digest:
        return
    st.session_state["uploaded"] = Source(name, data, digest, is_sample=False)
    _forget_choices()


def clear_upload() -> None:
    st.session_state.pop("uploaded", None)
    _forget_choices()


def _forget_choices() -> None:
    """Choices made for the previous file: sheet, header mapping, as-of date."""
    for key in ("sheet", "sheet_picker", "mapping", "as_of"):
        st.session_state.pop(key, None)


@st.cache_data(max_entries=6, show_spinner=False)
def _sheets(digest: str, _data: bytes) -> list[str]:
    return sheet_names(_data)


def sheets() -> list[str]:
    """The current file's sheet names, where reading it failed ([] for CSV or a file that cannot be opened)."""
    src = source()
    try:
        return _sheets(src.digest, src.data)
    except LedgerError:
        return []


@st.cache_data(max_entries=6, show_spinner=False)
def _read(digest: str, _data: bytes, sheet: str | None, mapping: tuple) -> tuple[str | None, list[str], Ledger]:
    raw, ledger = read_ledger(_data, sheet, dict(mapping))
    return raw.sheet, raw.sheets, ledger


@st.cache_data(max_entries=12, show_spinner=False)
def _analyse(digest: str, sheet: str | None, mapping: tuple, as_of: date, settings: Settings,
             _loans: pd.DataFrame) -> Analysis:
    return analyse(_loans, as_of, settings)


def load_current(progress: bool = False) -> Current | LedgerError:
    """Read and analyse the current file (cached stages, with a progress bar when asked)."""
    src = source()
    mapping = tuple(sorted(st.session_state.get("mapping", {}).items()))
    bar = st.progress(0.05, text=tr("stage_read")) if progress else None
    try:
        sheet, names, ledger = _read(src.digest, src.data, st.session_state.get("sheet"), mapping)
        if bar:
            bar.progress(0.6, text=tr("stage_analyse"))
        as_of, as_of_source = resolve_as_of(ledger.title_as_of, st.session_state.get("as_of"))
        settings = st.session_state.get("settings", Settings())
        analysis = _analyse(src.digest, sheet, mapping, as_of, settings, ledger.loans)
    except LedgerError as exc:
        return exc
    finally:
        if bar:
            bar.empty()
    return Current(src, sheet, names, ledger, as_of, as_of_source, analysis,
                   reconcile(ledger.loans, ledger.grand_total), key=(src.digest, sheet, mapping))


def show_error(error: LedgerError) -> None:
    """The core's message (what is wrong, what to do) in an error box."""
    st.error(f"{source().name}: {error.message(lang())}", icon="⚠️")


def shown(frame: pd.DataFrame, cur: Current) -> pd.DataFrame:
    """A table as the screen may show it: with names and member numbers aliased when privacy is on."""
    if not private():
        return frame
    return privacy.mask(frame, _aliases(cur.key, lang(), cur.analysis.members["member_no"]), lang())


@st.cache_data(max_entries=6, show_spinner=False)
def _aliases(key: tuple, language: str, _member_nos: pd.Series) -> dict[str, str]:
    return privacy.aliases(_member_nos, language)


def need_current() -> Current:
    """For pages that only show figures: the current analysis, or stop with a pointer to the load page."""
    cur = load_current()
    if isinstance(cur, LedgerError):
        show_error(cur)
        st.info(tr("go_load"))
        st.stop()
    if cur.source.is_sample:
        st.caption(tr("sample_note"))
    return cur


def tiles(cur: Current) -> None:
    """The headline figures as large tiles."""
    head = cur.analysis.headline
    cells = [
        (tr("tile_members"), i18n.count(head["members"]), None),
        (tr("tile_members_overdue"), i18n.count(head["members_overdue"]), None),
        (tr("tile_overdue"), f"{head['overdue']:,.2f}", None),
        (tr("tile_interest"), f"{head['interest_arrears']:,.2f}", None),
        (tr("tile_par30"), i18n.percent(head.get("par30")), tr("par_help", d=30)),
        (tr("tile_par90"), i18n.percent(head.get("par90")), tr("par_help", d=90)),
        (tr("tile_long"), i18n.count(head["members_long_overdue"]), None),
    ]
    for row, widths in ((cells[:4], [1, 1, 2, 2]), (cells[4:], [1, 1, 1, 1])):  # money to the satang is wide
        for column, (label, value, help_text) in zip(st.columns(widths), row):
            column.metric(label, value, help=help_text, border=True)


def column_labels(frame: pd.DataFrame) -> dict[str, str]:
    """Table headers in the chosen language."""
    return {c: t(f"col_{c}", lang(), default=c) for c in frame.columns}


def day(value) -> str:
    return i18n.day(value, lang())


def filter_bar(cur: Current, page: str) -> Filters:
    """Group, bucket, loan type and minimum-amount filters; they drive every chart on the page."""
    loans = cur.analysis.loans
    with st.expander(tr("filters"), expanded=True):
        c1, c2, c3, c4 = st.columns(4)
        everything = tr("f_all")
        groups = c1.multiselect(tr("f_groups"), sorted(loans["group"].unique()), key=f"{page}_groups",
                                placeholder=everything)
        buckets = c2.multiselect(tr("f_buckets"), cur.analysis.settings.bucket_labels, key=f"{page}_buckets",
                                 format_func=lambda b, language=lang(): i18n.bucket(b, language),
                                 placeholder=everything)
        types = sorted(loans["loan_type"].unique()) if "loan_type" in loans else []
        loan_types = c3.multiselect(tr("f_types"), types, key=f"{page}_types", disabled=not types,
                                    placeholder=everything)
        minimum = c4.number_input(tr("f_min"), min_value=0.0, value=0.0, step=1000.0, key=f"{page}_min")
    return Filters(tuple(groups), tuple(buckets), tuple(loan_types), float(minimum))


MONEY_COLUMNS = {"amount_lent", "outstanding", "principal_overdue", "interest_arrears", "penalty", "share_capital",
                 "deposits", "overdue", "overdue_amount"}


def table(frame: pd.DataFrame) -> None:
    """A sortable table with headers in the chosen language, money to the satang, shares in percent."""
    labels = column_labels(frame)
    config = {labels[c]: st.column_config.NumberColumn(labels[c], format="accounting")
              for c in frame.columns if c in MONEY_COLUMNS}
    if "share" in frame:
        config[labels["share"]] = st.column_config.NumberColumn(labels["share"], format="percent")
    st.dataframe(frame.rename(columns=labels), hide_index=True, width="stretch", column_config=config)


def chart(figure, caption: str) -> None:
    """A full-width chart (our own projector layout, not Streamlit's theme) with its one-line caption."""
    st.plotly_chart(figure, width="stretch", theme=None)
    st.markdown(f"<p style='font-size:1.1rem;margin-top:-0.5rem'>{caption}</p>", unsafe_allow_html=True)


def pareto_chart(analysis: Analysis, members_shown: pd.DataFrame) -> None:
    overdue = int((analysis.members["overdue"] > 0).sum())
    chart(pareto_figure(members_shown, lang()), tr("cap_pareto", n=pareto_count(analysis.members), total=overdue))


def ensure_router() -> None:
    """Run every page through app.py (language, privacy, navigation).

    A page opened by its URL before app.py has run once on this server is executed by Streamlit as a
    legacy pages/ page, without app.py. Switch that legacy flag off, as st.navigation does, and rerun.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def filtered_page(cur: Current, page: str) -> Analysis:
    """A page's title, its filter bar and the filtered analysis; stops the page when nothing matches."""
    st.title(tr(f"page_{page}"))
    view = apply_filters(cur.analysis, filter_bar(cur, page))
    st.caption(tr("f_count", loans=len(view.loans), members=len(view.members)))
    if view.loans.empty:
        st.info(tr("no_rows"))
        st.stop()
    return view
