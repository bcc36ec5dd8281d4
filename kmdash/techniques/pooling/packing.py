"""Bin packing in integer satang: how few pools of one size clear a set of debts.

`fewest_bins` is exact (bin completion with memo, proven optimal) up to EXACT_LIMIT debts, first fit
decreasing beyond; `smallest_capacity` is the least capacity that packs the debts into k bins.
Sizes are ints, each at most the capacity; bins come back as lists of indexes into `sizes`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

EXACT_LIMIT = 30
SORTED_BINS = 500  # bins at a step tried fullest first; beyond, all as they are found
STEP_LIMIT = 250_000  # a safety valve (under a second here): the search stops, unproven
NODE_STEPS = 100  # a step is a bin grown by one item; a node's bound costs about this many


@dataclass(frozen=True)
class Packing:
    bins: list[list[int]]
    lower_bound: int
    exact: bool  # len(bins) is proven the fewest


def lower_bound(sizes, cap: int) -> int:
    """The larger of two bounds on the bins needed, both at least ceil(sum / cap). By count: a bin holds
    at most as many items as the smallest ones that fit together. Martello and Toth's L2: for each
    threshold a, items above cap / 2 each need a bin, and the items from a to cap / 2 fill what those
    with room for a leave free."""
    a = sorted(sizes)
    if not a:
        return 0
    prefix = list(accumulate(a, initial=0))
    n, half = len(a), cap // 2  # items <= half fit two to a bin
    per_bin = bisect_right(prefix, cap) - 1
    above_half = bisect_right(a, half)
    best = max(-(-prefix[-1] // cap), -(-n // per_bin))
    for alpha in {0, *a[:above_half]}:
        j2_end = bisect_right(a, cap - alpha)  # j1: the items from here up
        j2_free = (j2_end - above_half) * cap - (prefix[j2_end] - prefix[above_half])
        j3_sum = prefix[above_half] - prefix[bisect_left(a, alpha)]
        best = max(best, n - above_half + max(0, -(-(j3_sum - j2_free) // cap)))
    return best


def first_fit_decreasing(sizes, cap: int) -> list[list[int]]:
    """Each item, largest first, into the first bin with room (a tree of free space: n log n)."""
    order = sorted(range(len(sizes)), key=lambda i: -sizes[i])
    leaves = 1
    while leaves < max(1, len(sizes)):
        leaves *= 2
    free = [0] * leaves + [cap] * leaves  # free[leaves + b]: room in bin b; inner nodes: the most below
    for node in range(leaves - 1, 0, -1):
        free[node] = cap
    bins: list[list[int]] = []
    for i in order:
        node = 1
        while node < leaves:
            node = 2 * node if free[2 * node] >= sizes[i] else 2 * node + 1
        b = node - leaves
        if b == len(bins):
            bins.append([])
        bins[b].append(i)
        free[node] -= sizes[i]
        while node > 1:
            node //= 2
            free[node] = max(free[2 * node], free[2 * node + 1])
    return bins


def fewest_bins(sizes: list[int], cap: int) -> Packing:
    """The fewest bins of capacity `cap` holding every item (exact up to EXACT_LIMIT items)."""
    bound, heuristic = lower_bound(sizes, cap), first_fit_decreasing(sizes, cap)
    if len(heuristic) == bound or len(sizes) > EXACT_LIMIT:
        return Packing(heuristic, bound, len(heuristic) == bound)
    search = _Search(sizes, cap, STEP_LIMIT)
    for k in range(bound, len(heuristic)):
        found = search.pack(k)
        if found is not None:
            return Packing(found, bound, True)
        if search.gave_up:
            return Packing(heuristic, bound, False)
    return Packing(heuristic, bound, True)


def smallest_capacity(sizes: list[int], k: int) -> tuple[int, bool]:
    """(the least capacity packing every item into k bins, proven): a binary search from the largest
    item, ceil(sum / k) and the k + 1 largest (two of them share a bin) up to the fullest of k bins filled
    largest first into the emptiest. One step budget for the whole search; a question it leaves open
    counts as "does not fit", so the answer always fits."""
    if not sizes:
        return 0, True
    ordered = sorted(sizes, reverse=True)
    low = max(ordered[0], -(-sum(sizes) // k), ordered[k - 1] + ordered[k] if k < len(sizes) else 0)
    high = _largest_first_into_emptiest(ordered, k)
    budget, proven = STEP_LIMIT, True
    while low < high:
        mid = (low + high) // 2
        answer, used = _fits(sizes, mid, k, budget)
        budget -= used
        proven = proven and answer is not None
        low, high = (low, mid) if answer else (mid + 1, high)
    return high, proven


def _fits(sizes: list[int], cap: int, k: int, budget: int) -> tuple[bool | None, int]:
    """(do the items fit into k bins of capacity cap, None when left open; the steps used)."""
    if lower_bound(sizes, cap) > k:
        return False, 0
    if len(first_fit_decreasing(sizes, cap)) <= k:
        return True, 0
    if len(sizes) > EXACT_LIMIT or budget <= 0:
        return None, 0
    search = _Search(sizes, cap, budget)
    found = search.pack(k)
    return (True if found is not None else (None if search.gave_up else False)), search.steps


def _largest_first_into_emptiest(ordered: list[int], k: int) -> int:
    loads = [0] * k
    for size in ordered:
        loads[loads.index(min(loads))] += size
    return max(loads)


class _Search:
    """Bin completion (Korf 2003): fill one bin at a time with the largest item left and an undominated
    set of others; a bin's free space is waste, and waste beyond k * cap - sum fails. Item sets shown
    not to fit into b bins are remembered. `steps` counts the work, to stop at STEP_LIMIT."""

    def __init__(self, sizes: list[int], cap: int, limit: int):
        self.order = sorted(range(len(sizes)), key=lambda i: -sizes[i])
        self.size = [sizes[i] for i in self.order]  # largest first
        self.cap = cap
        self.failed: dict[int, int] = {}  # mask of items -> most bins shown too few
        self.steps, self.limit = 0, limit
        self.gave_up = False

    def pack(self, k: int) -> list[list[int]] | None:
        found = self._solve((1 << len(self.size)) - 1, k)
        return None if found is None else [[self.order[i] for i in b] for b in found]

    def _solve(self, mask: int, budget: int) -> list[list[int]] | None:
        if mask == 0:
            return []
        if self.failed.get(mask, -1) >= budget or self.gave_up:
            return None
        self.steps += NODE_STEPS
        items = [i for i in range(len(self.size)) if mask >> i & 1]
        if lower_bound([self.size[i] for i in items], self.cap) > budget:
            self.failed[mask] = budget
            return None
        slack = budget * self.cap - sum(self.size[i] for i in items)
        found: list[list[list[int]]] = []

        def attempt(chosen: list[int]) -> bool:
            rest = self._solve(mask & ~sum(1 << i for i in chosen), budget - 1)
            if rest is not None:
                found.append([chosen] + rest)
            return bool(found) or self.gave_up

        few = self._completions(items, slack, SORTED_BINS + 1)
        stop = any(attempt(b) for b in sorted(few, key=lambda b: -sum(self.size[i] for i in b)))
        if not stop and len(few) > SORTED_BINS:  # many: then all, as they are found (the tried ones remembered)
            self._completions(items, slack, None, attempt)
        if found:
            return found[0]
        if not self.gave_up:
            self.failed[mask] = budget  # more than any before: those stopped this search at its start
        return None

    def _completions(self, items: list[int], slack: int, most: int | None, attempt=None) -> list[list[int]]:
        """Bins holding items[0] and wasting at most `slack`, undominated: nothing left out fits beside
        them, and none inside could be swapped for a larger one left out. Larger items go in before they
        are left out; items of equal size are taken in order (one bin per multiset). Up to `most` bins
        are listed, or each is handed to `attempt` until it says stop."""
        size, cap = self.size, self.cap
        first, rest = items[0], items[1:]
        suffix = [0] * (len(rest) + 1)
        for j in range(len(rest) - 1, -1, -1):
            suffix[j] = suffix[j + 1] + size[rest[j]]
        chosen, listed = [first], []

        def grow(j: int, load: int, need: int, last_out: int) -> bool:  # True: stop
            self.steps += 1
            if self.steps > self.limit:
                self.gave_up = True
                return True
            if load + suffix[j] < need:
                return False
            if j == len(rest):
                if attempt is not None:
                    return attempt(list(chosen))
                listed.append(list(chosen))
                return len(listed) >= most
            item = rest[j]
            if load + size[item] <= cap:  # and the bin must end too full to swap it for the last left out
                chosen.append(item)
                stop = grow(j + 1, load + size[item], max(need, cap - last_out + size[item] + 1), last_out)
                chosen.pop()
                if stop:
                    return True
            skip = j + 1
            while skip < len(rest) and size[rest[skip]] == size[item]:
                skip += 1  # leaving one out leaves out its equals after it
            return grow(skip, load, max(need, cap - size[item] + 1), size[item])  # no room left for it

        grow(0, size[first], cap - slack, cap + 1)
        return listed
