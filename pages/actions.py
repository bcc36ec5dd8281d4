"""Actions: what was done for each debtor, recorded for one member, a group's overdue members or several; the
co-op's record, a row corrected, rows deleted (each behind its button); a file of actions imported; the record
as CSV. Nothing is recorded, corrected or deleted but by a button."""

import hashlib

import streamlit as st

from kmdash import record
from kmdash.actions import KINDS, PROMISE, header, kind_word, read_actions, technique_word
from kmdash.errors import LedgerError
from kmdash.privacy import member_labels
from kmdash.report.display import plain
from kmdash.report.escape import safe_csv
from kmdash.report.plan import CSV_MIME, contents
from kmdash.techniques.registry import techniques
from ui import components as ui
from ui import record as rec
from ui import snapshots, state
from ui.router import ensure_router
from ui.state import tr

ensure_router()

DONE = "act_done"  # the message of a correction or deletion, shown on the rerun that shows the record changed
KIND_PX = 240  # the longest kind whole, "ทำสัญญาปรับโครงสร้างหนี้" (a column fits its first rows only)
NUMBERS = [0, *(t.card.number for t in techniques())]

cur = ui.need_current()
lang = state.lang()
fresh = f"{state.private()}_{lang}"  # in the keys of pickers whose labels change with privacy or language
ui.heading(cur, "actions")
st.caption(tr("act_intro"))
if (message := st.session_state.pop(DONE, None)) is not None:
    st.success(message)

members = cur.result.analysis.members
numbers = members["member_no"].astype(str).tolist()
labels = member_labels(ui.shown(members, cur))  # aliases when privacy is on


def chosen() -> list[str]:
    """The member numbers chosen: one member, a group's overdue members, or several."""
    how = st.radio(tr("act_who"), ["one", "group", "several"], horizontal=True, key="act_who",
                   format_func=lambda k: tr(f"act_who_{k}"))
    if how == "one":
        i = st.selectbox(tr("act_member"), range(len(numbers)), index=None, format_func=lambda i: labels[i],
                         placeholder=tr("act_pick"), key=f"act_one_{fresh}")
        return [] if i is None else [numbers[i]]
    if how == "group":
        overdue = members[members["overdue"] > 0]
        group = st.selectbox(tr("act_group"), sorted(overdue["group"].astype(str).unique()), index=None,
                             placeholder=tr("act_group"), key="act_group")
        picked = overdue.loc[overdue["group"].astype(str) == group, "member_no"].astype(str).tolist()
    else:
        picked = [numbers[i] for i in st.multiselect(tr("act_members"), range(len(numbers)), key=f"act_several_{fresh}",
                                                     format_func=lambda i: labels[i], placeholder=tr("act_pick"))]
    st.caption(tr("act_chosen", n=len(picked)))
    return picked


def details(prefix: str, row: dict | None = None, note_shown: bool = True) -> dict | None:
    """An action's fields (a recorded row's values as the defaults): the row as the core checks it, or None with
    a message where a date is not one or a promise lacks its amount or date."""
    row = row or {}
    one, two, three = st.columns(3)
    kind = one.selectbox(tr("col_action_kind"), KINDS, index=KINDS.index(row.get("kind", KINDS[0])),
                         format_func=lambda k: kind_word(k, lang), key=f"{prefix}_kind")
    technique = two.selectbox(tr("col_action_technique"), NUMBERS, index=NUMBERS.index(row.get("technique", 0)),
                              format_func=lambda n: technique_word(n, lang) or tr("fu_not_set"),
                              key=f"{prefix}_technique")
    done = rec.date_field(three, tr("col_action_date"), f"{prefix}_date", row.get("date"))
    four, five, six = st.columns(3)
    amount = four.number_input(tr("col_action_amount"), min_value=0.0, value=row.get("amount", 0) / 100,
                               step=100.0, format="%.2f", key=f"{prefix}_amount")
    promised = rec.date_field(five, tr("col_promised_date"), f"{prefix}_promised", row.get("promised_date"),
                              required=False, not_after_today=False)
    by = six.text_input(tr("col_action_by"), value=row.get("by", ""), key=f"{prefix}_by")
    note = st.text_input(tr("col_action_note"), value=row.get("note", ""), key=f"{prefix}_note") \
        if note_shown else row.get("note", "")
    st.caption(tr("act_promise_needs"))
    return {"kind": kind, "technique": technique or None, "date": done, "amount": amount or None,
            "promised_date": promised if kind == PROMISE else None, "by": by, "note": note}


def record_table(frame, every_row: bool = False) -> None:
    """Actions as rec.shown gives them, every kind whole, amounts with thousands, right-aligned. (No column pinned:
    a pinned column's text is grey, too faint on a projector.)"""
    amount = header("amount", lang)
    frame = frame.assign(**{amount: frame[amount].map(lambda baht: f"{float(baht):,.2f}" if baht else "")})
    config = {header("kind", lang): st.column_config.TextColumn(width=KIND_PX),
              amount: st.column_config.TextColumn(alignment="right")}
    height = min(ui.HEADER_PX + ui.ROW_PX * len(frame), ui.MOST_PX) if every_row else "auto"
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config, height=height)


def valid(fields: dict) -> bool:
    """After the press: the dates read, and a promise with its amount and date."""
    if fields["kind"] == PROMISE and not (fields["amount"] and fields["promised_date"]):
        st.error(tr("act_promise_needs"))
        return False
    return fields["date"] is not None


st.subheader(tr("act_add"))
who = chosen()
with st.form("act_form"):
    fields = details("act")
    pressed = st.form_submit_button(tr("act_save", n=len(who)), disabled=not who, icon=":material/task_alt:",
                                    type="primary", key="act_save")
if pressed and valid(fields):
    rec.save(cur, [{"member": m, **fields} for m in who], rec.SOURCE)

st.subheader(tr("act_import"))
st.caption(tr("act_import_help"))
upload = st.file_uploader(tr("act_import_file"), type=["csv", "xlsx"], key="act_import_file")
if upload is not None:
    try:
        found = read_actions(upload.getvalue(), upload.name)
    except LedgerError as exc:
        st.error(plain(exc.message(lang)), icon="⚠️")
    else:
        st.caption(tr("act_import_read", n=len(found)))
        record_table(rec.shown(cur, found))
        digest = hashlib.sha256(upload.getvalue()).hexdigest()[:12]  # a new file, a new button
        if st.button(tr("act_import_button", n=len(found)), key=f"act_import_{digest}", disabled=found.empty,
                     icon=":material/upload:"):
            rec.save(cur, found, upload.name)

engine = snapshots.existing()
table = record.listed(engine, cur.result.ledger.coop) if engine is not None else None
if table is None or table.empty:
    st.info(tr("actions_none"))
    st.stop()
st.subheader(tr("act_record", n=len(table)))
shown = rec.shown(cur, table)
record_table(shown, every_row=True)
name = dict(zip(table["id"], shown.iloc[:, 1:4].astype(str).agg(" · ".join, axis=1)))  # member · date · kind


def label(number: int) -> str:
    return f"{number} · {name[number]}"


def changed(message: str) -> None:
    """The record changed: say so on a rerun that shows it."""
    st.session_state[DONE] = message
    st.rerun()


st.subheader(tr("act_fix"))
ids = table["id"].tolist()
pick = st.selectbox(tr("act_fix_pick"), ids, index=None, format_func=label, placeholder=tr("act_fix_pick"),
                    key=f"act_fix_pick_{fresh}")
if pick is not None:
    row = table[table["id"] == pick].iloc[0].to_dict()
    with st.form(f"act_fix_{pick}"):
        if state.private():  # the member's number is not shown: it stays as recorded
            st.caption(tr("act_member_kept", member=shown.iloc[ids.index(pick), 1]))
            member = row["member"]
        else:
            member = st.text_input(tr("col_member"), value=row["member"], key=f"act_fix_{pick}_member")
        fix = details(f"act_fix_{pick}", row, note_shown=not state.private())
        if st.form_submit_button(tr("act_fix_button"), icon=":material/edit:", key="act_fix_save") and valid(fix):
            try:
                record.correct(engine, pick, {**fix, "member": member})
            except LedgerError as exc:
                st.error(plain(exc.message(lang)), icon="⚠️")
            else:
                changed(tr("act_fixed", id=pick))

gone = st.multiselect(tr("act_delete_pick"), ids, format_func=label, placeholder=tr("act_delete_pick"),
                      key=f"act_delete_pick_{fresh}")
if st.button(tr("act_delete_button", n=len(gone)), key="act_delete", disabled=not gone, icon=":material/delete:"):
    try:
        record.delete(engine, gone)
    except LedgerError as exc:
        st.error(plain(exc.message(lang)), icon="⚠️")
    else:
        changed(tr("act_deleted", n=len(gone)))


def download(masked: bool) -> None:
    frame = rec.shown(cur, table, masked)
    ui.download(st, tr("act_download", contents=contents(masked, lang)), cur, not masked, data=lambda: safe_csv(frame),
                file_name=f"actions{'_masked' if masked else ''}.csv", mime=CSV_MIME,
                icon=":material/download:", key=f"act_download_{masked}")


download(False)
if state.private():
    download(True)
