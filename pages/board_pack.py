"""The board pack (kmdash.report.pack): the monthly report to the board as one PDF or Word file, in the app's
language, with members' names or aliases (aliases by default while the privacy switch is on), the store's record
and earlier snapshots where there is a store. Made only when its button is pressed, then offered for download;
opening the page makes nothing and changes nothing."""

import streamlit as st

from kmdash.errors import LedgerError
from kmdash.report.display import plain
from kmdash.report.pack import KINDS, content, make
from ui import components as ui
from ui import snapshots, state
from ui.router import ensure_router
from ui.state import tr

ensure_router()

MADE = "board_pack_made"  # (the choices it was made with, its bytes)


cur = ui.need_current()
result, lang, private = cur.result, state.lang(), state.private()
ui.heading(cur, "board_pack")
st.caption(tr("bpack_intro"))
left, middle, right = st.columns(3)
who = {True: tr("bpack_aliases"), False: tr("bpack_names")}
kinds = {k: tr(f"bpack_{k}") for k in KINDS}
masked = left.radio(tr("bpack_who"), list(who), index=0 if private else 1, key=f"bpack_who_{private}",
                    format_func=who.get)
kind = middle.radio(tr("bpack_format"), list(kinds), key="bpack_format", format_func=kinds.get)
soon = int(right.number_input(tr("bpack_soon"), min_value=0, max_value=60, value=content.SOON_DAYS, step=5,
                              key="bpack_soon", help=tr("bpack_soon_help", n=content.SOON_DAYS)))
st.caption(tr("bpack_lang"))

choices = (cur.key, result.as_of, result.analysis.settings, lang, masked, kind, soon)
button, says = st.columns([1, 3], vertical_alignment="center")
says.markdown(f":material/{'visibility_off' if masked else 'visibility'}: "
              + tr("bpack_says_aliases" if masked else "bpack_says_names"))
if button.button(tr("bpack_make"), key="bpack_make", type="primary", icon=":material/print:"):
    st.session_state.pop(MADE, None)
    try:
        with st.spinner(tr("bpack_making")):
            st.session_state[MADE] = (choices, make(result, lang, snapshots.existing(), masked, soon, kind))
    except LedgerError as exc:
        st.error(plain(exc.message(lang)), icon="⚠️")

held = st.session_state.get(MADE)
if held is not None and held[0] == choices:
    ui.download(st, tr("bpack_download", kind=kinds[kind]), cur, not masked, data=held[1], icon=":material/download:",
                file_name=f"board_pack_{result.as_of.isoformat()}.{kind}", mime=KINDS[kind], key="bpack_download",
                type="primary")
elif held is not None:
    st.caption(tr("bpack_changed"))
