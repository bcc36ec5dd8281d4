"""T1's notices as one Word document, page for page, from hand-made notices: the co-op, the numbers, each debtor's
loans and totals, the conditions and deadline, a copy per guarantor under the original's number, file text made
safe."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pandas as pd
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from kmdash.i18n import t
from kmdash.report.sieving.guarantor_letters import format_text, letter_count, notified_on
from kmdash.report.sieving.letters import Numbering, address_lines, default_conditions, letters
from kmdash.techniques.sieving.guarantors import GuarantorList
from kmdash.techniques.sieving.notices import Notices

DEBTORS = pd.DataFrame({"member_no": ["00017", "00020"], "name": ["<b>A&B</b>\x01", "นาง ข"], "group": ["g", "g"],
                        "days": [900, 400], "loans_overdue": [2, 1], "overdue": [3000.5, 100.0], "interest": [20.25, 0.0]})
LOANS = pd.DataFrame({"member_no": ["00017", "00017", "00020"], "contract": ["C-1", "C-2", "C-3"],
                      "due_date": [date(2021, 9, 30), date(2022, 1, 31), date(2023, 2, 28)],
                      "overdue_amount": [1000.25, 2000.25, 100.0], "interest_arrears": [20.0, 0.25, 0.0],
                      "guarantor": ["G One, G Two", "G Two", ""]})
NOTICES = Notices(DEBTORS, LOANS, DEBTORS.head(0), date(2024, 6, 30), 365, 0.0)


def pages(doc) -> list[list[str]]:
    """The document's paragraphs, page by page (a page starts at a paragraph with a page break before it)."""
    out: list[list[str]] = []
    for p in doc.paragraphs:
        if not out or p._p.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None:
            out.append([])
        out[-1].append(p.text)
    return out


def page(coop: str, number: str, name: str, member: str, copy_to: str) -> list[str]:
    return [coop, number, "Date ........................", "Subject: your overdue loans", f"To {name}, member no. {member}",
            copy_to, "Address " + "." * 88, "." * 96, "The co-operative's loan ledger as of 31 March 2024 shows these loans of yours overdue:",
            "Please meet these conditions by 30 June 2024:", "pay half", "then the rest",
            "If you meet them, the co-operative will ease its follow-up; if you have not met them by the deadline, it "
            "will pursue the debt to the end, legal action included.", "Please act on this notice.", "Yours sincerely", "",
            "Signed ........................................", "(Manager)"]


def test_a_page_per_debtor_and_a_copy_per_guarantor_in_english():
    data = letters(NOTICES, "Coop <1>", date(2024, 3, 31), "  pay half\n\n then the rest ", "en",
                   Numbering("สอ.", 15, date(2024, 5, 1)), copies=True)
    doc = Document(io.BytesIO(data))
    first = page("Coop <1>", "Ref. สอ.15/2567", "<b>A&B</b>", "00017", "")
    assert pages(doc) == [first, page("Coop <1>", "Ref. สอ.15/2567", "<b>A&B</b>", "00017", "Copy to G One, guarantor"),
                          page("Coop <1>", "Ref. สอ.15/2567", "<b>A&B</b>", "00017", "Copy to G Two, guarantor"),
                          page("Coop <1>", "Ref. สอ.16/2567", "นาง ข", "00020", "")]
    breaks = [p._p.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None for p in doc.paragraphs]
    assert sum(breaks) == 3 and not breaks[0]  # the first page starts the document
    tables = [[[c.text for c in row.cells] for row in table.rows] for table in doc.tables]
    head = ["Contract", "Due date", "Principal overdue (baht)", "Interest in arrears (baht)"]
    first_loans = [head, ["C-1", "30 Sep 2021", "1,000.25", "20.00"], ["C-2", "31 Jan 2022", "2,000.25", "0.25"],
                   ["Total", "Total", "3,000.50", "20.25"]]
    assert tables == [first_loans] * 3 + [[head, ["C-3", "28 Feb 2023", "100.00", "0.00"], ["Total", "Total", "100.00", "0.00"]]]


def test_each_page_s_layout_title_20_pt_bold_centred_date_right_subject_conditions_and_totals_bold():
    data = letters(NOTICES, "Coop", date(2024, 3, 31), "pay half\nthen the rest", "en", copies=True)
    doc = Document(io.BytesIO(data))
    centred, bold = {0, 14, 15, 16, 17}, {0, 3, 9}  # of a page's 18 paragraphs
    assert len(doc.paragraphs) == 4 * 18
    for i, p in enumerate(doc.paragraphs):
        k = i % 18
        want = WD_ALIGN_PARAGRAPH.CENTER if k in centred else WD_ALIGN_PARAGRAPH.RIGHT if k == 2 else None
        assert p.alignment == want, i
        sizes = {r.font.size for r in p.runs}
        assert sizes == ({Pt(20) if k == 0 else Pt(16)} if p.runs else set()), i
        assert all(bool(r.bold) == (k in bold) for r in p.runs), i
    for table in doc.tables:  # the total's label across two columns, the total row bold
        total = table.rows[-1]
        assert [len(c.paragraphs[0].runs) for c in total.cells] == [1, 1, 1, 1] and len(total._tr.tc_lst) == 3
        assert all(c.paragraphs[0].runs[0].bold for c in total.cells)
        assert not any(r.bold for c in table.rows[1].cells for r in c.paragraphs[0].runs)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.getinfo("word/document.xml").compress_type == zipfile.ZIP_DEFLATED
        body = archive.read("word/document.xml").decode()
    # the debtors' texts keep their spaces: each filled token's text node says so
    for text in ("To &lt;b&gt;A&amp;B&lt;/b&gt;, member no. 00017", "Copy to G One, guarantor", "C-2", "3,000.50"):
        assert f'<w:t xml:space="preserve">{text}</w:t>' in body, text
    assert "<w:t>Subject: your overdue loans</w:t>" in body


def test_without_copies_numbers_or_conditions_a_thai_page_per_debtor():
    doc = Document(io.BytesIO(letters(NOTICES, None, date(2024, 3, 31), " ", numbering=None)))
    got = pages(doc)
    assert len(got) == 2 and [p[0] for p in got] == ["สหกรณ์", "สหกรณ์"]
    assert got[0][1] == "ที่ .............................." == got[1][1]
    conditions = got[0].index("ขอให้ท่านปฏิบัติตามเงื่อนไขต่อไปนี้ ภายในวันที่ 30 มิถุนายน 2567")
    assert got[0][conditions + 1:conditions + 3] == ["1. ชำระเงินต้นและดอกเบี้ยที่ค้างชำระทั้งหมด หรือ",
                                                     "2. ติดต่อสหกรณ์เพื่อตกลงทำหนังสือผ่อนชำระหนี้"] and got[0][5] == ""
    assert got[0][6:8] == ["ที่อยู่ " + "." * 88, "." * 96] == address_lines()
    assert [[c.text for c in row.cells] for row in doc.tables[1].rows][1] == ["C-3", "28 ก.พ. 2566", "100.00", "0.00"]


def test_without_a_co_op_or_conditions_an_english_page_says_the_co_operative_and_the_default_conditions():
    got = pages(Document(io.BytesIO(letters(NOTICES, None, date(2024, 3, 31), "\n ", "en"))))
    assert [p[0] for p in got] == ["the co-operative"] * 2
    at = got[0].index("Please meet these conditions by 30 June 2024:")
    assert got[0][at + 1:at + 4] == ["1. Pay the principal and interest overdue in full, or",
                                     "2. Agree a repayment schedule in writing with the co-operative",
                                     "If you meet them, the co-operative will ease its follow-up; if you have not met them "
                                     "by the deadline, it will pursue the debt to the end, legal action included."]


def test_the_document_holds_text_only_inside_text_runs():
    """Word refuses a document.xml with stray characters between its elements (e.g. between two table rows)."""
    data = letters(NOTICES, "Coop", date(2024, 3, 31), "", "en", Numbering("A", 1, date(2024, 1, 1)), copies=True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    stray = [(e.tag, e.text, e.tail) for e in body.iter() if e.tag != qn("w:t")
             and ((e.text or "").strip() or (e.tail or "").strip())]
    assert stray == [] and len(body.findall(f".//{qn('w:tbl')}")) == 4


def test_a_number_is_the_prefix_the_running_number_and_the_be_year():
    numbering = Numbering(" สอ.", 9, date(2023, 12, 31))
    assert [numbering.text(n) for n in (0, 1)] == ["ที่ สอ.9/2566", "ที่ สอ.10/2566"]
    assert Numbering("  ").text(0, "en") == "Ref. .............................."
    assert Numbering().issued == date.today() and Numbering().start == 1
    assert default_conditions("en").splitlines()[0] == "1. Pay the principal and interest overdue in full, or"


# ---------------------------------------------------------------- the guarantors to notify, as text


def cut(text: str, columns: int) -> str:
    """ASCII text in `columns`: cut with an ellipsis, or padded."""
    return text[:columns - 1] + "…" if len(text) > columns else text.ljust(columns)


def test_the_guarantor_list_as_text_column_for_column():
    within = pd.DataFrame({"member_no": ["00017"], "name": ["Mr  A   B"], "contract": ["C-1"], "guarantor": ["G One"],
                           "default_date": [date(2024, 2, 15)], "last_day": [date(2024, 4, 14)], "days_left": [14],
                           "guarantors": [["G One"]]})
    late = pd.DataFrame({"member_no": ["00020", "123456789"], "name": ["Ms C", "D"], "contract": ["C-2", "C-3"],
                         "guarantor": ["G Two", "G Three"], "default_date": [date(2020, 1, 10), date(2023, 12, 1)],
                         "last_day": [date(2020, 3, 9), date(2024, 1, 29)], "days_late": [1483, 62],
                         "at_risk": [5678.9, 0.1], "guarantors": [["G Two"], ["G Three"]]})
    found = GuarantorList(date(2024, 3, 31), within, late, without=3, notified=1234, within_days=30)
    head = " ".join([cut("Member no.", 8), cut("Name", 22), cut("Contract", 13), cut("Guarantor", 26),
                     cut("Default date", 12), cut("Last day to notify", 14)])
    assert format_text(found, "en").splitlines() == [
        t("guarantors_head", "en", day="31 Mar 2024"), t("guarantors_rule", "en"), "",
        "Still in time (at most 30 days left): 1 loans", f"  {head} Days left",
        "  " + " ".join([cut("00017", 8), cut("Mr A B", 22), cut("C-1", 13), cut("G One", 26), cut("15 Feb 2024", 12),
                         cut("14 Apr 2024", 14), "14".rjust(8)]), "",
        t("guarantors_late", "en", n=2, baht="5,679.00"), f"  {head} Days late Interest and penalty at risk",
        "  " + " ".join([cut("00020", 8), cut("Ms C", 22), cut("C-2", 13), cut("G Two", 26), cut("10 Jan 2020", 12),
                         cut("09 Mar 2020", 14), "1,483".rjust(8), "5,678.90".rjust(14)]),
        "  " + " ".join([cut("123456789", 8), cut("D", 22), cut("C-3", 13), cut("G Three", 26), cut("01 Dec 2023", 12),
                         cut("29 Jan 2024", 14), "62".rjust(8), "0.10".rjust(14)]),
        t("guarantors_at_risk_note", "en"), "", t("guarantors_counts", "en", without=3, told=1234)]
    assert letter_count(found) == 3


def test_an_empty_guarantor_list_says_none_in_thai():
    empty = pd.DataFrame(columns=["member_no", "name", "contract", "guarantor", "default_date", "last_day", "days_left",
                                  "days_late", "at_risk", "guarantors"])
    lines = format_text(GuarantorList(date(2024, 3, 31), empty, empty, 0, 0, 60)).splitlines()
    assert lines[3:5] == ["ยังทันกำหนด (เหลือไม่เกิน 60 วัน): 0 สัญญา", "  ไม่มี"] and lines[7] == "  ไม่มี"
    assert lines[6] == t("guarantors_late", "th", n=0, baht="0.00")


def test_the_latest_guarantor_letter_of_each_member_matched_as_the_follow_up_matches():
    done = pd.DataFrame({"kind": ["guarantor_notified", "call", "guarantor_notified", "guarantor_notified",
                                  "guarantor_notified", "guarantor_notified"],
                         "member": ["17", "00020", "0017", "31 ", "99", "00017"],
                         "date": [date(2024, 3, 1), date(2024, 5, 1), date(2024, 4, 2), date(2024, 1, 5),
                                  date(2024, 2, 2), date(2024, 3, 30)]})
    ledger = pd.Series(["00017", "00020", "31", "A-1"])
    assert notified_on(done, ledger) == {"00017": date(2024, 4, 2), "31": date(2024, 1, 5)}  # a call is no letter
    assert notified_on(done, pd.Series([17, 20])) == {"17": date(2024, 4, 2)}  # numbers read as numbers
    assert notified_on(None, ledger) == {} and notified_on(done.head(0), ledger) == {}


def test_a_late_loan_in_thai_with_buddhist_era_dates_and_an_empty_list_in_english():
    late = pd.DataFrame({"member_no": ["00020"], "name": ["นาง ค"], "contract": ["C-2"], "guarantor": ["นาย ง"],
                         "default_date": [date(2024, 1, 2)], "last_day": [date(2024, 3, 1)], "days_late": [30],
                         "at_risk": [550.6], "guarantors": [["นาย ง"]]})
    found = GuarantorList(date(2024, 3, 31), late.head(0), late, without=0, notified=0, within_days=60)
    lines = format_text(found).splitlines()
    assert lines[0] == t("guarantors_head", "th", day="31 มี.ค. 2567") and lines[4] == "  ไม่มี"
    # "มี" holds a mark that takes no column: "1 มี.ค. 2567" is 12 characters, 11 columns
    assert lines[8] == ("  00020    นาง ค" + " " * 17 + " C-2" + " " * 10 + " นาย ง" + " " * 21 + " 2 ม.ค. 2567 "
                        + " 1 มี.ค. 2567" + " " * 3 + " " + "30".rjust(8) + " " + "550.60".rjust(14))
    empty = format_text(GuarantorList(date(2024, 3, 31), late.head(0), late.head(0), 0, 0, 60), "en").splitlines()
    assert empty[0] == t("guarantors_head", "en", day="31 Mar 2024") and empty[4] == empty[7] == "  none"
