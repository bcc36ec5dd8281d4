"""T1's tool, sieving notices: the debtors chosen, legal action set apart, the tiers after the deadline, the
.docx (one page per debtor, Thai, the Thai deadline, the complex-script font), the command line and the page.

Expected debtors never come from kmdash.techniques.sieving.notices: they are the oracle's overdue members
(tests/support/figures.py's expected_figures) filtered here by days and amount.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date, timedelta

import pandas as pd
import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree
from streamlit.testing.v1 import AppTest

from kmdash import record, store
from kmdash.analyse import analyse
from kmdash.errors import LedgerError
from kmdash.plan import read_plan, technique_numbers
from kmdash.report.sieving.letters import default_conditions, letters
from kmdash.synthetic import generate_loans
from kmdash.techniques.sieving.notices import (
    DEBTOR_COLUMNS,
    EASED,
    LOAN_COLUMNS,
    NOTIFIED,
    PURSUED,
    Notices,
    choose,
    guarantors_of,
    plan_columns,
    tiers,
)
from kmdash.words import day

from .support.app import open_app_page
from .support.figures import expected_figures
from .support.ledgers import AS_OF, SAMPLE

DEADLINE = date(2024, 5, 31)
THAI_DEADLINE = "31 พฤษภาคม 2567"
LATER = "2057-05-31"  # a deadline the command line and the page take (never past while these tests live)
THAI_LATER = "31 พฤษภาคม 2600"
SUBJECT = "เรื่อง ขอให้ชำระหนี้เงินกู้ที่ค้างชำระ"


@pytest.fixture(scope="module")
def loans():
    return generate_loans(150, seed=11)


@pytest.fixture
def ledger(ledger_file, loans):
    return ledger_file(loans)


def expected_debtors(loans, min_days: int, min_amount: float = 0.0) -> list[dict]:
    """The oracle's overdue members MORE THAN min_days overdue owing at least min_amount, largest overdue first."""
    members = expected_figures(loans, AS_OF, top=10**6)["top_members"]
    return [m for m in members if m["days"] > min_days and m["overdue"] >= min_amount]


def pages(docx: bytes) -> list[list[str]]:
    """The document's paragraphs' text cut into pages at each page break before a paragraph."""
    out: list[list[str]] = []
    for p in Document(io.BytesIO(docx)).paragraphs:
        if p.paragraph_format.page_break_before or not out:
            out.append([])
        out[-1].append(p.text)
    return out


# ---------------------------------------------------------------- choosing debtors


def test_choose_takes_members_more_than_n_days_and_the_amount_largest_first(loans):
    chosen = choose(analyse(loans, AS_OF), DEADLINE, 90, 5000, today=AS_OF)
    want = expected_debtors(loans, 90, 5000)
    assert want and list(chosen.debtors["member_no"]) == [m["member"] for m in want]
    assert chosen.legal.empty and (chosen.deadline, chosen.min_days, chosen.min_amount) == (DEADLINE, 90, 5000.0)
    assert list(chosen.debtors.columns) == ["member_no", "name", "group", "days", "loans_overdue", "overdue",
                                            "interest"]
    for (_, row), m in zip(chosen.debtors.iterrows(), want):  # each figure as the oracle counts it
        assert (row["name"], row["group"], row["days"], row["loans_overdue"]) == \
            (m["name"], m["group"], m["days"], m["loans_overdue"])
        assert abs(row["overdue"] - m["overdue"]) < 0.005 and abs(row["interest"] - m["interest"]) < 0.005
    assert chosen.debtors["days"].dtype.kind == "i" and chosen.debtors["loans_overdue"].dtype.kind == "i"


def test_without_interest_contracts_or_guarantors_in_the_ledger_none_are_given(loans):
    plain = loans.drop(columns=["interest_arrears", "contract", "guarantor"])
    chosen = choose(analyse(plain, AS_OF), DEADLINE, 90, today=AS_OF)
    assert len(chosen.debtors) and (chosen.debtors["interest"] == 0.0).all()
    assert (chosen.loans[["interest_arrears", "contract", "guarantor"]] == [0.0, "", ""]).all().all()
    blank = choose(analyse(loans.assign(guarantor=None), AS_OF), DEADLINE, 90, today=AS_OF)
    assert (blank.loans["guarantor"] == "").all() and list(blank.loans.columns) == LOAN_COLUMNS


def test_a_debtor_owing_just_the_minimum_is_chosen_and_one_satang_short_is_not(loans):
    analysis = analyse(loans, AS_OF)
    third = expected_debtors(loans, 90)[2]
    for minimum in (third["overdue"], round(third["overdue"] + 0.01, 2), round(third["overdue"] + 0.5, 2)):
        chosen = choose(analysis, DEADLINE, 90, minimum, today=AS_OF)
        assert list(chosen.debtors["member_no"]) == [m["member"] for m in expected_debtors(loans, 90, minimum)]
        assert (third["member"] in set(chosen.debtors["member_no"])) == (minimum == third["overdue"])


def test_min_days_defaults_to_the_long_overdue_setting(loans):
    analysis = analyse(loans, AS_OF)
    chosen = choose(analysis, DEADLINE, today=AS_OF)
    assert chosen.min_days == analysis.settings.long_overdue_days == 365
    assert list(chosen.debtors["member_no"]) == [m["member"] for m in expected_debtors(loans, 365)]


def test_each_debtor_gets_every_overdue_loan_oldest_first(loans):
    chosen = choose(analyse(loans, AS_OF), DEADLINE, 0, today=AS_OF)  # more than 0 days: every debtor
    due = loans[(loans["due_date"] < str(AS_OF)) & (loans["principal_overdue"] > 0)]
    assert sorted(chosen.loans["contract"]) == sorted(due["contract"])
    members = list(dict.fromkeys(chosen.loans["member_no"]))
    assert members == list(chosen.debtors["member_no"])  # member by member, as the debtors come
    for member, mine in chosen.loans.groupby("member_no"):
        assert mine["due_date"].is_monotonic_increasing
        want = next(m for m in expected_debtors(loans, 0) if m["member"] == member)
        assert abs(mine["overdue_amount"].sum() - want["overdue"]) < 0.005


def test_members_under_legal_action_get_no_notice_and_are_listed(loans):
    owing = [m["member"] for m in expected_debtors(loans, 90)]
    codes = {owing[0]: "legal", owing[1]: " Judgment ", owing[2]: "enforcement", owing[3]: "bankrupt",
             owing[4]: "restructured", owing[5]: "default"}
    status = loans["member_no"].map(codes).fillna("normal")
    chosen = choose(analyse(loans.assign(status=status), AS_OF), DEADLINE, 90, today=AS_OF)
    assert list(chosen.legal["member_no"]) == owing[:4] and list(chosen.legal.columns) == DEBTOR_COLUMNS
    assert list(chosen.debtors["member_no"]) == owing[4:]
    assert not set(chosen.loans["member_no"]) & set(owing[:4])


def test_one_loan_under_legal_action_is_enough(loans):
    member = expected_debtors(loans, 90)[0]["member"]
    first = loans.index[loans["member_no"] == member][0]
    status = loans.index.map(lambda i: "legal" if i == first else "normal")
    assert list(choose(analyse(loans.assign(status=status), AS_OF), DEADLINE, 90, today=AS_OF).legal["member_no"]) == [member]


@pytest.mark.parametrize("deadline, days, amount, says", [
    (AS_OF, 90, 0, "after the ledger's date"),
    (date(2024, 1, 1), 90, 0, "the deadline has passed"),  # before today (here the ledger's date)
    (DEADLINE, -1, 0, "must not be negative"),
    (DEADLINE, 90, -5, "must not be negative"),
])
def test_bad_choices_are_user_errors(loans, deadline, days, amount, says):
    with pytest.raises(LedgerError, match=says):
        choose(analyse(loans, AS_OF), deadline, days, amount, today=AS_OF)


def test_a_deadline_before_today_has_passed_and_is_refused_naming_today(loans):
    today = date(2024, 6, 15)  # the ledger of 31 March read in June
    with pytest.raises(LedgerError) as error:
        choose(analyse(loans, AS_OF), DEADLINE, today=today)
    assert error.value.code == "sieving_deadline_past"
    assert f"({day(today, 'th')})" in error.value.th and f"({day(today, 'en')})" in error.value.en
    assert choose(analyse(loans, AS_OF), today, today=today).deadline == today  # today itself has not passed


def test_a_deadline_too_early_names_the_ledgers_date_as_each_language_writes_it(loans):
    with pytest.raises(LedgerError) as error:
        choose(analyse(loans, AS_OF), AS_OF, today=AS_OF)
    assert error.value.code == "sieving_deadline_early"
    assert error.value.th.endswith(f"({day(AS_OF, 'th')})") and error.value.en.endswith(f"({day(AS_OF, 'en')})")


# ---------------------------------------------------------------- tiers


def test_tiers_only_for_letters_sent_notified_until_marked_then_eased_or_pursued():
    tier = tiers(["017", "020", "031"], {"017": "met", "020": "not_met", "031": "pending", "99999": "met"})
    assert list(tier.index) == ["017", "020", "031"] and tier.index.name == "member_no"
    assert list(tier) == [EASED, PURSUED, NOTIFIED]
    assert tier.name == "tier" and tier.dtype == object and tier.index.dtype == object
    assert tiers([], {"017": "met"}).empty  # a mark without a letter sent is no tier


def test_plan_columns_propose_the_deadline_of_each_chosen_debtor_and_no_tier(loans):
    chosen = choose(analyse(loans, AS_OF), DEADLINE, 90, today=AS_OF)
    columns = plan_columns(chosen)
    assert list(columns.columns) == ["deadline"] and columns.index.name == "member_no"
    assert list(columns.index) == [m["member"] for m in expected_debtors(loans, 90)]
    assert (columns["deadline"] == DEADLINE).all()


def test_each_debtor_s_guarantors_once_in_their_loans_order():
    debtors = pd.DataFrame({"member_no": ["017", "020", "031"]})
    loans = pd.DataFrame({"member_no": ["020", "017", "017", "020"],
                          "guarantor": ["นาย ก, นาง ข", "", "นาง ค และ นาย ง", "นาง ข"]})
    notices = Notices(debtors, loans, debtors.iloc[:0], DEADLINE, 90, 0.0)
    assert guarantors_of(notices) == {"017": ["นาง ค", "นาย ง"], "020": ["นาย ก", "นาง ข"], "031": []}


# ---------------------------------------------------------------- the document


@pytest.fixture(scope="module")
def document(loans) -> tuple[bytes, list[dict]]:
    chosen = choose(analyse(loans, AS_OF), DEADLINE, 90, today=AS_OF)
    return letters(chosen, "สหกรณ์การเกษตรทดสอบ จำกัด", AS_OF, default_conditions()), expected_debtors(loans, 90)


def test_one_page_per_chosen_debtor_in_thai_with_the_thai_deadline(document):
    data, want = document
    got = pages(data)
    assert len(got) == len(want) > 5
    for page, member in zip(got, want):
        assert page[0] == "สหกรณ์การเกษตรทดสอบ จำกัด" and SUBJECT in page
        assert f"เรียน {member['name']} สมาชิกเลขที่ {member['member']}" in page
        assert "ตามทะเบียนลูกหนี้เงินกู้ของสหกรณ์ ณ วันที่ 31 มีนาคม 2567 ท่านมีหนี้เงินกู้ที่ค้างชำระ ดังนี้" in page
        assert f"ขอให้ท่านปฏิบัติตามเงื่อนไขต่อไปนี้ ภายในวันที่ {THAI_DEADLINE}" in page
        assert "2. ติดต่อสหกรณ์เพื่อตกลงทำหนังสือผ่อนชำระหนี้" in page


def test_each_page_has_a_table_of_the_members_overdue_loans_and_their_total(document, loans):
    data, want = document
    tables = Document(io.BytesIO(data)).tables
    assert len(tables) == len(want)
    for table, member in zip(tables, want):
        rows = [[c.text for c in r.cells] for r in table.rows]
        assert rows[0] == ["เลขที่สัญญา", "วันครบกำหนดชำระ", "เงินต้นค้างชำระ (บาท)", "ดอกเบี้ยค้างชำระ (บาท)"]
        mine = loans[(loans["member_no"] == member["member"]) & (loans["due_date"] < str(AS_OF))
                     & (loans["principal_overdue"] > 0)]
        assert sorted(r[0] for r in rows[1:-1]) == sorted(mine["contract"])
        assert rows[-1][0] == "รวม" and rows[-1][2] == f"{member['overdue']:,.2f}"
        assert all(re.fullmatch(r"\d{1,2} \S+ 25\d\d", r[1]) for r in rows[1:-1])  # Buddhist Era


def test_every_run_and_style_sets_the_complex_script_font_and_size(document):
    with zipfile.ZipFile(io.BytesIO(document[0])) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        styles = archive.read("word/styles.xml").decode()
    assert 'w:cs="TH Sarabun New"' in styles and '<w:szCs w:val="32"/>' in styles
    runs = body.iter(qn("w:r"))
    for r in runs:
        fonts, size = r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}"), r.find(f"{qn('w:rPr')}/{qn('w:szCs')}")
        assert fonts.get(qn("w:cs")) == "TH Sarabun New" and fonts.get(qn("w:ascii")) == "TH Sarabun New"
        assert size.get(qn("w:val")) in ("32", "40")  # 16 pt, the co-op's name 20 pt


def test_the_conditions_are_the_users_text_one_paragraph_a_line(loans):
    chosen = choose(analyse(loans, AS_OF), DEADLINE, 365, today=AS_OF)
    text = "ชำระหนี้ {ทั้งหมด}\n\n  ภายในกำหนด  "
    got = pages(letters(chosen, None, AS_OF, text))
    assert got[0][0] == "สหกรณ์" and "ชำระหนี้ {ทั้งหมด}" in got[0] and "ภายในกำหนด" in got[0]
    assert "1. ชำระเงินต้นและดอกเบี้ยที่ค้างชำระทั้งหมด หรือ" not in got[0]


def test_names_from_the_file_are_text_never_markup(loans):
    member = expected_debtors(loans, 365)[0]["member"]
    odd = loans.assign(name=loans["name"].where(loans["member_no"] != member, "นาย <b>&{name}\x0b</w:t> ก"))
    chosen = choose(analyse(odd, AS_OF), DEADLINE, 365, today=AS_OF)
    got = pages(letters(chosen, "สหกรณ์ A&B <จำกัด>", AS_OF, "ข้อ {1} & <2>"))
    assert got[0][0] == "สหกรณ์ A&B <จำกัด>" and "ข้อ {1} & <2>" in got[0]
    assert f"เรียน นาย <b>&{{name}}</w:t> ก สมาชิกเลขที่ {member}" in got[0]


# ---------------------------------------------------------------- the command line


def test_cli_writes_the_notices_and_says_how_many(cli, ledger, loans, tmp_path):
    out = tmp_path / "หนังสือ.docx"
    run = cli("notices", ledger, "--deadline", "31/05/2600", "--min-days", "180", "--min-amount", "1000", "--out", out)
    want = expected_debtors(loans, 180, 1000)
    assert run.code == 0 and f"{len(want)} ราย" in run.out and THAI_LATER in run.out
    assert "ไม่มีคอลัมน์นี้" in run.out  # no status column: says where legal action would come from
    assert len(pages(out.read_bytes())) == len(want)


def test_cli_lists_the_members_under_legal_action(cli, ledger, loans, tmp_path, monkeypatch):
    """The reader takes a status column only with the debt-status field: here the status is added after reading."""
    import kmdash.cli.sieving as command

    sued = expected_debtors(loans, 365)[0]
    read = command.result_of

    def with_status(args):
        result = read(args)
        loans_read = result.analysis.loans
        status = (loans_read["member_no"] == sued["member"]).map({True: "judgment", False: "normal"})
        result.analysis = analyse(loans_read.assign(status=status), result.as_of, result.analysis.settings)
        return result

    monkeypatch.setattr(command, "result_of", with_status)
    run = cli("notices", ledger, "--deadline", LATER, "--out", tmp_path / "n.docx")
    assert run.code == 0 and "อยู่ระหว่างดำเนินคดีแล้ว ไม่ออกหนังสือ 1 ราย" in run.out
    assert run.out.rstrip().endswith(f"  {sued['member']} {sued['name']}")
    assert len(pages((tmp_path / "n.docx").read_bytes())) == len(expected_debtors(loans, 365)) - 1


@pytest.mark.parametrize("args, says", [
    (["--deadline", "ไม่ใช่วันที่"], "is not a date"),
    (["--deadline", "2024-03-01"], "the deadline has passed"),
    (["--deadline", "2024-05-31"], "the deadline has passed"),  # after the ledger's date, before today
    (["--deadline", LATER, "--out", "notices.txt"], "must end in .docx"),
    (["--deadline", LATER, "--min-amount", "1e12"], "no debtor is overdue"),
    (["--deadline", LATER, "--min-days", "-3"], "must not be negative"),
    ([], "--deadline"),
])
def test_cli_user_errors_are_one_line_and_exit_2(cli, ledger, tmp_path, args, says):
    out = [] if "--out" in args else ["--out", tmp_path / "n.docx"]
    run = cli("notices", ledger, *args, *out)
    assert run.code == 2 and run.out == ""
    assert says in run.err and run.err.count("\n") == 1


# ---------------------------------------------------------------- the page


def open_page(monkeypatch, tmp_path, privacy: bool = False) -> AppTest:
    """The page with the app's store a fresh SQLite file (KMDASH_STORE overrides secrets.toml's URL)."""
    monkeypatch.setenv(store.ENV, f"sqlite:///{tmp_path / 'store.db'}")
    return open_app_page("sieving", privacy)


def entry(when: date) -> str:
    """A day as Thai staff type it: 31/05/2567."""
    return f"{when.day:02d}/{when.month:02d}/{when.year + 543}"


def sample_members(cli, tmp_path, *args, ledger=SAMPLE) -> list[str]:
    run = cli("notices", ledger, "--deadline", LATER, "--out", tmp_path / "n.docx", *args)
    data = (tmp_path / "n.docx").read_bytes()
    return [line.split("สมาชิกเลขที่ ")[1] for page in pages(data) for line in page if "สมาชิกเลขที่" in line] \
        if run.code == 0 else []


@pytest.mark.parametrize("name", ["ledger_th.xlsx", "ledger_en.xlsx", "ledger_th_cp874.csv"])
def test_one_rule_of_long_overdue_letters_plan_and_selector_alike_on_the_samples(cli, tmp_path, name):
    """More than long_overdue_days: the letters' debtors are the plan's technique-1 members and the summary's
    count of the long overdue (no status column in the samples: no one set apart for legal action)."""
    ledger = SAMPLE.parent / name
    letters_to = sample_members(cli, tmp_path, ledger=ledger)
    assert cli("plan", ledger, "--out", tmp_path / "plan.csv").code == 0
    plan = read_plan(tmp_path / "plan.csv")
    flagged = [m for m, cell in zip(plan["member"], plan["techniques"]) if "1" in technique_numbers(cell)]
    summary = json.loads(cli("summary", ledger, "--json").out)
    assert sorted(letters_to) == sorted(flagged) and len(flagged) == summary["members_long_overdue"] > 80


def test_the_sample_letters_go_to_the_oracles_members_more_than_365_days_overdue(cli, tmp_path, sample_expected):
    want = [m["member"] for m in sample_expected["top_members"] if m["days"] > 365]
    assert sample_members(cli, tmp_path) == want and len(want) == 85  # 88 at least 365 days: 3 at exactly 365


def test_page_counts_the_deadline_from_today_says_how_old_the_ledger_is_and_refuses_a_past_one(monkeypatch,
                                                                                              tmp_path):
    at = open_page(monkeypatch, tmp_path)
    today = date.today()
    assert at.text_input(key="sieving_deadline").value == entry(today + timedelta(days=30))
    assert any(f"เก่ากว่าวันนี้ {(today - AS_OF).days:,} วัน" in box.value for box in at.info)
    at.text_input(key="sieving_deadline").set_value(entry(today - timedelta(days=1))).run()
    assert not at.exception and "ผ่านไปแล้ว" in at.error[0].value and not at.dataframe


def test_page_lists_the_debtors_offers_the_letters_and_records_them_sent_only_on_the_press(cli, monkeypatch,
                                                                                          tmp_path):
    at = open_page(monkeypatch, tmp_path)
    at.text_input(key="sieving_deadline").set_value("31/05/2600").run()
    assert not at.exception and THAI_LATER in at.caption.values
    debtors = at.dataframe[0].value
    assert list(debtors.iloc[:, 0]) == sample_members(cli, tmp_path)
    labels = [b.label for b in at.get("download_button")]
    assert labels == [f"ดาวน์โหลดหนังสือแจ้ง {len(debtors)} ฉบับ (.docx มีชื่อจริงของสมาชิก)"]
    assert "ทะเบียนนี้ไม่มีคอลัมน์นี้" in " ".join(at.caption.values)
    assert not at.data_editor and not (tmp_path / "store.db").exists()  # no letter recorded, no store made
    at.button(key="record_letter_sent_1_confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]
    done = record.listed(store.open_store(f"sqlite:///{tmp_path / 'store.db'}"))
    assert sorted(done["member"]) == sorted(debtors.iloc[:, 0]) and set(done["kind"]) == {"letter_sent"}
    assert set(done["technique"]) == {1} and set(done["date"]) == {date.today()}
    assert set(done["note"]) == {"หนังสือแจ้ง ครบกำหนด 31/05/2600"}
    first, second = debtors.iloc[:2, 0]
    at.session_state["sieving_marks"] = {first: "met", second: "not_met"}
    at.run()
    editor = at.data_editor[0].value
    marks = dict(zip(editor.iloc[:, 0], editor.iloc[:, -1]))
    assert set(marks) == set(debtors.iloc[:, 0])
    assert (marks.pop(first), marks.pop(second)) == ("ปฏิบัติตามเงื่อนไข", "ไม่ปฏิบัติตาม")
    assert set(marks.values()) == {"รอผล"}
    assert f"แจ้งแล้ว {len(debtors) - 2} ราย · ชะลอการติดตาม 1 ราย · ดำเนินการจนถึงที่สุด 1 ราย" in at.markdown.values


def test_page_fewer_days_more_debtors_and_a_bad_deadline_says_so(cli, monkeypatch, tmp_path):
    at = open_page(monkeypatch, tmp_path)
    at.number_input(key="sieving_min_days").set_value(90).run()
    assert list(at.dataframe[0].value.iloc[:, 0]) == sample_members(cli, tmp_path, "--min-days", "90")
    at.text_input(key="sieving_deadline").set_value("31/13/2567").run()
    assert not at.exception and "ไม่ใช่วันที่" in at.error[0].value and not at.dataframe


def test_page_privacy_masks_the_debtors_and_those_sent_a_letter(monkeypatch, tmp_path):
    at = open_page(monkeypatch, tmp_path, privacy=True)
    shown = at.dataframe[0].value
    assert set(shown.iloc[:, 0]) == set(shown.iloc[:, 1]) and shown.iloc[0, 0].startswith("สมาชิก ")
    at.button(key="record_letter_sent_1_confirm").click().run()
    sent = at.data_editor[0].value
    assert set(sent.iloc[:, 0]) == set(sent.iloc[:, 1]) == set(shown.iloc[:, 0])
