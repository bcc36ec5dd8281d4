"""Overview: headline tiles, the debt-status table (where the ledger has a status column) and the four
charts, each with a one-line caption."""

import streamlit as st

from kmdash.report import charts
from ui import components as ui
from ui import state
from ui.router import ensure_router
from ui.state import tr

ensure_router()

cur = ui.need_current()
lang = state.lang()
a = cur.result.analysis
ui.heading(cur, "overview")
ui.tiles(cur)
if not (statuses := a.by_status).empty:
    st.subheader(tr("status"))
    ui.table(statuses.assign(status=[tr(f"status_{s}") for s in statuses["status"]]), every_row=True)
    st.caption(tr("cap_status"))

ui.chart(charts.aging_figure(a.aging, lang), tr("cap_aging"))
ui.chart(charts.group_figure(a.groups, lang), tr("cap_groups"))

members = ui.shown(a.members, cur)
ui.pareto_chart(a, members)
ui.chart(charts.scatter_figure(members, lang), tr("cap_scatter"))
