"""`summary --json` built from a Result (report.summary.summarise), from small generated ledgers read in-process:
every key in its place, the figures the generator's oracle gives, each row's account in both languages, the
sheet of a row where several were read, the techniques' parts as numbers."""

from __future__ import annotations

import io
from datetime import date

from kmdash.pipeline import Options, run
from kmdash.read.account import RowNote
from kmdash.report.summary import both_languages, summarise
from kmdash.settings import Settings
from kmdash.synthetic import LedgerShape, expected_totals, generate_loans, ledger_rows, with_status, write_sheets

from .support.figures import assert_figures, baht_equal, expected_figures
from .support.ledgers import AS_OF

KEYS = ["file", "sheet", "sheets", "sheets_read", "sheets_left", "encoding", "as_of", "as_of_source", "header_row",
        "rows", "skipped", "notes", "loans_overdue", "loans_without_due_date", "members", "members_overdue",
        "members_overdue_over_365", "members_long_overdue", "long_overdue_days", "groups", "groups_overdue",
        "outstanding", "overdue", "interest_arrears", "par30", "par90", "overdue_basis", "aging", "by_group",
        "top_members", "by_status", "reconciliation", "unmapped_headers", "ignored_headers", "columns",
        "keyed_by_name", "coop", "techniques", "classes"]
LOANS = with_status(generate_loans(80, seed=51), seed=5)


def book(sheets: dict[str, list[list]]) -> bytes:
    buffer = io.BytesIO()
    write_sheets(sheets, buffer)
    return buffer.getvalue()


_RESULTS: dict = {}  # each file read once: the tests try summarise, not the reader


def summary_of(data: bytes, **options) -> dict:
    key = (data, repr(options))
    if key not in _RESULTS:
        _RESULTS[key] = run(data, Options(**options), name="ledger.xlsx")
    return summarise(_RESULTS[key])


def test_every_key_in_its_place_and_the_oracles_figures():
    rows = ledger_rows(LOANS, LedgerShape(), AS_OF)
    s = summary_of(book({"ลูกหนี้": rows}), settings=Settings(long_overdue_days=180, top_members=5))
    assert list(s) == KEYS
    assert_figures(s, expected_figures(LOANS, AS_OF, long_days=180, top=5))
    assert len(s["top_members"]) == 5 and s["long_overdue_days"] == 180
    assert (s["file"], s["sheet"], s["sheets"], s["sheets_read"], s["sheets_left"], s["encoding"]) == (
        "ledger.xlsx", "ลูกหนี้", ["ลูกหนี้"], ["ลูกหนี้"], [], None)
    assert (s["as_of"], s["as_of_source"], s["overdue_basis"], s["coop"]) == (
        "2024-03-31", "title", "principal_overdue", "สหกรณ์การเกษตรตัวอย่าง จำกัด")
    header = next(i for i, r in enumerate(rows) if "เลขทะเบียนสมาชิก" in r)
    assert s["header_row"] == header + 1
    assert s["columns"] == {f: rows[header].index(h) + 1 for f, h in (("member_no", "เลขทะเบียนสมาชิก"),
                                                                       ("due_date", "วันครบกำหนดชำระ"))} | {
        f: c for f, c in s["columns"].items() if f not in ("member_no", "due_date")}
    assert s["rows"] == {"read": s["rows"]["loans"] + s["rows"]["skipped"], "loans": len(LOANS),
                         "skipped": len(s["skipped"])}
    assert (s["keyed_by_name"], s["unmapped_headers"], s["ignored_headers"]) == (None, [], ["หมายเหตุ"])
    assert (s["loans_without_due_date"], s["notes"]) == (0, [])
    assert s["reconciliation"]["matches"] is True
    assert all(baht_equal(s["reconciliation"]["file_total"][f], v) for f, v in expected_totals(LOANS).items())


def test_the_statuses_are_counted_by_code():
    s = summary_of(book({"ลูกหนี้": ledger_rows(LOANS, LedgerShape(), AS_OF)}))
    assert sum(r["loans"] for r in s["by_status"]) == len(LOANS)
    legal = {"ดำเนินคดี", "ฟ้องแล้ว"}
    row = next(r for r in s["by_status"] if r["status"] == "legal")
    assert row["loans"] == int(LOANS["status"].isin(legal).sum())
    assert row["members"] == LOANS.loc[LOANS["status"].isin(legal), "member_no"].nunique()
    assert all(isinstance(r["overdue"], float) and isinstance(r["loans"], int) for r in s["by_status"])


def test_each_row_account_is_told_in_both_languages_with_its_codes():
    rows = ledger_rows(LOANS, LedgerShape(date_style="be_text"), AS_OF)
    header = next(i for i, r in enumerate(rows) if "วันที่กู้" in r)
    rows[header + 1][rows[header].index("วันที่กู้")] = "31/02/2567"
    s = summary_of(book({"ลูกหนี้": rows}))
    note = s["notes"][0]
    assert note == {"row": header + 2, "note": "date cannot be read / อ่านวันที่ไม่ได้: loan_date='31/02/2567' "
                                                "(left blank / เว้นว่าง)",
                    "code": "bad_date", "field": "loan_date", "detail": "31/02/2567"}
    subtotal = next(x for x in s["skipped"] if x["code"] == "subtotal")
    assert subtotal["reason"] == f"subtotal / แถวยอดรวมกลุ่ม: {subtotal['detail']}" and subtotal["field"] == ""
    blank = next(x for x in s["skipped"] if x["code"] == "blank")
    assert blank["reason"] == "blank row / แถวว่าง" and "sheet" not in blank
    assert set(blank) == {"row", "reason", "code", "field", "detail"} and blank["row"] > header + 1


def test_rows_of_several_sheets_carry_their_sheet():
    first, second = LOANS.iloc[:40], LOANS.iloc[40:]
    s = summary_of(book({"ก": ledger_rows(first, LedgerShape(), AS_OF), "ข": ledger_rows(second, LedgerShape(), AS_OF),
                         "เก่า": ledger_rows(first, LedgerShape(), date(2023, 3, 31))}))
    assert s["sheets_read"] == ["ก", "ข"] and list(s["reconciliation"]["sheets"]) == ["ก", "ข"]
    assert s["sheets_left"] == [{"sheet": "เก่า", "why": "other_date"}]
    assert {x["sheet"] for x in s["skipped"]} == {"ก", "ข"}


def test_without_a_principal_overdue_column_the_outstanding_is_the_basis_and_names_keyed_are_said():
    shape = LedgerShape(drop_fields=("principal_overdue",), rename={"member_no": "เลขที่บัตร"})
    s = summary_of(book({"ลูกหนี้": ledger_rows(LOANS, shape, AS_OF)}))
    assert s["overdue_basis"] == "outstanding"
    assert s["keyed_by_name"]["unknown_headers"] == ["เลขที่บัตร"] and s["unmapped_headers"] == ["เลขที่บัตร"]
    assert all(set(x) == {"header", "names"} for x in s["keyed_by_name"]["shared"])


def test_a_techniques_parts_keep_counts_whole_and_shares_to_six_decimals():
    s = summary_of(book({"ลูกหนี้": ledger_rows(LOANS, LedgerShape(), AS_OF)}))
    assert [x["number"] for x in s["techniques"]] != [] and {x["number"] for x in s["techniques"]} == {1, 2, 3, 4, 5}
    for x in s["techniques"]:
        assert set(x) == {"number", "name_th", "name_en", "score", "evidence", "parts", "unknown"}
        assert x["name_th"] and x["name_en"] and x["name_th"] != x["name_en"]
        for e in x["evidence"]:
            assert set(e) == {"code", "th", "en", "values"} and e["th"] != e["en"]
        for p in x["parts"]:
            for v in (p["value"], p["threshold"]):
                assert isinstance(v, int) or v == round(v, 6)
            assert isinstance(p["score"], float) and p["score"] == round(p["score"], 4)
        for q in x["unknown"]:
            assert set(q) == {"code", "th", "en"} and q["th"] != q["en"]
    assert any(x["unknown"] for x in s["techniques"])
    parts = {p["code"]: p for x in s["techniques"] for p in x["parts"]}
    assert parts["ev_groups_overdue"]["value"] == s["groups_overdue"] and type(parts["ev_groups_overdue"]["value"]) is int
    assert parts["ev_members_overdue"]["value"] == round(s["members_overdue"] / s["members"], 6)


def test_a_note_in_both_languages():
    assert both_languages(RowNote(7, "subtotal", "", "รวม กลุ่ม 1")) == "subtotal / แถวยอดรวมกลุ่ม: รวม กลุ่ม 1"
    assert both_languages(RowNote(7, "bad_amount", "outstanding", "abc")) == (
        f"{both_languages(RowNote(7, 'bad_amount'))}: outstanding='abc'")
    assert both_languages(RowNote(7, "blank")) == "blank row / แถวว่าง"
    assert both_languages(RowNote(7, "blank"), skipped=False) == "blank row / แถวว่าง (left blank / เว้นว่าง)"
