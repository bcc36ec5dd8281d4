"""The group leaders' packs: a summary sheet of every group (debtors, overdue, oldest debt, leader, fee),
then one sheet per group with only that group's overdue members, for its leader; and the command's text.

Written by the fast writer (`xlsx`): text cells are always text, so a name like "=1+1" stays a name.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from ...followup import Comparison
from ...i18n import t
from ...techniques.leaders.packs import Packs, Recovered
from .. import xlsx
from ..display import day, money
from ..xlsx_text import sheet_titles, text_width

SUMMARY = ["group", "leader", "debtors", "overdue", "oldest_days", "recovered", "fee"]
MEMBERS = ["no", "member_no", "name", "days_overdue", "overdue_baht", "interest", "result"]
MONEY = frozenset({"overdue", "recovered", "fee", "overdue_baht", "interest"})


def recovered_by_group(comparison: Comparison) -> Recovered:
    """The follow-up's cash recovered (never what the pool refinanced) per group, the later ledger's group (the
    earlier one's for a member who left), in satang."""
    members = comparison.members
    return Recovered(comparison.as_of_old, {str(g): replace(comparison, members=part).totals()["recovered"]
                                            for g, part in members.groupby("group", sort=True)})


def fee_text(packs: Packs, lang: str = "th") -> str:
    fee = packs.fee
    if fee.rule == "per_debtor":
        return t("leaders_fee_per_debtor", lang, x=f"{fee.per_debtor:,.2f}")
    if fee.rule == "share" and fee.on == "arrears":
        return t("leaders_fee_share", lang, pct=f"{fee.share * 100:g}%")
    if fee.rule == "share":
        return t("leaders_fee_recovered", lang, pct=f"{fee.share * 100:g}%", since=day(packs.recovered.since, lang))
    return t("leaders_fee_none", lang)


def columns(packs: Packs, wanted: list[str]) -> list[str]:
    """The summary's columns: the cash recovered only after a follow-up, the fee only with a rule."""
    return [c for c in wanted if (c != "recovered" or packs.recovered) and (c != "fee" or packs.fee.rule)]


def dates_text(dates, lang: str = "th") -> str:
    return ", ".join(day(d, lang) for d in dates)


def packs_xlsx(packs: Packs, as_of: date, lang: str = "th") -> bytes:
    """The workbook's bytes: the summary first, then a sheet per group in the summary's order."""
    summary = t("xl_summary", lang)
    sheets = [_summary_sheet(packs, as_of, summary, lang)]
    groups = packs.groups
    for row, title in zip(groups.itertuples(index=False), sheet_titles(groups["group"].tolist(), (summary,))):
        sheets.append(_group_sheet(packs, row, title, as_of, lang))
    return xlsx.workbook(sheets)


def _summary_sheet(packs: Packs, as_of: date, name: str, lang: str) -> xlsx.Sheet:
    shown = columns(packs, SUMMARY)
    frame = _with_total(packs.groups, lang)[shown]
    title = t("leaders_packs_title", lang, day=day(as_of, lang), every=packs.every_months,
              dates=dates_text(packs.meetings, lang), fee=fee_text(packs, lang))
    headers = [t("col_overdue_baht" if c == "overdue" else f"col_{c}", lang) for c in shown]
    return xlsx.Sheet(name, frame, headers, MONEY, title)


def _with_total(groups: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The groups and a total row (the oldest debt of all) when there are any."""
    if groups.empty:
        return groups
    total = {"group": t("xl_total", lang), "leader": "", "debtors": int(groups["debtors"].sum()),
             "overdue": round(float(groups["overdue"].sum()), 2), "oldest_days": int(groups["oldest_days"].max()),
             "recovered": round(float(groups["recovered"].sum()), 2), "fee": round(float(groups["fee"].sum()), 2)}
    return pd.concat([groups, pd.DataFrame([total])], ignore_index=True)


def _group_sheet(packs: Packs, group, name: str, as_of: date, lang: str) -> xlsx.Sheet:
    mine = packs.of(group.group)
    frame = pd.DataFrame({"no": range(1, len(mine) + 1), "member_no": mine["member_no"], "name": mine["name"],
                          "days_overdue": mine["days"], "overdue_baht": mine["overdue"],
                          "interest": mine["interest"], "result": ""})
    title = t("leaders_pack_title", lang, group=group.group, leader=group.leader or t("leaders_not_entered", lang), n=len(mine),
              total=money(group.overdue, lang), day=day(as_of, lang), next=day(packs.meetings[0], lang))
    return xlsx.Sheet(name, frame, [t(f"col_{c}", lang) for c in MEMBERS], MONEY, title)


def packs_text(packs: Packs, file: str, as_of: date, lang: str = "th") -> str:
    """Who gets a pack: each group's debtors, overdue, oldest debt, leader and fee; the meetings."""
    groups = packs.groups
    lines = [t("leaders_text_title", lang, n=int(groups["debtors"].sum()), k=len(groups)),
             f"{t('file', lang)}: {file} | {t('as_of', lang)} {day(as_of, lang)}",
             t("leaders_meetings", lang, every=packs.every_months, dates=dates_text(packs.meetings, lang)),
             t("leaders_fee", lang, rule=fee_text(packs, lang))]
    if packs.without_group:
        lines.append(t("leaders_without_group", lang, n=packs.without_group))
    if packs.recovered:
        lines.append(t("leaders_recovered_since", lang, since=day(packs.recovered.since, lang)))
    lines += ["", t("leaders_text_columns_recovered" if packs.recovered else "leaders_text_columns", lang)]
    names, leaders = _padded(groups["group"]), _padded(leader or "-" for leader in groups["leader"])
    for row, name, leader in zip(groups.itertuples(index=False), names, leaders):
        gained = f"{row.recovered:>16,.2f}  " if packs.recovered else ""
        fee = f"{row.fee:>14,.2f}" if packs.fee.rule else ""
        lines.append(f"  {name}  {leader}  {row.debtors:>6,}  {row.overdue:>16,.2f}  {row.oldest_days:>7,}  "
                     f"{gained}{fee}".rstrip())
    return "\n".join(lines)


def _padded(texts) -> list[str]:
    """Texts padded to one display width (Thai marks take no column)."""
    texts = list(texts)
    width = max((text_width(x) for x in texts), default=0)
    return [x + " " * (width - text_width(x)) for x in texts]
