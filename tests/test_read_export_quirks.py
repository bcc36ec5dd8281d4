"""Real export quirks, each on a generated ledger checked against the generator: HTML .xls with line breaks
in header cells, no-break spaces, "ข้อมูล ณ วันที่", Buddhist-Era years in real date cells and in text dates
valid only as BE, a header written twice, contract numbers mixing numbers and text, and a member-number
column under an unknown header."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kmdash import pipeline
from kmdash.report.summary import summarise
from kmdash.report.text import format_report
from kmdash.synthetic import LedgerShape, generate_loans, html_table, ledger_rows

from .support.figures import assert_figures, expected_figures
from .support.ledgers import AS_OF, workbook_bytes

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def loans():
    return generate_loans(90, seed=21)


def summary(data, **options) -> dict:
    return summarise(pipeline.run(data, pipeline.Options(**options)))


def header_index(rows: list[list]) -> int:
    return next(i for i, r in enumerate(rows) if "วันครบกำหนดชำระ" in r)


def test_an_html_xls_with_line_breaks_in_header_cells(loans):
    shape = LedgerShape(rename={"member_no": "สมาชิก\nเลขทะเบียน", "principal_overdue": "เงินต้น\nค้างชำระ"},
                        extra_column="ยอด\nยกมา")
    s = summary(html_table(ledger_rows(loans, shape, AS_OF)))
    assert {"member_no", "principal_overdue"} <= set(s["columns"])
    assert s["unmapped_headers"] == ["ยอด ยกมา"]  # a line break is a space
    assert s["keyed_by_name"] is None
    assert_figures(s, expected_figures(loans, AS_OF))


def test_no_break_spaces_in_names_around_member_numbers_and_in_amounts(loans):
    rows = ledger_rows(loans, LedgerShape(text_amount_share=0.5), AS_OF)
    h = header_index(rows)
    member, name = rows[h].index("เลขทะเบียนสมาชิก"), rows[h].index("ชื่อ - สกุล")
    for row in rows[h + 1:]:
        if isinstance(row[member], str) and row[member][:1].isdigit():
            row[member] = f"{NBSP}{row[member]}{NBSP}"
            row[name] = row[name].replace(" ", NBSP)
        row[:] = [f"{NBSP}{v}{NBSP}" if isinstance(v, str) and "," in v else v for v in row]
    s = summary(workbook_bytes(*rows))
    assert not [x for x in s["skipped"] if x["code"] in ("bad_amount", "no_member")]
    assert_figures(s, expected_figures(loans, AS_OF))  # names as the generator wrote them, with plain spaces


def test_the_as_of_line_written_as_data_on_date(loans):
    rows = ledger_rows(loans, LedgerShape(), AS_OF)
    rows[2][0] = "ข้อมูล ณ วันที่ 31 มีนาคม 2567"
    s = summary(workbook_bytes(*rows))
    assert (s["as_of"], s["as_of_source"]) == ("2024-03-31", "title")


def test_real_date_cells_typed_with_the_buddhist_year():
    loans = generate_loans(90, seed=22)
    for column in ("loan_date", "due_date"):  # day 29-31 of a month may not exist in the BE year's calendar
        loans[column] = loans[column].map(lambda d: d.replace(day=min(d.day, 28)))
    rows = ledger_rows(loans, LedgerShape(date_style="excel"), AS_OF)
    rows = [[datetime(v.year + 543, v.month, v.day) if isinstance(v, date) else v for v in row] for row in rows]
    assert_figures(summary(workbook_bytes(*rows)), expected_figures(loans, AS_OF))


def test_a_text_date_valid_only_as_buddhist_era(loans):
    leap = loans.copy()
    leap.loc[0, "due_date"] = datetime(2020, 2, 29)  # written 29/02/2563: 2563 as CE is not a leap year
    rows = ledger_rows(leap, LedgerShape(date_style="be_text"), AS_OF)
    assert any("29/02/2563" in row for row in rows)
    s = summary(workbook_bytes(*rows))
    assert not [x for x in s["skipped"] if x["code"] == "bad_date"]
    assert_figures(s, expected_figures(leap, AS_OF))


def test_a_header_written_twice(loans):
    rows = ledger_rows(loans, LedgerShape(extra_column="หน่วยงาน"), AS_OF)
    h = header_index(rows)
    rows = [row + (["หน่วยงาน"] if i == h else [f"หน่วย {i % 3}" if i > h else None]) for i, row in enumerate(rows)]
    data = workbook_bytes(*rows)
    assert summary(data)["unmapped_headers"] == ["หน่วยงาน", "หน่วยงาน"]
    mapped = summary(data, user_map={"หน่วยงาน": "ignore"})
    assert mapped["unmapped_headers"] == [] and mapped["ignored_headers"] == ["หน่วยงาน", "หน่วยงาน"]
    assert_figures(mapped, expected_figures(loans, AS_OF))


def test_contract_numbers_mixing_numbers_and_text(loans):
    rows = ledger_rows(loans, LedgerShape(), AS_OF)
    h = header_index(rows)
    contract = rows[h].index("เลขที่สัญญา")
    numbered = [row for row in rows[h + 1:] if isinstance(row[contract], str)][::2]
    for n, row in enumerate(numbered):
        row[contract] = float(66000 + n)
    reading = pipeline.read(workbook_bytes(*rows))
    contracts = set(reading.ledger.loans["contract"])
    assert {str(66000 + n) for n in range(len(numbered))} <= contracts
    assert contracts - {str(66000 + n) for n in range(len(numbered))} <= set(loans["contract"])


def test_an_unknown_member_number_header_is_said_never_silently_merging_two_people():
    loans = generate_loans(90, seed=21)
    twins = loans["member_no"].drop_duplicates().iloc[:2]
    loans.loc[loans["member_no"].isin(twins), "name"] = "นาย สมชาย ใจดี"  # two people, one name
    s = summary(workbook_bytes(*ledger_rows(loans, LedgerShape(rename={"member_no": "เลขที่บัตร"}), AS_OF)))
    assert s["keyed_by_name"] == {"unknown_headers": ["เลขที่บัตร"], "shared": [{"header": "เลขที่บัตร", "names": 1}]}
    text = format_report(s, "en")
    assert "names were used" in text and "'เลขที่บัตร'" in text
    mapped = summary(workbook_bytes(*ledger_rows(loans, LedgerShape(rename={"member_no": "เลขที่บัตร"}), AS_OF)),
                     user_map={"เลขที่บัตร": "member_no"})
    assert mapped["keyed_by_name"] is None and mapped["members"] == loans["member_no"].nunique()


def test_each_unknown_header_is_said_with_how_many_names_it_splits():
    loans = generate_loans(120, seed=23)
    twins = loans["member_no"].drop_duplicates().iloc[:2]
    loans.loc[loans["member_no"].isin(twins), "name"] = "นาย สมชาย ใจดี"  # two people, one name
    shape = LedgerShape(text_amount_share=0.0, rename={"member_no": "เลขที่บัตร", "contract": "สัญญาเดิม",
                                                       "group": "หมู่บ้าน"})
    keys = pipeline.read(workbook_bytes(*ledger_rows(loans, shape, AS_OF))).ledger.keyed_by_name
    per_name = loans.groupby("name")
    splits = {"เลขที่บัตร": int((per_name["member_no"].nunique() > 1).sum()), "สัญญาเดิม": int((per_name.size() > 1).sum()),
              "หมู่บ้าน": int((per_name["group"].nunique() > 1).sum())}
    assert keys.unknown == ["เลขที่บัตร", "หมู่บ้าน", "สัญญาเดิม"]  # in the sheet's column order
    assert keys.shared == {h: n for h, n in splits.items() if n}
    assert splits["สัญญาเดิม"] > 1


def test_names_are_said_even_when_no_unknown_header_splits_them():
    loans = generate_loans(40, seed=24).drop_duplicates("member_no")  # one loan per member, names apart
    loans = loans[~loans["name"].duplicated(keep=False)]
    shape = LedgerShape(drop_fields=("member_no",), rename={"contract": "สัญญาเดิม"})
    keys = pipeline.read(workbook_bytes(*ledger_rows(loans, shape, AS_OF))).ledger.keyed_by_name
    assert (keys.unknown, keys.shared) == (["สัญญาเดิม"], {})
