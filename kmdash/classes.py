"""Loan-quality classes (kmdash.settings.LoanClasses) on one analysis: each debtor in the worst class any of their
loans fits, with all their loans; per class the loans, members, outstanding, principal overdue, interest in
arrears and the allowance where the co-op set a rate; the debtors whose interest is no longer recognised as
income. Debtors who fit no class make a last row, so loans, members and money add up to the ledger's."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count

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
        """The classes for `summary --json`: names in `lang` (each row's `names` in Thai and English too), money in baht to the satang, null where unknown
        (a rate not set, a column the ledger does not have)."""
        names = class_names(self.classes, lang)
        both_names = {side: class_names(self.classes, side) for side in ("th", "en")}
        rows = [_row_json(r, names[r["key"]], {side: both_names[side][r["key"]] for side in both_names})
                for r in self.table.to_dict("records")]
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
                "list": [{"member": member, "name": name, "class": key, "class_name": names[key],
                          "interest_arrears": _baht(interest)} for member, name, key, interest in zip(
                    stopping["member_no"].tolist(), stopping["name"].tolist(), stopping["class"].tolist(),
                    stopping["interest_arrears"].tolist() if interest else [None] * len(stopping))],
            },
            "source": {"regulation": both("classes_regulation"),
                       "registrar": [row.key for row in self.classes.rows if self.classes.registrar(row)],
                       "settings": [row.key for row in self.classes.rows if not self.classes.registrar(row)],
                       "rates": "settings"},
            "notes": [{"code": NOTES[c], **both(NOTES[c])} for c in self.missing],
        }


def both(key: str) -> dict[str, str]:
    """The catalogue's words for `key` in Thai and in English."""
    return {side: t(key, side) for side in ("th", "en")}


def class_names(classes: LoanClasses, lang: str) -> dict[str, str]:
    """Each class's name in `lang` by key, the unclassified's too."""
    return {row.key: row.name(lang) for row in classes.rows} | {UNCLASSIFIED: t(f"class_{UNCLASSIFIED}", lang)}


def classify(analysis: Analysis, lang: str = "th") -> Classed:
    """The analysis' debtors in the settings' classes (names in `lang`)."""
    loans, classes = analysis.loans, analysis.settings.classes
    owner, members = pd.factorize(loans["member_no"])
    worst = pd.Series(loan_classes(loans, classes.rows, analysis)).groupby(owner).max().to_numpy()  # per member
    keys = np.array([row.key for row in classes.rows] + [UNCLASSIFIED])  # -1: the last, unclassified
    per_loan = keys[worst[owner]]
    money = {"outstanding": loans.get("outstanding"), "principal_overdue": loans["overdue_amount"],
             "interest_arrears": loans.get("interest_arrears")}
    table = _table(pd.DataFrame({"class": per_loan, "member_no": loans["member_no"].to_numpy(),
                                 **{c: v.to_numpy() for c, v in money.items() if v is not None}}), classes, keys, lang)
    debtors = analysis.members[["member_no", "name", *(["interest_arrears"] if "interest_arrears" in loans else [])]]
    debtors = debtors.assign(**{"class": keys[worst[members.get_indexer(debtors["member_no"])]]})
    return Classed(table, debtors, classes, tuple(c for c in NOTES if c not in loans))


def loan_classes(loans: pd.DataFrame, rows: tuple[LoanClass, ...], analysis: Analysis) -> np.ndarray:
    """Per loan: the place of the worst class it fits among `rows` (best first), -1 where it fits none."""
    overdue = loans["overdue"].to_numpy()
    months = months_overdue(loans["due_date"], analysis.as_of).to_numpy()  # counted only where overdue (fits)
    status = status_codes(loans.get("status", pd.Series(None, index=loans.index)))  # no column: every one other
    worst = np.full(len(loans), -1)
    for place, row in enumerate(rows):
        worst[fits(row, overdue, months, status)] = place
    return worst


def fits(row: LoanClass, overdue: np.ndarray, months: np.ndarray, status: np.ndarray) -> np.ndarray:
    """Per loan: its months overdue or its status puts it in the class."""
    by_status = np.isin(status, row.statuses) & (overdue | (not row.when_overdue))
    if row.months_from is None and row.months_to is None:
        return by_status
    low = 0 if row.months_from is None else row.months_from  # an overdue loan is in month 1 or later
    high = np.inf if row.months_to is None else row.months_to
    return by_status | (overdue & (months > low) & (months <= high))


def _table(loans: pd.DataFrame, classes: LoanClasses, keys: np.ndarray, lang: str) -> pd.DataFrame:
    """Per class (and the unclassified): its rule, then its loans, members and money (`loans`: class,
    member_no and the MONEY columns the ledger has)."""
    sums = loans.groupby("class").agg(loans=("member_no", "size"), members=("member_no", "nunique"),
                                      **{c: (c, "sum") for c in MONEY if c in loans})
    sums = sums.reindex(keys, fill_value=0).round(2)
    rows = [*classes.rows, None]
    table = pd.DataFrame([_rule(row) for row in rows], dtype=object)
    table["name"] = table["key"].map(class_names(classes, lang))
    for column in ("loans", "members", *MONEY):
        table[column] = sums[column].to_numpy() if column in sums else np.nan
    table["allowance"] = [np.nan if row is None or row.provision is None else _baht(row.provision / 100 * money)
                          for row, money in zip(rows, table["outstanding"])]
    table["non_accrual"] = table["members"].where(table["stops_interest"].astype(bool), 0)
    return table[["key", "name", *RULE, *COUNTS]]


def _rule(row: LoanClass | None) -> dict:
    """A class's key and rule (the unclassified's: none)."""
    if row is None:
        return {"key": UNCLASSIFIED, "months_from": None, "months_to": None, "statuses": (), "when_overdue": False,
                "provision": None, "stops_interest": False}
    return {"key": row.key, **{c: getattr(row, c) for c in RULE}}


def _row_json(row: dict, name: str, names: dict[str, str]) -> dict:
    return {"key": row["key"], "name": name, "names": names, "months_from": row["months_from"], "months_to": row["months_to"],
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
    return None if value is None or value != value else round(float(value), 2)


# ---------------------------------------------------------------- the classes as a table to edit (the page)

EDITABLE = ("key", "registrar", "name", "months_from", "months_to", "statuses", "when_overdue", "provision",
            "stops_interest")


def editable(classes: LoanClasses, lang: str) -> pd.DataFrame:
    """The classes as a table to edit, best to worst: each one's key, whether its rule is the Registrar's, its
    name in `lang` and its rule (an empty cell: no bound, no rate)."""
    frame = pd.DataFrame([{"key": r.key, "registrar": classes.registrar(r), "name": r.name(lang),
                           "months_from": r.months_from, "months_to": r.months_to, "statuses": list(r.statuses),
                           "when_overdue": r.when_overdue, "provision": r.provision, "stops_interest": r.stops_interest}
                          for r in classes.rows], columns=list(EDITABLE))
    return frame.astype({"months_from": "Int64", "months_to": "Int64", "provision": float,
                         "registrar": "boolean", "when_overdue": "boolean", "stops_interest": "boolean"})


def edited(classes: LoanClasses, records: list[dict], lang: str) -> LoanClasses:
    """The classes as the user left the table (`editable`'s rows, some changed, added or deleted), in its
    order: a new row gets a key of its own (own_1, own_2, ...) and a typed name stands in `lang` beside the
    other language's; a rule the settings refuse is a LedgerError."""
    before = {r.key: r for r in classes.rows}
    fresh = (f"own_{n}" for n in count(1) if f"own_{n}" not in before)
    rows = []
    for record in records:
        key = record.get("key") if _given(record.get("key")) else next(fresh)
        rows.append(LoanClass(key, _whole(record.get("months_from")), _whole(record.get("months_to")),
                              tuple(record.get("statuses") or ()), _flag(record.get("when_overdue")),
                              None if not _given(record.get("provision")) else float(record["provision"]),
                              _flag(record.get("stops_interest")),
                              _names(before.get(key), record.get("name"), lang)))
    return LoanClasses(tuple(rows))


def _given(value) -> bool:
    """A cell holds something: not None, NaN, pd.NA nor blank text."""
    return value is not None and not (isinstance(value, str) and not value.strip()) and not pd.isna(value)


def _whole(value) -> int | None:
    return int(value) if _given(value) else None


def _flag(value) -> bool:
    """A tick box: a new row's empty one is ticked (the usual case: only while overdue, interest stops)."""
    return bool(value) if _given(value) else True


def _names(row: LoanClass | None, typed, lang: str) -> tuple[str, ...]:
    """A class's (Thai, English) names after the user typed `typed` in `lang`: unchanged where the name is."""
    if not _given(typed) or (row is not None and typed.strip() == row.name(lang)):
        return row.names if row is not None else ()
    other = row.name("en" if lang == "th" else "th") if row is not None else typed.strip()
    return (typed.strip(), other) if lang == "th" else (other, typed.strip())
