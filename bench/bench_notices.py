"""Time `python -m kmdash notices BIG.xlsx --deadline ... --min-days 366 --out notices.docx` (every debtor over 365
days: thousands of pages) against `summary BIG.xlsx --json` on the same ledger, each a whole process, best of
--runs; and, in this process, the letters alone (choose + build the .docx) on the analysed ledger.

Usage: python bench/bench_notices.py [--loans 100000] [--runs 3]. The ledger is bench_summary's (bench/out/).
"""

from __future__ import annotations

import os
import time
from datetime import date

from bench_summary import HERE, KMDASH, ROOT, ledger, measure, options, show, summary_run

DEADLINE = "2057-05-31"  # ahead of today: a past deadline is refused


def letters_alone(path: str) -> tuple[int, float, int]:
    """(pages, seconds to choose and build the .docx, bytes) on the already analysed ledger."""
    from kmdash.pipeline import Options, run
    from kmdash.report.sieving.letters import default_conditions, letters
    from kmdash.techniques.sieving.notices import choose

    result = run(path, Options())
    start = time.perf_counter()
    notices = choose(result.analysis, date.fromisoformat(DEADLINE), 366)
    data = letters(notices, result.ledger.coop, result.as_of, default_conditions())
    return len(notices.debtors), time.perf_counter() - start, len(data)


def main() -> None:
    args = options()
    path = str(ledger(args.loans))
    os.chdir(ROOT)
    out = str(HERE / "out" / "notices.docx")
    summary = summary_run(path, args.runs)
    notices = measure([*KMDASH, "notices", path, "--deadline", DEADLINE, "--min-days", "366",
                       "--out", out], args.runs)
    pages, seconds, size = letters_alone(path)
    print(f"ledger: {args.loans:,} loans; {pages:,} notices (pages), {size / 2**20:.1f} MiB .docx")
    show("kmdash summary --json", summary)
    show("kmdash notices --out", notices)
    print(f"letters alone (choose + .docx): {seconds:.2f} s, {seconds / pages * 1000:.2f} ms a page")


if __name__ == "__main__":
    main()
