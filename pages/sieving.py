"""Sieving (technique 1): notices to the debtors chosen by days overdue and amount, with conditions and a
deadline; the letters (.docx); members under legal action listed; after the deadline, who met the conditions."""

from datetime import date, timedelta

import streamlit as st

from kmdash.errors import LedgerError
from kmdash.read.dates import parse_date_text
from kmdash.report.display import date_entry, plain
from kmdash.report.sieving.letters import default_conditions, letters
from kmdash.report.thai_docx import MIME, long_date
from kmdash.techniques.sieving.notices import (
    MARKS,
    NOTIFIED,
    TIER_OF_MARK,
    choose,
    plan_columns,
    tiers,
)
from ui import components as ui
from ui import state
from ui.router import ensure_router
from ui.state import tr

ensure_router()

MARKS_KEY = "sieving_marks"  # member number -> "met" / "not_met": the tiers the plan takes (tiers, plan_columns)


def marks_editor(notices) -> dict[str, str]:
    """Each notified debtor's result after the deadline, as a select column; the marks kept in session state."""
    marks = dict(st.session_state.get(MARKS_KEY, {}))
    frame = ui.shown(notices.debtors[["member_no", "name", "group", "days", "overdue"]], cur)
    labels = {code: tr(f"sieving_mark_{code}") for code in MARKS}
    frame = frame.rename(columns=ui.column_labels(frame)).assign(
        **{tr("col_mark"): [labels[marks.get(m, "pending")] for m in notices.debtors["member_no"]]})
    edited = st.data_editor(frame, key="sieving_marks_editor", hide_index=True, width="stretch", num_rows="fixed",
                            disabled=list(frame.columns[:-1]),
                            column_config={tr("col_mark"): st.column_config.SelectboxColumn(
                                tr("col_mark"), options=list(labels.values()), required=True)})
    code_of = {label: code for code, label in labels.items()}
    for member, label in zip(notices.debtors["member_no"], edited[tr("col_mark")]):
        marks[member] = code_of.get(label, "pending")
    marks = {m: code for m, code in marks.items() if code in TIER_OF_MARK}
    st.session_state[MARKS_KEY] = marks
    return marks


cur = ui.need_current()
lang = state.lang()
result = cur.result
ui.heading(cur, "sieving")
st.caption(tr("sieving_intro"))
left, middle, right = st.columns(3)
typed = left.text_input(tr("sieving_deadline"), value=date_entry(result.as_of + timedelta(days=30), lang),
                        key="sieving_deadline")
min_days = middle.number_input(tr("sieving_min_days"), min_value=0, value=result.analysis.settings.long_overdue_days,
                               step=30, key="sieving_min_days")
min_amount = right.number_input(tr("sieving_min_amount"), min_value=0.0, value=0.0, step=1000.0,
                                key="sieving_min_amount")
conditions = st.text_area(tr("sieving_conditions"), value=default_conditions(lang), key=f"sieving_conditions_{lang}")
deadline = parse_date_text(typed)
if deadline is None:
    st.error(plain(tr("sieving_deadline_bad", text=typed)), icon="⚠️")
    st.stop()
left.caption(long_date(deadline, lang))
try:
    notices = choose(result.analysis, deadline, int(min_days), float(min_amount))
except LedgerError as exc:
    st.error(plain(exc.message(lang)), icon="⚠️")
    st.stop()

ui.remember_for_plan(cur, "sieving", plan_columns(notices, st.session_state.get(MARKS_KEY)))
st.subheader(tr("sieving_chosen", n=len(notices.debtors), deadline=long_date(deadline, lang)))
if notices.debtors.empty:
    st.info(tr("sieving_none", days=notices.min_days, amount=f"{notices.min_amount:,.2f}"))
else:
    ui.table(ui.shown(notices.debtors, cur))
    st.download_button(tr("sieving_download", n=len(notices.debtors)), icon=":material/description:", mime=MIME,
                       file_name=f"notices_{deadline.isoformat()}.docx", on_click="ignore",
                       data=lambda: letters(notices, result.ledger.coop, result.as_of, conditions, lang))

st.subheader(tr("sieving_legal", n=len(notices.legal)))
if "status" not in result.analysis.loans:
    st.caption(tr("sieving_legal_column"))
elif notices.legal.empty:
    st.caption(tr("sieving_legal_none"))
else:
    ui.table(ui.shown(notices.legal, cur))

if not notices.debtors.empty:
    st.subheader(tr("sieving_after"))
    if date.today() <= deadline:
        st.info(tr("sieving_after_wait", deadline=long_date(deadline, lang)))
        st.stop()
    st.caption(tr("sieving_mark_help"))
    tier = tiers(notices, marks_editor(notices)).value_counts()
    st.markdown(tr("sieving_tiers", **{name: int(tier.get(name, 0)) for name in (NOTIFIED, *TIER_OF_MARK.values())}))
