"""Thai everywhere in Thai output: the plan's codes (T1's tier, the status) are written as words of the file's
language and read back as codes from either language; the follow-up shows them as words and keeps codes in
its JSON; no English code reaches the Thai reports of the shipped sample; each column has one name across the
plan, the pages and the letters, and plans written under the earlier names still read.

The words expected here are written out as the handbook and the pages word them, never taken from kmdash.
"""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from kmdash.i18n import CATALOGUE, t
from kmdash.pipeline import run
from kmdash.plan import make_plan, plan_table, read_plan
from kmdash.report.plan import About, plan_csv, plan_xlsx
from kmdash.synthetic.pairs import ledger_pair
from kmdash.techniques.sieving.notices import tiers

from .support.ledgers import SAMPLE
from .support.record import KIND_WORDS, write_pair

TIER_WORDS = {"notified": ("แจ้งแล้ว", "notified"), "eased": ("ชะลอการติดตาม", "eased"),
              "pursued": ("ดำเนินการจนถึงที่สุด", "pursued")}  # T1's tiers as the sieving page words them
STATUSES = ("cleared", "reduced", "unchanged", "grown", "new_arrears", "left", "joined", "current")  # follow-up's
CODES = (*TIER_WORDS, *KIND_WORDS, *STATUSES, "refinanced")  # what must never show in Thai output
# (column, code) on the plan's first five rows; "" stays empty and text that is no code stays as typed
FILLED = {"tier": ["notified", "eased", "pursued", "notified", ""],
          "status": ["pool_repaid", "letter_sent", "promise", "โทรแล้ว ไม่รับสาย", ""]}
LEDGER_TH = "sample_data/ledger_th.xlsx"
CP874 = "sample_data/ledger_th_cp874.csv"


def english_codes(text: str) -> list[str]:
    """The known codes written as words of their own in `text`."""
    return re.findall(rf"(?<![A-Za-z_])({'|'.join(CODES)})(?![A-Za-z_])", text)


def with_codes(table: pd.DataFrame) -> pd.DataFrame:
    filled = table.copy()
    for column, codes in FILLED.items():
        filled.loc[:len(codes) - 1, column] = codes
    return filled


def word(column: str, code: str, lang: str) -> str:
    """The word a file of `lang` must hold for a code of FILLED."""
    words = TIER_WORDS if column == "tier" else KIND_WORDS
    return words[code][lang == "en"] if code in words else code


@pytest.fixture(scope="module")
def result():
    return run(SAMPLE)


# ---------------------------------------------------------------- written as words, read back as codes


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_csv_holds_words_of_its_language_and_reads_back_as_codes(result, lang):
    filled = with_codes(plan_table(result, lang))
    data = plan_csv(filled, False, lang)
    cells = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for column, codes in FILLED.items():
        assert cells[t(f"col_{column}", lang)].head(5).tolist() == [word(column, c, lang) for c in codes]
    back = read_plan(data)
    assert {c: back[c].head(5).tolist() for c in FILLED} == FILLED
    if lang == "th":
        assert english_codes(data.decode("utf-8-sig")) == []


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_workbook_holds_words_on_every_sheet_and_reads_back_as_codes(result, lang):
    filled = with_codes(plan_table(result, lang))
    data = plan_xlsx(filled, About.of(result), False, lang)
    book = load_workbook(io.BytesIO(data))
    plan = [list(r) for r in book[t("sheet_plan", lang)].iter_rows(values_only=True)]
    tier = plan[0].index(t("col_tier", lang))
    assert [r[tier] for r in plan[1:5]] == [word("tier", c, lang) for c in FILLED["tier"][:4]]
    back = read_plan(data)
    assert {c: back[c].head(5).tolist() for c in FILLED} == FILLED
    if lang == "th":
        texts = " ".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v)
        assert english_codes(texts) == []


TYPED = [("แจ้งแล้ว", "notified"), (" ชะลอการติดตาม ", "eased"), ("ดำเนินการ\u00a0จนถึงที่สุด", "pursued"),
         ("Notified", "notified"), ("PURSUED", "pursued"), ("eased", "eased")]
TYPED_STATUS = [("กู้ใหม่ชำระหนี้เดิม", "pool_repaid"), ("Repaid through the pool", "pool_repaid"),
                ("refinanced", "pool_repaid"), ("ส่งหนังสือแล้ว", "letter_sent"), ("นัดชำระ", "promise"),
                ("ส่งแล้วบางส่วน", "ส่งแล้วบางส่วน")]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_words_staff_type_in_either_language_read_as_codes(result, lang):
    """A plan filled in Excel: the words of the other language, spaces and case as typed, the earlier code
    "refinanced" for a pool repayment; free text stays as typed."""
    data = plan_csv(plan_table(result, lang), False, lang)
    cells = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for column, typed in ((t("col_tier", lang), TYPED), (t("col_status", lang), TYPED_STATUS)):
        cells.loc[:len(typed) - 1, column] = [w for w, _ in typed]
    back = read_plan(cells.to_csv(index=False).encode("utf-8-sig"))
    assert back["tier"].head(len(TYPED)).tolist() == [c for _, c in TYPED]
    assert back["status"].head(len(TYPED_STATUS)).tolist() == [c for _, c in TYPED_STATUS]


# ---------------------------------------------------------------- the follow-up: words in text, codes in JSON


@pytest.fixture(scope="module")
def pair_files(tmp_path_factory):
    return write_pair(ledger_pair(120, seed=3), tmp_path_factory.mktemp("pair"))


def plan_in_thai(files, folder, cli) -> str:
    """The plan of the earlier ledger, the tiers typed by staff in Thai on the first rows."""
    path = folder / "plan.csv"
    assert cli("plan", files[0], "--out", path).code == 0
    plan = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    plan.loc[:5, t("col_tier")] = ["แจ้งแล้ว", "แจ้งแล้ว", "ดำเนินการจนถึงที่สุด", "ชะลอการติดตาม", "", "แจ้งแล้ว"]
    plan.to_csv(path, index=False, encoding="utf-8-sig")
    return str(path)


def test_the_follow_up_keeps_codes_in_json_and_shows_words_in_thai(pair_files, tmp_path, cli):
    plan = plan_in_thai(pair_files, tmp_path, cli)
    got = cli("followup", *pair_files, "--plan", plan, "--json").json
    by_tier = {r["value"]: r["members"] for r in got["plan"]["by_tier"]}
    assert {k: v for k, v in by_tier.items() if k} == {"notified": 3, "pursued": 1, "eased": 1}
    text = cli("followup", *pair_files, "--plan", plan).out
    section = text.split(t("fu_by_tier"))[1].split("\n\n")[0]
    assert {line.split(":")[0].strip() for line in section.strip().splitlines()} == \
        {"แจ้งแล้ว", "ดำเนินการจนถึงที่สุด", "ชะลอการติดตาม", "ไม่ระบุ"}
    assert english_codes(text) == []


# ---------------------------------------------------------------- the shipped sample's Thai output


def test_the_samples_thai_reports_and_plan_carry_no_english_code(cli, tmp_path):
    assert english_codes(cli("summary", LEDGER_TH).out) == []
    plan = cli("plan", LEDGER_TH)
    assert plan.code == 0 and english_codes(plan.out) == []
    path = tmp_path / "plan.csv"
    path.write_text(plan.out, encoding="utf-8-sig")
    coded = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    coded.loc[:2, t("col_tier")] = ["notified", "eased", "pursued"]  # an older plan's codes
    coded.loc[:1, t("col_status")] = ["refinanced", "letter_sent"]
    coded.to_csv(path, index=False, encoding="utf-8-sig")
    report = cli("followup", LEDGER_TH, CP874, "--plan", path)
    assert report.code == 0 and english_codes(report.out) == []


def test_the_samples_plan_with_letters_sent_and_marked_is_written_in_thai(cli):
    """The plan as the pages fill it: tiers of the letters recorded as sent, two marked after the deadline."""
    result = run(LEDGER_TH)
    sent = result.analysis.members.query("days > 365")["member_no"].astype(str).head(4).tolist()
    table = make_plan(result, "th", prepared=[tiers(sent, {sent[0]: "met", sent[1]: "not_met"}).to_frame()])
    assert sorted(table["tier"].unique()) == ["", "eased", "notified", "pursued"]
    data = plan_csv(table, False, "th").decode("utf-8-sig")
    assert english_codes(data) == [] and data.count("แจ้งแล้ว") == 2
    assert (data.count("ชะลอการติดตาม"), data.count("ดำเนินการจนถึงที่สุด")) == (1, 1)


# ---------------------------------------------------------------- one name per column


def name(key: str, lang: str) -> str:
    """A catalogue header without its trailing "(…)" (a unit, an example)."""
    return re.sub(r" \([^)]*\)$", "", CATALOGUE[key][lang == "en"])


ONE_NAME = {  # the column: its name in Thai and English, and every key that names it (plan, pages, letters)
    "deadline": ("วันครบกำหนดตามหนังสือ", "Deadline", ("col_deadline", "sieving_deadline")),
    "due date": ("วันครบกำหนดชำระ", "Due date", ("col_due_date", "sieving_notice_due")),
    "principal overdue": ("เงินต้นค้างชำระ", "Principal overdue",
                          ("col_overdue", "col_overdue_amount", "col_principal_overdue", "col_overdue_baht",
                           "sieving_notice_principal", "overdue", "tile_overdue")),
    "interest": ("ดอกเบี้ยค้างชำระ", "Interest in arrears",
                 ("col_interest", "col_interest_arrears", "interest_arrears", "tile_interest",
                  "sieving_notice_interest")),
    "member number": ("เลขสมาชิก", "Member no.", ("col_member", "col_member_no")),
    "group leader": ("ผู้นำกลุ่ม", "Group leader", ("col_group_leader", "col_leader")),
}


@pytest.mark.parametrize("column", ONE_NAME)
def test_each_column_has_one_name(column):
    th, en, keys = ONE_NAME[column]
    assert {k: (name(k, "th"), name(k, "en")) for k in keys} == {k: (th, en) for k in keys}


def test_the_tiers_are_worded_as_the_sieving_page_counts_them():
    assert all(words[0] in CATALOGUE["sieving_tiers"][0] for words in TIER_WORDS.values())


@pytest.mark.parametrize("lang", ["th", "en"])
def test_plans_written_under_the_earlier_names_still_read(result, lang):
    data = plan_csv(with_codes(plan_table(result, lang)), False, lang).decode("utf-8-sig")
    header, rest = data.split("\r\n", 1)
    earlier = {"th": {"วันครบกำหนดตามหนังสือ": "กำหนดเสร็จ", "เงินต้นค้างชำระ": "เงินต้นค้าง",
                      "ดอกเบี้ยค้างชำระ": "ดอกเบี้ยค้าง"},
               "en": {"Principal overdue": "Overdue"}}[lang]
    old = ",".join(earlier.get(h, h) for h in header.split(","))
    assert old != header
    pd.testing.assert_frame_equal(read_plan(f"{old}\r\n{rest}".encode("utf-8-sig")),
                                  read_plan(data.encode("utf-8-sig")))
