"""Time `python -m kmdash followup OLD NEW --json` on two 100,000-loan ledgers (a generated pair: a month
apart, with payments, new arrears, members leaving and joining) against `summary --json` on one of them.

Usage: python bench/bench_followup.py [--loans 100000] [--runs 3]
The pair is generated once into bench/out/. Each command is a whole process, its time the best of --runs.
Target: followup at most 2.5x summary.
"""

from __future__ import annotations

import os
from pathlib import Path

from bench_summary import HERE, KMDASH, ROOT, measure, options, show, show_ratio, summary_run

from kmdash.synthetic import LedgerShape, write_ledger
from kmdash.synthetic.pairs import ledger_pair


def pair(loans: int) -> tuple[Path, Path]:
    old, new = (HERE / "out" / f"pair_{loans}_{side}.xlsx" for side in ("old", "new"))
    if not (old.exists() and new.exists()):
        old.parent.mkdir(exist_ok=True)
        made = ledger_pair(loans, seed=1, share=0.05, joined=500)
        write_ledger(made.old, old, LedgerShape(date_style="excel"), made.as_of_old)
        write_ledger(made.new, new, LedgerShape(date_style="excel"), made.as_of_new)
    return old, new


def main() -> None:
    args = options()
    old, new = pair(args.loans)
    os.chdir(ROOT)
    summary = summary_run(new, args.runs)
    followup = measure([*KMDASH, "followup", str(old), str(new), "--json"], args.runs)
    print(f"ledgers: {old.name}, {new.name}")
    show("kmdash summary --json", summary)
    show("kmdash followup --json", followup)
    show_ratio("followup/summary", followup, summary, 2.5)


if __name__ == "__main__":
    main()
