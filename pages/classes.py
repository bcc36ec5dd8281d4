"""Loan-quality classes: the co-op's classes as an editable table (the Registrar's verified rules marked, the rates
the co-op's), the debtors by class with the allowance where a rate is typed, and the debtors whose interest is no
longer recognised as income. An edit is used at once in this session; the settings file is written only on the
press."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from kmdash.classes import class_names, classify, editable, edited
from kmdash.errors import LedgerError
from kmdash.report.display import baht, plain
from kmdash.settings import CLASS_STATUSES, Settings
from ui import components as ui
from ui import state
from ui.router import ensure_router
from ui.state import tr

ensure_router()

ORDER = ["registrar", "name", "provision", "months_from", "months_to", "statuses", "when_overdue", "stops_interest"]
SHOWN = ["name", "loans", "members", "outstanding", "principal_overdue", "interest_arrears", "allowance",
         "non_accrual"]


def rules_editor(settings: Settings, lang: str) -> None:
    """The classes to edit; an edit the settings accept becomes the settings in use (a new editor then starts
    from them), one they refuse is said and nothing changes."""
    base = editable(settings.classes, lang)
    version = st.session_state.get("classes_version", 0)
    number = st.column_config.NumberColumn
    changed = st.data_editor(
        base, key=f"classes_editor_{version}_{lang}", hide_index=True, width="stretch", num_rows="dynamic",
        column_order=ORDER, disabled=["registrar"], placeholder="-",
        column_config={
            "registrar": st.column_config.CheckboxColumn(tr("col_registrar")),
            "name": st.column_config.TextColumn(tr("col_class")),
            "months_from": number(tr("col_months_from"), min_value=0, step=1, format="%d"),
            "months_to": number(tr("col_months_to"), min_value=0, step=1, format="%d"),
            "statuses": st.column_config.MultiselectColumn(tr("col_statuses"), options=CLASS_STATUSES,
                                                           format_func=lambda code: tr(f"status_{code}")),
            "when_overdue": st.column_config.CheckboxColumn(tr("col_when_overdue"), default=True),
            "provision": number(tr("col_provision"), min_value=0.0, max_value=100.0, step=0.5, format="%.2f"),
            "stops_interest": st.column_config.CheckboxColumn(tr("col_stops_interest"), default=True)})
    try:
        wanted = edited(settings.classes, changed.to_dict("records"), lang)
    except LedgerError as refused:
        st.error(tr("classes_edit_refused", reason=plain(refused.message(lang))), icon="⚠️")
        return
    if wanted != settings.classes:
        st.session_state["classes_version"] = version + 1
        st.session_state["settings"] = replace(settings, classes=wanted)
        st.session_state["classes_edited"] = True
        st.rerun()


def results(classed, lang: str) -> pd.DataFrame:
    """The debtors by class; the allowance as money where a rate is set, else that it is not set."""
    table = classed.table
    last = table.index[-1]  # the unclassified: no class, so no rate to ask for
    allowance = [baht(a) if a == a else "-" if i == last else tr("classes_not_set")
                 for i, a in zip(table.index, table["allowance"])]
    return table[SHOWN].assign(allowance=allowance).rename(columns={"name": "class"})


cur, coop = ui.settings_page("classes")
lang = state.lang()
settings = cur.result.analysis.settings
st.caption(tr("classes_intro"))
st.info(tr("classes_registrar_note", regulation=tr("classes_regulation")), icon=":material/gavel:")
st.warning(tr("classes_rates_note"), icon=":material/percent:")

st.subheader(tr("classes_rules"))
rules_editor(settings, lang)
classed = classify(cur.result.analysis, lang)
summary = classed.as_json(lang)
for note in summary["notes"]:
    st.caption(note[lang])
if ui.save_settings(settings, coop, "classes_save"):  # the settings in use, classes and all
    st.session_state.pop("classes_edited", None)
if st.session_state.get("classes_edited"):
    st.caption(tr("classes_unsaved"))

st.subheader(tr("classes_result"))
ui.table(results(classed, lang), every_row=True)
if summary["allowance"] is not None:
    st.markdown(tr("classes_allowance_total", allowance=baht(summary["allowance"])))

stopping = classed.non_accrual
st.subheader(tr("classes_non_accrual_title", n=len(stopping)))
listed = stopping.assign(**{"class": stopping["class"].map(class_names(settings.classes, lang))})
ui.table(ui.shown(listed[["member_no", "name", "class", *listed.columns.intersection(["interest_arrears"])]], cur))
