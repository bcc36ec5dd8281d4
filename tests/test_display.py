"""What readers see: dates and bucket names per language, and the group chart's share labels."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from kmdash.analyse import analyse
from kmdash.report.charts import group_figure
from kmdash.report.display import bucket, date_entry, day
from kmdash.words import start_day
from kmdash.synthetic import generate_loans

from .support import oracle
from .support.ledgers import AS_OF


@pytest.mark.parametrize("value, lang, shown", [
    (date(2024, 3, 31), "en", "31 Mar 2024"),
    (pd.Timestamp(2023, 12, 5), "en", "05 Dec 2023"),
    (date(2024, 3, 31), "th", "31 มี.ค. 2567"),
    (pd.Timestamp(2023, 12, 5), "th", "5 ธ.ค. 2566"),
    (None, "en", "-"),
    (pd.NaT, "th", "-"),
])
def test_a_date_reads_as_its_language_writes_dates(value, lang, shown):
    assert day(value, lang) == shown


@pytest.mark.parametrize("lang, typed", [("th", "05/12/2566"), ("en", "05/12/2023")])
def test_a_date_as_users_type_it(lang, typed):
    assert date_entry(date(2023, 12, 5), lang) == typed


@pytest.mark.parametrize("label, th, en", [
    ("31-90", "31-90 วัน", "31-90 days"),  # the catalogue's own
    ("1-7", "1-7 วัน", "1-7 days"),  # the user's edges, spelled out
    (">60", "เกิน 60 วัน", "over 60 days"),
    ("<=6m", "ไม่เกิน 6 เดือน", "up to 6 months"),
    ("6-12m", "6-12 เดือน", "6-12 months"),
    (">36m", "เกิน 36 เดือน", "over 36 months"),
], ids=["catalogue", "days", "over-days", "up-to-months", "months", "over-months"])  # plain ids: mutmut reruns them
def test_a_bucket_is_named_in_each_language(label, th, en):
    assert (bucket(label, "th"), bucket(label, "en")) == (th, en)


def test_thai_is_the_language_when_none_is_said():
    assert (day(date(2024, 3, 31)), date_entry(date(2024, 3, 31)), bucket("6-12m"), bucket("31-90")) == (
        "31 มี.ค. 2567", "31/03/2567", "6-12 เดือน", "31-90 วัน")


def test_deadlines_count_from_today_unless_the_ledger_is_dated_ahead():
    as_of = date(2024, 3, 31)
    assert start_day(as_of, date(2024, 4, 2)) == date(2024, 4, 2)
    assert start_day(as_of, date(2024, 3, 30)) == as_of
    assert start_day(as_of, as_of) == as_of
    assert start_day(as_of) == max(as_of, date.today())  # today, from the clock, when not given


def test_each_group_bar_is_labelled_with_its_baht_and_its_share_of_all_overdue():
    loans = generate_loans(200, seed=2)
    want = oracle.figures(loans.to_dict("records"), AS_OF)["by_group"]
    bar = group_figure(analyse(loans, AS_OF).groups).data[0]
    shares = {g["group"]: f"{g['overdue']:,.0f} ({g['share'] * 100:.1f}%)" for g in want if g["overdue"] > 0}
    assert dict(zip(bar.y, bar.text)) == shares
    assert list(bar.y) == [g["group"] for g in want if g["overdue"] > 0][::-1]  # largest at the top


def test_money_baht_percent_and_counts_as_readers_write_them():
    from kmdash.report.display import baht, count, money, percent

    assert (money(1234.5, "th"), money(1234.5, "en"), money(1234.5), money(None, "en")) == (
        "1,234.50 บาท", "฿1,234.50", "1,234.50 บาท", "-")
    assert (baht(1234567.891), baht(-0.5), baht(None)) == ("1,234,567.89", "-0.50", "-")
    assert (percent(0.125), percent(1.0), percent(0.0), percent(None)) == ("12.5%", "100.0%", "0.0%", "-")
    assert count(1234567) == "1,234,567"


def test_a_rows_account_in_one_language():
    from kmdash.read.account import RowNote
    from kmdash.report.display import row_note

    assert row_note(RowNote(9, "subtotal", "", "รวม กลุ่มที่ 3")) == "แถวยอดรวมกลุ่ม: รวม กลุ่มที่ 3"
    assert row_note(RowNote(9, "subtotal", "", "รวม กลุ่มที่ 3"), "en") == "subtotal: รวม กลุ่มที่ 3"
    bad = RowNote(9, "bad_date", "loan_date", "31/02/2567")
    assert row_note(bad, "th") == "อ่านวันที่ไม่ได้ (วันที่กู้): '31/02/2567'"
    assert row_note(bad, "en", skipped=False) == "date cannot be read (Loan date): '31/02/2567' (left blank)"
    assert row_note(RowNote(9, "bad_date", "xyz", "?"), "en") == "date cannot be read (xyz): '?'"
    assert row_note(RowNote(9, "blank"), "en") == "blank row"


def test_the_rows_accounts_as_a_table_with_their_sheet_where_several_were_read():
    from kmdash.read.account import RowNote
    from kmdash.report.display import row_notes_table

    one = row_notes_table([RowNote(5, "blank"), RowNote(9, "subtotal", "", "รวม")], "en")
    assert one.to_dict("list") == {"row": [5, 9], "reason": ["blank row", "subtotal: รวม"]}
    notes = row_notes_table([RowNote(5, "bad_date", "due_date", "x", "ก")], "th", skipped=False)
    assert notes.to_dict("list") == {"sheet": ["ก"], "row": [5], "note": ["อ่านวันที่ไม่ได้ (วันครบกำหนดชำระ): 'x' (เว้นว่าง)"]}


def test_file_text_is_shown_as_written_never_as_markup():
    from kmdash.report.display import plain

    assert plain("[x](http://a.example)") == "\\[x\\]\\(http\\:\u2060//a\\.example\\)"
    assert plain("www.a.example") == "w\u2060ww\\.a\\.example"
    assert plain("a@b") == "a\\@\u2060b"
    assert plain("  สหกรณ์\n  บ้าน *ใหม่*  ") == "สหกรณ์ บ้าน \\*ใหม่\\*"
    assert plain(12.5) == "12\\.5"


def test_a_table_gets_a_total_row_of_its_numbers():
    from kmdash.report.display import with_total

    table = pd.DataFrame({"group": ["ก", "ข"], "members": [1, 2], "overdue": [1.25, 2.5]})
    assert with_total(table, "รวม").to_dict("records")[-1] == {"group": "รวม", "members": 3, "overdue": 3.75}
    assert with_total(table, "รวม").index.tolist() == [0, 1, 2]  # the total row numbered after the others
    named = with_total(table.rename(columns={"group": "name"}), "all", label_column="name")
    assert named["name"].tolist() == ["ก", "ข", "all"] and len(table) == 2


def test_a_techniques_evidence_with_what_makes_it_full():
    from kmdash.report.display import evidence
    from kmdash.techniques.base import Evidence

    seen = Evidence("ev_members_overdue", {"n": 3, "total": 10, "threshold": 0.3}, "full_share")
    assert evidence(seen, "en") == "3 of 10 members overdue; full at 30%"
    assert evidence(seen) == "ค้างชำระ 3 จาก 10 คน; เต็มคะแนนเมื่อถึง 30%"
    assert evidence(Evidence("ev_members_overdue", {"n": 3, "total": 10}), "en") == "3 of 10 members overdue"
