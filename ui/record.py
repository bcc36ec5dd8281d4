"""The record of actions on screen: a tool's confirm step (`record_actions`), the date field of an action, saving
what a person confirmed, and the record as the screen may show it (privacy applied).

A tool page's proposal is never a fact: `record_actions` records nothing until its button is pressed.

    from ui.record import record_actions

    record_actions(cur, notices.debtors["member_no"], "letter_sent", 1, "sieving_confirm_sent")
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import pandas as pd
import streamlit as st

from kmdash import actions, record
from kmdash.errors import LedgerError
from kmdash.followup import member_key
from kmdash.i18n import t
from kmdash.read.dates import parse_date_text
from kmdash.report.display import date_entry, plain

from . import snapshots
from .cache import Current
from .components import day, member_aliases
from .state import lang, private, tr

SOURCE = "app"  # the record's `source` of what was confirmed on a page (an import names its file)


def record_actions(cur: Current, members: Iterable, kind: str, technique: int = 0,
                   label_key: str = "record_confirm", amount: int | Mapping[str, int] | None = None, *,
                   note: str = "", key: str | None = None) -> list[int] | None:
    """A tool's confirm step: the date it was done (typed BE in Thai, today by default), who did it (optional)
    and a button; on the press, one action per member is recorded for the current ledger's co-op
    (cur.result.ledger.coop) and the page says how many (and how many were recorded already). Nothing is
    recorded without the press; a date that is not a date, or after today, disables the button.

    cur: the current file (ui.need_current()).
    members: the member numbers as the ledger gives them (e.g. notices.debtors["member_no"]).
    kind: one of kmdash.actions.KINDS ("letter_sent", "guarantor_notified", "leader_visit", "pool_repaid", ...).
    technique: the technique's number (1-5), 0 for none.
    label_key: the catalogue key of the button's label, filled with n (the number of members), e.g.
        "ส่งหนังสือแล้ว {n:,} ราย"; the default says "record for n members".
    amount: none (None), one amount in satang for every member, or member number -> satang (e.g. what each
        member re-borrowed in a pool cycle); a member missing from the mapping gets none.
    note: the note kept with each action (e.g. "รอบที่ 1").
    key: the widgets' key prefix, unique on the page (default record_<kind>_<technique>): give one when a page
        confirms the same kind twice (one button per pool cycle).

    Returns the ids recorded on the press, else None.
    """
    members = [str(m) for m in members]
    key = key or f"record_{kind}_{technique}"
    with st.container(border=True):
        left, middle, right = st.columns(3, vertical_alignment="top")
        done = date_field(left, tr("col_action_date"), f"{key}_date")
        by = middle.text_input(tr("col_action_by"), key=f"{key}_by", placeholder=tr("record_optional"))
        if not members:
            right.caption(tr("record_no_members"))
        pressed = right.button(tr(label_key, n=len(members)), key=f"{key}_confirm", icon=":material/task_alt:",
                               disabled=done is None or not members, type="primary")
        if not pressed:
            return None
        rows = [{"member": m, "date": done, "kind": kind, "technique": technique or None,  # blank: none named
                 "amount": _baht(amount, m), "by": by, "note": note} for m in members]
        return save(cur, rows, SOURCE)


def _baht(amount: int | Mapping[str, int] | None, member: str) -> float | None:
    satang = amount.get(member) if isinstance(amount, Mapping) else amount
    return None if satang is None else int(satang) / 100


def date_field(place, label: str, key: str, default: date | None = None, required: bool = True,
               not_after_today: bool = True) -> date | None:
    """A date typed as staff write it (15/01/2568 in Thai; BE or CE read): `default`, else today (else blank
    where not required); the date read shown under it in words. None, with a message, for text that is not a
    date, a required date left blank, or (not_after_today) a date after today; None for a blank optional one."""
    start = default or (date.today() if required else None)
    typed = place.text_input(label, value=date_entry(start, lang()) if start else "", key=key, help=tr("as_of_help"))
    if not typed.strip():
        if required:
            place.error(tr("record_date_needed"))
        return None
    found = parse_date_text(typed.strip())
    if found is None:
        place.error(plain(tr("record_date_bad", text=typed)))
        return None
    if not_after_today and found > date.today():
        place.error(tr("record_date_future", day=day(found)))
        return None
    place.caption(day(found))
    return found


def save(cur: Current, rows: list[dict] | pd.DataFrame, source: str) -> list[int] | None:
    """What a person confirmed, recorded for the current co-op, all or none: rows as typed (checked as an
    import's rows are) or a frame of checked actions. Says how many were recorded; a bad row or a store that
    refuses is an error box, and nothing is saved."""
    try:
        found = rows if isinstance(rows, pd.DataFrame) else actions.checked(rows)
        ids, same = record.add(snapshots.engine(), cur.result.ledger.coop, found, source)
    except LedgerError as exc:
        st.error(plain(exc.message(lang())), icon="⚠️")
        return None
    st.success(tr("actions_saved", n=len(ids), same=same))
    return ids


def member_alias_by_key(cur: Current) -> dict[str, str]:
    """The matching key of each member number of the ledger -> its alias (a record may write a number without
    its leading zeros)."""
    alias = member_aliases(cur)
    return dict(zip(member_key(pd.Series(list(alias), dtype=object)), alias.values()))


def shown(cur: Current, table: pd.DataFrame, masked: bool | None = None) -> pd.DataFrame:
    """Actions (record.listed's or actions.checked's frame) as people read them (actions.as_rows), the ID first
    where the table has one. Masked (by default, when privacy is on): each member is their alias ("(hidden)"
    for one not in this ledger) and the notes are hidden (staff may write a name in them)."""
    out = actions.as_rows(table, lang())
    if (private() if masked is None else masked) and len(table):
        hidden = t("hidden", lang())
        out[actions.header("member", lang())] = member_key(table["member"]).map(member_alias_by_key(cur)) \
            .fillna(hidden).to_numpy()
        out[actions.header("note", lang())] = table["note"].map(lambda n: hidden if n else "").to_numpy()
    if "id" in table:
        out.insert(0, tr("col_action_id"), table["id"].to_numpy())
    return out


def coop_record(cur: Current, member: str | None = None) -> pd.DataFrame | None:
    """The current co-op's record (record.listed; one member's with `member`), oldest first; None where no
    store was made yet (reading never makes one)."""
    engine = snapshots.existing()
    return None if engine is None else record.listed(engine, cur.result.ledger.coop, member)
