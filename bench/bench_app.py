"""Time the dashboard at 100,000 loans: the first load (upload, read, analyse, draw) and a filter rerun.

Usage: python bench/bench_app.py [--loans 100000]
Runs the app in Streamlit's AppTest (the same script runs as in the server, without the browser).
Target: a filter change reruns a page in under 0.3 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_summary import ledger  # noqa: E402
from streamlit.runtime.pages_manager import PagesManager  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

_init = PagesManager.__init__


def _init_without_legacy_pages(self, *args, **kwargs):  # the server's state once st.navigation ran
    _init(self, *args, **kwargs)
    PagesManager.uses_pages_directory = False


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--loans", type=int, default=100_000)
    parser.add_argument("--reruns", type=int, default=5)
    args = parser.parse_args()
    PagesManager.__init__ = _init_without_legacy_pages
    path = ledger(args.loans)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.run()
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "application/octet-stream"))
    first = timed(at.run)
    print(f"ledger: {path.name}, {args.loans:,} loans")
    print(f"first load (read + analyse + load page): {first:.2f} s")
    for page, key in (("pages/groups.py", "groups_buckets"), ("pages/members.py", "members_buckets")):
        at.switch_page(page)
        at.run()
        choice = at.multiselect(key=key)
        choice.set_value(["181-365"])
        at.run()  # warm-up: the first draw of each chart type loads plotly's validators
        times = []
        for i in range(args.reruns):
            choice.set_value(["366-730"] if i % 2 == 0 else ["731-1095"])
            times.append(timed(at.run))
        assert not at.exception, at.exception
        print(f"{page}: filter rerun median {statistics.median(times):.3f} s, max {max(times):.3f} s "
              f"(target < 0.3 s)")
    at.switch_page("pages/overview.py")
    print(f"pages/overview.py rerun: {timed(at.run):.3f} s")


if __name__ == "__main__":
    main()
