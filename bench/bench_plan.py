"""Time `python -m kmdash plan BIG.xlsx --out plan.xlsx` (and `--out plan.csv`) against
`python -m kmdash summary BIG.xlsx --json` on the same 100,000-loan ledger.

Usage: python bench/bench_plan.py [--loans 100000] [--runs 3]
The ledger is bench_summary.py's (generated once into bench/out/). Each command is a whole process, its
time the best of --runs. Target: plan at most 1.5x summary.
"""

from __future__ import annotations

import os
from pathlib import Path

from bench_summary import HERE, KMDASH, ROOT, ledger, measure, options, show, show_ratio, summary_run


def main() -> None:
    args = options()
    path = str(ledger(args.loans))
    os.chdir(ROOT)
    summary = summary_run(path, args.runs)
    plans = {suffix: measure([*KMDASH, "plan", path, "--out", str(HERE / "out" / f"plan.{suffix}")], args.runs)
             for suffix in ("xlsx", "csv")}
    print(f"ledger: {Path(path).name}, {args.loans:,} loans")
    show("kmdash summary --json", summary)
    for suffix, run in plans.items():
        show(f"kmdash plan --out plan.{suffix}", run, f"  ({(HERE / 'out' / f'plan.{suffix}').stat().st_size / 1e6:.1f} MB)")
    for suffix, run in plans.items():
        show_ratio(f"plan ({suffix})/summary", run, summary, 1.5)


if __name__ == "__main__":
    main()
