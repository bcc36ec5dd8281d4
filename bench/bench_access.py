"""What per-co-op access costs: the history of 24 snapshots x 10,000 members and the province of 30 co-ops
from the store, read through an engine bound to a person's scope (kmdash.scope) against the same unscoped, in
one run on the same stores; and one login (argon2 checks the password on purpose slowly).

Usage: python bench/bench_access.py [--members 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench_history import HERE, build

from kmdash import accounts, store
from kmdash.history import history
from kmdash.province import stored_rows
from kmdash.scope import Scope, scoped

COOP = "สหกรณ์ทดสอบ จำกัด"


def best(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    (HERE / "out").mkdir(exist_ok=True)
    one, many = HERE / "out" / "access_history.db", HERE / "out" / "access_province.db"
    build(one, args.members, 24)
    build(many, args.members, 2, coops=30)
    engine = store.open_store(f"sqlite:///{one}")
    staff = scoped(engine, Scope(frozenset({COOP}), True, "bench"))
    plain = best(lambda: history(COOP, store.history_rows(engine, COOP)), args.runs)
    mine = best(lambda: history(COOP, store.history_rows(staff, COOP)), args.runs)
    print(f"history, 24 x {args.members:,} members: {plain:.3f} s unscoped, {mine:.3f} s as the co-op's staff "
          f"(ratio {mine / plain:.2f})")
    province = store.open_store(f"sqlite:///{many}")
    officer = scoped(province, Scope(None, False, "bench"))
    one_coop = scoped(province, Scope(frozenset({"สหกรณ์ที่ 7 จำกัด"}), True, "bench"))
    every = best(lambda: stored_rows(province), args.runs)
    seen = best(lambda: stored_rows(officer), args.runs)
    own = best(lambda: stored_rows(one_coop), args.runs)
    print(f"province, 30 co-ops: {every:.3f} s unscoped, {seen:.3f} s as an officer (ratio {seen / every:.2f}), "
          f"{own:.3f} s as one co-op's staff (ratio {own / every:.2f})")
    accounts.add(engine, "bench", "officer", password="a password for the bench")
    logins = [best(lambda: accounts.log_in(engine, "bench", "a password for the bench"), 1) for _ in range(5)]
    print(f"one login (argon2id check + audit row): median {statistics.median(logins) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
