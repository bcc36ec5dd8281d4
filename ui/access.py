"""Server mode (kmdash.accounts): the login before any page, the person's scope for the session, idle expiry,
and the audit of files with real names taken out. Off (`make run`): no login, everything in scope."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from kmdash import accounts, store
from kmdash.errors import LedgerError
from kmdash.report.display import plain
from kmdash.scope import EVERYTHING, Scope

from . import snapshots
from .state import lang, tr

PERSON, SEEN = "person", "seen_at"


def server() -> accounts.Server:
    """Server mode and idle time, from KMDASH_* or secrets.toml's [kmdash]; a bad value stops the app, told."""
    try:
        return accounts.server_of(secrets=_secrets().get("kmdash"))
    except LedgerError as exc:
        st.error(plain(exc.message(lang())))
        st.stop()


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:  # no secrets.toml at all: local mode
        return {}


def gate(every_page) -> accounts.Account | None:
    """Before any page. Local mode: None, nobody logs in. Server mode: the person logged in, checked against the
    store on every run (a disabled account ends here) and logged out after the idle time; otherwise the login
    form in place of the page the URL names (`every_page()`: the navigation of every page, hidden, so that a
    link's page and its ?parameters stay in the address bar and open once the person is in), and the run stops."""
    mode = server()
    if not mode.on:
        st.session_state["scope"] = EVERYTHING
        return None
    engine = snapshots.base()
    now = datetime.now()
    name, seen = st.session_state.get(PERSON), st.session_state.get(SEEN)
    person = accounts.current(engine, name) if name else None
    if person is not None and seen is not None and accounts.idle(seen, now, mode):
        log_out(tr("login_idle", minutes=mode.idle_minutes))
        person = None
    if person is None:  # the login alone, whatever page the URL names: no menu, no page behind it
        st.session_state.pop(PERSON, None)
        st.session_state["scope"] = Scope(frozenset(), names=False)
        every_page()
        login(engine)
        st.stop()
    st.session_state[SEEN], st.session_state["scope"], st.session_state["admin"] = now, person.scope, person.admin
    return person


def login(engine) -> None:
    st.title(tr("login_title"))
    if st.session_state.get("logged_out"):
        st.info(st.session_state.pop("logged_out"))
    with st.form("login"):
        name = st.text_input(tr("login_name"), key="login_name")
        password = st.text_input(tr("login_password"), type="password", key="login_password")
        pressed = st.form_submit_button(tr("login_button"), type="primary")
    if pressed:
        try:
            _start(accounts.log_in(engine, name, password))
        except LedgerError as exc:
            st.error(plain(exc.message(lang())))
    if "auth" in _secrets():
        _provider(engine)


def _provider(engine) -> None:
    """The office's identity provider (Streamlit's st.login, OpenID Connect): its e-mail must have an account."""
    if not st.user.get("is_logged_in", False):
        st.button(tr("login_provider"), on_click=st.login, icon=":material/badge:")
        return
    try:
        _start(accounts.identified(engine, st.user.get("email")))
    except LedgerError as exc:
        st.error(plain(exc.message(lang())))
        st.button(tr("logout"), on_click=st.logout)


def _start(person: accounts.Account) -> None:
    st.session_state[PERSON], st.session_state[SEEN] = person.name, datetime.now()
    st.rerun()


def log_out(why: str | None = None) -> None:
    """The session forgets the person (and the file they had uploaded); the next run shows the login."""
    for key in list(st.session_state):
        del st.session_state[key]
    if why:
        st.session_state["logged_out"] = why
    if st.user.get("is_logged_in", False):  # the identity provider's session too
        st.logout()


def admin_only() -> None:
    """A page for the admin alone (st.navigation lists it for no one else; this holds against a URL typed in)."""
    if server().on and not st.session_state.get("admin", False):
        st.stop()


def sidebar(person: accounts.Account | None) -> None:
    if person is None:
        return
    with st.sidebar:
        st.caption(tr("login_as", name=person.name, role=tr(f"role_{person.role}")))
        st.button(tr("logout"), on_click=log_out, icon=":material/logout:", key="logout")


def audited(cur, file_name: str, real_names: bool):
    """A download button's on_click: a file with real names is recorded (who, co-op, file) when pressed;
    "ignore" (no rerun) otherwise, or with no store to record in (local mode before anything was saved)."""
    if not real_names:
        return "ignore"

    def record() -> None:
        engine = snapshots.existing()
        if engine is not None:
            with engine.begin() as conn:
                store.log(conn, "downloaded", cur.result.ledger.coop, f"{file_name} ({cur.source.name})")
    return record
