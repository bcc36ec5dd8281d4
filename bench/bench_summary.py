"""Time `python -m kmdash summary BIG.xlsx --json` against a bare pandas.read_excel(engine="openpyxl").

Usage: python bench/bench_summary.py [--loans 100000]
Generates the ledger once into bench/out/ and prints both times and their ratio (target <= 0.25).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from kmdash.synthetic import LedgerShape, generate_loans, write_ledger  # noqa: E402

OPENPYXL_READ = "import sys, pandas; pandas.read_excel(sys.argv[1], engine='openpyxl')"


def ledger(loans: int) -> Path:
    path = HERE / "out" / f"ledger_{loans}.xlsx"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        write_ledger(generate_loans(loans, seed=1), path, LedgerShape(date_style="excel"))
    return path


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--loans", type=int, default=100_000)
    args = parser.parse_args()
    path = ledger(args.loans)
    ours = min(timed([sys.executable, "-m", "kmdash", "summary", str(path), "--json"]) for _ in range(3))
    theirs = timed([sys.executable, "-c", OPENPYXL_READ, str(path)])
    print(f"ledger: {path.name}, {args.loans:,} loans, {path.stat().st_size / 1e6:.1f} MB")
    print(f"kmdash summary --json (process start to JSON out, best of 3): {ours:.2f} s")
    print(f"pandas.read_excel(engine='openpyxl') (process start to frame):   {theirs:.2f} s")
    print(f"ratio: {ours / theirs:.3f}  (target <= 0.25, aim 0.10)")


if __name__ == "__main__":
    main()
