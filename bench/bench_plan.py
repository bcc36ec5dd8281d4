"""Time `python -m kmdash plan BIG.xlsx --out plan.xlsx` (and `--out plan.csv`) against
`python -m kmdash summary BIG.xlsx --json` on the same 100,000-loan ledger.

Usage: python bench/bench_plan.py [--loans 100000] [--runs 3]
The ledger is bench_summary.py's (generated once into bench/out/). Each command is a whole process, its
time the best of --runs. Target: plan at most 1.5x summary.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bench_summary import HERE, ROOT, ledger, measure


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--loans", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = str(ledger(args.loans))
    os.chdir(ROOT)
    kmdash = [sys.executable, "-m", "kmdash"]
    summary = measure([*kmdash, "summary", path, "--json"], args.runs)
    plans = {suffix: measure([*kmdash, "plan", path, "--out", str(HERE / "out" / f"plan.{suffix}")], args.runs)
             for suffix in ("xlsx", "csv")}
    print(f"ledger: {Path(path).name}, {args.loans:,} loans")
    print(f"{'kmdash summary --json':<28} {summary.wall:6.2f} s wall  {summary.cpu:6.2f} s cpu  {summary.rss:6.0f} MiB")
    for suffix, run in plans.items():
        size = (HERE / "out" / f"plan.{suffix}").stat().st_size / 1e6
        print(f"{'kmdash plan --out plan.' + suffix:<28} {run.wall:6.2f} s wall  {run.cpu:6.2f} s cpu  "
              f"{run.rss:6.0f} MiB  ({size:.1f} MB)")
    for suffix, run in plans.items():
        print(f"time  plan ({suffix})/summary: {run.wall / summary.wall:.2f}x  (target <= 1.5x; "
              f"cpu {run.cpu / summary.cpu:.2f}x)")


if __name__ == "__main__":
    main()
