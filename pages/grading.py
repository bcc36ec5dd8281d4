"""Member grading (technique 5): the activities members attended (first, as the handbook's strategy puts it),
each criterion's band limits and points, grades and the board's welfare, an extra criterion from a sheet;
members per grade, each member's points, grade and lift, the announcement for the board; these grades put in
the plan when asked (else the plan grades by the settings' rules)."""

import hashlib
from dataclasses import replace

import streamlit as st

from kmdash.errors import LedgerError
from kmdash.read.extra import read_activities, read_extra
from kmdash.report import charts
from kmdash.report.display import plain
from kmdash.report.grading.announcement import announcement
from kmdash.report.grading.grades import (
    band_text,
    counts_table,
    floor_text,
    members_table,
    status_line,
    table_csv,
    unit_word,
    unmeasured_line,
)
from kmdash.settings import Criterion, Grade, Welfare
from kmdash.techniques.grading.grades import extra_criterion, plan_columns, sheets
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
    """A switch and a table of the criterion's bands, best first: each band's limit and points, then the points
    of every value below them; returns a builder of the chosen criterion."""
    on = st.toggle(c.name(lang), value=c.enabled, key=f"grading_on_{c.key}")
    limit_label = tr("grading_band_threshold", unit=unit_word(c, lang) or "-")
    head = st.columns(3)
    head[1].caption(limit_label)
    head[2].caption(tr("grading_band_points"))
    limits, points = [], []
    for i, (value, p) in enumerate(reversed(c.bands)):
        word, left, right = st.columns(3)
        word.text(band_text(c, value, lang))
        limits.append(left.number_input(limit_label, value=float(value), step=1.0, label_visibility="collapsed",
                                        key=f"grading_lim_{c.key}_{i}", disabled=not on))
        points.append(right.number_input(tr("grading_band_points"), value=float(p), step=5.0,
                                         label_visibility="collapsed", key=f"grading_pts_{c.key}_{i}",
                                         disabled=not on))
    word, _, right = st.columns(3)
    word.text(f"{tr('grading_otherwise')}: {floor_text(c, lang)}")
    floor = right.number_input(tr("grading_band_points"), value=float(c.floor), step=5.0, label_visibility="collapsed",
                               key=f"grading_pts_{c.key}_{len(c.bands)}", disabled=not on)
    bands = tuple(zip(reversed(limits), reversed(points)))
    return lambda: replace(c, bands=bands, floor=floor, enabled=on)


def grade_inputs(i: int, g: Grade):
    """A grade's name, minimum points and welfare: the board's words and an amount in baht."""
    c = st.columns([2, 1, 3, 1])
    name = c[0].text_input(tr("col_grade"), value=g.name(lang), key=f"grading_name_{i}_{lang}")
    low = c[1].number_input(tr("col_min_points"), value=float(g.min_points), step=5.0, key=f"grading_min_{i}")
    text = c[2].text_input(tr("col_welfare_text"), value=g.welfare.text, key=f"grading_welfare_{i}")
    amount = c[3].number_input(tr("col_welfare_amount"), value=float(g.welfare.amount), min_value=0.0, step=100.0,
                               format="%.2f", key=f"grading_amount_{i}")
    names = (name, g.name("en")) if lang == "th" else (g.name("th"), name)
    return Grade(g.key, low, Welfare(text.strip(), round(amount, 2)), names)


def activities_input():
    """The uploaded list of activities attended (member_no, activities) and its digest; (None, None) without."""
    upload = st.file_uploader(tr("grading_activities_file"), type=EXTRA_TYPES, key="grading_activities_file")
    if upload is None:
        return None, None
    data = upload.getvalue()
    sheet = read_activities(data).values.rename(columns={"value": "activities"})
    return sheet, hashlib.sha256(data).hexdigest()


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
    activities, activities_digest = activities_input()
    with st.expander(tr("grading_rules"), expanded=True):
        builders = [criterion_inputs(c) for c in defaults.criteria]
    with st.expander(tr("grading_grades_form")):
        grades = tuple(grade_inputs(i, g) for i, g in enumerate(defaults.grades))
        st.caption(tr("grading_last_grade"))
    with st.expander(tr("grading_extra"), expanded=False):
        extra_builder, extra, digest = extra_inputs()
    approved = st.checkbox(tr("grading_adopt"), value=defaults.approved, key="grading_approved")
    criteria = tuple(b() for b in builders) + ((extra_builder(),) if extra_builder else ())
    rules = replace(defaults, criteria=criteria, grades=grades, approved=approved)
except LedgerError as exc:
    st.error(plain(exc.message(lang)), icon="⚠️")
    st.stop()

grading = graded(cur, rules, sheets(activities, extra), f"{activities_digest}/{digest}")
(st.warning if rules.example else st.info)(status_line(grading, lang), icon="📝")
missing = unmeasured_line(grading, lang)
if missing:
    st.caption(missing)
counts = counts_table(grading, lang)
st.subheader(tr("grading_counts"))
ui.table(counts, every_row=True)
ui.chart(charts.grades_figure(counts, lang), tr("cap_grades"))

members = ui.shown(members_table(grading, lang), cur)
st.subheader(tr("grading_members"))
ui.table(members)

left, right = st.columns(2)
ui.download(left, tr("grading_download_announcement"), cur, True, icon=":material/description:", mime=DOCX,
            file_name="grading_announcement.docx",
            data=lambda: announcement(grading, cur.result.ledger.coop, cur.result.as_of, lang))
ui.download(right, tr("grading_download_csv"), cur, not state.private(), icon=":material/download:", mime="text/csv",
            file_name="member_grades.csv", data=lambda: table_csv(members, lang))
ui.remember_for_plan(cur, "grading", plan_columns(grading, lang))
