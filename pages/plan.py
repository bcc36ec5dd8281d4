"""Plan: one row per overdue member, and the plan to download. Privacy hides names on screen only: the
default download is the real plan (the staff work from it); with privacy on, a masked copy beside it."""

import streamlit as st

from kmdash.plan import make_plan, mask_plan
from kmdash.report.plan import CSV_MIME, XLSX_MIME, About, contents, file_name, plan_csv, plan_xlsx
from ui import components as ui
from ui import state
from ui.router import ensure_router
from ui.state import tr

ensure_router()

cur = ui.need_current()
lang = state.lang()
ui.heading(cur, "plan")
real = make_plan(cur.result, lang, prepared=ui.plan_fill(cur))
masked = mask_plan(real, ui.member_aliases(cur), lang) if state.private() else None

st.caption(tr("plan_caption", n=len(real)))
ui.table(real if masked is None else masked)


def downloads(table, is_masked: bool) -> None:
    """An xlsx and a CSV button; the file is made only when clicked."""
    xlsx, csv = st.columns(2)
    words = contents(is_masked, lang)
    xlsx.download_button(tr("plan_download", kind="Excel", contents=words), icon=":material/download:",
                         data=lambda: plan_xlsx(table, About.of(cur.result), is_masked, lang),
                         file_name=file_name(is_masked, "xlsx"), mime=XLSX_MIME, on_click="ignore")
    csv.download_button(tr("plan_download", kind="CSV", contents=words), icon=":material/download:",
                        data=lambda: plan_csv(table, is_masked, lang),
                        file_name=file_name(is_masked, "csv"), mime=CSV_MIME, on_click="ignore")


downloads(real, False)
if masked is not None:
    st.info(tr("plan_privacy_note"))
    downloads(masked, True)
