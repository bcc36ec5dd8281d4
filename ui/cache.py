"""The core's pipeline behind Streamlit's caches: the read per file digest, sheet and header mapping;
the analysis per as-of date and settings. A filter change reuses both."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from kmdash import pipeline, privacy, province
from kmdash.analyse import Analysis
from kmdash.errors import LedgerError
from kmdash.pipeline import Reading, Result
from kmdash.province import CoopRow
from kmdash.read.load import sheet_names
from kmdash.settings import GradingRules, Settings
from kmdash.techniques.grading.grades import Grading, grade_members

from . import state
from .state import Source, tr


@dataclass
class Current:
    """The current file and what the pipeline made of it."""

    source: Source
    result: Result
    key: tuple  # what the cached read depends on: file digest, sheet, header mapping


@st.cache_data(max_entries=6, show_spinner=False)
def _sheets(digest: str, _data: bytes) -> list[str]:
    return sheet_names(_data)


def sheets() -> list[str]:
    """The current file's sheet names, where reading it failed ([] for CSV or a file that cannot be opened)."""
    src = state.source()
    try:
        return _sheets(src.digest, src.data)
    except LedgerError:
        return []


# Results are shared read-only between reruns and sessions (no copy per rerun). A result holds its reading, so
# as many readings as results cost no more memory, and fewer made a room of users (each on a file of their own)
# read every file again on each page (`make loadtest`). Sixteen: ten or so users in one office, with a few as-of
# dates or settings; a 2,000-loan result is about 1 MB, a 100,000-loan one about 75 MB (1.2 GB for all sixteen).
RESULTS = 16


@st.cache_resource(max_entries=RESULTS, show_spinner=False)
def _read(digest: str, _data: bytes, sheet: str | None, mapping: tuple) -> Reading:
    return pipeline.read(_data, sheet, dict(mapping))


@st.cache_resource(max_entries=RESULTS, show_spinner=False)
def _finish(digest: str, sheet: str | None, mapping: tuple, name: str, as_of: date | None, settings: Settings,
            today: date, _reading: Reading) -> Result:
    return pipeline.finish(_reading, name, as_of, settings, today)


def load_current(progress: bool = False) -> Current | LedgerError:
    """Read and analyse the current file (cached stages, with a progress bar when asked)."""
    src, mapping = state.source(), state.mapping()
    sheet = st.session_state.get("sheet")
    bar = st.progress(0.05, text=tr("stage_read")) if progress else None
    try:
        reading = _read(src.digest, src.data, sheet, mapping)
        if bar:
            bar.progress(0.6, text=tr("stage_analyse"))
        result = _finish(src.digest, sheet, mapping, src.name, st.session_state.get("as_of"),
                         st.session_state.get("settings", Settings()), date.today(), reading)
    except LedgerError as exc:
        return exc
    finally:
        if bar:
            bar.empty()
    return Current(src, result, key=(src.digest, tuple(reading.sheets_read) or reading.sheet, mapping))


@st.cache_data(max_entries=12, show_spinner=False)
def aliases(key: tuple, secret: bytes, language: str, _member_nos: pd.Series) -> dict[str, str]:
    return privacy.aliases(_member_nos, privacy.session_key(secret, key[0]), language)


@st.cache_resource(max_entries=12, show_spinner=False)
def _graded(key: tuple, as_of: date, settings: Settings, rules: GradingRules, extra_digest: str | None,
            _analysis: Analysis, _extra: pd.DataFrame | None) -> Grading:
    return grade_members(_analysis, rules, _extra)


def graded(cur: Current, rules: GradingRules, extra: pd.DataFrame | None = None,
           extra_digest: str | None = None) -> Grading:
    """The member grading of the current analysis under these rules (and an extra sheet), cached."""
    a = cur.result.analysis
    return _graded(cur.key, a.as_of, a.settings, rules, extra_digest, a, extra)


@st.cache_data(max_entries=60, show_spinner=False)
def _coop_row(digest: str, name: str, as_of: date | None, settings: Settings, _data: bytes) -> CoopRow:
    return province.coop_row(_data, name, as_of, settings)


def coop_row(data: bytes, name: str, as_of: date | None, settings: Settings) -> CoopRow:
    """One co-op's row of the province view (province.survey's reader in the app), cached per file digest,
    as-of date and settings."""
    return _coop_row(hashlib.sha256(data).hexdigest(), name, as_of, settings, data)
