"""Loan-quality classes (kmdash.settings.LoanClasses) on one analysis: each debtor in the worst class any of their
loans fits, with all their loans; per class the loans, members, outstanding, principal overdue, interest in
arrears and the allowance where the co-op set a rate; the debtors whose interest is no longer recognised as
income. Debtors who fit no class make a last row, so loans, members and money add up to the ledger's."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .analyse import Analysis, months_overdue
from .i18n import t
from .read.status import status_codes
from .settings import UNCLASSIFIED, LoanClass, LoanClasses

MONEY = ("outstanding", "principal_overdue", "interest_arrears")
RULE = ("months_from", "months_to", "statuses", "when_overdue", "provision", "stops_interest")
COUNTS = ("loans", "members", *MONEY, "allowance", "non_accrual")
NOTES = {"status": "classes_no_status", "outstanding": "classes_no_outstanding",
         "interest_arrears": "classes_no_interest"}  # a column the ledger lacks -> what cannot be done


@dataclass(frozen=True)
class Classed:
    table: pd.DataFrame  # one row per class, best to worst, then the unclassified: key, name, RULE, COUNTS
    debtors: pd.DataFrame  # one row per member: member_no, name, class (its key), interest_arrears where known
    classes: LoanClasses
    missing: tuple[str, ...]  # NOTES' columns the ledger does not have

    @property
    def non_accrual(self) -> pd.DataFrame:
        """The debtors of classes that stop interest: the worst class first, then the most interest in arrears."""
        stopping = [row.key for row in self.classes.rows if row.stops_interest]
        rank = {key: -i for i, key in enumerate(stopping)}
        chosen = self.debtors[self.debtors["class"].isin(stopping)]
        order = chosen.assign(rank=chosen["class"].map(rank), most=-chosen.get("interest_arrears", 0.0))
        return order.sort_values(["rank", "most", "member_no"], kind="stable").drop(columns=["rank", "most"])

    def as_json(self, lang: str = "th") -> dict:
        """The classes for `summary --json`: names in `lang`, money in baht to the satang, null where unknown
        (a rate not set, a column the ledger does not have)."""
        names = class_names(self.classes, lang)
        rows = [_row_json(r, names[r["key"]]) for r in self.table.to_dict("records")]
        allowance = self.table["allowance"].dropna()
        stopping = self.non_accrual
        interest = "interest_arrears" in stopping
        return {
            "rows": rows[:-1],
            "unclassified": rows[-1],
            "totals": {c: _total(rows, c) for c in ("loans", "members", *MONEY)},
            "rates_set": self.classes.rates_set,
            "rates_missing": [row.key for row in self.classes.rows if row.provision is None],
            "allowance": None if allowance.empty else _baht(allowance.sum()),
            "non_accrual": {
                "members": len(stopping),
                "interest_arrears": _baht(stopping["interest_arrears"].sum()) if interest else None,
                "list": [{"member": d["member_no"], "name": d["name"], "class": d["class"],
                          "class_name": names[d["class"]], "interest_arrears": _baht(d.get("interest_arrears"))}
                         for d in stopping.to_dict("records")],
            },
            "source": {"regulation": {side: t("classes_regulation", side) for side in ("th", "en")},
                       "registrar": [row.key for row in self.classes.rows if self.classes.registrar(row)],
                       "settings": [row.key for row in self.classes.rows if not self.classes.registrar(row)],
                       "rates": "settings"},
            "notes": [{"code": NOTES[c], "th": t(NOTES[c], "th"), "en": t(NOTES[c], "en")} for c in self.missing],
        }


def class_names(classes: LoanClasses, lang: str) -> dict[str, str]:
    """Each class's name in `lang` by key, the unclassified's too."""
    return {row.key: row.name(lang) for row in classes.rows} | {UNCLASSIFIED: t(f"class_{UNCLASSIFIED}", lang)}


def classify(analysis: Analysis, lang: str = "th") -> Classed:
    """The analysis' debtors in the settings' classes (names in `lang`)."""
    loans, classes = analysis.loans, analysis.settings.classes
    worst = loan_classes(loans, classes.rows, analysis)
    member_worst = pd.Series(worst).groupby(loans["member_no"].to_numpy()).max()
    keys = np.array([row.key for row in classes.rows] + [UNCLASSIFIED], dtype=object)  # -1: the last, unclassified
    per_loan = keys[member_worst.reindex(loans["member_no"].to_numpy()).to_numpy()]
    money = {"outstanding": loans.get("outstanding"), "principal_overdue": loans["overdue_amount"],
             "interest_arrears": loans.get("interest_arrears")}
    table = _table(pd.DataFrame({"class": per_loan, "member_no": loans["member_no"].to_numpy(),
                                 **{c: v.to_numpy() for c, v in money.items() if v is not None}}), classes, keys, lang)
    debtors = analysis.members[["member_no", "name", *(["interest_arrears"] if "interest_arrears" in loans else [])]]
    debtors = debtors.assign(**{"class": keys[member_worst.reindex(debtors["member_no"]).to_numpy()]})
    return Classed(table, debtors.reset_index(drop=True), classes, tuple(c for c in NOTES if c not in loans))


def loan_classes(loans: pd.DataFrame, rows: tuple[LoanClass, ...], analysis: Analysis) -> np.ndarray:
    """Per loan: the place of the worst class it fits among `rows` (best first), -1 where it fits none."""
    overdue = loans["overdue"].to_numpy(dtype=bool)
    months = np.where(overdue, months_overdue(loans["due_date"], analysis.as_of).to_numpy(), 0)
    status = status_codes(loans["status"]) if "status" in loans else np.full(len(loans), "other", dtype=object)
    worst = np.full(len(loans), -1)
    for place, row in enumerate(rows):
        worst[fits(row, overdue, months, status)] = place
    return worst


def fits(row: LoanClass, overdue: np.ndarray, months: np.ndarray, status: np.ndarray) -> np.ndarray:
    """Per loan: its months overdue or its status puts it in the class."""
    by_status = np.isin(status, row.statuses) & (overdue | (not row.when_overdue))
    if row.months_from is None and row.months_to is None:
        return by_status
    low = -1 if row.months_from is None else row.months_from
    high = np.inf if row.months_to is None else row.months_to
    return by_status | (overdue & (months > low) & (months <= high))


def _table(loans: pd.DataFrame, classes: LoanClasses, keys: np.ndarray, lang: str) -> pd.DataFrame:
    """Per class (and the unclassified): its rule, then its loans, members and money (`loans`: class,
    member_no and the MONEY columns the ledger has)."""
    present = [c for c in MONEY if c in loans]
    sums = loans.groupby("class").agg(loans=("member_no", "size"), members=("member_no", "nunique"),
                                      **{c: (c, "sum") for c in present})
    table = sums.reindex(keys, fill_value=0).rename_axis("key").reset_index()
    table[present] = table[present].astype(float).round(2)
    rules = pd.DataFrame([_rule(row) for row in classes.rows] + [_rule(None)], dtype=object)
    table = pd.concat([rules, table.drop(columns="key")], axis=1)
    table.insert(1, "name", table["key"].map(class_names(classes, lang)))
    for column in MONEY:
        table[column] = table[column] if column in present else np.nan
    rate = table["provision"].astype(float)
    table["allowance"] = [_baht(r / 100 * o) if r == r else np.nan for r, o in zip(rate, table["outstanding"])]
    table["non_accrual"] = table["members"].where(table["stops_interest"].astype(bool), 0)
    return table[["key", "name", *RULE, *COUNTS]]


def _rule(row: LoanClass | None) -> dict:
    """A class's key and rule (the unclassified's: none)."""
    if row is None:
        return {"key": UNCLASSIFIED, "months_from": None, "months_to": None, "statuses": (), "when_overdue": False,
                "provision": None, "stops_interest": False}
    return {"key": row.key, **{c: getattr(row, c) for c in RULE}}


def _row_json(row: dict, name: str) -> dict:
    return {"key": row["key"], "name": name, "months_from": row["months_from"], "months_to": row["months_to"],
            "statuses": list(row["statuses"]), "when_overdue": bool(row["when_overdue"]),
            "provision": row["provision"], "stops_interest": bool(row["stops_interest"]),
            "loans": int(row["loans"]), "members": int(row["members"]),
            **{c: _baht(row[c]) for c in (*MONEY, "allowance")}, "non_accrual": int(row["non_accrual"])}


def _total(rows: list[dict], column: str):
    """A column added over every row (the unclassified too); None where the ledger has no such column."""
    values = [row[column] for row in rows]
    return None if None in values else (sum(values) if column in ("loans", "members") else _baht(sum(values)))


def _baht(value) -> float | None:
    """Baht to the satang; None for a value not known (None or NaN)."""
    return None if value is None or value != value else round(float(value) + 0.0, 2)
