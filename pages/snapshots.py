"""Snapshots: save the current ledger's analysis and plan when asked; what is stored, where; delete."""

import streamlit as st

from kmdash import store
from kmdash.errors import LedgerError
from kmdash.plan import read_plan
from kmdash.report.display import plain
from ui import components as ui
from ui import snapshots, state
from ui.router import ensure_router
from ui.state import tr

ensure_router()

cur = ui.need_current()
ui.heading(cur, "snapshots")
engine = snapshots.engine()
st.caption(tr("snap_explain"))

with st.form("snap_save"):
    st.caption(tr("snap_save_plan"))
    filled = st.file_uploader(tr("snap_plan_upload"), type=["csv", "xlsx"], key="snap_plan_file")
    if st.form_submit_button(tr("snap_save_button"), icon=":material/save:"):
        try:
            plan = read_plan(filled.getvalue(), filled.name) if filled else None
            snap = store.save_ledger(engine, cur.result, state.lang(), plan, ui.plan_fill(cur))
            st.success(tr("snap_saved", id=snap.id, members=len(snap.members), where=store.where(engine),
                          plan=tr("snap_with_plan")))
        except LedgerError as exc:
            st.error(plain(exc.message(state.lang())))


def delete(snapshot_id: int) -> None:
    store.delete(engine, snapshot_id)
    st.session_state["snap_deleted_id"] = snapshot_id


if "snap_deleted_id" in st.session_state:
    st.success(tr("snap_deleted", id=st.session_state.pop("snap_deleted_id")))
stored = store.snapshots(engine)
st.markdown(plain(tr("snap_where", where=store.where(engine))))
if stored.empty:
    st.info(tr("snap_empty", where=store.where(engine)))
    st.stop()
ui.table(stored.drop(columns="schema_version"), every_row=True)
rows = stored.to_dict("records")
chosen = st.selectbox(tr("snap_pick"), rows, format_func=snapshots.label, key="snap_delete_pick")
st.button(tr("snap_delete_button"), icon=":material/delete:", key="snap_delete", on_click=delete, args=(chosen["id"],))
