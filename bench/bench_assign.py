"""Time `python -m kmdash assign BIG.xlsx --staff ... --json` against `summary BIG.xlsx --json` on the same
ledger, each a whole process, best of --runs. Target: assign at most 1.5x summary's time.

Usage: python bench/bench_assign.py [--loans 100000] [--runs 3] [--staff 10] [--balance amount|count]
[--within-group]. The ledger is bench_summary's (generated once into bench/out/).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from bench_summary import KMDASH, ROOT, ledger, measure, options, show, show_ratio, summary_run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, default=10, help="people to assign to")
    parser.add_argument("--balance", choices=("amount", "count"), default="amount")
    parser.add_argument("--within-group", action="store_true")
    args = options(parser)
    path = str(ledger(args.loans))
    os.chdir(ROOT)
    staff = ",".join(f"เจ้าหน้าที่ {i}" for i in range(1, args.staff + 1))
    assign_argv = [*KMDASH, "assign", path, "--staff", staff, "--balance", args.balance,
                   "--json", *(["--within-group"] if args.within_group else [])]
    summary = summary_run(path, args.runs)
    assign = measure(assign_argv, args.runs)
    print(f"ledger: {Path(path).name}, {args.loans:,} loans; {args.staff} people, by {args.balance}"
          f"{', within groups' if args.within_group else ''}")
    show("kmdash summary --json", summary)
    show("kmdash assign --json", assign)
    show_ratio("assign/summary", assign, summary, 1.5)


if __name__ == "__main__":
    main()
