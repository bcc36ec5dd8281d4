"""T1's tool, sieving: a written notice to each debtor chosen by days overdue and amount, setting conditions
and a deadline (never one already past); once the letters are recorded as sent each member is notified, and
after the deadline eased (met the conditions) or pursued (did not, legal action included). Members already
under legal action get no notice and are listed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

import pandas as pd

from ...analyse import Analysis
from ...errors import LedgerError
from ...words import day
from ..base import in_legal_action
from .guarantors import names

NOTIFIED, EASED, PURSUED = "notified", "eased", "pursued"
TIERS = (NOTIFIED, EASED, PURSUED)  # the plan's tier codes; their words are the catalogue's tier_CODE
TIER_OF_MARK = {"met": EASED, "not_met": PURSUED}  # a member's mark after the deadline -> their tier
MARKS = ("pending", *TIER_OF_MARK)
DEBTOR_COLUMNS = ["member_no", "name", "group", "days", "loans_overdue", "overdue", "interest"]
LOAN_COLUMNS = ["member_no", "contract", "due_date", "overdue_amount", "interest_arrears", "guarantor"]


def long_overdue(members: pd.DataFrame, days: int) -> pd.Series:
    """The one rule of who is long overdue, for T1's letters, the plan's technique 1 and the selector alike:
    MORE THAN `days` days overdue (the member's oldest loan; `days` is Settings.long_overdue_days by default)."""
    return members["days"] > days


@dataclass(frozen=True)
class Notices:
    debtors: pd.DataFrame  # one row per debtor with a notice (DEBTOR_COLUMNS), largest overdue first
    loans: pd.DataFrame  # their overdue loans (LOAN_COLUMNS), by member as in debtors, oldest due first
    legal: pd.DataFrame  # chosen but under legal action: no notice (DEBTOR_COLUMNS)
    deadline: date
    min_days: int
    min_amount: float


def choose(analysis: Analysis, deadline: date, min_days: int | None = None, min_amount: float = 0.0,
           today: date | None = None) -> Notices:
    """The members long overdue by `long_overdue` with `min_days` (default: settings.long_overdue_days) owing at
    least `min_amount` baht of principal overdue; those under legal action set apart. A deadline before `today`
    (default: the real today) has passed: refused."""
    days = analysis.settings.long_overdue_days if min_days is None else int(min_days)
    _check(analysis.as_of, deadline, days, min_amount, today or date.today())
    members = analysis.members
    chosen = members[long_overdue(members, days) & (members["overdue"] >= min_amount - 0.005)]
    table = _debtors(chosen)
    legal = table["member_no"].isin(in_legal_action(analysis.loans))
    debtors = table[~legal].reset_index(drop=True)
    return Notices(debtors, overdue_loans(analysis.loans, debtors["member_no"]), table[legal].reset_index(drop=True),
                   deadline, days, float(min_amount))


def _check(as_of: date, deadline: date, days: int, amount: float, today: date) -> None:
    if deadline < today:
        raise LedgerError.of("sieving_deadline_past", date=partial(day, today))
    if deadline <= as_of:
        raise LedgerError.of("sieving_deadline_early", date=partial(day, as_of))
    if days < 0 or amount < 0:
        raise LedgerError.of("sieving_negative")


def _debtors(members: pd.DataFrame) -> pd.DataFrame:
    return members.assign(member_no=members["member_no"].astype(str), interest=members.get("interest_arrears", 0.0),
                          days=members["days"].astype(int), loans_overdue=members["loans_overdue"].astype(int)
                          )[DEBTOR_COLUMNS]


def overdue_loans(loans: pd.DataFrame, member_nos: pd.Series) -> pd.DataFrame:
    """The overdue loans of these members, member by member in their order, oldest due date first; contract,
    interest and guarantor blank or zero where the ledger has none."""
    order = pd.Series(range(len(member_nos)), index=member_nos.to_numpy())
    mine = loans[loans["overdue"] & loans["member_no"].astype(str).isin(order.index)]
    out = pd.DataFrame({"member_no": mine["member_no"].astype(str),
                        "contract": mine["contract"].astype(str) if "contract" in mine else "",
                        "due_date": mine["due_date"],
                        "overdue_amount": mine["overdue_amount"],
                        "interest_arrears": mine.get("interest_arrears", 0.0),
                        "guarantor": mine["guarantor"].fillna("").astype(str) if "guarantor" in mine else ""})
    out["order"] = out["member_no"].map(order)
    return out.sort_values(["order", "due_date"])[LOAN_COLUMNS].reset_index(drop=True)  # stable on two keys


def tiers(sent: Sequence[str], marks: Mapping[str, str]) -> pd.Series:
    """The tier of each member whose letter was recorded as sent (index member_no, as `sent` lists them):
    notified, then eased or pursued once marked "met" or "not_met" after the deadline. A notice chosen but
    not recorded as sent gives no tier."""
    members = pd.Index([str(m) for m in sent], name="member_no", dtype=object)
    return pd.Series([TIER_OF_MARK.get(marks.get(m), NOTIFIED) for m in members], index=members, name="tier",
                     dtype=object)


def plan_columns(notices: Notices) -> pd.DataFrame:
    """The plan's column the notices propose: per chosen debtor (index member_no), the notice's deadline."""
    return pd.DataFrame({"deadline": notices.deadline}, index=pd.Index(notices.debtors["member_no"]))


def guarantors_of(notices: Notices) -> dict[str, list[str]]:
    """Per debtor of `notices`: the guarantors named on their overdue loans, each once, in the loans' order."""
    out: dict[str, list[str]] = {m: [] for m in notices.debtors["member_no"]}
    for member, cell in zip(notices.loans["member_no"], notices.loans["guarantor"]):
        out[member] += [n for n in names(cell) if n not in out[member]]
    return out
