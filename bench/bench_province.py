"""Time `python -m kmdash province F1 … F30 --json` (one process, the files read in parallel on every core)
against 30 separate `python -m kmdash summary Fi --json` processes run one after another.
Target: province at most half the time of the separate processes.

Usage: python bench/bench_province.py [--files 30] [--loans 3000] [--runs 3]
The ledgers (xlsx with titles, one co-op each) are generated once into bench/out/province/.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date

from bench_summary import HERE, ROOT, Run, measure

from kmdash.synthetic import LedgerShape, generate_loans, ledger_rows, write_xlsx


def ledgers(files: int, loans: int) -> list[str]:
    folder = HERE / "out" / "province"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(files):
        path = folder / f"coop_{loans}_{i + 1:02d}.xlsx"
        if not path.exists():
            rows = ledger_rows(generate_loans(loans, seed=100 + i), LedgerShape(date_style="excel"),
                               as_of=date(2024, 3, 31), coop_name=f"สหกรณ์การเกษตรจำลองที่ {i + 1} จำกัด")
            write_xlsx(rows, path)
        paths.append(str(path))
    return paths


def _separate(paths: list[str]) -> Run:
    """One `summary` process per file, one after another: the sums of their times."""
    runs = [measure([sys.executable, "-m", "kmdash", "summary", p, "--json"], 1) for p in paths]
    return Run(sum(r.wall for r in runs), sum(r.cpu for r in runs), max(r.rss for r in runs))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=30)
    parser.add_argument("--loans", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    paths = ledgers(args.files, args.loans)
    os.chdir(ROOT)
    province = measure([sys.executable, "-m", "kmdash", "province", *paths, "--json"], args.runs)
    best = min((_separate(paths) for _ in range(args.runs)), key=lambda r: r.wall)
    print(f"{args.files} ledgers of {args.loans:,} loans; {os.cpu_count()} cores")
    print(f"{'kmdash province --json':<34} {province.wall:6.2f} s wall  {province.rss:6.0f} MiB peak RSS (parent)")
    print(f"{f'{args.files} x kmdash summary --json':<34} {best.wall:6.2f} s wall  {best.cpu:6.2f} s cpu")
    print(f"time  province/separate: {province.wall / best.wall:.2f}  (target <= 0.5)")


if __name__ == "__main__":
    main()
