"""What one browser session holds: language, privacy, and the current file (in memory only)."""

from __future__ import annotations

import functools
import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from kmdash.errors import LedgerError
from kmdash.i18n import t
from kmdash.scope import EVERYTHING, Scope
from kmdash.settings import Settings
from kmdash.settings_file import coop_path
from kmdash.settings_file import read as read_settings
from kmdash.techniques.selector import questions

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "ledger_th.xlsx"


@dataclass(frozen=True)
class Source:
    name: str
    data: bytes
    digest: str
    is_sample: bool


def lang() -> str:
    return st.session_state.get("lang", "th")


def tr(key: str, **values) -> str:
    """The UI string for `key` in the chosen language."""
    return t(key, lang(), **values)


def private() -> bool:
    """Privacy on: the switch, or always for a person whose account may not see real names."""
    return bool(st.session_state.get("privacy", False)) or not scope().names


def scope() -> Scope:
    """What the person logged in may see (ui.access.gate sets it; everything in local mode)."""
    return st.session_state.get("scope", EVERYTHING)


def secret() -> bytes:
    """This session's own random secret: the privacy aliases of one session tell nothing of another's."""
    if "alias_secret" not in st.session_state:
        st.session_state["alias_secret"] = secrets.token_bytes(32)
    return st.session_state["alias_secret"]


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
    st.session_state.pop("no_file", None)
    digest = hashlib.sha256(data).hexdigest()
    previous = st.session_state.get("uploaded")
    if previous is not None and previous.digest == digest:
        return
    st.session_state["uploaded"] = Source(name, data, digest, is_sample=False)
    _forget_choices()


def drop_upload() -> None:
    """The uploader emptied (its x, or for a moment while a second file replaces the first): no file, and no
    figures until a file is uploaded or the sample is chosen, so the sample never stands in for an upload."""
    st.session_state.pop("uploaded", None)
    st.session_state["no_file"] = True
    _forget_choices()


def no_file() -> bool:
    """Whether the uploader was emptied and nothing has been chosen since (see drop_upload)."""
    return bool(st.session_state.get("no_file", False))


def clear_upload() -> None:
    """Back to the sample from the sidebar: the upload forgotten, and the load page's uploader, which may still
    hold the file, drawn empty again under a new key."""
    st.session_state.pop("uploaded", None)
    st.session_state.pop("no_file", None)
    st.session_state["uploader_round"] = uploader_round() + 1
    _forget_choices()


def uploader_round() -> int:
    """Part of the uploader's key: a new round gives an empty uploader."""
    return st.session_state.get("uploader_round", 0)


def _forget_choices() -> None:
    """Choices made for the previous file: sheet, header mapping, as-of date, the notices' marks."""
    for key in ("sheet", "sheet_picker", "mapping", "as_of", "as_of_text", "as_of_shown", "as_of_bad", "sieving_marks"):
        st.session_state.pop(key, None)


def settings() -> Settings:
    """The settings in use: the user's (the pages' forms, a co-op's saved file), else the defaults."""
    return st.session_state.get("settings", Settings())


def settings_file(coop: str) -> Path:
    """Where a co-op's settings are saved: settings/<co-op>.toml (the folder: KMDASH_SETTINGS_DIR where set)."""
    return coop_path(os.environ.get("KMDASH_SETTINGS_DIR") or Path(__file__).resolve().parents[1] / "settings", coop)


def coop_key(coop: str | None, file: str) -> str:
    """The name a co-op's settings are saved under: its name from the title rows, else the file's name."""
    return coop or Path(file).stem


def adopt_saved_settings(coop: str) -> None:
    """Once per co-op in a session: its saved settings file, where there is one, becomes the settings in use
    (a file that cannot be read is told on the selector page; the settings in use stay)."""
    if st.session_state.get("settings_coop") == coop:
        return
    st.session_state["settings_coop"] = coop
    st.session_state.pop("settings_error", None)
    path = settings_file(coop)
    if not path.exists():
        return
    try:
        st.session_state["settings"] = read_settings(path, questions())
    except LedgerError as error:
        st.session_state["settings_error"] = error
        return
    st.rerun()


def mapping() -> tuple[tuple[str, str], ...]:
    """The user's header mapping for the current file, hashable for the cache."""
    return tuple(sorted(st.session_state.get("mapping", {}).items()))
