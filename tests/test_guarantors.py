"""Guarantors in time (Civil and Commercial Code s.686): the list against a generated ledger whose loans fell due
30, 59, 60, 61 and 90 days before its date (last days and days left or late computed by hand below), a ledger
without a guarantor column, the letters' fonts as the notices', the members whose guarantors were notified left
out, T1's numbered notices with a copy for each guarantor; the page.

Hand computation, the ledger dated 31 March 2024 (2024 is a leap year: February has 29 days):
default date = due date + 1 day; last day = default date + 59 days (the default date is day 1 of the 60).
  due  1 Mar (30 back) -> default  2 Mar -> last day 30 Apr -> 30 days left
  due 31 Jan (60 back) -> default  1 Feb -> last day 31 Mar ->  0 days left (today is the last day)
  due  1 Feb (59 back) -> default  2 Feb -> last day  1 Apr ->  1 day left
  due 30 Jan (61 back) -> default 31 Jan -> last day 30 Mar ->  1 day late
  due  1 Jan (90 back) -> default  2 Jan -> last day  1 Mar -> 30 days late
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pandas as pd
import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from kmdash import actions, record, store
from kmdash.analyse import analyse
from kmdash.errors import LedgerError
from kmdash.synthetic import LedgerShape, generate_loans
from kmdash.techniques.sieving.guarantors import as_json, check_column, guarantor_list, names

from .support.app import open_app_page, open_on
from .support.ledgers import SAMPLE, XLSX

FONT = "TH Sarabun New"
# member, due date, guarantor cell, interest in arrears, penalty
LOANS = [("00001", date(2024, 3, 1), "นาย สมชาย ใจดี", 100.25, 10.0),
         ("00002", date(2024, 1, 31), "นาง สมศรี มีสุข, นาย ทองดี บุญมา", 200.50, 0.0),
         ("00003", date(2024, 2, 1), "นางสาว สุดา คำแก้ว", 300.0, 20.0),
         ("00004", date(2024, 1, 30), "นาย บุญมี เพชรรัตน์ และ นาง รัตนา โพธิ์ศรี", 400.40, 40.0),
         ("00005", date(2024, 1, 1), "นาง พิมพา บัวแก้ว", 500.10, 50.5),
         ("00006", date(2024, 1, 15), "", 600.0, 0.0)]  # in default, no guarantor: nobody to notify
WITHIN = [("00002", "2024-01-31", "2024-02-01", "2024-03-31", 0, "นาง สมศรี มีสุข, นาย ทองดี บุญมา"),
          ("00003", "2024-02-01", "2024-02-02", "2024-04-01", 1, "นางสาว สุดา คำแก้ว"),
          ("00001", "2024-03-01", "2024-03-02", "2024-04-30", 30, "นาย สมชาย ใจดี")]
LATE = [("00004", "2024-01-30", "2024-01-31", "2024-03-30", 1, "นาย บุญมี เพชรรัตน์, นาง รัตนา โพธิ์ศรี", 440.40),
        ("00005", "2024-01-01", "2024-01-02", "2024-03-01", 30, "นาง พิมพา บัวแก้ว", 550.60)]


@pytest.fixture(scope="module")
def loans() -> pd.DataFrame:
    """Six loans of six members, in default on the days of LOANS, and a seventh member's loan not yet due."""
    base = generate_loans(40, seed=7).head(7).reset_index(drop=True)
    rows = [*LOANS, ("00007", date(2024, 6, 30), "นาย วีระ รักษาพล", 0.0, 0.0)]
    out = base.assign(member_no=[r[0] for r in rows], name=[f"สมาชิก ทดสอบ{i}" for i in range(1, 8)],
                      contract=[f"สส.67/{i:05d}" for i in range(1, 8)],
                      due_date=pd.to_datetime([r[1] for r in rows]), guarantor=[r[2] for r in rows],
                      interest_arrears=[r[3] for r in rows], penalty=[r[4] for r in rows],
                      outstanding=50_000.0, principal_overdue=[10_000.0] * 6 + [0.0])
    return out


@pytest.fixture
def ledger(ledger_file, loans):
    return ledger_file(loans)


def contract(member: str) -> str:
    return f"สส.67/{int(member):05d}"


def listed(cli, ledger, *args) -> dict:
    run = cli("guarantors", ledger, "--json", *args)
    assert run.code == 0, run.err
    return json.loads(run.out)


def test_each_loan_in_default_once_with_its_last_day_and_days_left_or_late(cli, ledger):
    got = listed(cli, ledger)
    assert got["as_of"] == "2024-03-31"
    assert got["within"] == [{"member": m, "contract": contract(m), "guarantor": g, "default_date": default,
                              "last_day": last, "days_left": left} for m, _, default, last, left, g in WITHIN]
    assert got["late"] == [{"member": m, "contract": contract(m), "guarantor": g, "default_date": default,
                            "last_day": last, "days_late": late, "at_risk": risk}
                           for m, _, default, last, late, g, risk in LATE]


def test_within_keeps_the_loans_with_at_most_n_days_left_and_every_late_one(cli, ledger):
    got = listed(cli, ledger, "--within", "1")
    assert [r["member"] for r in got["within"]] == ["00002", "00003"]
    assert [r["member"] for r in got["late"]] == ["00004", "00005"]
    assert [r["member"] for r in listed(cli, ledger, "--within", "0")["within"]] == ["00002"]


def test_the_text_report_says_the_rule_the_loans_and_what_is_at_risk(cli, ledger):
    run = cli("guarantors", ledger)
    assert run.code == 0
    assert "วันสุดท้าย = วันผิดนัด + 59 วัน" in run.out and "31 มี.ค. 2567" in run.out
    assert "ยังทันกำหนด (เหลือไม่เกิน 60 วัน): 3 สัญญา" in run.out
    assert "พ้น 60 วันแล้ว: 2 สัญญา ดอกเบี้ยและค่าปรับค้างที่เสี่ยงเรียกจากผู้ค้ำไม่ได้ รวม 991.00 บาท" in run.out
    assert "สัญญาผิดนัดที่ไม่มีชื่อผู้ค้ำ 1 สัญญา · แจ้งผู้ค้ำแล้ว (ตามบันทึก) 0 สัญญา" in run.out


def test_a_ledger_without_a_guarantor_column_says_so_and_which_header_to_map(cli, ledger_file, loans):
    none = cli("guarantors", ledger_file(loans, LedgerShape(drop_fields=("guarantor",))))
    assert none.code == 2 and none.out == "" and none.err.count("\n") == 1
    assert "no guarantor column" in none.err and '--map "HEADER=guarantor"' in none.err
    renamed = ledger_file(loans, LedgerShape(rename={"guarantor": "คนค้ำ"}))
    unknown = cli("guarantors", renamed)
    assert unknown.code == 2 and '"คนค้ำ"' in unknown.err
    assert listed(cli, renamed, "--map", "คนค้ำ=guarantor")["within"][0]["member"] == "00002"
    copies = cli("sieving", ledger_file(loans, LedgerShape(drop_fields=("guarantor",))), "--deadline", "2057-05-31",
                 "--guarantor-copies", "--out", "n.docx")
    assert copies.code == 2 and "no guarantor column" in copies.err


@pytest.mark.parametrize("args, says", [(["--within", "-1"], "--within must not be negative"),
                                        (["--out", "letters.txt"], "must end in .docx")])
def test_user_errors_are_one_line_and_exit_2(cli, ledger, args, says):
    run = cli("guarantors", ledger, *args)
    assert run.code == 2 and says in run.err and run.err.count("\n") == 1


def fonts_are_the_notices(data: bytes) -> None:
    """Every run and the styles in TH Sarabun New for Latin and complex script (w:cs), 16 pt or the 20 pt title."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        styles = archive.read("word/styles.xml").decode()
    assert f'w:cs="{FONT}"' in styles and '<w:szCs w:val="32"/>' in styles
    runs = list(body.iter(qn("w:r")))
    assert runs
    for r in runs:
        fonts, size = r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}"), r.find(f"{qn('w:rPr')}/{qn('w:szCs')}")
        assert fonts.get(qn("w:cs")) == FONT and fonts.get(qn("w:ascii")) == FONT
        assert size.get(qn("w:val")) in ("32", "40")


def pages(data: bytes) -> list[list[str]]:
    out: list[list[str]] = []
    for p in Document(io.BytesIO(data)).paragraphs:
        if p.paragraph_format.page_break_before or not out:
            out.append([])
        out[-1].append(p.text)
    return out


def test_a_numbered_letter_to_each_guarantor_in_the_notices_font(cli, ledger, tmp_path):
    out = tmp_path / "ผู้ค้ำ.docx"
    run = cli("guarantors", ledger, "--out", out, "--number-prefix", "สอ.", "--number-start", "7")
    year = date.today().year + 543
    assert run.code == 0 and run.out.rstrip().endswith(f"บันทึกหนังสือแจ้งผู้ค้ำประกัน 7 ฉบับ: {out}")
    data = out.read_bytes()
    fonts_are_the_notices(data)
    got = pages(data)
    to = ["นาง สมศรี มีสุข", "นาย ทองดี บุญมา", "นางสาว สุดา คำแก้ว", "นาย สมชาย ใจดี",  # in time, fewest days first
          "นาย บุญมี เพชรรัตน์", "นาง รัตนา โพธิ์ศรี", "นาง พิมพา บัวแก้ว"]  # then late
    assert [page[4] for page in got] == [f"เรียน {name} ผู้ค้ำประกัน" for name in to]
    assert [page[1] for page in got] == [f"ที่ สอ.{n}/{year}" for n in range(7, 14)]
    assert "ตั้งแต่วันที่ 1 กุมภาพันธ์ 2567" in got[0][7] and "สมาชิกเลขที่ 00002" in got[0][7]
    assert "ค่าปรับ 0.00 บาท" in got[0][8] and "ดอกเบี้ยค้างชำระ 200.50 บาท" in got[0][8]
    assert got[0][5].startswith("ที่อยู่ ....")  # no address column: lines to write on


def record_notified(url: str, coop: str | None, member: str, when: date) -> None:
    rows = actions.checked([{"member": member, "date": when, "kind": "guarantor_notified", "technique": 1}])
    record.add(store.open_store(url), coop, rows)


def test_members_whose_guarantors_were_notified_since_the_default_are_left_out(cli, ledger, tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    coop = "สหกรณ์การเกษตรตัวอย่าง จำกัด"
    record_notified(url, coop, "2", date(2024, 2, 1))  # 00002 by its number without zeros, on its default date
    record_notified(url, coop, "00005", date(2023, 12, 31))  # before 00005's default: an earlier default's notice
    record_notified(url, "สหกรณ์อื่น", "00003", date(2024, 3, 1))  # another co-op's record
    got = listed(cli, ledger, "--store", url)
    assert [r["member"] for r in got["within"]] == ["00003", "00001"]
    assert [r["member"] for r in got["late"]] == ["00004", "00005"]
    assert [r["member"] for r in listed(cli, ledger)["within"]] == ["00002", "00003", "00001"]  # no store: none


def test_t1_notices_numbered_with_a_copy_for_each_guarantor(cli, ledger, tmp_path):
    out = tmp_path / "n.docx"
    run = cli("sieving", ledger, "--deadline", "2057-05-31", "--min-days", "60", "--number-prefix", "สอ.",
              "--guarantor-copies", "--out", out)
    assert run.code == 0 and "พร้อมสำเนาถึงผู้ค้ำประกัน 3 ฉบับ" in run.out
    got = pages(out.read_bytes())
    fonts_are_the_notices(out.read_bytes())
    year = date.today().year + 543
    # more than 60 days overdue: 00004 (61), 00006 (75, no guarantor), 00005 (90), largest overdue first (equal:
    # by days) -- read from the pages rather than assumed: each original is followed by its copies
    originals = [p for p in got if p[5] == ""]
    assert len(originals) == 3 and len(got) == 6
    for n, page in enumerate(originals):
        assert page[1] == f"ที่ สอ.{n + 1}/{year}"
    copies = [p for p in got if p[5].startswith("สำเนาเรียน")]
    assert sorted(p[5] for p in copies) == sorted(f"สำเนาเรียน {g} ผู้ค้ำประกัน" for g in
                                                  ("นาย บุญมี เพชรรัตน์", "นาง รัตนา โพธิ์ศรี", "นาง พิมพา บัวแก้ว"))
    for page in copies:  # a copy carries its original's number and member
        original = next(o for o in originals if o[4] == page[4])
        assert page[1] == original[1]


# ---------------------------------------------------------------- the list itself, on a hand-made loans table

# Dated 31 March 2024. Member 1: due 30 Jan -> default 31 Jan -> last day 30 Mar: 1 day late; interest 100.004 +
# penalty 0.002 = 100.006 at risk, 100.01 to the satang. Member 2: due 31 Jan -> default 1 Feb -> last day 31 Mar:
# 0 days left, 0 late, nothing at risk. Member 3: due 30 Jun, nothing overdue: not in default, whatever `within`.
# Members 4-6: due 15 Feb (default 16 Feb, last day 15 Apr, 15 days left), their cells naming nobody.
HAND = {"member_no": ["1", "2", "3", "4", "5", "6"], "name": ["นาย หนึ่ง", "นาง สอง", "นาย สาม", "สี่", "ห้า", "หก"],
        "group": ["กลุ่ม 1"] * 6, "contract": ["ส1", "ส2", "ส3", "ส4", "ส5", "ส6"],
        "due_date": pd.to_datetime(["2024-01-30", "2024-01-31", "2024-06-30"] + ["2024-02-15"] * 3),
        "outstanding": [1000.0] * 6, "principal_overdue": [500.0, 400.0, 0.0, 300.0, 300.0, 300.0],
        "interest_arrears": [100.004, 50.0, 0.0, 0.0, 0.0, 0.0], "penalty": [0.002, 5.0, 0.0, 0.0, 0.0, 0.0],
        "guarantor": ["นาย ก, นาย ก", "นาง ข", "นาย ค", "-", "None", "NaN"]}
FRAME = ["member_no", "name", "contract", "guarantor", "guarantors", "default_date", "last_day", "days_left",
         "days_late", "overdue_amount", "interest_arrears", "penalty", "at_risk"]


@pytest.mark.parametrize("cell, want", [
    ("นาย ก ข,  นาย  ก ข ; นาง ค / นาง ง | นาย จ และ นาง ฉ", ["นาย ก ข", "นาง ค", "นาง ง", "นาย จ", "นาง ฉ"]),
    ("Mr A and Ms B", ["Mr A", "Ms B"]), ("นาย ก, -", ["นาย ก"]),
    ("-", []), ("None", []), ("none", []), ("NaN", []), ("nan", []), ("", []), (None, [])])
def test_names_splits_a_cell_once_each_and_reads_dashes_and_blanks_as_nobody(cell, want):
    assert names(cell) == want


def test_the_list_counts_from_the_ledgers_date_and_keeps_only_loans_in_default():
    found = guarantor_list(analyse(pd.DataFrame(HAND), date(2024, 3, 31)), within=365)
    assert list(found.within.columns) == FRAME and list(found.late.columns) == FRAME
    assert list(found.within.index) == [0] and list(found.late.index) == [0]  # member 3 is not in default
    assert found.within.iloc[0].to_dict() == {
        "member_no": "2", "name": "นาง สอง", "contract": "ส2", "guarantor": "นาง ข", "guarantors": ["นาง ข"],
        "default_date": date(2024, 2, 1), "last_day": date(2024, 3, 31), "days_left": 0, "days_late": 0,
        "overdue_amount": 400.0, "interest_arrears": 50.0, "penalty": 5.0, "at_risk": 0.0}
    late = found.late.iloc[0].to_dict()
    assert late == {
        "member_no": "1", "name": "นาย หนึ่ง", "contract": "ส1", "guarantor": "นาย ก", "guarantors": ["นาย ก"],
        "default_date": date(2024, 1, 31), "last_day": date(2024, 3, 30), "days_left": -1, "days_late": 1,
        "overdue_amount": 500.0, "interest_arrears": pytest.approx(100.004), "penalty": pytest.approx(0.002),
        "at_risk": 100.01}
    assert (found.without, found.notified, found.within_days) == (3, 0, 365)
    assert as_json(found) == {"as_of": "2024-03-31", "within": [
        {"member": "2", "contract": "ส2", "guarantor": "นาง ข", "default_date": "2024-02-01", "last_day": "2024-03-31",
         "days_left": 0}], "late": [
        {"member": "1", "contract": "ส1", "guarantor": "นาย ก", "default_date": "2024-01-31", "last_day": "2024-03-30",
         "days_late": 1, "at_risk": 100.01}]}


def test_without_name_contract_interest_or_penalty_columns_they_are_blank_and_nothing_is_at_risk():
    bare = pd.DataFrame(HAND).drop(columns=["name", "contract", "interest_arrears", "penalty"])
    found = guarantor_list(analyse(bare, date(2024, 3, 31)))
    assert list(found.late["member_no"]) == ["1"] and list(found.within["member_no"]) == ["2"]
    for frame in (found.within, found.late):
        assert list(frame["name"]) == [""] and list(frame["contract"]) == [""]
        assert list(frame["interest_arrears"]) == [0.0] and list(frame["penalty"]) == [0.0]
        assert list(frame["at_risk"]) == [0.0]


def test_a_ledger_with_no_loan_in_default_lists_nothing():
    paid = pd.DataFrame(HAND).assign(principal_overdue=0.0)
    found = guarantor_list(analyse(paid, date(2024, 3, 31)))
    assert found.within.empty and found.late.empty and list(found.within.columns) == FRAME
    assert (found.without, found.notified) == (0, 0)


def test_no_guarantor_column_names_every_unknown_header_to_map_or_a_dash():
    bare = pd.DataFrame(HAND).drop(columns=["guarantor"])
    with pytest.raises(LedgerError) as two:
        check_column(bare, ["คนค้ำ", "ผู้ค้ำ 2"])
    assert two.value.unmapped == ["คนค้ำ", "ผู้ค้ำ 2"] and two.value.code == "guarantors_no_column"
    assert two.value.en.endswith('headers not recognised: "คนค้ำ", "ผู้ค้ำ 2"')
    with pytest.raises(LedgerError) as none:
        guarantor_list(analyse(bare, date(2024, 3, 31)))
    assert none.value.unmapped == [] and none.value.en.endswith("headers not recognised: -")
    check_column(pd.DataFrame(HAND), ["คนค้ำ"])  # a guarantor column: nothing to say


# ---------------------------------------------------------------- the page


def open_page(monkeypatch, tmp_path, privacy: bool = False):
    """The page on the shipped sample, the app's store a fresh SQLite file."""
    monkeypatch.setenv(store.ENV, f"sqlite:///{tmp_path / 'store.db'}")
    return open_app_page("guarantors", privacy)


def test_page_lists_the_loans_as_the_command_does_and_records_letters_only_on_the_press(cli, monkeypatch, tmp_path):
    want = listed(cli, SAMPLE)
    at = open_page(monkeypatch, tmp_path)
    within, late = (frame.value for frame in at.dataframe)
    assert list(within.iloc[:, 2]) == [r["contract"] for r in want["within"]]
    assert list(within.iloc[:, -1]) == [r["days_left"] for r in want["within"]]
    assert list(late.iloc[:, 2]) == [r["contract"] for r in want["late"]]
    assert list(late.iloc[:, -1]) == pytest.approx([r["at_risk"] for r in want["late"]])
    assert [b.label for b in at.get("download_button")] == [
        f"ดาวน์โหลดหนังสือแจ้งผู้ค้ำประกัน {sum(len(r['guarantor'].split(', ')) for r in want['within'] + want['late'])}"
        " ฉบับ (.docx มีชื่อจริง)"]
    assert not (tmp_path / "store.db").exists()  # opening the page records nothing
    at.button(key="record_guarantor_notified_1_confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]
    done = record.listed(store.open_store(f"sqlite:///{tmp_path / 'store.db'}"))
    members = {r["member"] for r in want["within"] + want["late"]}
    assert set(done["member"]) == members and len(done) == len(members)
    assert set(done["kind"]) == {"guarantor_notified"} and set(done["technique"]) == {1}
    at.run()
    assert not at.dataframe  # every loan's guarantors notified today, after its default
    assert "ยังทันกำหนด (เหลือไม่เกิน 60 วัน): 0 สัญญา" in at.markdown.values


def test_page_within_fewer_days_and_privacy_hides_names_contracts_and_guarantors(cli, monkeypatch, tmp_path):
    at = open_page(monkeypatch, tmp_path, privacy=True)
    at.number_input(key="guarantors_within").set_value(7).run()
    within = at.dataframe[0].value
    assert list(within.iloc[:, -1]) == [r["days_left"] for r in listed(cli, SAMPLE, "--within", "7")["within"]]
    assert within.iloc[0, 0].startswith("สมาชิก ") and set(within.iloc[:, 0]) == set(within.iloc[:, 1])
    assert set(within.iloc[:, 2]) == set(within.iloc[:, 3]) == {"(ซ่อน)"}


def test_page_without_a_guarantor_column_says_so_in_an_error_box(monkeypatch, tmp_path, ledger_file, loans):
    monkeypatch.setenv(store.ENV, f"sqlite:///{tmp_path / 'store.db'}")
    path = ledger_file(loans, LedgerShape(drop_fields=("guarantor",)))
    at = open_on("guarantors", (path.name, path.read_bytes(), XLSX))
    assert not at.exception and "ไม่มีคอลัมน์ผู้ค้ำประกัน" in at.error[0].value and not at.dataframe


# ---------------------------------------------------------------- the letters themselves, on the hand-made table

def _letters_of_hand(**kwargs) -> bytes:
    from kmdash.report.sieving.guarantor_letters import guarantor_letters
    from kmdash.report.sieving.letters import Numbering
    hand = pd.DataFrame(HAND).assign(guarantor=["นาย ก", "นาง ข, นาย ง", "นาย ค", "-", "None", "NaN"],
                                     principal_overdue=[500.0, 12_345.5, 0.0, 300.0, 300.0, 300.0],
                                     interest_arrears=[1_000_000.004, 1_234.567, 0.0, 0.0, 0.0, 0.0],
                                     penalty=[0.0, 5.0, 0.0, 0.0, 0.0, 0.0],
                                     # a character XML cannot hold, dropped from the letter
                                     name=["นาย หนึ่ง\x01", "นาง สอง", "นาย สาม", "สี่", "ห้า", "หก"])
    found = guarantor_list(analyse(hand, date(2024, 3, 31)), within=365)
    numbering = kwargs.pop("numbering", Numbering("สอ.", 15, date(2024, 4, 1)))
    return guarantor_letters(found, numbering=numbering, **kwargs)


def test_each_guarantor_letter_says_word_for_word_who_owes_what_since_when_under_section_686():
    data = _letters_of_hand(coop="สหกรณ์ออมทรัพย์ทดสอบ จำกัด")
    doc = Document(io.BytesIO(data))
    paras = doc.paragraphs
    assert len(paras) == 3 * 15  # member 2 (in time) to นาง ข then นาย ง; member 1 (late) to นาย ก
    letter = lambda n: [p.text for p in paras[15 * n:15 * (n + 1)]]  # noqa: E731
    dots = "." * 96
    common_tail = ["สหกรณ์จึงมีหนังสือแจ้งมายังท่านตามมาตรา 686 แห่งประมวลกฎหมายแพ่งและพาณิชย์ "
                   "ท่านอาจชำระหนี้แทนลูกหนี้ หรือติดต่อสหกรณ์เพื่อหาทางให้ลูกหนี้ชำระหนี้",
                   "จึงเรียนมาเพื่อโปรดดำเนินการ", "ขอแสดงความนับถือ", "",
                   "ลงชื่อ ........................................", "(ผู้จัดการ)"]
    head = ["สหกรณ์ออมทรัพย์ทดสอบ จำกัด", None, "วันที่ ........ เดือน .................... พ.ศ. ........",
            "เรื่อง แจ้งการผิดนัดชำระหนี้ของลูกหนี้ที่ท่านค้ำประกัน", None, "ที่อยู่ " + "." * 88, dots]
    member_2 = ["ตามที่ท่านได้ค้ำประกันหนี้เงินกู้ของ นาง สอง สมาชิกเลขที่ 2 ตามสัญญาเงินกู้เลขที่ ส2 "
                "บัดนี้ลูกหนี้ผิดนัดชำระหนี้ตั้งแต่วันที่ 1 กุมภาพันธ์ 2567 ตามทะเบียนลูกหนี้ของสหกรณ์ "
                "ณ วันที่ 31 มีนาคม 2567 มีหนี้ค้างชำระ ดังนี้",
                "เงินต้นค้างชำระ 12,345.50 บาท ดอกเบี้ยค้างชำระ 1,234.57 บาท ค่าปรับ 5.00 บาท"]
    member_1 = ["ตามที่ท่านได้ค้ำประกันหนี้เงินกู้ของ นาย หนึ่ง สมาชิกเลขที่ 1 ตามสัญญาเงินกู้เลขที่ ส1 "
                "บัดนี้ลูกหนี้ผิดนัดชำระหนี้ตั้งแต่วันที่ 31 มกราคม 2567 ตามทะเบียนลูกหนี้ของสหกรณ์ "
                "ณ วันที่ 31 มีนาคม 2567 มีหนี้ค้างชำระ ดังนี้",
                "เงินต้นค้างชำระ 500.00 บาท ดอกเบี้ยค้างชำระ 1,000,000.00 บาท ค่าปรับ 0.00 บาท"]
    for n, (number, to, body) in enumerate([("ที่ สอ.15/2567", "เรียน นาง ข ผู้ค้ำประกัน", member_2),
                                            ("ที่ สอ.16/2567", "เรียน นาย ง ผู้ค้ำประกัน", member_2),
                                            ("ที่ สอ.17/2567", "เรียน นาย ก ผู้ค้ำประกัน", member_1)]):
        want = [*head[:1], number, *head[2:4], to, *head[5:], *body, *common_tail]
        assert letter(n) == want, n
    # layout: a page break before each letter but the first, and only there
    assert [p.paragraph_format.page_break_before for p in paras[::15]] == [False, True, True]
    assert not any(p.paragraph_format.page_break_before for i, p in enumerate(paras) if i % 15)
    centred = {0, 11, 12, 13, 14}
    for i, p in enumerate(paras):
        k = i % 15
        want_align = (WD_ALIGN_PARAGRAPH.CENTER if k in centred else WD_ALIGN_PARAGRAPH.RIGHT if k == 2 else None)
        assert p.alignment == want_align, i
        assert len(p.runs) == 1
        r = p.runs[0]
        assert r.font.size == Pt(20 if k == 0 else 16), i
        assert bool(r.bold) == (k in (0, 3)), i
        assert (r._r.rPr.find(qn("w:bCs")) is not None) == (k in (0, 3)), i
        fonts = r._r.rPr.rFonts
        assert [fonts.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")] == [FONT] * 4, i
        assert r._r.rPr.find(qn("w:szCs")).get(qn("w:val")) == ("40" if k == 0 else "32"), i
    fonts_are_the_notices(data)
    assert [p.text for p in doc.sections[0].header.paragraphs] in ([], [""])


def test_without_a_co_op_name_or_prefix_the_letter_says_the_co_operative_and_leaves_the_number_to_write_in():
    from kmdash.report.sieving.letters import Numbering
    doc = Document(io.BytesIO(_letters_of_hand(coop=None, numbering=Numbering(), lang="en")))
    first = [p.text for p in doc.paragraphs[:15]]
    assert first == [
        "the co-operative", "Ref. " + "." * 30, "Date " + "." * 24, "Subject: default of a debtor you guarantee",
        "To นาง ข, guarantor", "Address " + "." * 88, "." * 96,
        "You guarantee the loan of นาง สอง, member no. 2, contract ส2. The debtor has been in default since "
        "1 February 2024; by the co-operative's ledger of 31 March 2024 the arrears are:",
        "principal overdue 12,345.50 baht, interest in arrears 1,234.57 baht, penalty 5.00 baht",
        "The co-operative notifies you under section 686 of the Civil and Commercial Code. You may pay the debt "
        "for the debtor, or contact the co-operative to help the debtor pay.",
        "Please act on this notice.", "Yours sincerely", "", "Signed " + "." * 40, "(Manager)"]
    assert doc.paragraphs[16].text == "Ref. " + "." * 30  # every letter's number left blank alike
