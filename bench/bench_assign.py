"""Time `python -m kmdash assign BIG.xlsx --staff ... --json` against `summary BIG.xlsx --json` on the same
ledger, each a whole process, best of --runs. Target: assign at most 1.5x summary's time.

Usage: python bench/bench_assign.py [--loans 100000] [--runs 3] [--staff 10] [--balance amount|count]
[--within-group]. The ledger is bench_summary's (generated once into bench/out/).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bench_summary import ROOT, ledger, measure


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--loans", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--staff", type=int, default=10, help="people to assign to")
    parser.add_argument("--balance", choices=("amount", "count"), default="amount")
    parser.add_argument("--within-group", action="store_true")
    args = parser.parse_args()
    path = str(ledger(args.loans))
    os.chdir(ROOT)
    staff = ",".join(f"เจ้าหน้าที่ {i}" for i in range(1, args.staff + 1))
    assign_argv = [sys.executable, "-m", "kmdash", "assign", path, "--staff", staff, "--balance", args.balance,
                   "--json", *(["--within-group"] if args.within_group else [])]
    summary = measure([sys.executable, "-m", "kmdash", "summary", path, "--json"], args.runs)
    assign = measure(assign_argv, args.runs)
    print(f"ledger: {Path(path).name}, {args.loans:,} loans; {args.staff} people, by {args.balance}"
          f"{', within groups' if args.within_group else ''}")
    for name, run in (("kmdash summary --json", summary), ("kmdash assign --json", assign)):
        print(f"{name:<24} {run.wall:6.2f} s wall  {run.cpu:6.2f} s cpu  {run.rss:6.0f} MiB peak RSS")
    print(f"time  assign/summary: {assign.wall / summary.wall:.2f}x  (target <= 1.5x; cpu "
          f"{assign.cpu / summary.cpu:.2f}x)")


if __name__ == "__main__":
    main()
