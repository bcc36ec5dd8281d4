"""Time `python -m kmdash followup OLD NEW --json` on two 100,000-loan ledgers (a generated pair: a month
apart, with payments, new arrears, members leaving and joining) against `summary --json` on one of them.

Usage: python bench/bench_followup.py [--loans 100000] [--runs 3]
The pair is generated once into bench/out/. Each command is a whole process, its time the best of --runs.
Target: followup at most 2.5x summary.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bench_summary import HERE, ROOT, measure

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
    parser = argparse.ArgumentParser()
    parser.add_argument("--loans", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    old, new = pair(args.loans)
    os.chdir(ROOT)
    kmdash = [sys.executable, "-m", "kmdash"]
    summary = measure([*kmdash, "summary", str(new), "--json"], args.runs)
    followup = measure([*kmdash, "followup", str(old), str(new), "--json"], args.runs)
    print(f"ledgers: {old.name}, {new.name}")
    for name, run in (("kmdash summary --json", summary), ("kmdash followup --json", followup)):
        print(f"{name:<24} {run.wall:6.2f} s wall  {run.cpu:6.2f} s cpu  {run.rss:6.0f} MiB")
    print(f"time  followup/summary: {followup.wall / summary.wall:.2f}x  (target <= 2.5x; "
          f"cpu {followup.cpu / summary.cpu:.2f}x)")


if __name__ == "__main__":
    main()
