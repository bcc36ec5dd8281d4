"""Groups: filters, a sortable table per member group, and the group and aging charts."""

import streamlit as st

import app_state as state
from app_state import tr
from kmdash import charts
from kmdash.filters import apply_filters

state.ensure_router()

cur = state.need_current()
lang = state.lang()
st.title(tr("page_groups"))
view = apply_filters(cur.analysis, state.filter_bar(cur, "groups"))
st.caption(tr("f_count", loans=len(view.loans), members=len(view.members)))
if view.loans.empty:
    st.info(tr("no_rows"))
    st.stop()

columns = ["group", "members", "members_overdue", "members_long_overdue", "loans", "overdue", "share"]
table = view.groups[[c for c in columns if c in view.groups]]
st.subheader(tr("groups_table"))
st.dataframe(table.rename(columns=state.column_labels(table)), hide_index=True, width="stretch",
             column_config={state.column_labels(table)[c]: v for c, v in state.money_columns(table).items()})

state.chart(charts.group_figure(view.groups, lang), tr("cap_groups"))
state.chart(charts.aging_figure(view.aging, lang), tr("cap_aging"))
