"""Groups: filters, a sortable table per member group, and the group and aging charts."""

import streamlit as st

from kmdash.report import charts
from kmdash.report.display import with_total
from ui import components as ui
from ui import state
from ui.router import ensure_router
from ui.state import tr

ensure_router()

cur = ui.need_current()
lang = state.lang()
view = ui.filtered_page(cur, "groups")

columns = ["group", "members", "members_overdue", "members_long_overdue", "loans", "overdue", "share"]
table = view.groups[[c for c in columns if c in view.groups]]
st.subheader(tr("groups_table"))
ui.table(with_total(table, tr("total")), every_row=True)

ui.chart(charts.group_figure(view.groups, lang), tr("cap_groups"))
ui.chart(charts.aging_figure(view.aging, lang), tr("cap_aging"))
