"""Overview: headline tiles and the four charts, each with a one-line caption."""

import streamlit as st

import app_state as state
from app_state import tr
from kmdash import charts

state.ensure_router()

cur = state.need_current()
lang = state.lang()
a = cur.analysis
st.title(tr("page_overview"))
st.caption(f"{tr('as_of_input')}: {state.day(cur.as_of)}")
state.tiles(cur)

state.chart(charts.aging_figure(a.aging, lang), tr("cap_aging"))
state.chart(charts.group_figure(a.groups, lang), tr("cap_groups"))

members = state.shown(a.members, cur)
state.pareto_chart(a, members)
state.chart(charts.scatter_figure(members, lang), tr("cap_scatter"))
