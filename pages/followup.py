"""Follow-up: the file in use is the later ledger (NEW); the earlier one (OLD) is a saved snapshot or an
upload, with its plan (the snapshot's own, or an uploaded one) and the record of what was done (the co-op's
record in the store, or an uploaded file of actions). Statuses, the identity, the bucket moves, recovery by
what was done beside the untreated debtors, the promises kept and broken, recovery per technique, person and
group of the plan, and the best rates; the board's summary and the command line's JSON to download."""

import hashlib
import json

import pandas as pd
import streamlit as st

from kmdash import pipeline, privacy, store
from kmdash.actions import kind_word, read_actions, technique_word
from kmdash.errors import LedgerError
from kmdash.followup import member_key
from kmdash.followup_flow import follow_up
from kmdash.followup_plan import BEST_OF, MIN_MEMBERS
from kmdash.plan import read_plan
from kmdash.read.load import LEDGER_EXTENSIONS
from kmdash.report import charts
from kmdash.report import followup as report
from kmdash.report.display import plain
from kmdash.report.plan import XLSX_MIME
from kmdash.settings import Settings
from ui import components as ui
from ui import record, snapshots, state
from ui.router import ensure_router
from ui.state import tr

ensure_router()

cur = ui.need_current()
lang = state.lang()
ui.heading(cur, "followup")
st.info(tr("fu_flow", file=plain(cur.source.name)))


@st.cache_resource(max_entries=2, show_spinner=False)
def old_upload(digest: str, _data: bytes, name: str, settings: Settings) -> pipeline.Result:
    return pipeline.run(_data, pipeline.Options(settings=settings), name)


def choose_old() -> tuple[store.Snapshot | pipeline.Result | None, str]:
    """The earlier ledger and an id for it (the aliases' key), or None until chosen."""
    kind = st.radio(tr("fu_old_choice"), ["snapshot", "upload"], horizontal=True, key="fu_kind",
                    format_func=lambda k: tr(f"fu_old_{k}"))
    if kind == "upload":
        up = st.file_uploader(tr("fu_old_upload"), type=LEDGER_EXTENSIONS, key="fu_old_file")
        if up is None:
            return None, ""
        digest = hashlib.sha256(up.getvalue()).hexdigest()
        return old_upload(digest, up.getvalue(), up.name, cur.result.analysis.settings), digest
    engine = snapshots.engine()
    stored = store.snapshots(engine).to_dict("records")
    if not stored:
        st.info(tr("fu_no_snapshots", page=tr("page_snapshots")))
        return None, ""
    row = st.selectbox(tr("snap_pick"), stored, format_func=snapshots.label, key="fu_snapshot",
                       index=asked_snapshot([r["id"] for r in stored]))
    return store.load(engine, row["id"]), f"snapshot:{row['id']}"


def asked_snapshot(ids: list[int]) -> int:
    """A link's ?snapshot=ID chosen first when this account may see it, told when it may not."""
    asked = st.query_params.get("snapshot")
    if asked is None:
        return 0
    if asked.isdigit() and int(asked) in ids:
        return ids.index(int(asked))
    st.warning(tr("url_snapshot_none", id=plain(asked)))
    return 0


try:
    old, old_id = choose_old()
    uploaded_plan = st.file_uploader(tr("fu_plan_upload"), type=["csv", "xlsx"], key="fu_plan_file")
    plan = read_plan(uploaded_plan.getvalue(), uploaded_plan.name) if uploaded_plan else None
    uploaded_actions = st.file_uploader(tr("fu_actions_upload"), type=["csv", "xlsx"], key="fu_actions_file")
    actions = (read_actions(uploaded_actions.getvalue(), uploaded_actions.name) if uploaded_actions
               else record.coop_record(cur))  # as the command line: --actions FILE, else the store's
except LedgerError as exc:
    st.error(plain(exc.message(lang)))
    st.stop()
if old is None:
    st.caption(tr("fu_pick_old"))
    st.stop()
found = follow_up(old, cur.result, plan, actions)
if found.snapshot_plan:
    st.caption(tr("fu_plan_from_snapshot"))
n_actions = 0 if actions is None else len(actions)
if uploaded_actions:
    st.caption(plain(tr("fu_actions_from_file", file=uploaded_actions.name, n=n_actions)))
elif n_actions:
    st.caption(tr("fu_actions_from_store", n=n_actions))
else:
    st.caption(tr("fu_actions_none", page=tr("page_actions")))
comparison, checked, judged = found.comparison, found.review, found.judged
alias = (privacy.aliases(comparison.members["member"], privacy.session_key(state.secret(), cur.source.digest + old_id),
                         lang) if state.private() else {})
alias_by_key = dict(zip(comparison.members["key"], comparison.members["member"].map(alias))) if alias else {}


def label(member: str) -> str:
    """The member as the screen may show them: with privacy, their alias, matched by key where the record
    writes the number otherwise ("(hidden)" for one in neither ledger)."""
    if not alias:
        return member
    return alias.get(member) or alias_by_key.get(member_key(pd.Series([member])).iloc[0], tr("hidden"))


for column, (status, n) in zip(st.columns(4) + st.columns(4), comparison.count().items()):
    column.metric(tr(f"fu_{status}"), f"{n:,}", border=True)
st.markdown("**" + plain(report.identity_line(comparison, lang)) + "**")
st.caption(tr("fu_refinanced_note"))
ui.chart(charts.status_figure(comparison.count(), lang), "")
ui.chart(charts.transitions_figure(comparison.matrix(), lang), tr("cap_transitions", n=len(comparison.members)))

members = comparison.members.assign(member_no=comparison.members["member"].map(label),
                                    overdue_then=comparison.members["overdue_then"] / 100,
                                    overdue_now=comparison.members["overdue_now"] / 100,
                                    fu_status=comparison.members["status"].map(lambda s: tr(f"fu_{s}")))
if state.private():
    members = members.assign(name=members["member_no"])
ui.table(members[["member_no", "name", "group", "fu_status", "overdue_then", "overdue_now"]])
st.markdown(plain(tr("fu_refinanced_recorded", n=int(comparison.members["refinanced"].sum()),
                     amount=report.money(comparison.totals()["refinanced"], lang))))


def by_action_table() -> pd.DataFrame:
    """What was done (kind, technique) beside the untreated debtors: members, overdue then, recovered, rate,
    and the difference from the untreated rate in points."""
    def figures(r) -> dict:
        return {"members": int(r["members"]), "overdue_then": r["overdue_then"] / 100,
                "recovered": r["recovered"] / 100, "rate": f"{r['rate']:.1%}"}

    rows = [{"action_kind": tr("fu_untreated"), "action_technique": "", **figures(judged.untreated), "uplift": ""}]
    rows += [{"action_kind": kind_word(r["kind"], lang), "action_technique": technique_word(r["technique"], lang),
              **figures(r), "uplift": f"{r['uplift'] * 100:+.1f}"} for r in judged.by_action.to_dict("records")]
    return pd.DataFrame(rows)


def promises() -> None:
    """The promises kept, broken and not yet due; the broken ones listed for the next round."""
    p = judged.promise_counts()
    st.markdown(plain(tr("fu_promises", kept=p["kept"], broken=p["broken"], pending=p["pending"],
                         kept_amount=report.money(p["kept_amount"], lang),
                         broken_amount=report.money(p["broken_amount"], lang))))
    broken = judged.broken
    if len(broken):
        st.markdown(f"**{tr('fu_broken_next', n=len(broken))}**")
        ui.table(pd.DataFrame({"member_no": broken["member"].map(label), "action_date": broken["date"].map(ui.day),
                               "promised_date": broken["promised_date"].map(ui.day),
                               "promised_amount": broken["amount"] / 100, "paid": broken["paid"] / 100}))


def best_lines() -> None:
    """The best rates of what was done, each with its difference from the untreated rate, which closes the list
    (the table's last column may be off a projector's screen: the comparison stays in words)."""
    rows = judged.best().to_dict("records")
    if not rows:
        return
    lines = [tr("fu_rate_line", value=report.action_label(r["kind"], r["technique"], lang), rate=f"{r['rate']:.1%}",
                members=r["members"], few="" if r["enough"] else tr("fu_few"))
             + " " + tr("fu_uplift", points=f"{r['uplift'] * 100:+.1f}") for r in rows]
    base = judged.untreated
    lines.append(tr("fu_rate_line", value=tr("fu_untreated"), rate=f"{base['rate']:.1%}", members=base["members"],
                    few=""))
    st.markdown(f"**{tr('fu_best')}**")
    st.markdown("\n".join(f"- {plain(line)}" for line in lines))


st.subheader(tr("fu_by_action"))
ui.table(by_action_table())
st.caption(tr("fu_pool_not_cash"))
best_lines()
promises()

if checked is not None:
    if len(checked.missing):
        st.warning(plain(tr("fu_missing", n=len(checked.missing),
                            members=", ".join(checked.missing["member"].map(label).head(30)))))
    for tab, dimension in zip(st.tabs([tr(f"fu_by_{d}") for d in checked.by]), checked.by):
        table = checked.by[dimension]
        names = (lambda v, d=dimension: report.value_label(d, v, lang))
        with tab:
            shown = table.assign(value=table["value"].map(names),
                                 **{k: table[k] / 100 for k in ("overdue_then", "recovered", "refinanced", "overdue_now")})
            ui.table(shown)
            ui.chart(charts.recovery_figure(table, tr(f"fu_by_{dimension}"), names, lang), tr("cap_recovery"))
    st.subheader(tr("fu_best"))
    st.caption(tr("fu_best_note", n=MIN_MEMBERS))
    for column, dimension in zip(st.columns(len(BEST_OF)), BEST_OF):
        column.markdown(f"**{tr(f'fu_by_{dimension}')}**")
        for row in checked.best(dimension).to_dict("records"):
            column.markdown(plain(tr("fu_rate_line", value=report.value_label(dimension, row["value"], lang),
                                     rate=f"{row['rate']:.1%}", members=row["members"],
                                     few="" if row["enough"] else tr("fu_few"))))

one, two, three = st.columns(3)
coop = cur.result.ledger.coop
ui.download(one, tr("fu_download_xlsx"), cur, True, file_name="followup_summary.xlsx", mime=XLSX_MIME,
            data=lambda: report.summary_xlsx(comparison, checked, coop, lang))
ui.download(two, tr("fu_download_docx"), cur, True, file_name="followup_summary.docx",
            data=lambda: report.summary_docx(comparison, checked, coop, lang),
            mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
ui.download(three, tr("fu_download_json"), cur, not state.private(), mime="application/json",
            file_name="followup.json",
            data=lambda: json.dumps(report.as_json(comparison, checked, label, judged), ensure_ascii=False))
