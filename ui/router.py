"""Run every page through app.py, even when a page is opened by its URL on a fresh server."""

from __future__ import annotations

import streamlit as st


def ensure_router() -> None:
    """Run every page through app.py (language, privacy, navigation).

    A page opened by its URL before app.py has run once on this server is executed by Streamlit as a
    legacy pages/ page, without app.py. Switch that legacy flag off, as st.navigation does, and rerun.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
