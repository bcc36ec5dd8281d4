"""Province: several co-ops' ledgers uploaded at once, side by side — a sortable table and four charts.
Co-op names stay with privacy on; no member ever appears on this page."""

import streamlit as st

from kmdash import province
from kmdash.plan import short_name
from kmdash.read.dates import parse_date_text
from kmdash.read.load import LEDGER_EXTENSIONS
from kmdash.report import province_charts
from kmdash.report.display import plain
from kmdash.settings import Settings
from ui import cache, snapshots, state
from ui import components as ui
from ui.router import ensure_router
from ui.state import tr

ensure_router()

st.title(tr("page_province"))
files = st.file_uploader(tr("prov_upload"), type=LEDGER_EXTENSIONS,
                         accept_multiple_files=True, key="prov_files")
typed = st.text_input(tr("prov_as_of"), key="prov_as_of", help=tr("as_of_help"))
st.caption(tr("prov_sequential"))
engine = snapshots.existing()
stored = province.stored_rows(engine) if engine is not None else ()
if stored and not st.toggle(tr("prov_from_store", n=len(stored)), value=True, key="prov_store"):
    stored = ()
if not files and not stored:
    st.info(tr("prov_none"))
    st.stop()

as_of = parse_date_text(typed.strip()) if typed.strip() else None
if typed.strip() and as_of is None:
    st.error(tr("as_of_bad", text=plain(typed)))
settings = st.session_state.get("settings", Settings())
view = province.survey([(f.name, f.getvalue()) for f in files or []], as_of, settings, reader=cache.coop_row,
                       stored=stored)
lang = state.lang()
for row in view.errors:
    st.error(f"{plain(row.file)}: {plain(row.error[lang == 'en'])}", icon="⚠️")
coops, whole = view.coops, view.total
if coops.empty:
    st.stop()

st.markdown("**" + tr("prov_total_line", coops=len(coops), members=whole.members, overdue=f"{whole.overdue:,.2f}",
                      par30=f"{whole.par30 * 100:.1f}", par90=f"{whole.par90 * 100:.1f}") + "**")
shown = coops.assign(as_of=[ui.day(d) for d in coops["as_of"]],
                     change_since=[ui.day(d) if d else "" for d in coops["change_since"]],
                     top_technique=[short_name(n, lang) for n in coops["top_technique"]],
                     **{k: (coops[k] * 100).round(1) for k in ("par30", "par90", "long_overdue_share")})
ui.table(shown.drop(columns=["file", "label"]), every_row=True)
st.caption(tr("prov_long_help", days=settings.long_overdue_days))

left, right = st.columns(2)
with left:
    ui.chart(province_charts.overdue_figure(coops, lang), tr("cap_prov_overdue"))
    ui.chart(province_charts.aging_figure(view.aging, lang), tr("cap_prov_aging"))
with right:
    ui.chart(province_charts.par_figure(coops, lang), tr("cap_prov_par"))
    ui.chart(province_charts.long_figure(coops, lang), tr("cap_prov_long"))
