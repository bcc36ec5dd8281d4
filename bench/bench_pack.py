"""Time the board pack of the 100,000-loan ledger, `report BIG.xlsx --out x.pdf`, against `summary BIG.xlsx --json`
in the same run; then the pack of bench_record's later ledger with a store holding the earlier one as a snapshot
and the record of actions (the trend and the promises: the follow-up inside the pack).

Usage: python bench/bench_pack.py [--loans 100000] [--runs 3]
The ledgers are generated once into bench/out/ (bench_summary's, bench_followup's pair); the commands run in a
folder of their own (bench/out/pack/) so no store is found but the one given. Each command is a whole process;
the pairs run in turn and the median of their wall-time ratios is printed beside the best times.
Target: the pack at most 3x summary (issue 20).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from bench_followup import pair
from bench_record import record
from bench_summary import HERE, KMDASH, ROOT, ledger, measure, options, paired, show, summary_argv

FOLDER = HERE / "out" / "pack"
COOP = "สหกรณ์การเกษตรตัวอย่าง จำกัด"  # the generator's co-op, in the title rows of every generated ledger


def store_of(old, actions) -> str:
    """A fresh SQLite store holding OLD as a snapshot and the record of actions (`actions import`)."""
    path = FOLDER / "store.db"
    path.unlink(missing_ok=True)
    for argv in (["snapshot", "save", str(old)], ["actions", "import", str(actions), "--coop", COOP]):
        subprocess.run([*KMDASH, *argv, "--store", str(path)], check=True, stdout=subprocess.DEVNULL)
    return str(path)


def main() -> None:
    args = options()
    big = ledger(args.loans)
    old, new = pair(args.loans)
    actions = record(args.loans)
    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir(parents=True)
    os.environ["PYTHONPATH"] = str(ROOT)  # the commands run in FOLDER, where no default store is
    os.chdir(FOLDER)
    report = [*KMDASH, "report", str(big), "--out", "x.pdf"]
    pack, summary, ratio = paired(report, summary_argv(big), args.runs)
    print(f"ledger: {big.name}, {args.loans:,} loans")
    show("kmdash summary --json", summary)
    show("kmdash report --out x.pdf", pack)
    print(f"time  report/summary: {pack.wall / summary.wall:.2f}x best, {ratio:.2f}x median of {args.runs} pairs"
          f"  (target <= 3x; cpu {pack.cpu / summary.cpu:.2f}x)")
    with_store = measure([*KMDASH, "report", str(new), "--out", "y.pdf", "--store", store_of(old, actions)], args.runs)
    later = measure(summary_argv(new), args.runs)
    show("report with store", with_store, f"  ({with_store.wall / later.wall:.2f}x its summary)")


if __name__ == "__main__":
    sys.exit(main())
