"""Sieving (technique 1): notices to the debtors chosen by days overdue and amount, with conditions and a
deadline counted from today (never one already past); the letters (.docx); members under legal action listed;
the deadlines put in the plan when asked; the letters recorded as sent when confirmed; after the deadline,
who of those sent a letter met the conditions."""

import zlib
from datetime import timedelta

import streamlit as st

from kmdash.errors import LedgerError
from kmdash.read.dates import parse_date_text
from kmdash.report.display import date_entry, plain
from kmdash.report.sieving.letters import Numbering, default_conditions, letters
from kmdash.report.thai_docx import MIME
from kmdash.techniques.sieving.notices import (
    MARKS,
    NOTIFIED,
    TIER_OF_MARK,
    choose,
    plan_columns,
    tiers,
)
from kmdash.words import BE_OFFSET, long_date
from ui import components as ui
from ui import state
from ui.record import record_actions
from ui.router import ensure_router
from ui.state import tr

ensure_router()


def marks_editor(sent: list[str]) -> dict[str, str]:
    """The result after the deadline of each debtor sent a letter, as a select column; kept in session state."""
    marks = dict(st.session_state.get(ui.MARKS, {}))
    members = result.analysis.members
    rows = members[members["member_no"].astype(str).isin(sent)]
    frame = ui.shown(rows[["member_no", "name", "group", "days", "overdue"]], cur)
    labels = {code: tr(f"sieving_mark_{code}") for code in MARKS}
    frame = frame.rename(columns=ui.column_labels(frame)).assign(
        **{tr("col_mark"): [labels[marks.get(str(m), "pending")] for m in rows["member_no"]]})
    key = f"sieving_marks_{zlib.crc32(chr(0).join(sent).encode()):08x}"  # new rows, new edits
    edited = st.data_editor(frame, key=key, hide_index=True, width="stretch", num_rows="fixed",
                            disabled=list(frame.columns[:-1]),
                            column_config={tr("col_mark"): st.column_config.SelectboxColumn(
                                tr("col_mark"), options=list(labels.values()), required=True)})
    code_of = {label: code for code, label in labels.items()}
    for member, label in zip(rows["member_no"].astype(str), edited[tr("col_mark")]):
        marks[member] = code_of.get(label, "pending")
    marks = {m: code for m, code in marks.items() if code in TIER_OF_MARK}
    st.session_state[ui.MARKS] = marks
    return marks


cur = ui.need_current()
lang = state.lang()
result = cur.result
ui.heading(cur, "sieving")
st.caption(tr("sieving_intro"))
start = ui.start_day(cur)
left, middle, right = st.columns(3)
typed = left.text_input(tr("sieving_deadline"), value=date_entry(start + timedelta(days=30), lang),
                        key="sieving_deadline")
min_days = middle.number_input(tr("sieving_min_days"), min_value=0, value=result.analysis.settings.long_overdue_days,
                               step=30, key="sieving_min_days")
min_amount = right.number_input(tr("sieving_min_amount"), min_value=0.0, value=0.0, step=1000.0,
                                key="sieving_min_amount")
conditions = st.text_area(tr("sieving_conditions"), value=default_conditions(lang), key=f"sieving_conditions_{lang}")
first, second, third = st.columns(3, vertical_alignment="bottom")
numbering = Numbering(first.text_input(tr("sieving_number_prefix"), key="sieving_number_prefix"),
                      int(second.number_input(tr("sieving_number_start"), min_value=1, value=1,
                                              key="sieving_number_start")))
copies = third.checkbox(tr("sieving_guarantor_copies"), key="sieving_guarantor_copies",
                        disabled="guarantor" not in result.analysis.loans,
                        help=None if "guarantor" in result.analysis.loans else tr("guarantors_no_column", headers="-"))
st.caption(tr("letter_number_help", year=numbering.issued.year + BE_OFFSET))
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

st.subheader(tr("sieving_chosen", n=len(notices.debtors), deadline=long_date(deadline, lang)))
if notices.debtors.empty:
    st.info(tr("sieving_none", days=notices.min_days, amount=f"{notices.min_amount:,.2f}"))
else:
    ui.table(ui.shown(notices.debtors, cur))
    ui.download(st, tr("sieving_download", n=len(notices.debtors)), cur, True, icon=":material/description:", mime=MIME,
                file_name=f"notices_{deadline.isoformat()}.docx",
                data=lambda: letters(notices, result.ledger.coop, result.as_of, conditions, lang, numbering,
                copies))
    ui.remember_for_plan(cur, "sieving", plan_columns(notices))
    st.caption(tr("sieving_confirm_help"))
    record_actions(cur, notices.debtors["member_no"], "letter_sent", 1, "sieving_confirm_sent",
                   note=tr("sieving_sent_note", deadline=date_entry(deadline, lang)))

st.subheader(tr("sieving_legal", n=len(notices.legal)))
if "status" not in result.analysis.loans:
    st.caption(tr("sieving_legal_column"))
elif notices.legal.empty:
    st.caption(tr("sieving_legal_none"))
else:
    ui.table(ui.shown(notices.legal, cur))

st.subheader(tr("sieving_after"))
sent = ui.letters_sent(cur)
if not sent:
    st.caption(tr("sieving_sent_none", day=ui.day(result.as_of)))
    st.stop()
st.caption(tr("sieving_sent_since", day=ui.day(result.as_of), n=len(sent)))
st.caption(tr("sieving_mark_help"))
tier = tiers(sent, marks_editor(sent)).value_counts()
st.markdown(tr("sieving_tiers", **{name: int(tier.get(name, 0)) for name in (NOTIFIED, *TIER_OF_MARK.values())}))
