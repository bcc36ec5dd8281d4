"""Pairs of ledgers for the follow-up: canonical loans, and the same co-op a month later with known changes.

Members overdue then are cleared (paid in full), reduced (their largest overdue loan halved), grown (more
overdue on it), left (gone from the later ledger) or unchanged; members overdue neither time stay current,
fall into new arrears (a loan due after the first as-of date, unpaid) or leave; new members join. Every
instalment falling due between the two dates is paid unless the change says otherwise, so the expected
status of each member is the change made to them. The later export drops the leading zeros of some
member numbers and puts a no-break space before others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from .loans import generate_loans, satang

CHANGES_OVERDUE = ("cleared", "reduced", "grown", "left")
CHANGES_CURRENT = ("new_arrears", "left")


@dataclass
class Pair:
    old: pd.DataFrame  # canonical loans on as_of_old
    new: pd.DataFrame  # canonical loans on as_of_new
    as_of_old: date
    as_of_new: date
    expected: pd.DataFrame  # key (member number without zeros), status, overdue_then, overdue_now (satang)


def ledger_pair(n_loans: int, seed: int = 0, as_of: date = date(2024, 3, 31), days_later: int = 30,
                share: float = 0.1, joined: int = 8) -> Pair:
    """Old loans, new loans and each member's expected status; `share` of the members get each change."""
    rng = np.random.default_rng(seed)
    as_of_new = as_of + timedelta(days=days_later)
    old = generate_loans(n_loans, seed, as_of)
    then = _member_overdue(old, as_of)
    status = pd.Series(np.where(then > 0, "unchanged", "current"), index=then.index, dtype=object)
    _draw(rng, status, "unchanged", CHANGES_OVERDUE, share)
    _draw(rng, status, "current", CHANGES_CURRENT, share)
    new = _later(rng, old, status, as_of, days_later)
    newcomers = _newcomers(n_loans, seed, as_of_new, joined, old["member_no"])
    new = pd.concat([new, newcomers], ignore_index=True)
    now = _member_overdue(new, as_of_new)
    status = pd.concat([status, pd.Series("joined", index=newcomers["member_no"].unique(), dtype=object)])
    expected = pd.DataFrame({"key": [n.lstrip("0") or "0" for n in status.index], "status": status.to_numpy(),
                             "overdue_then": then.reindex(status.index, fill_value=0).to_numpy(),
                             "overdue_now": now.reindex(status.index, fill_value=0).to_numpy()})
    new["member_no"] = _reformatted(rng, new["member_no"])
    return Pair(old, new, as_of, as_of_new, expected)


def _member_overdue(loans: pd.DataFrame, as_of: date) -> pd.Series:
    """Principal overdue per member in satang, by the brief's rule."""
    due = (loans["due_date"] < pd.Timestamp(as_of)) & (loans["principal_overdue"] > 0)
    amount = pd.Series(np.where(due, satang(loans["principal_overdue"]), 0), index=loans.index)
    return amount.groupby(loans["member_no"], sort=False).sum()


def _draw(rng, status: pd.Series, among: str, changes: tuple[str, ...], share: float) -> None:
    members = rng.permutation(status.index[status == among].to_numpy())
    k = min(max(1, round(share * len(members))), len(members) // (len(changes) + 1))
    for i, change in enumerate(changes):
        status[members[i * k:(i + 1) * k]] = change


def _later(rng, old: pd.DataFrame, status: pd.Series, as_of: date, days_later: int) -> pd.DataFrame:
    """The old loans a month later: the changes made, everything falling due meanwhile paid."""
    new = old[old["member_no"].map(status) != "left"].reset_index(drop=True)
    change = new["member_no"].map(status)
    overdue = (new["due_date"] < pd.Timestamp(as_of)) & (new["principal_overdue"] > 0)
    new.loc[~overdue, "principal_overdue"] = 0.0
    new.loc[change.eq("cleared"), "principal_overdue"] = 0.0
    largest = new["principal_overdue"].where(overdue, -1).groupby(new["member_no"]).transform("idxmax") == new.index
    halve, grow = largest & change.eq("reduced"), largest & change.eq("grown")
    new.loc[halve, "principal_overdue"] = satang(new.loc[halve, "principal_overdue"]) // 2 / 100
    extra = rng.integers(100_00, 50_000_00, int(grow.sum())) / 100
    new.loc[grow, "principal_overdue"] += extra
    new.loc[grow, "outstanding"] += extra
    _new_arrears(rng, new, change.eq("new_arrears"), as_of, days_later)
    return new


def _new_arrears(rng, new: pd.DataFrame, chosen: pd.Series, as_of: date, days_later: int) -> None:
    """One loan per chosen member falls due after the first as-of date and is not paid."""
    first = chosen & ~new["member_no"].duplicated()
    n = int(first.sum())
    late = rng.integers(0, days_later, n).astype("timedelta64[D]")
    new.loc[first, "due_date"] = (np.datetime64(as_of, "D") + late).astype("datetime64[us]")
    amount = np.maximum(satang(new.loc[first, "amount_lent"]) // 10, 1) / 100
    new.loc[first, "principal_overdue"] = amount
    new.loc[first, "outstanding"] = np.maximum(new.loc[first, "outstanding"], amount)


def _newcomers(n_loans: int, seed: int, as_of: date, joined: int, numbers: pd.Series) -> pd.DataFrame:
    """`joined` new members with numbers above the old ones and contracts of their own."""
    loans = generate_loans(max(2 * joined, 4), seed + 1_000_003, as_of)
    loans = loans[loans["member_no"].isin(loans["member_no"].unique()[:joined])].copy()
    start = int(numbers.astype(int).max()) + 1
    renumber = {m: str(start + i).zfill(len(numbers.iloc[0])) for i, m in enumerate(loans["member_no"].unique())}
    loans["member_no"] = loans["member_no"].map(renumber)
    loans["contract"] = "ใหม่-" + loans["contract"]
    return loans


def _reformatted(rng, numbers: pd.Series) -> pd.Series:
    """The later program's numbers: a third without leading zeros, a tenth after a no-break space."""
    draw = rng.random(len(numbers.unique()))
    style = pd.Series(draw, index=numbers.unique())[numbers].to_numpy()
    stripped = numbers.str.lstrip("0").mask(lambda s: s == "", "0")
    return pd.Series(np.where(style < 0.33, stripped, np.where(style > 0.9, "\u00a0" + numbers, numbers)),
                     index=numbers.index, dtype=str)
