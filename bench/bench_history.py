"""Time a co-op's history from the store: 24 monthly snapshots of 10,000 members each in a fresh SQLite store,
`history --json` against `snapshot list --json` (the same start-up and store, no history), and the history's
own work in this process (rows read + figures, flows and runs), which the issue wants under one second. Then
the province from a store of 30 co-ops (two snapshots of 10,000 members each): each co-op's latest row and its
change, in process, also wanted under one second.

Usage: python bench/bench_history.py [--members 10000] [--months 24] [--runs 3]
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta

import numpy as np
import pandas as pd
from bench_summary import HERE, KMDASH, ROOT, measure, show, show_ratio

from kmdash import store
from kmdash.history import history
from kmdash.province import stored_rows
from kmdash.settings import Settings

BUCKETS = Settings().bucket_labels


def member_table(rng, members: int, month: int) -> pd.DataFrame:
    """A month's members: a fifth overdue (a drifting set, so flows and runs are real), amounts in baht."""
    late = rng.random(members) < 0.2
    days = np.where(late, rng.integers(1, 900, members), 0)
    rank = np.searchsorted([0, 30, 90, 180, 365], days)
    return pd.DataFrame({"member_no": [f"{i:05d}" for i in range(month * 40, members + month * 40)],
                         "name": [f"สมาชิก {i}" for i in range(members)], "group": "กลุ่ม 1", "days": days,
                         "bucket": pd.Categorical(np.array(BUCKETS)[rank], categories=BUCKETS, ordered=True),
                         "overdue": np.where(late, rng.integers(100_00, 500_000_00, members), 0) / 100})


def build(path, members: int, months: int, coops: int = 1) -> None:
    path.unlink(missing_ok=True)
    engine, rng = store.open_store(f"sqlite:///{path}"), np.random.default_rng(1)
    for coop in range(coops):
        name = "สหกรณ์ทดสอบ จำกัด" if coops == 1 else f"สหกรณ์ที่ {coop + 1} จำกัด"
        for month in range(months):
            as_of = date(2023, 1, 31) + timedelta(days=30 * month)
            table = member_table(rng, members, month)
            headline = store.Headline(1e8, 2e7, 1e7, int((table["days"] > 365).sum()), 1)
            store.save(engine, store.Snapshot(name, f"{month}.xlsx", as_of, table, headline=headline))
    engine.dispose()


def province_in_process(path, runs: int) -> tuple[float, float]:
    engine, best = store.open_store(f"sqlite:///{path}"), (float("inf"), float("inf"))
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        stored_rows(engine)
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best


def in_process(path, runs: int) -> tuple[float, float]:
    """The best wall and processor seconds of reading the rows and computing the history."""
    engine, best = store.open_store(f"sqlite:///{path}"), (float("inf"), float("inf"))
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        history("สหกรณ์ทดสอบ จำกัด", store.history_rows(engine, "สหกรณ์ทดสอบ จำกัด"))
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = HERE / "out" / f"history_{args.members}x{args.months}.db"
    path.parent.mkdir(exist_ok=True)
    build(path, args.members, args.months)
    import os

    os.chdir(ROOT)
    base = measure([*KMDASH, "snapshot", "list", "--json", "--store", str(path)], args.runs)
    shown = measure([*KMDASH, "history", "--json", "--store", str(path)], args.runs)
    print(f"store: {args.months} snapshots x {args.members:,} members, {path.stat().st_size / 1e6:.1f} MB")
    wall, cpu = in_process(path, args.runs)
    print(f"history in process (rows read + computed): {wall:.3f} s wall, {cpu:.3f} s cpu (target < 1 s)")
    show("snapshot list --json", base)
    show("history --json", shown)
    show_ratio("history/list", shown, base, 3.0)
    province = HERE / "out" / f"province_30x2x{args.members}.db"
    build(province, args.members, 2, coops=30)
    wall, cpu = province_in_process(province, args.runs)
    print(f"province of 30 co-ops from the store ({province.stat().st_size / 1e6:.1f} MB): {wall:.3f} s wall, "
          f"{cpu:.3f} s cpu (target < 1 s)")


if __name__ == "__main__":
    main()
