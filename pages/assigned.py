"""T3's tool: every overdue member to one person; the loads as a table and a chart; the weekly forms."""

import streamlit as st

from kmdash.errors import LedgerError
from kmdash.report import charts
from kmdash.report.assigned.assignment import assignment_csv, bound_text, measure
from kmdash.report.assigned.weekly import weekly_workbook
from kmdash.report.display import plain
from kmdash.techniques.assigned.assignment import BALANCES, assign, gap, plan_columns, staff_names
from ui import components as ui
from ui import state
from ui.router import ensure_router
from ui.state import tr

ensure_router()


@st.cache_resource(max_entries=8, show_spinner=False)
def assigned(key: tuple, as_of, settings, staff: tuple, balance: str, within: bool, _members):
    return assign(_members, list(staff), balance, within)


cur = ui.need_current()
lang = state.lang()
ui.heading(cur, "assigned")
st.caption(tr("assigned_intro"))
names = st.text_area(tr("assigned_staff"), key="assigned_staff", placeholder="สมชาย\nสมศรี\nมานพ")
left, right = st.columns(2)
balance = left.radio(tr("assigned_balance"), BALANCES, key="assigned_balance", horizontal=True,
                     format_func=lambda b: tr(f"assigned_balance_{b}"))
within = right.checkbox(tr("assigned_within_group"), key="assigned_within_group", help=tr("assigned_within_group_help"))
if not names.strip():
    st.info(tr("assigned_prompt"))
    st.stop()
result = cur.result
try:
    assignment = assigned(cur.key, result.as_of, result.analysis.settings, tuple(staff_names(names)), balance,
                          within, result.analysis.members)
except LedgerError as exc:
    st.error(plain(exc.message(lang)), icon="⚠️")
    st.stop()
if assignment.assignments.empty:
    st.info(tr("assigned_none"))
    st.stop()
ui.remember_for_plan(cur, "assigned", plan_columns(assignment))

st.subheader(tr("assigned_loads"))
ui.table(assignment.loads, every_row=True)
ui.chart(charts.loads_figure(assignment.loads, balance, lang),
         plain(tr("cap_loads", spread=measure(assignment, gap(assignment), lang), bound=bound_text(assignment, lang))))
st.subheader(tr("assigned_table"))
ui.table(ui.shown(assignment.assignments, cur))

stem = f"assign_{result.as_of.isoformat()}"
xlsx, csv = st.columns(2)
xlsx.download_button(tr("assigned_download_weekly"), icon=":material/download:", file_name=f"{stem}.xlsx",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     data=lambda: weekly_workbook(assignment, result.as_of, result.analysis.settings.fiscal_year_end,
                                                  lang))
csv.download_button(tr("assigned_download_csv"), icon=":material/download:", file_name=f"{stem}.csv", mime="text/csv",
                    data=lambda: assignment_csv(assignment, lang))
st.caption(tr("assigned_download_note"))
