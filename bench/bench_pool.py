"""T4's rotation: the time to pool 30 random debtors exactly (worst of several seeds, per family of
debts), and a 5,000-debtor first-fit-decreasing schedule with its gap to the lower bound."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kmdash.techniques.pooling import packing  # noqa: E402

POOL = 10_000_000  # satang: 100,000 baht
SEEDS = 20
FAMILIES = {  # debts as a share of the pool
    "uniform 0-1": (0.0, 1.0),
    "near a third (0.25-0.38)": (0.25, 0.38),
    "near a half (0.33-0.6)": (0.33, 0.6),
    "small (0.05-0.2)": (0.05, 0.2),
    "wide (0.1-0.5)": (0.1, 0.5),
}


def debts(seed: int, low: float, high: float, n: int = 30) -> list[int]:
    rng = random.Random(seed)
    return [rng.randint(max(1, int(POOL * low)), int(POOL * high)) for _ in range(n)]


def _tight_pool(sizes: list[int]) -> int:
    """The pool that leaves almost no room: sum / k for the k that the sum needs."""
    k = -(-sum(sizes) // POOL)
    return -(-sum(sizes) // k)


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main() -> None:
    print(f"30 debtors, pool {POOL / 100:,.0f} baht, worst of {SEEDS} seeds per family:")
    worst = 0.0
    for name, (low, high) in FAMILIES.items():
        runs = [timed(packing.fewest_bins, debts(seed, low, high), POOL) for seed in range(SEEDS)]
        slowest, packed = max(runs, key=lambda r: r[0])
        unproven = sum(not p.exact for _, p in runs)
        worst = max(worst, slowest)
        print(f"  {name:28} worst {slowest:6.3f} s  ({len(packed.bins)} cycles, bound {packed.lower_bound}); "
              f"unproven {unproven}/{SEEDS}")
    print(f"  worst of all: {worst:.3f} s")
    runs = [timed(packing.fewest_bins, d, _tight_pool(d)) for d in (debts(s, 0.05, 0.2) for s in range(SEEDS))]
    slowest, packed = max(runs, key=lambda r: r[0])
    print(f"  hardest: small debts, pool just above sum / cycles: worst {slowest:.3f} s; "
          f"unproven (search stopped at its step limit) {sum(not p.exact for _, p in runs)}/{SEEDS}")
    many = debts(0, 0.0, 1.0, n=5_000)
    seconds, packed = timed(packing.fewest_bins, many, POOL)
    print(f"5,000 debtors, first fit decreasing: {seconds:.3f} s, {len(packed.bins)} cycles, "
          f"lower bound {packed.lower_bound}, gap {len(packed.bins) - packed.lower_bound}")


if __name__ == "__main__":
    main()
