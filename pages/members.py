"""Members: filters, a sortable table per member, a member's loans and the actions recorded for them, and the
Pareto and scatter charts."""

import streamlit as st

from kmdash.privacy import member_labels
from kmdash.report import charts
from kmdash.report.display import bucket, plain
from ui import components as ui
from ui import record, state
from ui.router import ensure_router
from ui.state import tr

ensure_router()

PICK_LIMIT = 1000  # members offered in the detail picker: the largest overdue of the filtered view

cur = ui.need_current()
lang = state.lang()
view = ui.filtered_page(cur, "members")

members = ui.shown(view.members, cur)
# what a follow-up needs first, so that the table fits a projector's width
columns = ["member_no", "name", "group", "days", "bucket", "overdue", "interest_arrears"]
table = members[[c for c in columns if c in members]].assign(bucket=lambda f: f["bucket"].map(
    lambda b: bucket(b, lang)).astype(str))
st.subheader(tr("members_table"))
ui.table(table)

st.subheader(tr("member_detail"))
top = members.head(PICK_LIMIT)
who = member_labels(top)
picked = st.selectbox(tr("member_pick"), range(len(top)), format_func=lambda i: who[i],
                      key=f"member_pick_{state.private()}_{lang}")  # a new widget when labels change: no stale text
if len(members) > PICK_LIMIT:
    st.caption(tr("pick_limit", n=PICK_LIMIT))
member_no = view.members["member_no"].iloc[picked]
loans = ui.shown(view.loans[view.loans["member_no"] == member_no], cur)
detail_columns = ["contract", "loan_type", "loan_date", "due_date", "days_overdue", "outstanding",
                  "overdue_amount", "interest_arrears", "guarantor"]
detail = loans[[c for c in detail_columns if c in loans]].copy()
for c in ("loan_date", "due_date"):
    if c in detail:
        detail[c] = detail[c].map(ui.day)
st.markdown(f"**{tr('member_loans')}** — {plain(who[picked])}")
ui.table(detail)

st.markdown(f"**{tr('member_history')}** — {plain(who[picked])}")
history = record.coop_record(cur, member_no)
if history is None or history.empty:
    st.caption(tr("actions_none"))
else:
    ui.table(record.shown(cur, history))

ui.pareto_chart(view, members)
ui.chart(charts.scatter_figure(members, lang), tr("cap_scatter"))
