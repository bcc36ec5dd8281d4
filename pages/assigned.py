"""T3's tool: every overdue member to one person; the loads as a table and a chart; the weekly report to hand
out; the filled report imported into the record; each person's follow-up rolled up week by week.
Nothing goes into the plan or the record but by a button."""

import hashlib

import streamlit as st

from kmdash.actions import read_actions
from kmdash.errors import LedgerError
from kmdash.report import charts
from kmdash.report.assigned.assignment import assignment_csv, bound_text, measure
from kmdash.report.assigned.rollup import rollup
from kmdash.report.assigned.weekly import weekly_workbook
from kmdash.report.display import plain
from kmdash.techniques.assigned.assignment import BALANCES, assign, gap, plan_columns, staff_names
from ui import components as ui
from ui import record as rec
from ui import state
from ui.router import ensure_router
from ui.state import tr

ensure_router()


@st.cache_resource(max_entries=8, show_spinner=False)
def assigned(key: tuple, as_of, settings, staff: tuple, balance: str, within: bool, _members):
    return assign(_members, list(staff), balance, within)


cur = ui.need_current()
lang = state.lang()
result = cur.result
ui.heading(cur, "assigned")
st.caption(tr("assigned_intro"))


def assignment_part() -> None:
    """The people, the balance, the loads, the debtors and their person, the plan's button, the downloads."""
    names = st.text_area(tr("assigned_staff"), key="assigned_staff", placeholder="สมชาย\nสมศรี\nมานพ")
    left, right = st.columns(2)
    balance = left.radio(tr("assigned_balance"), BALANCES, key="assigned_balance", horizontal=True,
                         format_func=lambda b: tr(f"assigned_balance_{b}"))
    within = right.checkbox(tr("assigned_within_group"), key="assigned_within_group",
                            help=tr("assigned_within_group_help"))
    if not names.strip():
        st.info(tr("assigned_prompt"))
        return
    try:
        assignment = assigned(cur.key, result.as_of, result.analysis.settings, tuple(staff_names(names)), balance,
                              within, result.analysis.members)
    except LedgerError as exc:
        st.error(plain(exc.message(lang)), icon="⚠️")
        return
    if assignment.assignments.empty:
        st.info(tr("assigned_none"))
        return
    st.subheader(tr("assigned_loads"))
    ui.table(assignment.loads, every_row=True)
    ui.chart(charts.loads_figure(assignment.loads, balance, lang),
             plain(tr("cap_loads", spread=measure(assignment, gap(assignment), lang),
                      bound=bound_text(assignment, lang))))
    st.subheader(tr("assigned_table"))
    ui.table(ui.shown(assignment.assignments, cur))
    ui.remember_for_plan(cur, "assigned", plan_columns(assignment))  # offered: in the plan only on its button
    downloads(assignment)


def downloads(assignment) -> None:
    """The weekly report (its report dates from today when the ledger is older) and the list as CSV."""
    stem = f"assign_{result.as_of.isoformat()}"
    xlsx, csv = st.columns(2)
    ui.download(xlsx, tr("assigned_download_weekly"), cur, True, icon=":material/download:", file_name=f"{stem}.xlsx",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                data=lambda: weekly_workbook(assignment, result.as_of, result.analysis.settings.fiscal_year_end, lang))
    ui.download(csv, tr("assigned_download_csv"), cur, True, icon=":material/download:", file_name=f"{stem}.csv",
                mime="text/csv", data=lambda: assignment_csv(assignment, lang))
    st.caption(tr("assigned_download_note"))
    ui.start_day(cur)  # the report dates count from it: says how old the ledger is when it is older than today


def import_part() -> None:
    """The filled weekly report read, shown (privacy applied) and recorded for the co-op on the press."""
    st.subheader(tr("assigned_import"))
    st.caption(tr("assigned_import_help"))
    upload = st.file_uploader(tr("assigned_import_file"), type=["xlsx"], key="assigned_import_file")
    if upload is None:
        return
    try:
        found = read_actions(upload.getvalue(), upload.name)
    except LedgerError as exc:
        st.error(plain(exc.message(lang)), icon="⚠️")
        return
    st.caption(tr("assigned_import_read", n=len(found)))
    ui.table(rec.shown(cur, found))
    digest = hashlib.sha256(upload.getvalue()).hexdigest()[:12]  # a new file, a new button
    if st.button(tr("assigned_import_button", n=len(found)), key=f"assigned_import_{digest}", disabled=found.empty,
                 icon=":material/upload:"):
        rec.save(cur, found, upload.name)


def rollup_part() -> None:
    """The co-op's record per person and week, then per person over all weeks (no member shown)."""
    st.subheader(tr("assigned_rollup"))
    st.caption(tr("assigned_rollup_help"))
    record = rec.coop_record(cur)
    if record is None or record.empty:
        st.info(tr("actions_none"))
        return
    money_table(rollup(record).drop(columns="week").assign(week_of=lambda f: f["week_of"].map(ui.day)))
    st.caption(tr("assigned_rollup_people"))
    money_table(rollup(record, weekly=False))


def money_table(frame) -> None:
    """A roll-up with its headers in the chosen language, a blank person named, the promised amount in baht."""
    frame = frame.assign(by=frame["by"].replace("", tr("assigned_nobody")), promised=frame["promised"] / 100)
    frame = frame.rename(columns={"by": "action_by", "members": "members_reached", "actions": "actions_done"})
    labels = ui.column_labels(frame)
    st.dataframe(frame.rename(columns=labels), hide_index=True, width="stretch",
                 column_config={labels["promised"]: st.column_config.NumberColumn(format="accounting")})


assignment_part()
import_part()
rollup_part()
