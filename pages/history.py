"""History: a co-op's saved snapshots over the months (kmdash.history): trend charts, the flows between dates,
the chronic debtors. Read from the store only; nothing is saved here."""

import streamlit as st

from kmdash import record, store
from kmdash.history import history
from kmdash.privacy import mask
from kmdash.report import history_charts as charts
from kmdash.report.display import plain
from kmdash.settings import Settings
from ui import cache
from ui import components as ui
from ui import snapshots, state
from ui.router import ensure_router
from ui.state import tr

ensure_router()

st.title(tr("page_history"))
engine = snapshots.existing()
names = store.coops(engine) if engine is not None else []
if not names:
    st.info(tr("hist_empty"))
    st.stop()
asked = st.query_params.get("coop")  # a link to one co-op's history: only among the co-ops this account sees
if asked is not None and asked not in names:
    st.warning(tr("url_coop_none", coop=plain(asked)))
coop = st.selectbox(tr("hist_coop"), names, format_func=lambda n: n or tr("history_unnamed"), key="hist_coop",
                    index=names.index(asked) if asked in names else 0)
default = st.session_state.get("settings", Settings()).chronic_periods
periods = st.number_input(tr("hist_periods"), min_value=1, max_value=60, value=default, step=1, key="hist_periods",
                          help=tr("hist_periods_help"))
found = history(coop, store.history_rows(engine, coop), record.listed(engine, coop or ""), int(periods))
st.caption(tr("hist_caption", n=len(found.points), where=plain(store.where(engine))))

ui.chart(charts.overdue_figure(found, state.lang()), tr("cap_hist_overdue"))
ui.chart(charts.par_figure(found, state.lang()), tr("cap_hist_par"))
ui.chart(charts.aging_mix_figure(found, state.lang()), tr("cap_hist_aging"))

st.subheader(tr("hist_flows"))
if found.flows.empty:
    st.info(tr("hist_one_snapshot"))
else:
    flows = found.flows.assign(**{c: found.flows[c] / 100 for c in ("recovered", "refinanced", "increase")})
    flows["from"], flows["to"] = flows["from"].map(ui.day), flows["to"].map(ui.day)
    ui.table(flows.rename(columns={"from": "hist_from", "to": "hist_to"}), every_row=True)

st.subheader(tr("hist_chronic", n=found.chronic_periods, members=len(found.chronic)))
st.caption(tr("hist_chronic_note", n=found.chronic_periods))
chronic = found.chronic.assign(since=found.chronic["since"].map(ui.day), overdue=found.chronic["overdue"] / 100)
chronic = chronic.rename(columns={"member": "member_no"})
if state.private():
    alias = cache.aliases((f"history:{coop}",), state.secret(), state.lang(), found.runs["member"])
    chronic = mask(chronic, alias, state.lang())
ui.table(chronic.rename(columns={"periods": "hist_periods_col", "since": "hist_since_col"}))
