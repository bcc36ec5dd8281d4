"""Privacy aliases: they reveal nothing about member numbers, stay stable for one key, and never give a
member their own number."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kmdash import privacy

KEY = b"k" * 32


def contiguous(n: int) -> pd.Series:
    return pd.Series([f"{i:05d}" for i in range(1, n + 1)])


def alias_number(alias: str) -> int:
    return int(alias.rsplit(" ", 1)[1])


def test_contiguous_member_numbers_never_show_as_their_own_alias():
    numbers = contiguous(240)
    for key in (KEY, b"another key", b"x"):
        aliases = privacy.aliases(numbers, key)
        assert all(alias_number(aliases[m]) != int(m) for m in numbers)
        assert sorted(alias_number(a) for a in aliases.values()) == list(range(1, 241))


def test_alias_order_is_not_the_member_number_order():
    numbers = contiguous(240)
    order = [alias_number(privacy.aliases(numbers, KEY)[m]) for m in numbers]
    rising = sum(a < b for a, b in zip(order, order[1:]))
    assert 80 < rising < 160  # about half the neighbours rise, as in a shuffle (sorted: all 239)


def test_the_same_key_gives_the_same_aliases_and_another_key_others():
    numbers = contiguous(50)
    assert privacy.aliases(numbers, KEY) == privacy.aliases(numbers.sample(frac=1, random_state=1), KEY)
    assert privacy.aliases(numbers, KEY) != privacy.aliases(numbers, b"other")


def test_a_session_key_differs_per_file_and_per_secret():
    assert privacy.session_key(b"s1", "digest-a") != privacy.session_key(b"s1", "digest-b")
    assert privacy.session_key(b"s1", "digest-a") != privacy.session_key(b"s2", "digest-a")
    assert privacy.session_key(b"s1", "digest-a") == privacy.session_key(b"s1", "digest-a")


@given(st.sets(st.integers(min_value=0, max_value=60), min_size=1, max_size=40), st.binary(min_size=1, max_size=8))
def test_no_member_ever_gets_their_own_number(members, key):
    numbers = pd.Series([f"{m:03d}" for m in sorted(members)])
    aliases = privacy.aliases(numbers, key)
    assert len(set(aliases.values())) == len(numbers)
    if len(numbers) > 1:
        assert all(alias_number(aliases[m]) != int(m) for m in numbers)


def test_mask_hides_contracts_and_guarantors_and_aliases_names():
    frame = pd.DataFrame({"member_no": ["00198"], "name": ["นาย ก"], "contract": ["ส.00198/1"],
                          "guarantor": ["นาง ข"], "overdue": [10.0]})
    masked = privacy.mask(frame, {"00198": "สมาชิก 007"})
    assert masked.iloc[0].tolist() == ["สมาชิก 007", "สมาชิก 007", "(ซ่อน)", "(ซ่อน)", 10.0]


@pytest.mark.parametrize("order", [["001", "002"], ["001", "002", "003"], ["001", "002", "003", "004", "005"]])
def test_members_in_their_own_places_are_moved_among_themselves(order):
    numbers = privacy._no_own_numbers(order)
    assert sorted(numbers) == list(range(1, len(order) + 1))
    assert all(n != int(m) for n, m in zip(numbers, order))


def test_a_lone_clash_is_swapped_with_a_member_it_can_trade_with():
    # "001" holds 1, its own; "0001" is member 1 too, so it cannot take 1: the swap goes to the third
    assert privacy._no_own_numbers(["001", "0001", "x"]) == [3, 2, 1]


def test_a_single_member_keeps_the_only_number_there_is():
    assert privacy._no_own_numbers(["001"]) == [1]


def test_members_keyed_by_name_get_aliases_too():
    named = privacy.aliases(pd.Series(["นาย ก ใจดี", "นาง ข ศรีสุข"]), KEY)
    assert sorted(named.values()) == ["สมาชิก 001", "สมาชิก 002"]
