"""Member grading (technique 5): criteria and points, grades and welfare, an extra criterion from a sheet;
members per grade, each member's points, grade and lift, the announcement for the board; these grades put in
the plan when asked (else the plan grades by the settings' rules)."""

import hashlib
from dataclasses import replace

import streamlit as st

from kmdash.errors import LedgerError
from kmdash.read.extra import read_extra
from kmdash.report import charts
from kmdash.report.display import plain
from kmdash.report.grading.announcement import announcement
from kmdash.report.grading.grades import (
    band_text,
    counts_table,
    floor_text,
    members_table,
    table_csv,
)
from kmdash.settings import Criterion, Grade, Welfare
from kmdash.techniques.grading.grades import available, extra_criterion, plan_columns
from ui import components as ui
from ui import state
from ui.cache import graded
from ui.router import ensure_router
from ui.state import tr

ensure_router()

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTRA_TYPES = ["xlsx", "xls", "csv", "txt"]

cur = ui.need_current()
lang = state.lang()
ui.heading(cur, "grading")
defaults = cur.result.analysis.settings.grading


def criterion_inputs(c: Criterion):
    """A switch and the points of each band, best first; returns a builder of the chosen criterion."""
    on = st.toggle(c.name(lang), value=c.enabled, key=f"grading_on_{c.key}")
    cells = st.columns(len(c.bands) + 1)
    labels = [band_text(c, v, lang) for v, _ in reversed(c.bands)] + [floor_text(c, lang)]
    values = [p for _, p in reversed(c.bands)] + [c.floor]
    points = [cell.number_input(label, value=float(p), step=5.0, key=f"grading_pts_{c.key}_{i}", disabled=not on)
              for i, (cell, label, p) in enumerate(zip(cells, labels, values))]
    bands = tuple(zip((v for v, _ in c.bands), reversed(points[:-1])))
    return lambda: replace(c, bands=bands, floor=points[-1], enabled=on)


def grade_inputs(i: int, g: Grade):
    c = st.columns(5)
    name = c[0].text_input(tr("col_grade"), value=g.name(lang), key=f"grading_name_{i}_{lang}")
    low = c[1].number_input(tr("col_min_points"), value=float(g.min_points), step=5.0, key=f"grading_min_{i}")
    w = g.welfare
    rebate = c[2].number_input(tr("col_interest_rebate_pct"), value=float(w.interest_rebate_pct), min_value=0.0,
                               step=1.0, key=f"grading_rebate_{i}")
    limit = c[3].number_input(tr("col_loan_limit_times"), value=float(w.loan_limit_times), min_value=0.0, step=0.1,
                              key=f"grading_limit_{i}")
    dividend = c[4].number_input(tr("col_patronage_dividend_pct"), value=float(w.patronage_dividend_pct),
                                 min_value=0.0, step=5.0, key=f"grading_dividend_{i}")
    names = (name, g.name("en")) if lang == "th" else (g.name("th"), name)
    return Grade(g.key, low, Welfare(rebate, limit, dividend), names)


def extra_inputs():
    """The uploaded sheet's criterion builder, its values and its digest; (None, None, None) without one."""
    upload = st.file_uploader(tr("grading_extra"), type=EXTRA_TYPES, key="grading_extra_file")
    if upload is None:
        return None, None, None
    data = upload.getvalue()
    sheet = read_extra(data)
    name = st.text_input(tr("grading_extra_name"), value=sheet.header, key="grading_extra_name")
    bands = st.text_input(tr("grading_extra_bands"), value="1=10", key="grading_extra_bands")
    return (lambda: extra_criterion("extra", name.strip() or sheet.header, bands),
            sheet.values.rename(columns={"value": "extra"}), hashlib.sha256(data).hexdigest())


try:
    usable = available(cur.result.analysis)
    with st.expander(tr("grading_rules"), expanded=True):
        builders = [criterion_inputs(c) for c in defaults.criteria if c.key in usable]
        if "legal" not in usable:
            st.caption(tr("grading_legal_note"))
    with st.expander(tr("grading_grades_form")):
        grades = tuple(grade_inputs(i, g) for i, g in enumerate(defaults.grades))
        st.caption(tr("grading_last_grade"))
    with st.expander(tr("grading_extra"), expanded=False):
        extra_builder, extra, digest = extra_inputs()
    criteria = tuple(b() for b in builders) + ((extra_builder(),) if extra_builder else ())
    rules = replace(defaults, criteria=criteria, grades=grades)
except LedgerError as exc:
    st.error(plain(exc.message(lang)), icon="⚠️")
    st.stop()

grading = graded(cur, rules, extra, digest)
counts = counts_table(grading, lang)
st.subheader(tr("grading_counts"))
ui.table(counts, every_row=True)
ui.chart(charts.grades_figure(counts, lang), tr("cap_grades"))

members = ui.shown(members_table(grading, lang), cur)
st.subheader(tr("grading_members"))
ui.table(members)

left, right = st.columns(2)
left.download_button(tr("grading_download_announcement"), icon=":material/description:", mime=DOCX,
                     file_name="grading_announcement.docx",
                     data=lambda: announcement(grading, cur.result.ledger.coop, cur.result.as_of, lang))
right.download_button(tr("grading_download_csv"), icon=":material/download:", mime="text/csv",
                      file_name="member_grades.csv", data=lambda: table_csv(members, lang))
ui.remember_for_plan(cur, "grading", plan_columns(grading, lang))
