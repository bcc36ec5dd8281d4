"""T2's tool: a pack per member group for its leader, the leaders' meetings (counted from today when the
ledger is older) and fee (none by default; per debtor, or a share of the cash each group recovered since an
earlier ledger, a snapshot or an upload, by the follow-up and the record); the summary, a chart, one group's
debtors (privacy applied) and the downloads; the leaders put in the plan when asked; a leader's visit recorded
when confirmed."""

import hashlib
import zlib

import pandas as pd
import streamlit as st

from kmdash import pipeline, store
from kmdash.errors import LedgerError
from kmdash.followup_flow import follow_up
from kmdash.read.load import LEDGER_EXTENSIONS
from kmdash.report import charts
from kmdash.report.display import plain
from kmdash.report.leaders.meetings import ICS_MIME, meetings_ics
from kmdash.report.leaders.packs import columns, dates_text, fee_text, packs_xlsx, recovered_by_group
from kmdash.report.plan import XLSX_MIME
from kmdash.settings import Settings
from kmdash.techniques.leaders.packs import (
    EVERY_MONTHS,
    GROUPS,
    Fee,
    named_groups,
    packs,
    plan_columns,
)
from ui import components as ui
from ui import snapshots, state
from ui.record import coop_record, record_actions
from ui.router import ensure_router
from ui.state import tr

ensure_router()

FEE_RULES = ("none", "per_debtor", "recovered")  # a share of the arrears only on the command line, when asked


def fee_input(column, rule: str) -> Fee:
    if rule == "per_debtor":
        return Fee(per_debtor=column.number_input(tr("leaders_fee_per_debtor_input"), min_value=0.0, value=50.0, step=10.0,
                                                  key="leaders_fee_baht"))
    if rule == "recovered":
        percent = column.number_input(tr("leaders_fee_recovered_input"), min_value=0.0, max_value=100.0, value=1.0,
                                      step=0.5, key="leaders_fee_percent", help=tr("leaders_fee_recovered_help"))
        return Fee(share=percent / 100)
    return Fee()


@st.cache_resource(max_entries=2, show_spinner=False)
def earlier_upload(digest: str, _data: bytes, name: str, settings: Settings) -> pipeline.Result:
    return pipeline.run(_data, pipeline.Options(settings=settings), name)


def earlier(cur) -> store.Snapshot | pipeline.Result | None:
    """The earlier ledger the cash recovered is counted from: a saved snapshot or an upload; None until chosen."""
    kind = st.radio(tr("leaders_since_choice"), ["snapshot", "upload"], horizontal=True, key="leaders_since_kind",
                    format_func=lambda k: tr(f"fu_old_{k}"))
    if kind == "upload":
        up = st.file_uploader(tr("fu_old_upload"), type=LEDGER_EXTENSIONS, key="leaders_since_file")
        if up is None:
            return None
        digest = hashlib.sha256(up.getvalue()).hexdigest()
        return earlier_upload(digest, up.getvalue(), up.name, cur.result.analysis.settings)
    engine = snapshots.engine()
    stored = store.snapshots(engine).to_dict("records")
    if not stored:
        st.info(tr("fu_no_snapshots", page=tr("page_snapshots")))
        return None
    row = st.selectbox(tr("snap_pick"), stored, format_func=snapshots.label, key="leaders_since_snapshot")
    return store.load(engine, row["id"])


def recovered(cur, fee: Fee):
    """Each group's cash recovered since the earlier ledger, when the fee is a share of it (else None); the page
    stops until the earlier ledger is chosen."""
    if not fee.needs_recovered:
        return None
    try:
        old = earlier(cur)
    except LedgerError as exc:
        st.error(plain(exc.message(state.lang())))
        st.stop()
    if old is None:
        st.caption(tr("leaders_since_pick"))
        st.stop()
    return recovered_by_group(follow_up(old, cur.result, None, coop_record(cur)).comparison)


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
gained = recovered(cur, fee)
owing = set(members.loc[members["days"] > 0, "group"]) | {g for g, v in (gained.by_group if gained else {}).items() if v > 0}
made = packs(members, result.as_of, every, fee, {g: n for g, n in typed.items() if g in owing}, recovered=gained)
if made.groups.empty:
    st.info(tr("leaders_none"))
    st.stop()

st.markdown(plain(tr("leaders_meetings", every=every, dates=dates_text(made.meetings, lang))))
st.markdown(plain(tr("leaders_fee", rule=fee_text(made, lang))))
if made.without_group:
    st.caption(tr("leaders_without_group", n=made.without_group))
st.subheader(tr("leaders_summary"))
ui.table(made.groups[columns(made, GROUPS)], every_row=True)
ui.chart(charts.leaders_figure(made.groups, lang), tr("cap_leaders"))

st.subheader(tr("leaders_members"))
group = st.selectbox(tr("leaders_pick"), made.groups["group"], key="leaders_group")
leader = made.groups.set_index("group").at[group, "leader"]
st.markdown(plain(tr("leaders_leader", leader=leader or tr("leaders_not_entered"))))
ui.table(ui.shown(made.of(group), cur))
record_actions(cur, made.of(group)["member_no"], "leader_visit", 2, "leaders_confirm_visit", note=group)

stem = f"leaders_{result.as_of.isoformat()}"
xlsx, ics = st.columns(2)
ui.download(xlsx, tr("leaders_download_packs"), cur, True, icon=":material/download:", file_name=f"{stem}.xlsx",
            mime=XLSX_MIME,
            data=lambda: packs_xlsx(made, result.as_of, lang))
ui.download(ics, tr("leaders_download_ics"), cur, True, icon=":material/event:", file_name=f"{stem}.ics", mime=ICS_MIME,
            data=lambda: meetings_ics(made, result.as_of, lang))
st.caption(tr("leaders_download_note"))
ui.remember_for_plan(cur, "leaders", plan_columns(made))
