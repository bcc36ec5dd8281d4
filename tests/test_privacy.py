"""Privacy for a projector: stable aliases for members, names and guarantors hidden, row notes without text."""

from __future__ import annotations

import pandas as pd

from kmdash.privacy import aliases, mask, member_labels, without_details
from kmdash.read.account import RowNote

KEY = b"session-and-file"


def test_aliases_are_one_per_member_all_numbered_from_1():
    named = aliases(pd.Series(["00017", "00003", "00017", "00120"]), KEY)
    assert sorted(named) == ["00003", "00017", "00120"]
    assert sorted(named.values()) == ["สมาชิก 001", "สมาชิก 002", "สมาชิก 003"]


def test_aliases_in_english_and_from_numbers_stored_as_numbers():
    assert sorted(aliases(pd.Series([42, 7]), KEY, "en").values()) == ["Member 001", "Member 002"]


def test_aliases_grow_a_digit_past_999_members():
    named = aliases(pd.Series([f"{i:05d}" for i in range(1000)]), KEY)
    assert {len(a.split()[1]) for a in named.values()} == {4} and "สมาชิก 1000" in named.values()
    assert {len(a.split()[1]) for a in aliases(pd.Series([f"{i:05d}" for i in range(999)]), KEY).values()} == {3}


def people() -> pd.DataFrame:
    return pd.DataFrame({"member_no": ["00017", "00003", "09999"], "name": ["นาย ก", "นาง ข", "นาย ค"],
                         "guarantor": ["นาง ง", "", "นาย จ"], "overdue": [1.0, 2.0, 3.0]})


def test_mask_puts_the_alias_for_number_and_name_and_hides_guarantors():
    frame = people()
    alias = {"00003": "สมาชิก 001", "00017": "สมาชิก 002"}
    masked = mask(frame, alias)
    assert masked["member_no"].tolist() == ["สมาชิก 002", "สมาชิก 001", "(ซ่อน)"]  # no alias: hidden
    assert masked["name"].tolist() == masked["member_no"].tolist()
    assert masked["guarantor"].tolist() == ["(ซ่อน)"] * 3
    assert masked["overdue"].tolist() == [1.0, 2.0, 3.0]
    assert frame.equals(people())  # the caller's frame is left alone


def test_mask_in_english_and_without_a_member_number_hides_the_name():
    masked = mask(people().drop(columns="member_no"), {}, "en")
    assert masked["name"].tolist() == ["(hidden)"] * 3 and masked["guarantor"].tolist() == ["(hidden)"] * 3
    assert mask(people().drop(columns=["name", "guarantor"]), {"00003": "Member 001"}, "en")[
        "member_no"].tolist() == ["(hidden)", "Member 001", "(hidden)"]


def test_row_notes_lose_their_text_but_keep_row_code_and_field():
    notes = [RowNote(7, "subtotal", "", "รวม นายสมชาย ใจดี"), RowNote(9, "bad_date", "loan_date", "31/02/2567")]
    assert without_details(notes) == [RowNote(7, "subtotal"), RowNote(9, "bad_date", "loan_date")]
    assert notes[0].detail == "รวม นายสมชาย ใจดี"


def test_member_labels_join_number_and_name_unless_privacy_made_them_one():
    members = pd.DataFrame({"member_no": ["00017", "สมาชิก 001"], "name": ["นาย ก", "สมาชิก 001"]})
    assert member_labels(members).tolist() == ["00017 นาย ก", "สมาชิก 001"]
