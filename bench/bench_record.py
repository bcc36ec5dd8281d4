"""Time the record at scale on two 100,000-loan ledgers (bench_followup's pair): `followup --json` judged by a
record of actions (--actions, a CSV of one action per overdue member and a promise for a third of them) against
the same follow-up without one, and `actions import` of that CSV into a fresh SQLite store against reading the
new ledger (`summary --json`).

Usage: python bench/bench_record.py [--loans 100000] [--runs 3]
Targets: the follow-up with the record at most 1.3x without; the import at most 1.2x a summary.
"""

from __future__ import annotations

import csv
import os
from datetime import timedelta

from bench_followup import pair
from bench_summary import HERE, KMDASH, ROOT, measure, options, show, show_ratio, summary_run

from kmdash.synthetic.pairs import ledger_pair
from kmdash.words import date_entry


def record(loans: int):
    """One action per overdue member of the old ledger (a third of them promises), dated between the two."""
    path = HERE / "out" / f"record_{loans}.csv"
    if not path.exists():
        made = ledger_pair(loans, seed=1, share=0.05, joined=500)
        overdue = made.old.loc[made.old["principal_overdue"] > 0, "member_no"].drop_duplicates()
        day = made.as_of_old + timedelta(days=10)
        with path.open("w", newline="", encoding="utf-8-sig") as out:
            writer = csv.writer(out)
            writer.writerow(["เลขสมาชิก", "วันที่ดำเนินการ", "สิ่งที่ทำ", "จำนวนเงิน (บาท)", "วันที่นัดชำระ", "ผู้ดำเนินการ"])
            for i, member in enumerate(overdue):
                promise = i % 3 == 0
                writer.writerow([member, date_entry(day), "นัดชำระ" if promise else "ส่งหนังสือแล้ว",
                                 "1,000.00" if promise else "", date_entry(day + timedelta(days=15)) if promise else "",
                                 f"staff {i % 7}"])
    return path


def main() -> None:
    args = options()
    old, new = pair(args.loans)
    actions = record(args.loans)
    os.chdir(ROOT)
    rows = sum(1 for _ in actions.open(encoding="utf-8-sig")) - 1
    store = HERE / "out" / "record_store.db"
    plain = measure([*KMDASH, "followup", str(old), str(new), "--json"], args.runs)
    judged = measure([*KMDASH, "followup", str(old), str(new), "--json", "--actions", str(actions)], args.runs)
    summary = summary_run(new, args.runs)
    imports = []
    for _ in range(args.runs):
        store.unlink(missing_ok=True)
        imports.append(measure([*KMDASH, "actions", "import", str(actions), "--store", str(store)], 1))
    imported = min(imports, key=lambda r: r.wall)
    print(f"ledgers: {old.name}, {new.name}; record: {rows:,} actions")
    show("followup --json", plain)
    show("followup --json --actions", judged)
    show("summary --json", summary)
    show("actions import", imported)
    show_ratio("followup with/without record", judged, plain, 1.3)
    show_ratio("actions import/summary", imported, summary, 1.2)


if __name__ == "__main__":
    main()
