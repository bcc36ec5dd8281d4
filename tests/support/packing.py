"""Bin packing the slow, plain way, to check kmdash.techniques.pooling.packing against (it never calls kmdash).

- fewest_bins: the fewest bins, over every way of splitting the items into bins (subsets, 3^n: n <= 12).
- first_fit_decreasing: each item, largest first (equal sizes in their order), into the first bin with room.
- lower_bound: the largest of ceil(sum / cap), ceil(n / the most items a bin can hold) and Martello and Toth's
  L2, with its threshold tried at every integer from 0 to cap / 2 (their definition, not the few that matter).
- perfect: items that fill k bins exactly, so the fewest bins is k.
- bounded: a test that must end within so many seconds (a packing stuck in a loop fails it, not hangs).
"""

from __future__ import annotations

import random
import signal
from functools import cache, wraps


def fewest_bins(sizes: list[int], cap: int) -> int:
    """The fewest bins of capacity cap holding every item (each item at most cap)."""
    n = len(sizes)
    fits = [sum(s for i, s in enumerate(sizes) if mask >> i & 1) <= cap for mask in range(1 << n)]

    @cache
    def least(mask: int) -> int:
        if mask == 0:
            return 0
        low = mask & -mask  # the bin holding the lowest item left: every subset of the rest beside it
        rest, best, sub = mask ^ low, n, mask ^ low
        while True:
            if fits[sub | low]:
                best = min(best, 1 + least(rest ^ sub))
            if sub == 0:
                return best
            sub = (sub - 1) & rest

    return least((1 << n) - 1)


def first_fit_decreasing(sizes: list[int], cap: int) -> list[list[int]]:
    bins: list[list[int]] = []
    loads: list[int] = []
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        b = next((b for b, load in enumerate(loads) if load + sizes[i] <= cap), len(bins))
        if b == len(bins):
            bins.append([])
            loads.append(0)
        bins[b].append(i)
        loads[b] += sizes[i]
    return bins


def lower_bound(sizes: list[int], cap: int) -> int:
    if not sizes:
        return 0
    ordered = sorted(sizes)
    per_bin = max(m for m in range(1, len(ordered) + 1) if sum(ordered[:m]) <= cap)
    best = max(-(-sum(sizes) // cap), -(-len(sizes) // per_bin))
    for alpha in range(cap // 2 + 1):
        j1 = [s for s in sizes if s > cap - alpha]
        j2 = [s for s in sizes if cap / 2 < s <= cap - alpha]
        j3 = [s for s in sizes if alpha <= s <= cap / 2]
        room = len(j2) * cap - sum(j2)
        best = max(best, len(j1) + len(j2) + max(0, -(-(sum(j3) - room) // cap)))
    return best


def perfect(k: int, cap: int, parts: int, seed: int) -> list[int]:
    """k bins each cut into `parts` items (sizes >= 1) that fill it exactly, shuffled."""
    rng = random.Random(seed)
    sizes = []
    for _ in range(k):
        cuts = sorted(rng.sample(range(1, cap), parts - 1))
        sizes += [b - a for a, b in zip([0, *cuts], [*cuts, cap])]
    rng.shuffle(sizes)
    return sizes


def valid(bins: list[list[int]], sizes: list[int], cap: int) -> bool:
    """Every item in exactly one bin, and no bin over cap."""
    return sorted(i for b in bins for i in b) == list(range(len(sizes))) and \
        all(b and sum(sizes[i] for i in b) <= cap for b in bins)


def bounded(seconds: float):
    """Decorate a test: it fails when it runs longer than `seconds` (real time, for the whole test)."""
    def decorate(test):
        @wraps(test)
        def run(*args, **kwargs):
            def stop(*_):
                raise TimeoutError(f"{test.__name__} ran over {seconds} s")

            previous = signal.signal(signal.SIGALRM, stop)
            signal.setitimer(signal.ITIMER_REAL, seconds)
            try:
                return test(*args, **kwargs)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
        return run
    return decorate
