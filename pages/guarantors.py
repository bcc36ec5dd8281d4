"""Guarantors (Civil and Commercial Code s.686): each loan in default whose guarantors the record does not show
notified since its default, the last of its 60 days and the days left (from the ledger's date), those past their
60 days apart with the interest and penalty at risk; the guarantor letters (.docx); the letters recorded as sent
only on the press."""

import streamlit as st

from kmdash.errors import LedgerError
from kmdash.report.display import plain
from kmdash.report.sieving.guarantor_letters import guarantor_letters, letter_count, notified_on
from kmdash.report.sieving.letters import Numbering
from kmdash.report.thai_docx import MIME
from kmdash.techniques.sieving.guarantors import NOTICE_DAYS, guarantor_list
from kmdash.words import BE_OFFSET
from ui import components as ui
from ui import state
from ui.record import coop_record, record_actions
from ui.router import ensure_router
from ui.state import tr

ensure_router()

SHOWN = ["member_no", "name", "contract", "guarantor", "default_date", "last_day"]


def listing(frame, days: list[str]) -> None:
    """The loans as the screen may show them: dates as days, privacy applied."""
    table = frame[SHOWN + days].assign(default_date=frame["default_date"].map(ui.day),
                                       last_day=frame["last_day"].map(ui.day))
    ui.table(ui.shown(table, cur))


cur = ui.need_current()
lang = state.lang()
result = cur.result
ui.heading(cur, "guarantors")
st.caption(tr("guarantors_intro"))
st.caption(tr("guarantors_rule"))
ui.start_day(cur, "guarantors_ledger_older")  # says how old the ledger is: the days below count from its date
left, middle, right = st.columns(3)
within = left.number_input(tr("guarantors_within_days"), min_value=0, value=NOTICE_DAYS, step=10,
                           key="guarantors_within")
prefix = middle.text_input(tr("sieving_number_prefix"), key="guarantors_number_prefix")
start = right.number_input(tr("sieving_number_start"), min_value=1, value=1, key="guarantors_number_start")
try:
    found = guarantor_list(result.analysis, notified_on(coop_record(cur), result.analysis.members["member_no"]),
                           int(within), result.ledger.headers.unmapped)
except LedgerError as exc:
    st.error(plain(exc.message(lang)), icon="⚠️")
    st.stop()

st.subheader(tr("guarantors_head", day=ui.day(found.as_of)))
st.markdown(tr("guarantors_within", days=found.within_days, n=len(found.within)))
if not found.within.empty:
    listing(found.within, ["days_left"])
st.markdown(tr("guarantors_late", n=len(found.late), baht=f"{found.late['at_risk'].sum():,.2f}"))
if not found.late.empty:
    listing(found.late, ["days_late", "interest_arrears", "penalty", "at_risk"])
st.caption(tr("guarantors_at_risk_note"))
st.caption(tr("guarantors_counts", without=found.without, told=found.notified))

letters = letter_count(found)
if letters:
    numbering = Numbering(prefix, int(start))
    st.caption(tr("letter_number_help", year=numbering.issued.year + BE_OFFSET))
    ui.download(st, tr("guarantors_download", n=letters), cur, True, icon=":material/description:", mime=MIME,
                file_name=f"guarantors_{found.as_of.isoformat()}.docx",
                data=lambda: guarantor_letters(found, result.ledger.coop, numbering, lang))
    st.caption(tr("guarantors_confirm_help"))
    members = list(dict.fromkeys([*found.within["member_no"], *found.late["member_no"]]))
    record_actions(cur, members, "guarantor_notified", 1, "guarantors_confirm", note=tr("guarantors_sent_note"))
