"""Time `python -m kmdash leaders BIG.xlsx --out packs.xlsx --calendar meetings.ics --fee-per-debtor 50` against
`summary BIG.xlsx --json` on the same ledger, each a whole process, best of --runs. Target: leaders at most
1.5x summary's time.

Usage: python bench/bench_leaders.py [--loans 100000] [--runs 3] [--every-months 3|4]. The ledger is
bench_summary's (generated once into bench/out/); the packs and calendar are written there too.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from bench_summary import HERE, KMDASH, ROOT, ledger, measure, options, show, show_ratio, summary_run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--every-months", choices=("3", "4"), default="3")
    args = options(parser)
    path = str(ledger(args.loans))
    os.chdir(ROOT)
    out, ics = HERE / "out" / "packs.xlsx", HERE / "out" / "meetings.ics"
    leaders_argv = [*KMDASH, "leaders", path, "--out", str(out), "--calendar", str(ics),
                    "--every-months", args.every_months, "--fee-per-debtor", "50"]
    summary = summary_run(path, args.runs)
    leaders = measure(leaders_argv, args.runs)
    print(f"ledger: {Path(path).name}, {args.loans:,} loans; packs {out.stat().st_size / 2**20:.1f} MB")
    show("kmdash summary --json", summary)
    show("kmdash leaders --out", leaders)
    show_ratio("leaders/summary", leaders, summary, 1.5)


if __name__ == "__main__":
    main()
