"""T2's tool: a pack per member group for its leader, the leaders' meetings (counted from today when the
ledger is older) and fee; the summary, a chart, one group's debtors (privacy applied) and the downloads; the
leaders put in the plan when asked; a leader's visit recorded when confirmed."""

import zlib

import pandas as pd
import streamlit as st

from kmdash.report import charts
from kmdash.report.display import plain
from kmdash.report.leaders.meetings import ICS_MIME, meetings_ics
from kmdash.report.leaders.packs import dates_text, fee_text, packs_xlsx
from kmdash.report.plan import XLSX_MIME
from kmdash.techniques.leaders.packs import (
    EVERY_MONTHS,
    Fee,
    named_groups,
    packs,
    plan_columns,
)
from ui import components as ui
from ui import state
from ui.record import record_actions
from ui.router import ensure_router
from ui.state import tr

ensure_router()

FEE_RULES = ("none", "per_debtor", "share")


def fee_input(column, rule: str) -> Fee:
    if rule == "per_debtor":
        return Fee(per_debtor=column.number_input(tr("leaders_fee_per_debtor_input"), min_value=0.0, value=50.0, step=10.0,
                                                  key="leaders_fee_baht"))
    if rule == "share":
        percent = column.number_input(tr("leaders_fee_share_input"), min_value=0.0, max_value=100.0, value=1.0, step=0.5,
                                      key="leaders_fee_percent", help=tr("leaders_fee_share_help"))
        return Fee(share=percent / 100)
    return Fee()


def typed_leaders(groups: list[str]) -> dict[str, str]:
    """The leaders' names typed in a table of the ledger's named groups (kept while the groups stay the same)."""
    table = pd.DataFrame({"group": groups, "leader": [""] * len(groups)})
    key = f"leaders_names_{zlib.crc32(chr(0).join(groups).encode()):08x}"
    edited = st.data_editor(table, key=key, hide_index=True, width="stretch", disabled=["group"],
                            column_config={"group": tr("col_group"), "leader": tr("col_leader")})
    return dict(zip(edited["group"], edited["leader"]))


cur = ui.need_current()
lang = state.lang()
result = cur.result
ui.heading(cur, "leaders")
st.caption(tr("leaders_intro"))
ui.start_day(cur)  # the meetings count from it (packs)
left, middle, right = st.columns(3)
every = left.radio(tr("leaders_every"), EVERY_MONTHS, key="leaders_every", horizontal=True,
                   format_func=lambda n: tr("leaders_months_n", n=n))
rule = middle.radio(tr("leaders_fee_rule"), FEE_RULES, key="leaders_fee_rule", horizontal=True,
                    format_func=lambda r: tr(f"leaders_fee_rule_{r}"))
fee = fee_input(right, rule)

members = result.analysis.members
with st.expander(tr("leaders_editor"), expanded=True):
    typed = typed_leaders(named_groups(members))
owing = set(members.loc[members["days"] > 0, "group"])
made = packs(members, result.as_of, every, fee, {g: n for g, n in typed.items() if g in owing})
if made.groups.empty:
    st.info(tr("leaders_none"))
    st.stop()

st.markdown(plain(tr("leaders_meetings", every=every, dates=dates_text(made.meetings, lang))))
st.markdown(plain(tr("leaders_fee", rule=fee_text(made, lang))))
if made.without_group:
    st.caption(tr("leaders_without_group", n=made.without_group))
st.subheader(tr("leaders_summary"))
ui.table(made.groups if fee.rule else made.groups.drop(columns="fee"), every_row=True)
ui.chart(charts.leaders_figure(made.groups, lang), tr("cap_leaders"))

st.subheader(tr("leaders_members"))
group = st.selectbox(tr("leaders_pick"), made.groups["group"], key="leaders_group")
leader = made.groups.set_index("group").at[group, "leader"]
st.markdown(plain(tr("leaders_leader", leader=leader or tr("leaders_not_entered"))))
ui.table(ui.shown(made.of(group), cur))
record_actions(cur, made.of(group)["member_no"], "leader_visit", 2, "leaders_confirm_visit", note=group)

stem = f"leaders_{result.as_of.isoformat()}"
xlsx, ics = st.columns(2)
xlsx.download_button(tr("leaders_download_packs"), icon=":material/download:", file_name=f"{stem}.xlsx", mime=XLSX_MIME,
                     data=lambda: packs_xlsx(made, result.as_of, lang))
ics.download_button(tr("leaders_download_ics"), icon=":material/event:", file_name=f"{stem}.ics", mime=ICS_MIME,
                    data=lambda: meetings_ics(made, result.as_of, lang))
st.caption(tr("leaders_download_note"))
ui.remember_for_plan(cur, "leaders", plan_columns(made))
