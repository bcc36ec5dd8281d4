"""The audit trail, for the admin (and the one user of `make run`): who saved, deleted, imported, corrected,
took real names out or logged in, when, and for which co-op; the accounts beside it. Read only."""

import pandas as pd
import streamlit as st

from kmdash import accounts, store
from kmdash.report.display import plain
from ui import components as ui
from ui import access, snapshots
from ui.router import ensure_router
from ui.state import tr

ensure_router()
access.admin_only()

st.title(tr("page_audit"))
engine = snapshots.existing()
trail = store.audit_trail(engine) if engine is not None else None
if trail is None or trail.empty:
    st.info(tr("audit_empty"))
    st.stop()
left, right = st.columns(2)
coops = sorted(set(trail["coop"]))
coop = left.selectbox(tr("col_coop"), [None, *coops], key="audit_coop",
                      format_func=lambda c: tr("audit_all") if c is None else (c or "-"))
events = sorted(set(trail["event"]))
event = right.selectbox(tr("audit_event"), [None, *events], key="audit_event",
                        format_func=lambda e: tr("audit_all") if e is None else tr(f"audit_{e}"))
shown = trail[((trail["coop"] == coop) | (coop is None)) & ((trail["event"] == event) | (event is None))]
st.caption(tr("audit_caption", n=len(shown), where=plain(store.where(engine))))
shown = shown.iloc[::-1].assign(at=shown["at"].map(lambda at: f"{ui.day(at)} {at:%H:%M}"),
                                event=shown["event"].map(lambda e: tr(f"audit_{e}")))
ui.table(shown[["id", "at", "by", "event", "coop", "what"]], every_row=True)

if access.server().on:
    st.subheader(tr("audit_accounts"))
    st.caption(tr("audit_accounts_note"))
    listed = pd.DataFrame(accounts.listed(snapshots.base()))
    ui.table(listed.assign(coops=listed["coops"].map(" | ".join), role=listed["role"].map(lambda r: tr(f"role_{r}")))
             .rename(columns={"name": "account"}), every_row=True)
