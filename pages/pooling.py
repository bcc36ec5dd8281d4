"""T4 group pooling: a pool of P baht, a group (the one with the most poolable debtors to start with), what a
member pays out of it (arrears by default), a number of cycles -> the rotation (a proposal), its chart,
downloads; the cycles put in the plan when asked; a cycle recorded as repaid and re-lent when confirmed."""

import json

import streamlit as st

from kmdash.errors import LedgerError
from kmdash.report import charts
from kmdash.report.display import plain
from kmdash.report.escape import safe_csv
from kmdash.report.pooling.rotation import as_json, basis_line
from kmdash.techniques.pooling import rotation as pool
from kmdash.techniques.pooling.card import TECHNIQUE
from kmdash.techniques.selector import facts_of
from ui import components as ui
from ui import state
from ui.record import record_actions
from ui.router import ensure_router
from ui.state import tr

ensure_router()

cur = ui.need_current()
ui.heading(cur, "pooling")
analysis = cur.result.analysis
left, middle, basis_column, right = st.columns(4)
baht = left.number_input(tr("pooling_input"), min_value=0.01, value=100_000.0, step=10_000.0, format="%.2f",
                         key="pooling_p")
groups = [None, *pool.groups_overdue(analysis)]
busiest = pool.busiest_group(analysis.members, TECHNIQUE.applies(facts_of(analysis)))  # the one to start with
group = middle.selectbox(tr("pooling_group"), groups, key="pooling_group", index=groups.index(busiest),
                         format_func=lambda g: tr("pooling_everyone") if g is None else g, help=tr("pooling_group_default"))
basis = basis_column.selectbox(tr("pooling_basis"), pool.BASES, key="pooling_basis",
                               format_func=lambda b: tr(f"pooling_basis_{b}"))
k = int(right.number_input(tr("pooling_cycles_input"), min_value=0, value=0, step=1, key="pooling_k"))

try:
    chosen = pool.debts(analysis, group, basis)
except LedgerError as exc:  # repaying in full needs the outstanding column
    st.error(plain(exc.message(state.lang())))
    st.stop()
rotation = pool.schedule(chosen, pool.satang(baht))
smallest = pool.pool_for_cycles(chosen, k) if k else None
label = dict(zip(chosen["member"], ui.shown(chosen.rename(columns={"member": "member_no"}), cur)["member_no"]))

st.caption(plain(basis_line(pool.parts(analysis, basis), state.lang())))
st.markdown("**" + tr("pooling_cycles_exact" if rotation.exact else "pooling_cycles_gap", n=len(rotation.cycles),
                      bound=rotation.lower_bound, gap=rotation.gap) + "**")
st.caption(tr("pooling_proposal"))
if smallest is not None:
    st.info(tr("pooling_for_k" if smallest[1] else "pooling_for_k_unproven", k=k, pool=f"{smallest[0] / 100:,.2f}"))
for key, members in (("pooling_over", rotation.over_pool), ("pooling_legal", rotation.legal)):
    if members:
        st.warning(plain(tr(key, n=len(members), members=", ".join(label[m] for m in members))))

shown = ui.shown(pool.members_table(rotation, chosen), cur)
if shown.empty:
    st.info(tr("pooling_none"))
else:
    labelled, config = ui.formatted(shown)
    config[tr("col_to_pay")] = st.column_config.NumberColumn(tr("col_to_pay"), format="accounting")
    st.dataframe(labelled, hide_index=True, width="stretch", column_config=config,
                 height=min(ui.HEADER_PX + ui.ROW_PX * len(shown), ui.MOST_PX))
    # the bars stack what each member pays out of the pool (the chart draws its "overdue" column)
    ui.chart(charts.pool_figure(shown.assign(overdue=shown["to_pay"]), rotation.pool / 100, state.lang()),
             tr("cap_pool"))
one, two, _ = st.columns([1, 1, 2])
ui.download(one, tr("pooling_download_csv"), cur, not state.private(), data=safe_csv(shown), file_name="pool.csv",
            mime="text/csv")
ui.download(two, tr("pooling_download_json"), cur, not state.private(), mime="application/json", file_name="pool.json",
            data=json.dumps(as_json(rotation, group, smallest[0] if smallest else None, basis, label.get),
            ensure_ascii=False))

ui.remember_for_plan(cur, "pooling", pool.plan_columns(rotation))
if rotation.cycles:
    number = st.selectbox(tr("pooling_confirm_cycle"), [c.number for c in rotation.cycles], key="pooling_confirm_cycle",
                          format_func=lambda n: tr("pooling_cycle_n", n=n))
    cycle = rotation.cycles[number - 1]
    owed = dict(zip(chosen["member"], chosen["overdue"]))  # satang: the principal overdue, as the follow-up counts it
    record_actions(cur, cycle.members, "pool_repaid", 4, "pooling_confirm_repaid",
                   amount={m: owed[m] for m in cycle.members}, note=tr("pooling_cycle_n", n=cycle.number))
