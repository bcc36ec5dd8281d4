"""Groups: filters, a sortable table per member group, and the group and aging charts."""

import streamlit as st

import app_state as state
from app_state import tr
from kmdash import charts

state.ensure_router()

cur = state.need_current()
lang = state.lang()
view = state.filtered_page(cur, "groups")

columns = ["group", "members", "members_overdue", "members_long_overdue", "loans", "overdue", "share"]
table = view.groups[[c for c in columns if c in view.groups]]
st.subheader(tr("groups_table"))
state.table(table)

state.chart(charts.group_figure(view.groups, lang), tr("cap_groups"))
state.chart(charts.aging_figure(view.aging, lang), tr("cap_aging"))
