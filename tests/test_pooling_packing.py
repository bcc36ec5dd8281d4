"""T4's bin packing against the slow, plain way (tests/support/packing.py): the lower bound and first fit
decreasing to the item, the fewest bins against every split on small cases and on items known to fill k bins
exactly, up to thirty items and first fit decreasing beyond, the smallest capacity for k bins, and what a search
that runs out of steps gives."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kmdash.techniques.pooling import packing

from .support import packing as plain


@st.composite
def items(draw, most: int = 10, low: int = 0, high: int = 100):
    """(sizes, cap): up to `most` items, each from low % to high % of cap (and at least 1)."""
    cap = draw(st.integers(1, 90))
    low, high = max(1, cap * low // 100), max(1, cap * high // 100)
    return draw(st.lists(st.integers(low, high), max_size=most)), cap


mixed = st.one_of(items(), items(low=20, high=66), items(low=40, high=60))


@plain.bounded(60)
@settings(max_examples=300, deadline=None)
@given(mixed)
def test_the_lower_bound_is_the_largest_of_the_three(case):
    sizes, cap = case
    assert packing.lower_bound(sizes, cap) == plain.lower_bound(sizes, cap)


@pytest.mark.parametrize("sizes, cap, bound", [
    ([], 10, 0),
    ([10, 10, 10], 10, 3),  # by sum
    ([3, 3, 3, 3, 3], 10, 2),  # by sum: 15 / 10
    ([2, 2, 2, 2, 2, 9], 10, 2),  # by sum: 19 / 10
    ([3, 3, 3, 3, 3], 8, 3),  # by count: two to a bin (sum says 2)
    ([4, 4, 4, 4, 4], 10, 3),  # by count: two to a bin (sum says 2)
    ([6, 6, 6, 5, 5, 5], 10, 5),  # L2 at 5: the 6s alone, the 5s two to a bin (sum says 4)
    ([6, 6, 6, 4, 4, 4], 10, 3),  # each 4 beside a 6
    ([7, 7, 7, 4, 4, 4], 10, 5),  # L2 at 4: the 4s fit beside no 7 (sum says 4)
    ([7, 7, 4, 4, 4, 3], 10, 4),  # L2 at 4: the 7s alone, then 4 + 4 + 4 (sum says 3)
])
@plain.bounded(20)
def test_the_lower_bound_of_hand_counted_cases(sizes, cap, bound):
    assert packing.lower_bound(sizes, cap) == bound


@plain.bounded(60)
@settings(max_examples=300, deadline=None)
@given(items(most=40))
def test_first_fit_decreasing_puts_each_item_where_the_plain_way_does(case):
    sizes, cap = case
    assert packing.first_fit_decreasing(sizes, cap) == plain.first_fit_decreasing(sizes, cap)


@plain.bounded(20)
def test_first_fit_decreasing_of_a_hand_packed_case():
    # 7 opens bin 0, 6 bin 1, 5 bin 2; 4 fits beside the 6; 3 beside the 7; 2 beside the 5 (7 + 3 is full)
    assert packing.first_fit_decreasing([3, 7, 2, 5, 4, 6], 10) == [[1, 0], [5, 4], [3, 2]]
    assert packing.first_fit_decreasing([5], 5) == [[0]] and packing.first_fit_decreasing([], 5) == []


@plain.bounded(60)
@settings(max_examples=250, deadline=None)
@given(mixed)
def test_the_fewest_bins_of_small_cases(case):
    sizes, cap = case
    packed = packing.fewest_bins(sizes, cap)
    assert plain.valid(packed.bins, sizes, cap) and packed.exact
    assert len(packed.bins) == plain.fewest_bins(sizes, cap)
    assert packed.lower_bound == plain.lower_bound(sizes, cap)
    first_fit = plain.first_fit_decreasing(sizes, cap)
    if len(first_fit) == packed.lower_bound:  # first fit decreasing is kept when it meets the bound
        assert packed.bins == first_fit


@pytest.mark.parametrize("k, cap, parts", [(2, 20, 3), (3, 100, 3), (4, 100, 2), (3, 1000, 4), (10, 1_000_000, 3),
                                           (6, 10_000, 5), (15, 1000, 2)])
@pytest.mark.parametrize("seed", range(4))
@plain.bounded(20)
def test_items_that_fill_k_bins_exactly_go_into_k_bins_up_to_thirty(k, cap, parts, seed):
    sizes = plain.perfect(k, cap, parts, seed)
    packed = packing.fewest_bins(sizes, cap)
    assert plain.valid(packed.bins, sizes, cap)
    assert (len(packed.bins), packed.lower_bound, packed.exact) == (k, k, True)


@pytest.mark.parametrize("seed", range(4))
@plain.bounded(20)
def test_beyond_thirty_items_first_fit_decreasing_and_its_gap(seed):
    cap = 1_000_000
    sizes = plain.perfect(10, cap, 3, seed) + [cap]  # 31 items filling 11 bins exactly
    first_fit = plain.first_fit_decreasing(sizes, cap)
    assert len(first_fit) > 11  # so an exact search would have done better
    packed = packing.fewest_bins(sizes, cap)
    assert (packed.bins, packed.lower_bound, packed.exact) == (first_fit, 11, False)


@plain.bounded(20)
def test_thirty_items_get_the_exact_search():
    cap = 1_000_000
    sizes = plain.perfect(9, cap, 3, 0) + [cap, cap, cap]  # 30 items, 12 bins
    assert len(plain.first_fit_decreasing(sizes, cap)) > 12
    assert len(packing.fewest_bins(sizes, cap).bins) == 12


@pytest.mark.parametrize("seed", range(3))
@plain.bounded(20)
def test_a_search_out_of_steps_gives_first_fit_decreasing_unproven(monkeypatch, seed):
    cap = 1_000_000
    sizes = plain.perfect(10, cap, 3, seed)
    monkeypatch.setattr(packing, "STEP_LIMIT", 0)
    packed = packing.fewest_bins(sizes, cap)
    assert (packed.bins, packed.lower_bound, packed.exact) == (plain.first_fit_decreasing(sizes, cap), 10, False)


@pytest.mark.parametrize("limit", [100, 500, 1000])
@plain.bounded(20)
def test_a_search_stops_soon_after_its_step_limit(limit):
    # 30 items that fill 10 bins but not in any way first fit decreasing finds: more steps than the limit
    search = packing._Search(plain.perfect(10, 1_000_000, 3, 0), 1_000_000, limit)
    assert search.pack(10) is None and search.gave_up
    assert limit < search.steps <= limit + packing.NODE_STEPS + 1


@pytest.mark.parametrize("seed", range(6))
@plain.bounded(20)
def test_hard_thirty_are_proven_in_few_steps(monkeypatch, seed):
    """Pruning and remembering failed sets keep the search small: each case is proven within 15,000 steps."""
    rng, cap = random.Random(seed), 10_000_000
    near_a_third = [rng.randint(cap // 4 + 1, cap // 3 + cap // 20) for _ in range(30)]
    monkeypatch.setattr(packing, "STEP_LIMIT", 15_000)
    for sizes in (near_a_third, plain.perfect(10, cap, 3, seed)):
        packed = packing.fewest_bins(sizes, cap)
        assert packed.exact and plain.valid(packed.bins, sizes, cap)


@plain.bounded(60)
@settings(max_examples=150, deadline=None)
@given(mixed, st.integers(1, 5))
def test_the_smallest_capacity_for_k_bins(case, k):
    sizes, _ = case
    capacity, proven = packing.smallest_capacity(sizes, k)
    assert proven and type(capacity) is int
    if not sizes:
        assert capacity == 0
    else:
        assert plain.fewest_bins(sizes, capacity) <= k
        assert capacity == max(sizes) or plain.fewest_bins(sizes, capacity - 1) > k


@pytest.mark.parametrize("k, parts", [(2, 3), (3, 3), (5, 2), (4, 4), (10, 3)])
@pytest.mark.parametrize("seed", range(3))
@plain.bounded(20)
def test_items_that_fill_k_bins_exactly_need_just_that_capacity(k, parts, seed):
    sizes = plain.perfect(k, 1000, parts, seed)
    assert packing.smallest_capacity(sizes, k) == (1000, True)


@plain.bounded(20)
def test_the_smallest_capacity_of_hand_counted_cases():
    assert packing.smallest_capacity([], 3) == (0, True)
    assert packing.smallest_capacity([5, 1, 2], 3) == (5, True)  # a bin each: the largest
    assert packing.smallest_capacity([5, 1, 2], 7) == (5, True)
    assert packing.smallest_capacity([4, 4, 4], 2) == (8, True)  # two of them share
    assert packing.smallest_capacity([9, 8, 2, 2, 2, 1], 2) == (12, True)  # 9 + 2 + 1 and 8 + 2 + 2
    assert packing.smallest_capacity([6, 5, 4, 3, 3, 3], 3) == (9, True)  # 6 + 3, 5 + 4, 3 + 3


@pytest.mark.parametrize("sizes, k, capacity", [
    ([3, 3, 3, 3, 3, 3], 2, 9),  # the sum over k
    ([6, 6, 6, 1, 1], 2, 12),  # two of the three largest share a bin
    ([9, 1, 1, 1], 3, 9),  # the largest
])
@plain.bounded(20)
def test_no_packing_is_tried_when_a_lower_bound_meets_the_largest_first_filling(monkeypatch, sizes, k, capacity):
    tried = []
    fits = packing._fits
    monkeypatch.setattr(packing, "_fits", lambda *args: tried.append(args) or fits(*args))
    assert packing.smallest_capacity(sizes, k) == (capacity, True) and tried == []


@pytest.mark.parametrize("k, parts, seed", [(4, 3, 1), (4, 3, 2), (4, 3, 3), (3, 4, 0), (3, 4, 1)])
@plain.bounded(20)
def test_the_smallest_capacity_out_of_steps_still_fits_unproven(monkeypatch, k, parts, seed):
    sizes = plain.perfect(k, 1000, parts, seed)  # cases first fit decreasing does not pack into 1000 * k
    monkeypatch.setattr(packing, "STEP_LIMIT", 0)
    capacity, proven = packing.smallest_capacity(sizes, k)
    assert not proven and capacity > 1000 and plain.fewest_bins(sizes, capacity) <= k


# where remembering the item sets that did not fit matters: without it each takes over twice the steps
UNFIT = [([213, 250, 374, 397, 341, 245, 432, 411, 259, 384, 205, 407, 284, 425, 309, 304, 375, 395, 279, 375, 397,
           405, 418], 1000, 10_000),
         ([283, 203, 404, 347, 213, 324, 369, 267, 373, 243, 377, 367, 267, 375, 367, 423, 374, 383, 446, 446, 438,
           297, 371], 1000, 6_000)]


@pytest.mark.parametrize("sizes, cap, limit", UNFIT)
@plain.bounded(20)
def test_sets_shown_not_to_fit_are_not_tried_again(monkeypatch, sizes, cap, limit):
    monkeypatch.setattr(packing, "STEP_LIMIT", limit)
    packed = packing.fewest_bins(sizes, cap)
    assert packed.exact and plain.valid(packed.bins, sizes, cap)


@plain.bounded(20)
def test_whether_items_fit_and_the_steps_that_took():
    assert packing._fits([6, 6, 6], 10, 2, 100) == (False, 0)  # the lower bound says no
    assert packing._fits([5, 5, 4], 10, 2, 100) == (True, 0)  # first fit decreasing fills just two
    hard = plain.perfect(4, 1000, 3, 1)  # fits 4 bins, first fit decreasing needs 5
    assert packing._fits(hard, 1000, 4, 0) == (None, 0)  # no steps left: open
    answer, steps = packing._fits(hard, 1000, 4, 1)
    assert answer is None and steps > 1  # the search began and ran out
    answer, steps = packing._fits(hard, 1000, 4, 100_000)
    assert answer is True and steps > 0
    answer, steps = packing._fits([25, 27, 38, 45, 33, 20, 41], 77, 3, 100_000)  # the bound says 3, it takes 4
    assert answer is False and steps > 0
    beyond = plain.perfect(10, 1000, 3, 0) + [1000]  # 31 items: never searched
    assert packing._fits(beyond, 1000, 11, 100_000) == (None, 0)


@plain.bounded(20)
def test_one_step_budget_for_the_whole_smallest_capacity_search(monkeypatch):
    # each question here takes about 1,100 steps, four of them: a budget of 3,000 leaves the third one open
    sizes = plain.perfect(8, 1000, 3, 1)
    assert packing.smallest_capacity(sizes, 8) == (1000, True)
    monkeypatch.setattr(packing, "STEP_LIMIT", 3000)
    capacity, proven = packing.smallest_capacity(sizes, 8)
    assert not proven and capacity > 1000


@pytest.mark.parametrize("sorted_bins", [0, 1, 2])
@plain.bounded(60)
def test_the_bins_beyond_the_few_tried_fullest_first_are_tried_as_found(sorted_bins):
    """Past SORTED_BINS completions of a bin the search tries the rest in the order it finds them; with a
    handful it takes that way all the time, and the fewest bins are the same."""
    cases = [(plain.perfect(k, 100, parts, seed), 100, k) for k, parts in ((2, 3), (3, 3), (3, 4), (4, 2))
             for seed in range(5)]
    cases += [(sizes, cap, plain.fewest_bins(sizes, cap)) for sizes, cap in (
        ([25, 27, 38, 45, 33, 20, 41], 77), ([22, 12, 26, 20, 10, 26, 28, 18, 12], 45),
        ([13, 14, 24, 31, 26, 24, 19, 26, 13], 49), ([11, 39, 11, 31, 33, 11, 12, 10, 21], 61),
        ([7, 18, 10, 18, 5, 7, 13, 8, 15], 34), ([6, 10, 9, 10, 3, 7, 9, 9, 4, 9, 3], 20))]  # the bound says one fewer
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(packing, "SORTED_BINS", sorted_bins)
        for sizes, cap, fewest in cases:
            packed = packing.fewest_bins(sizes, cap)
            assert (len(packed.bins), packed.exact) == (fewest, True) and plain.valid(packed.bins, sizes, cap)
