"""Time `python -m kmdash leaders BIG.xlsx --out packs.xlsx --calendar meetings.ics --fee-per-debtor 50` against
`summary BIG.xlsx --json` on the same ledger, each a whole process, best of --runs. Target: leaders at most
1.5x summary's time.

Usage: python bench/bench_leaders.py [--loans 100000] [--runs 3] [--every-months 3|4]. The ledger is
bench_summary's (generated once into bench/out/); the packs and calendar are written there too.
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
    parser.add_argument("--every-months", choices=("3", "4"), default="3")
    args = parser.parse_args()
    path = str(ledger(args.loans))
    os.chdir(ROOT)
    out, ics = HERE / "out" / "packs.xlsx", HERE / "out" / "meetings.ics"
    leaders_argv = [sys.executable, "-m", "kmdash", "leaders", path, "--out", str(out), "--calendar", str(ics),
                    "--every-months", args.every_months, "--fee-per-debtor", "50"]
    summary = measure([sys.executable, "-m", "kmdash", "summary", path, "--json"], args.runs)
    leaders = measure(leaders_argv, args.runs)
    print(f"ledger: {Path(path).name}, {args.loans:,} loans; packs {out.stat().st_size / 2**20:.1f} MB")
    for name, run in (("kmdash summary --json", summary), ("kmdash leaders --out", leaders)):
        print(f"{name:<24} {run.wall:6.2f} s wall  {run.cpu:6.2f} s cpu  {run.rss:6.0f} MiB peak RSS")
    print(f"time  leaders/summary: {leaders.wall / summary.wall:.2f}x  (target <= 1.5x; cpu "
          f"{leaders.cpu / summary.cpu:.2f}x)")


if __name__ == "__main__":
    main()
