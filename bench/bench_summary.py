"""Time `python -m kmdash summary BIG.xlsx --json` and its peak memory against two bare reads of the sheet:
pandas.read_excel(engine="openpyxl") and fastexcel (a Rust reader) into pandas.

Usage: python bench/bench_summary.py [--loans 100000] [--runs 3]
Generates the ledger once into bench/out/, in its own process: a child started from this one starts with
this one's peak RSS on its books, so this one stays small. Each command is a whole process (start to
output); its time is the best of --runs (openpyxl's once), its peak RSS the most any run used. kmdash and fastexcel
run in turn, and the median of each pair's ratio is printed too: the machine's speed drifts, and a pair sees one
speed. Targets: kmdash at most 0.12 of openpyxl's time and 1.5x fastexcel's, and at most 1.5x the bare reads' peak RSS.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))  # for the benches that import kmdash themselves

OPENPYXL_READ = "import sys, pandas; pandas.read_excel(sys.argv[1], engine='openpyxl')"
FASTEXCEL_READ = ("import sys, fastexcel; "
                  "fastexcel.read_excel(sys.argv[1]).load_sheet(0, header_row=None).to_pandas()")


@dataclass
class Run:
    wall: float  # seconds, best run
    cpu: float  # user + system seconds of the best run
    rss: float  # MiB, the most any run used


GENERATE = ("import sys; from kmdash.synthetic import LedgerShape, generate_loans, write_ledger; "
            "write_ledger(generate_loans(int(sys.argv[1]), seed=1), sys.argv[2], LedgerShape(date_style='excel'))")


def ledger(loans: int) -> Path:
    path = HERE / "out" / f"ledger_{loans}.xlsx"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        subprocess.run([sys.executable, "-c", GENERATE, str(loans), str(path)], cwd=ROOT, check=True)
    return path


def once(argv: list[str]) -> tuple[float, float, float]:
    """(wall s, cpu s, peak RSS MiB) of one process; wait4 reports that child's own rusage."""
    actions = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, dict(os.environ), file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # Linux: ru_maxrss in KiB


KMDASH = [sys.executable, "-m", "kmdash"]


def options(parser: argparse.ArgumentParser | None = None) -> argparse.Namespace:
    """--loans and --runs, which every bench takes, beside the bench's own options."""
    parser = parser or argparse.ArgumentParser()
    parser.add_argument("--loans", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    return parser.parse_args()


def show(name: str, run: Run, extra: str = "") -> None:
    print(f"{name:<28} {run.wall:6.2f} s wall  {run.cpu:6.2f} s cpu  {run.rss:6.0f} MiB peak RSS{extra}")


def show_ratio(name: str, run: Run, base: Run, target: float) -> None:
    print(f"time  {name}: {run.wall / base.wall:.2f}x  (target <= {target}x; cpu {run.cpu / base.cpu:.2f}x)")


def measure(argv: list[str], runs: int) -> Run:
    return _best([once(argv) for _ in range(runs)])


def _best(results: list[tuple[float, float, float]]) -> Run:
    wall, cpu, _ = min(results)
    return Run(wall, cpu, max(r[2] for r in results))


def paired(a: list[str], b: list[str], runs: int) -> tuple[Run, Run, float]:
    """A and B in turn, runs times: both Runs, and the median of the pairs' wall-time ratios A/B."""
    pairs = [(once(a), once(b)) for _ in range(runs)]
    ratio = statistics.median(x[0] / y[0] for x, y in pairs)
    return _best([x for x, _ in pairs]), _best([y for _, y in pairs]), ratio


def summary_argv(path) -> list[str]:
    """`summary --json` on the ledger: the command every other bench is measured against."""
    return [*KMDASH, "summary", str(path), "--json"]


def summary_run(path, runs: int) -> Run:
    return measure(summary_argv(path), runs)


def main() -> None:
    args = options()
    path = str(ledger(args.loans))
    os.chdir(ROOT)
    ours, fast, paired_ratio = paired(summary_argv(path), [sys.executable, "-c", FASTEXCEL_READ, path], args.runs)
    slow = measure([sys.executable, "-c", OPENPYXL_READ, path], 1)
    print(f"ledger: {Path(path).name}, {args.loans:,} loans, {Path(path).stat().st_size / 1e6:.1f} MB")
    for name, run in (("kmdash summary --json", ours), ("fastexcel -> pandas", fast),
                      ("pandas.read_excel(openpyxl)", slow)):
        show(name, run)
    print(f"time  kmdash/openpyxl:  {ours.wall / slow.wall:.3f}  (target <= 0.12)")
    print(f"time  kmdash/fastexcel: {ours.wall / fast.wall:.2f}x best, {paired_ratio:.2f}x median of {args.runs} pairs"
          f"  (target <= 1.5x; cpu {ours.cpu / fast.cpu:.2f}x)")
    print(f"RSS   kmdash/fastexcel: {ours.rss / fast.rss:.2f}x  kmdash/openpyxl: {ours.rss / slow.rss:.2f}x"
          "  (target <= 1.5x)")


if __name__ == "__main__":
    main()
