"""Plan: one row per overdue member, the technique chosen for each (empty until someone chooses), and the plan
to download. Privacy hides names on screen only: the default download is the real plan (the staff work from
it); with privacy on, a masked copy beside it."""

import zlib

import pandas as pd
import streamlit as st

from kmdash.i18n import t
from kmdash.plan import make_plan, mask_plan, short_name, worded
from kmdash.report.plan import CSV_MIME, XLSX_MIME, About, contents, file_name, plan_csv, plan_xlsx
from kmdash.techniques.registry import cards
from ui import components as ui
from ui import state
from ui.router import ensure_router
from ui.state import tr

ensure_router()


def chosen_editor(table: pd.DataFrame, members: pd.Series) -> None:
    """The plan as shown, its `chosen` column a select of the techniques (or empty); the choices kept per file."""
    names = {short_name(c.number, lang): c.number for c in cards()}
    frame, config = ui.formatted(table)
    column = t("col_chosen", lang)
    config[column] = st.column_config.SelectboxColumn(column, options=["", *names], required=False)
    key = f"plan_chosen_{zlib.crc32(repr(cur.key).encode()):08x}_{lang}_{state.private()}"
    edited = st.data_editor(frame, key=key, hide_index=True, width="stretch", num_rows="fixed", column_config=config,
                            disabled=[c for c in frame.columns if c != column])
    picked = ui.chosen(cur)
    picked.clear()
    picked.update({m: names[n] for m, n in zip(members, edited[column]) if n in names})


cur = ui.need_current()
lang = state.lang()
ui.heading(cur, "plan")
real = make_plan(cur.result, lang, prepared=ui.plan_fill(cur))
aliases = ui.member_aliases(cur) if state.private() else None

st.caption(tr("plan_caption", n=len(real)))
st.caption(tr("plan_chosen_help", column=t("col_chosen", lang)))
chosen_editor(worded(real if aliases is None else mask_plan(real, aliases, lang), lang), real["member"])
names = ui.chosen_column(cur)["chosen"].to_dict()
real = real.assign(chosen=[names.get(m, "") for m in real["member"]])  # this run's choices
masked = mask_plan(real, aliases, lang) if aliases is not None else None


def downloads(table, is_masked: bool) -> None:
    """An xlsx and a CSV button; the file is made only when clicked."""
    xlsx, csv = st.columns(2)
    words = contents(is_masked, lang)
    ui.download(xlsx, tr("plan_download", kind="Excel", contents=words), cur, not is_masked, icon=":material/download:",
                data=lambda: plan_xlsx(table, About.of(cur.result), is_masked, lang),
                file_name=file_name(is_masked, "xlsx"), mime=XLSX_MIME)
    ui.download(csv, tr("plan_download", kind="CSV", contents=words), cur, not is_masked, icon=":material/download:",
                data=lambda: plan_csv(table, is_masked, lang),
                file_name=file_name(is_masked, "csv"), mime=CSV_MIME)


downloads(real, False)
if masked is not None:
    st.info(tr("plan_privacy_note"))
    downloads(masked, True)
