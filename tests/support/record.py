"""A generated record of actions over a generated pair of ledgers (kmdash.synthetic.pairs), and every figure the
follow-up judged by that record must give, computed here from what was generated (the pair's expected statuses
and amounts, the actions drawn), never by kmdash's follow-up.

The record (`generate`), for the debtors of the earlier ledger (overdue then):
- letters (letter_sent, technique 1) to some, a few of them twice, a few dated before the earlier ledger;
- leader visits (leader_visit, technique 2), overlapping the letters;
- promises (technique 3): kept (overdue fell by at least the amount, promised date passed), broken (date passed,
  the overdue did not fall, or fell by less), pending (promised date after the later ledger);
- a pool cycle repaid (pool_repaid, technique 4) between the two ledgers by members whose overdue fell, one by
  a member whose overdue did not fall, one on the earlier ledger's day (already in its figures);
- restructuring signed (agreement, no technique named) by two members who cleared: a high rate behind too few;
- actions dated after the later ledger (a letter, a pool repayment, a promise) that must not count;
- a contact with members who owed nothing then (not debtors: in no figure);
- and members with no action at all (untreated).

Members are written as the earlier ledger has them ("00017") or without leading zeros ("17"). Money is integer
satang; a rate is recovered over overdue then.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from kmdash.synthetic import LedgerShape, ledger_rows, write_xlsx
from kmdash.synthetic.pairs import Pair, ledger_pair

COOP = "สหกรณ์การเกษตรบ้านทดสอบ จำกัด"  # the co-op named in both generated ledgers' title rows
FELL = ("cleared", "reduced")
FIELDS = ("member", "date", "kind", "technique", "amount", "promised_date", "by", "note")
HEADERS = {"th": ("เลขสมาชิก", "วันที่ดำเนินการ", "สิ่งที่ทำ", "เทคนิค", "จำนวนเงิน (บาท)", "วันที่นัดชำระ", "ผู้ดำเนินการ",
                  "บันทึก"),
           "en": ("Member no.", "Date done", "Action", "Technique", "Amount (baht)", "Promised date", "Done by", "Note")}
KIND_WORDS = {"letter_sent": ("ส่งหนังสือแล้ว", "Letter sent"), "guarantor_notified": ("แจ้งผู้ค้ำประกันแล้ว", "Guarantor notified"),
              "leader_visit": ("ผู้นำกลุ่มเยี่ยมแล้ว", "Leader visit"), "contact": ("ติดต่อลูกหนี้", "Contact"),
              "promise": ("นัดชำระ", "Promise to pay"), "pool_repaid": ("กู้ใหม่ชำระหนี้เดิม", "Repaid through the pool"),
              "agreement": ("ทำสัญญาปรับโครงสร้างหนี้", "Restructuring signed"), "legal_referred": ("ส่งดำเนินคดี", "Referred for legal action"),
              "other": ("อื่น ๆ", "Other")}  # the kinds as staff write them, in Thai and English
TECHNIQUE_WORDS = {1: ("1 ร่อนตะแกรง", "sieving", "การร่อนตะแกรง", "Sieving"),
                   2: ("2 ผู้นำกลุ่ม", "leaders", "การใช้พลังผู้นำกลุ่มสมาชิก", "Group-leader power"),
                   3: ("3 มอบหมาย", "assigned", "การมอบหมายผู้รับผิดชอบ", "Assigned follow-up"),
                   4: ("4 กองทุนหมุนเวียนกลุ่ม", "pooling", "โครงการกิจกรรมกลุ่มแก้ปัญหา", "Group problem-solving project"),
                   5: ("5 จัดชั้นสมาชิก", "grading", "การจัดชั้นสมาชิก", "Member grading")}  # "3 มอบหมาย", key, names
STAFF = ("สมชาย", "สมศรี", "มานพ")
NOTES = ("", "โทรแล้ว, ไม่รับสาย", "=นัดที่บ้าน", "ฝากเรื่องไว้กับภรรยา")  # a comma and a formula-like note: data
MIN_MEMBERS = 5


def key(member: str) -> str:
    """A member number as the follow-up matches it: without leading zeros."""
    return str(member).strip().lstrip("0") or "0"


def write_pair(pair: Pair, folder: Path, coop: str = COOP) -> tuple[Path, Path]:
    """The pair's two ledgers as xlsx files in the generator's default shape, the co-op named in their titles."""
    old, new = folder / "old.xlsx", folder / "new.xlsx"
    write_xlsx(ledger_rows(pair.old, LedgerShape(), pair.as_of_old, coop), old)
    write_xlsx(ledger_rows(pair.new, LedgerShape(), pair.as_of_new, coop), new)
    return old, new


@dataclass
class Record:
    pair: Pair
    actions: list[dict] = field(default_factory=list)  # FIELDS; amount in satang, technique 0 when none

    # ------------------------------------------------------------ the pair's members, by key

    @cached_property
    def members(self) -> pd.DataFrame:
        """key -> status, overdue_then, overdue_now and fall (satang: how much the overdue fell, 0 unless FELL)."""
        e = self.pair.expected.set_index("key")
        fall = (e["overdue_then"] - e["overdue_now"]).where(e["status"].isin(FELL), 0)
        return e.assign(fall=fall.astype(np.int64))

    @property
    def debtors(self) -> pd.DataFrame:
        return self.members[self.members["overdue_then"] > 0]

    # ------------------------------------------------------------ what counts

    @property
    def counted(self) -> list[dict]:
        """The actions dated on or before the later ledger."""
        return [a for a in self.actions if a["date"] <= self.pair.as_of_new]

    @cached_property
    def refinanced_keys(self) -> set[str]:
        """Repaid through the pool after the earlier ledger, by the later one, their overdue fallen."""
        old, new = self.pair.as_of_old, self.pair.as_of_new
        pooled = {key(a["member"]) for a in self.actions if a["kind"] == "pool_repaid" and old < a["date"] <= new}
        return {k for k in pooled if self.members.loc[k, "status"] in FELL}

    def cash(self, k: str) -> int:
        """A member's cash recovered: the fall of their overdue, unless the pool refinanced it."""
        return 0 if k in self.refinanced_keys else int(self.members.loc[k, "fall"])

    def figures(self, keys) -> dict:
        keys = sorted(set(keys))
        then = int(self.members.loc[keys, "overdue_then"].sum())
        recovered = sum(self.cash(k) for k in keys)
        refinanced = sum(int(self.members.loc[k, "fall"]) for k in keys if k in self.refinanced_keys)
        return {"members": len(keys), "overdue_then": then, "recovered": recovered, "refinanced": refinanced,
                "rate": recovered / then if then else 0.0, "keys": keys}

    def by_action(self, chosen: dict[str, int] | None = None) -> dict[tuple[str, int], dict]:
        """(kind, technique) -> figures of the debtors with such an action counted; an action naming no technique
        takes the member's `chosen` one (key -> number), else 0."""
        reached: dict[tuple[str, int], set[str]] = {}
        for a in self.counted:
            k = key(a["member"])
            if k in self.debtors.index:
                technique = a["technique"] or (chosen or {}).get(k, 0)
                reached.setdefault((a["kind"], technique), set()).add(k)
        return {pair: self.figures(keys) for pair, keys in reached.items()}

    @property
    def untreated(self) -> dict:
        treated = {key(a["member"]) for a in self.counted}
        return self.figures(k for k in self.debtors.index if k not in treated)

    def best(self, chosen: dict[str, int] | None = None, top: int = 5) -> list[tuple]:
        """(enough, rate, members, kind, technique), best first: enough members before too few, then the rate,
        then the members; only what reached some overdue, pool repayments aside (refinancing, never cash)."""
        rows = [(f["members"] >= MIN_MEMBERS, f["rate"], f["members"], kind, technique)
                for (kind, technique), f in self.by_action(chosen).items()
                if f["overdue_then"] > 0 and kind != "pool_repaid"]
        return sorted(rows, key=lambda r: (not r[0], -r[1], -r[2]))[:top]

    @property
    def promises(self) -> dict:
        """Kept, broken and pending counted promises (one per member here), their amounts and the broken ones."""
        out = {"kept": 0, "broken": 0, "pending": 0, "kept_amount": 0, "broken_amount": 0, "broken_list": []}
        for a in self.counted:
            if a["kind"] != "promise":
                continue
            paid = int(self.members.loc[key(a["member"]), "fall"])
            state = "pending" if a["promised_date"] > self.pair.as_of_new else \
                "kept" if a["amount"] <= paid else "broken"
            out[state] += 1
            if state != "pending":
                out[f"{state}_amount"] += a["amount"]
            if state == "broken":
                out["broken_list"].append((key(a["member"]), a["promised_date"], a["amount"], paid))
        return out

    @property
    def totals(self) -> dict[str, int]:
        """The identity's figures (satang): overdue_then - recovered - refinanced - left_overdue + increase =
        overdue_now."""
        m = self.members
        rose = (m["overdue_now"] - m["overdue_then"]).where(m["status"].isin(["grown", "new_arrears", "joined"]), 0)
        refinanced = int(m.loc[sorted(self.refinanced_keys), "fall"].sum())
        return {"overdue_then": int(m["overdue_then"].sum()), "overdue_now": int(m["overdue_now"].sum()),
                "recovered": int(m["fall"].sum()) - refinanced, "refinanced": refinanced,
                "left_overdue": int(m.loc[m["status"] == "left", "overdue_then"].sum()), "increase": int(rose.sum())}

    # ------------------------------------------------------------ as imported, and as files

    def frame(self) -> pd.DataFrame:
        """The record as an import reads it (kmdash.actions.COLUMNS), in the order written."""
        return frame(self.actions)

    def csv_bytes(self, encoding: str = "utf-8-sig") -> bytes:
        return actions_csv(self.actions, encoding)

    def xlsx_bytes(self, title: bool = False) -> bytes:
        return actions_xlsx(self.actions, title)


def actions_csv(actions: list[dict], encoding: str = "utf-8-sig") -> bytes:
    """Actions (FIELDS, amounts in satang) as a CSV: Thai headers, kinds and techniques as Thai words, dates in the
    Buddhist Era, amounts "1,500.00"."""
    rows = [[a["member"], be(a["date"]), KIND_WORDS[a["kind"]][0],
             TECHNIQUE_WORDS[a["technique"]][0] if a["technique"] else "",
             f"{a['amount'] / 100:,.2f}" if a["amount"] else "", be(a["promised_date"]), a["by"], a["note"]]
            for a in actions]
    return pd.DataFrame(rows, columns=HEADERS["th"]).to_csv(index=False).encode(encoding)


def actions_xlsx(actions: list[dict], title: bool = False) -> bytes:
    """Actions as the plan workbook's `actions` sheet after another one: English headers and kinds, techniques by
    key, dates as Excel date cells (the promised dates as typed, "2024-04-20"), amounts as numbers; `title`: a
    title row and a blank row above the headers."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "แผนติดตามหนี้"
    book.active.append(["เลขสมาชิก", "ชื่อ - สกุล"])
    sheet = book.create_sheet("actions")
    if title:
        sheet.append([f"บันทึกการดำเนินการ {COOP}"])
        sheet.append([])
    sheet.append(list(HEADERS["en"]))
    for a in actions:
        sheet.append([a["member"], a["date"], KIND_WORDS[a["kind"]][1],
                      TECHNIQUE_WORDS[a["technique"]][1] if a["technique"] else None,
                      a["amount"] / 100 if a["amount"] else None,
                      a["promised_date"].isoformat() if a["promised_date"] else None, a["by"] or None,
                      a["note"] or None])
        sheet.cell(sheet.max_row, len(FIELDS)).data_type = "s"  # a note typed "=..." is text, not a formula
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def typed(a: dict) -> dict:
    """An action as a person types it: the amount in baht, blank where there is none, as the technique."""
    return a | {"amount": f"{a['amount'] / 100:.2f}" if a["amount"] else "", "technique": a["technique"] or ""}


def action(member: str, day: date, kind: str, technique: int = 0, amount: int = 0, promised: date | None = None,
           by: str = "", note: str = "") -> dict:
    """One action as the generator holds it (amount in satang)."""
    return {"member": member, "date": day, "kind": kind, "technique": technique, "amount": amount,
            "promised_date": promised, "by": by, "note": note}


def be(day: date | None) -> str:
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year + 543}"


# ---------------------------------------------------------------- the generator


def generate(n_loans: int = 400, seed: int = 5) -> Record:
    """A pair of ledgers (30 days apart) and a record of actions drawn over its debtors (module docstring)."""
    pair = ledger_pair(n_loans, seed)
    record = Record(pair)
    draw = _Draw(record, np.random.default_rng(seed))
    draw.pool()
    draw.promises()
    draw.agreements()
    draw.letters_and_visits()
    draw.not_counted()
    draw.not_debtors()
    return record


class _Draw:
    """Draws members without putting one in two roles that would make a figure ambiguous."""

    def __init__(self, record: Record, rng: np.random.Generator):
        self.record, self.rng = record, rng
        self.old, self.new = record.pair.as_of_old, record.pair.as_of_new
        self.numbers = {key(n): n for n in record.pair.old["member_no"]}
        self.free = set(record.debtors.index)

    def take(self, n: int, statuses=None, among=None) -> list[str]:
        """n debtors' keys (of `statuses`), taken from the free ones (or from `among`, left free)."""
        pool = self.free if among is None else among
        m = self.record.members
        keys = sorted(k for k in pool if statuses is None or m.loc[k, "status"] in statuses)
        chosen = [str(k) for k in self.rng.permutation(keys)[:n]]
        assert len(chosen) == n, f"the pair has too few debtors for {n} of {statuses}"
        if among is None:
            self.free -= set(chosen)
        return chosen

    def day(self, start: date, end: date) -> date:
        """A day in [start, end]."""
        return start + timedelta(days=int(self.rng.integers(0, (end - start).days + 1)))

    def act(self, k: str, kind: str, technique: int, done: date, amount: int = 0, promised: date | None = None):
        number = self.numbers[k]
        written = number if self.rng.random() < 0.5 else number.lstrip("0") or "0"
        self.record.actions.append(action(written, done, kind, technique, amount, promised,
                                          STAFF[int(self.rng.integers(0, len(STAFF)))],
                                          NOTES[int(self.rng.integers(0, len(NOTES)))]))

    def window(self) -> date:
        """A day after the earlier ledger, on or before the later one."""
        return self.day(self.old + timedelta(days=1), self.new)

    def pool(self):
        for k in self.take(4, FELL):
            self.act(k, "pool_repaid", 4, self.window())
        self.act(self.take(1, ("unchanged",))[0], "pool_repaid", 4, self.window())  # not fallen: not refinanced
        self.act(self.take(1, FELL)[0], "pool_repaid", 4, self.old)  # in the earlier ledger's figures already

    def promises(self):
        members = self.record.members
        for k in self.take(5, FELL):  # kept: promised no more than the fall
            amount = int(self.rng.integers(100, int(members.loc[k, "fall"]) + 1))
            self._promise(k, amount, self.window())
        for k in self.take(4, ("unchanged", "grown")):  # broken: nothing paid
            self._promise(k, int(self.rng.integers(1_000_00, 20_000_00)), self.window())
        for k in self.take(1, ("reduced",)):  # broken: paid, but less than promised
            self._promise(k, int(members.loc[k, "fall"]) + 50_00, self.window())
        for k in self.take(2):  # pending: promised after the later ledger
            self._promise(k, int(self.rng.integers(500_00, 5_000_00)), self.new + timedelta(days=15))

    def _promise(self, k: str, amount: int, promised: date):
        self.act(k, "promise", 3, self.day(self.old + timedelta(days=1), min(promised, self.new)), amount, promised)

    def agreements(self):
        for k in self.take(2, ("cleared",)):
            self.act(k, "agreement", 0, self.window())

    def letters_and_visits(self):
        letters = self.take(30, among=self.free)
        for i, k in enumerate(letters):
            before = i % 10 == 0  # a few sent before the earlier ledger: they count too
            self.act(k, "letter_sent", 1, self.old - timedelta(days=10) if before else self.window())
            if i % 7 == 0:  # a second letter: the member counts once
                self.act(k, "letter_sent", 1, self.window())
        visits = self.take(12, among=self.free - set(letters))
        for k in visits + letters[:4]:
            self.act(k, "leader_visit", 2, self.window())
        self.free -= set(letters) | set(visits)

    def not_counted(self):
        """After the later ledger: a letter to untreated members, a pool repayment and a promise of others."""
        late = self.new + timedelta(days=3)
        for k in self.take(5, among=self.free - self._treated()):
            self.act(k, "letter_sent", 1, late)
        untreated_fell = self.take(2, FELL, among=self.free - self._treated())
        self.act(untreated_fell[0], "pool_repaid", 4, late)  # the fall stays cash
        self.act(untreated_fell[1], "promise", 3, late, 1_000_00, late + timedelta(days=7))

    def _treated(self) -> set[str]:
        return {key(a["member"]) for a in self.record.actions}

    def not_debtors(self):
        current = sorted(self.record.members.index[self.record.members["status"] == "current"])
        for k in [str(k) for k in self.rng.permutation(current)[:2]]:
            self.act(k, "contact", 3, self.window())


# ---------------------------------------------------------------- files, and a follow-up held against the record


@dataclass
class Files:
    old: Path  # the earlier ledger (xlsx)
    new: Path  # the later ledger (xlsx)
    csv: Path  # the record: Thai headers and words, BE dates
    xlsx: Path  # the record: the plan workbook's `actions` sheet, English, CE dates


def write_record(record: Record, folder: Path) -> Files:
    old, new = write_pair(record.pair, folder)
    (csv := folder / "actions.csv").write_bytes(record.csv_bytes())
    (xlsx := folder / "actions.xlsx").write_bytes(record.xlsx_bytes())
    return Files(old, new, csv, xlsx)


def cents(baht: float) -> int:
    return round(baht * 100)


def keys_of(members: list) -> list[str]:
    return sorted(key(m) for m in members)


def held(figures: dict) -> dict:
    """A figures dict of the record as `followup --json` writes one (money in satang, rate to 4 places)."""
    return {"members": figures["members"], "overdue_then": figures["overdue_then"], "recovered": figures["recovered"],
            "refinanced": figures["refinanced"], "rate": round(figures["rate"], 4), "keys": figures["keys"]}


def as_held(row: dict) -> dict:
    """A `followup --json` row of figures, held as `held` holds the record's."""
    return {"members": row["members"], "overdue_then": cents(row["overdue_then"]), "recovered": cents(row["recovered"]),
            "refinanced": cents(row["refinanced"]), "rate": row["rate"], "keys": keys_of(row["member_list"])}


def assert_judged(got: dict, record: Record, chosen: dict[str, int] | None = None) -> None:
    """A `followup --json` object against the record's figures: by_action, untreated (and each row's uplift
    against it), promises, refinanced, the identity, best_practice's ranking of what was done."""
    by_action = {(r["kind"], r["technique"] or 0): as_held(r) for r in got["by_action"]}
    assert by_action == {k: held(f) for k, f in record.by_action(chosen).items()}
    untreated = record.untreated
    assert as_held(got["untreated"]) == held(untreated)
    for row in got["by_action"]:
        assert abs(row["uplift"] - (row["rate"] - got["untreated"]["rate"])) <= 1.5e-4, row
    p = record.promises
    assert {k: got["promises"][k] for k in ("kept", "broken", "pending")} == {k: p[k] for k in ("kept", "broken", "pending")}
    assert (cents(got["promises"]["kept_amount"]), cents(got["promises"]["broken_amount"])) == \
        (p["kept_amount"], p["broken_amount"])
    broken = [(key(b["member"]), date.fromisoformat(b["promised_date"]), cents(b["amount"]), cents(b["paid"]))
              for b in got["promises"]["broken_list"]]
    assert sorted(broken, key=repr) == sorted(p["broken_list"], key=repr)
    assert [b[1] for b in broken] == sorted(b[1] for b in broken)  # by promised date, for the next round
    totals = record.totals
    assert {k: cents(got[k]) for k in totals} == totals
    assert totals["overdue_then"] - totals["recovered"] - totals["refinanced"] - totals["left_overdue"] + \
        totals["increase"] == totals["overdue_now"]
    assert (got["refinanced_members"]["members"], cents(got["refinanced_members"]["amount"])) == \
        (len(record.refinanced_keys), totals["refinanced"])
    best = got["best_practice"]
    assert (best["min_members"], best["untreated_rate"]) == (MIN_MEMBERS, round(untreated["rate"], 4))
    assert [(r["enough"], r["rate"], r["members"], r["kind"], r["technique"] or 0) for r in best["action"]] == \
        [(enough, round(rate, 4), members, kind, technique)
         for enough, rate, members, kind, technique in record.best(chosen)]


# ---------------------------------------------------------------- small hand-written ledgers


def tiny_comparison(then: dict[str, float], now: dict[str, float], pooled=()):
    """Two hand-written ledgers' members compared (number -> overdue in baht; a number absent from one ledger is
    not in it), on 31/03/2024 and 30/04/2024; `pooled`: numbers recorded as repaid through the pool."""
    from kmdash.followup import compare

    def side(members: dict[str, float]) -> pd.DataFrame:
        owing = ["1-30" if o else "not_due" for o in members.values()]
        return pd.DataFrame({"member_no": list(members), "name": [f"สมาชิก {m}" for m in members], "group": "ก",
                             "overdue": list(members.values()),
                             "bucket": pd.Categorical(owing, categories=["not_due", "1-30"], ordered=True)})

    return compare(side(then), side(now), date(2024, 3, 31), date(2024, 4, 30), pooled)


def frame(actions: list[dict]) -> pd.DataFrame:
    """Actions (as `action` makes them) as a frame of kmdash.actions.COLUMNS."""
    return pd.DataFrame(actions, columns=list(FIELDS)).astype({"technique": "int64", "amount": "int64"})
