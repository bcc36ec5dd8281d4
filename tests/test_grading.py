"""Member grading (technique 5): the default criteria against an independent computation on the generator's
loans, properties (deterministic, one grade each, better never graded worse, the lift lifts), the extra
sheet, legal status, `grade` on the command line, the announcement, and the page."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kmdash.analyse import Analysis, analyse
from kmdash.errors import LedgerError
from kmdash.read.extra import read_extra
from kmdash.settings import Criterion, Grade, GradingRules, Settings
from kmdash.synthetic import generate_loans

from .support.app import chart_title, charts, frames, go, start
from .support.ledgers import AS_OF, SAMPLE, workbook_bytes

# the defaults as published, written out here (not read from the code): (best first) threshold -> points
DAYS = ((0, 50), (90, 30), (365, 15))  # at most the threshold; else 0
SHARE = ((20, 30), (10, 20), (5, 10))  # share capital / (outstanding + interest + penalty) in %, at least; else 0
LOANS = ((0, 20), (1, 10))  # loans in arrears, at most; else 0
GRADES = ((85, "ดีเยี่ยม"), (65, "ดี"), (40, "พอใช้"), (0, "ต้องปรับปรุง"))


def expected_grading(loans: pd.DataFrame, as_of: date, days=DAYS) -> dict[str, tuple[int, str]]:
    """member -> (points, grade) by the published defaults (`days`: the days' bands), in plain Python over
    canonical loans."""
    members: dict[str, dict] = {}
    for loan in loans.to_dict("records"):
        m = members.setdefault(loan["member_no"], {"days": 0, "late": 0, "share": 0, "owed": 0})
        due = pd.Timestamp(loan["due_date"]).date()
        if due < as_of and loan["principal_overdue"] > 0:
            m["days"] = max(m["days"], (as_of - due).days)
            m["late"] += 1
        m["share"] += round(loan["share_capital"] * 100)
        m["owed"] += round((loan["outstanding"] + loan["interest_arrears"] + loan["penalty"]) * 100)
    out = {}
    for member, m in members.items():
        ratio = m["share"] / m["owed"] * 100 if m["owed"] else float("inf")
        points = (next((p for v, p in days if m["days"] <= v), 0) + next((p for v, p in SHARE if ratio >= v), 0)
                  + next((p for v, p in LOANS if m["late"] <= v), 0))
        out[member] = (points, next(name for low, name in GRADES if points >= low))
    return out


@pytest.fixture(scope="module")
def sample_grades(sample_loans) -> dict[str, tuple[int, str]]:
    """member -> (points, grade) of the shipped sample's loans."""
    return expected_grading(sample_loans, AS_OF)


def grade_json(cli, *args) -> dict:
    return cli("grade", SAMPLE, "--json", *args).json


# ---------------------------------------------------------------- the sample against the published rules


def test_every_member_of_the_sample_once_with_the_published_points_and_grade(cli, sample_grades):
    out = grade_json(cli)
    got = {m["member"]: (m["points"], m["grade"]) for m in out["members"]}
    assert len(out["members"]) == len(got) == len(sample_grades)
    assert got == sample_grades
    counts = {name: sum(1 for _, g in sample_grades.values() if g == name) for _, name in GRADES}
    assert [(g["grade"], g["min_points"], g["members"]) for g in out["grades"]] == \
        [(name, low, counts[name]) for low, name in GRADES]
    assert [c["key"] for c in out["criteria"]] == ["days", "share_ratio", "loans_overdue"]  # no status column
    assert out["max_points"] == 100
    assert out["example"] is True
    assert out["not_measured"] == [{"key": "activities", "name": "การร่วมกิจกรรมของกลุ่ม (จำนวนกิจกรรมที่เข้าร่วม)"},
                                   {"key": "legal", "name": "สัญญาที่ถูกดำเนินคดี"}]


def test_the_example_welfare_changes_no_loan_limit_and_no_dividend(cli):
    """Loan limits are the lending regulation's, the patronage dividend the general meeting's: the example leaves
    every grade's welfare for the board to word."""
    out = grade_json(cli)
    assert [g["welfare"] for g in out["grades"]] == [{"text": "", "amount": 0}] * 4
    text = cli("grade", SAMPLE).out
    assert "วงเงินกู้" not in text and "เงินเฉลี่ยคืน" not in text and text.count("คณะกรรมการกำหนด") == 4


def test_a_criterion_switched_off_leaves_its_points_out(cli, sample_grades):
    out = grade_json(cli, "--off", "share_ratio")
    assert [c["key"] for c in out["criteria"]] == ["days", "loans_overdue"]
    assert out["max_points"] == 70
    for m in out["members"]:
        assert m["points"] <= sample_grades[m["member"]][0]


def test_text_report_counts_per_grade_in_thai_and_english(cli, sample_grades):
    th = cli("grade", SAMPLE)
    assert th.code == 0 and "ดีเยี่ยม" in th.out and "ตั้งแต่ 85 คะแนน" in th.out
    n_top = sum(1 for _, g in sample_grades.values() if g == "ดีเยี่ยม")
    assert f"{n_top:,} คน" in th.out
    en = cli("grade", SAMPLE, "--lang", "en")
    assert "Excellent" in en.out and "85 points or more" in en.out


@pytest.mark.parametrize("args", [["--off", "nothing"], ["--extra", "missing.csv"],
                                  ["--extra-bands", "ten", "--extra", str(SAMPLE)]])
def test_user_errors_exit_2_with_one_line(cli, args):
    run = cli("grade", SAMPLE, *args)
    assert run.code == 2 and run.out == "" and len(run.err.strip().splitlines()) == 1


# ---------------------------------------------------------------- properties

def _analysis(values: pd.DataFrame) -> Analysis:
    """An analysis of one loan per member holding the criteria's values."""
    members = values.assign(member_no=[f"{i:05d}" for i in range(len(values))], name="n", group="g",
                            interest_arrears=0.0, penalty=0.0)
    loans = members[["member_no", "share_capital", "outstanding"]]
    return Analysis(loans=loans, members=members, groups=pd.DataFrame(), aging=pd.DataFrame(), as_of=AS_OF,
                    settings=Settings())


def _bands(draw, higher: bool):
    n = draw(st.integers(1, 4))
    values = sorted(draw(st.lists(st.integers(0, 400), min_size=n, max_size=n, unique=True)), reverse=not higher)
    points = sorted(draw(st.lists(st.integers(-20, 60), min_size=n + 1, max_size=n + 1)))
    return tuple(zip(values, points[1:])), points[0]


@st.composite
def rules_and_members(draw):
    criteria = []
    for key, higher in (("days", False), ("share_ratio", True), ("loans_overdue", False), ("extra", True)):
        bands, floor = _bands(draw, higher)
        criteria.append(Criterion(key, bands, enabled=draw(st.booleans()), higher_is_better=higher, floor=floor))
    lows = sorted(draw(st.lists(st.integers(-50, 200), min_size=1, max_size=5, unique=True)), reverse=True)
    rules = GradingRules(tuple(criteria), tuple(Grade(str(v), v) for v in lows))
    n = draw(st.integers(1, 25))
    ints = lambda hi: st.lists(st.integers(0, hi), min_size=n, max_size=n)  # noqa: E731
    values = pd.DataFrame({"days": draw(ints(800)), "loans_overdue": draw(ints(4)),
                           "share_capital": draw(ints(50_000)), "outstanding": draw(ints(100_000))}).astype(float)
    extra = draw(st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=n, max_size=n))
    return rules, values, extra


def _grade(rules, values, extra):
    from kmdash.techniques.grading.grades import grade_members

    analysis = _analysis(values)
    sheet = pd.DataFrame({"member_no": analysis.members["member_no"], "extra": extra}).dropna()
    return analysis, grade_members(analysis, rules, sheet.astype({"extra": float}))


def _ratio(values: pd.DataFrame) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(values["outstanding"] > 0, values["share_capital"] / values["outstanding"], np.inf)


@settings(max_examples=150, deadline=None)
@given(rules_and_members())
def test_one_grade_each_deterministic_and_better_never_graded_worse(case):
    rules, values, extra = case
    analysis, first = _grade(rules, values, extra)
    _, again = _grade(rules, values, extra)
    pd.testing.assert_frame_equal(first.members, again.members)
    m = first.members.set_index("member_no").loc[analysis.members["member_no"]]
    assert len(first.members) == len(values) and first.members["member_no"].is_unique
    assert m["grade"].between(0, len(rules.grades) - 1).all()
    assert first.counts()["members"].sum() == len(values)

    ex = np.array([-np.inf if e is None else e for e in extra], dtype=float)  # missing: the lowest band
    days, late, ratio = values["days"].to_numpy(), values["loans_overdue"].to_numpy(), _ratio(values)
    grade, points = m["grade"].to_numpy(), m["points"].to_numpy()
    for a in range(len(values)):
        better = (days[a] <= days) & (late[a] <= late) & (ratio[a] >= ratio) & (ex[a] >= ex)
        assert (grade[a] <= grade[better]).all() and (points[a] >= points[better]).all()


@settings(max_examples=100, deadline=None)
@given(rules_and_members())
def test_the_lift_lifts_the_member_a_grade(case):
    rules, values, extra = case
    _, graded = _grade(rules, values, extra)
    m = graded.members.set_index("member_no")
    assert m.loc[m["grade"] == 0, "lift"].isna().all()
    for member, row in m[m["lift_enough"]].iterrows():
        i = int(member)
        changed, more = values.copy(), list(extra)
        if row["lift"] == "share_ratio":  # the ratio to reach, as share capital against what is owed
            changed.loc[i, "share_capital"] = row["lift_to"] / 100 * changed.loc[i, "outstanding"] + 1e-6
        elif row["lift"] == "extra":
            more[i] = row["lift_to"]
        else:
            changed.loc[i, row["lift"]] = row["lift_to"]
        _, after = _grade(rules, changed, more)
        assert after.members.set_index("member_no").loc[member, "grade"] < row["grade"], (member, row.to_dict())


# ---------------------------------------------------------------- legal status, the extra sheet


def test_legal_status_counts_only_where_the_ledger_has_a_status_column():
    from kmdash.techniques.grading.grades import grade_members

    loans = generate_loans(80, seed=3)
    rules = GradingRules()
    without = grade_members(analyse(loans, AS_OF), rules)
    assert "legal" not in [c.key for c in without.criteria]
    sued = loans["member_no"].iloc[0]
    status = np.where(loans["member_no"] == sued, "ดำเนินคดี", "ปกติ")
    with_status = grade_members(analyse(loans.assign(status=status), AS_OF), rules)
    assert "legal" in [c.key for c in with_status.criteria]
    by_member = with_status.members.set_index("member_no")
    assert by_member.loc[sued, "pts_legal"] == -30
    assert (by_member.drop(sued)["pts_legal"] == 0).all()
    before = without.members.set_index("member_no")["points"]
    assert by_member.loc[sued, "points"] == before[sued] - 30


def test_extra_sheet_with_thai_headers_leading_zeros_and_missing_members(cli, sample_grades):
    data = workbook_bytes(["รายชื่อผู้เข้าประชุมใหญ่ 2567"], ["ลำดับ", "เลขทะเบียนสมาชิก", "ชื่อ - สกุล", "เข้าประชุม"],
                          [1, 10, "ก", 1], [2, "00015", "ข", "1"], [3, "00019", "ค", 0], [4, 99999, "ง", 1])
    sheet = read_extra(data)
    assert sheet.header == "เข้าประชุม"
    assert sheet.values.to_dict("list") == {"member_no": ["10", "00015", "00019", "99999"],
                                            "value": [1.0, 1.0, 0.0, 1.0]}


def test_grade_with_an_extra_criterion(cli, tmp_path, sample_grades):
    path = tmp_path / "meeting.csv"
    path.write_text("เลขทะเบียนสมาชิก,เข้าประชุมใหญ่\n10,1\n00015,1\n00019,0\n99999,1\n", encoding="utf-8")
    out = grade_json(cli, "--extra", path, "--extra-name", "เข้าประชุมใหญ่", "--extra-bands", "1=10,0=0")
    extra = out["criteria"][-1]
    assert (extra["name"], extra["bands"], extra["otherwise"]) == \
        ("เข้าประชุมใหญ่", [{"threshold": 1, "points": 10}], 0)
    assert out["unmatched_extra"] == 1
    got = {m["member"]: m["points"] for m in out["members"]}
    for member, (points, _) in sample_grades.items():
        assert got[member] == points + (10 if member in ("00010", "00015") else 0), member


def test_a_value_that_is_not_a_number_names_its_row():
    data = workbook_bytes(["เลขทะเบียนสมาชิก", "ยอดธุรกิจ"], ["00010", "12,500"], ["00015", "มาก"])
    with pytest.raises(LedgerError, match="row 3"):
        read_extra(data)
    with pytest.raises(LedgerError):
        read_extra(workbook_bytes(["ชื่อ", "ยอดธุรกิจ"], ["ก", 1]))


# ---------------------------------------------------------------- the announcement


def test_the_announcement_is_thai_with_the_complex_script_font(cli, tmp_path):
    out = tmp_path / "ประกาศ.docx"
    assert cli("grade", SAMPLE, "--out", out).code == 0
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    styles = zipfile.ZipFile(out).read("word/styles.xml").decode()
    for part in (xml, styles):
        assert 'w:cs="TH Sarabun New"' in part and '<w:szCs w:val="32"/>' in part
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs)
    cells = "\n".join(c.text for table in Document(str(out)).tables for row in table.rows for c in row.cells)
    assert "ประกาศสหกรณ์การเกษตรตัวอย่าง จำกัด" in text
    assert "31 มีนาคม 2567" in text  # the ledger's date, Buddhist Era
    assert text.count("ลงชื่อ") == 3 and "ประธานกรรมการดำเนินการ" in text
    for words in ("ไม่เกิน 90 วัน", "ตั้งแต่ 20%", "ตั้งแต่ 85 คะแนน", "ต่ำกว่า 40 คะแนน", "คณะกรรมการกำหนด"):
        assert words in cells, words
    assert "วงเงินกู้" not in cells and "เงินเฉลี่ยคืน" not in cells


# ---------------------------------------------------------------- the page


def open_grading(lang: str = "th", privacy: bool = False):
    at = start(lang, privacy)
    at.switch_page("pages/grading.py")
    return go(at)


def counts_on_page(at) -> dict[str, int]:
    table = frames(at)[0]
    return dict(zip(table.iloc[:, 0], table.iloc[:, 2]))


def test_the_page_shows_members_per_grade_and_every_member(sample_grades):
    at = open_grading()
    want = {name: sum(1 for _, g in sample_grades.values() if g == name) for _, name in GRADES}
    assert counts_on_page(at) == want
    members = frames(at)[1]
    assert len(members) == len(sample_grades)
    assert dict(zip(members["เลขสมาชิก"], members["ชั้นสมาชิก"])) == {m: g for m, (_, g) in sample_grades.items()}
    (figure,) = charts(at)
    assert chart_title(figure) == "สมาชิกแต่ละชั้น"
    assert figure["data"][0]["text"] == [f"{n:,} คน" for n in want.values()]
    assert [b.label for b in at.get("download_button")] == ["ดาวน์โหลดประกาศ (.docx)",
                                                            "ดาวน์โหลดคะแนนรายสมาชิก (.csv)"]


def test_switching_a_criterion_off_and_changing_points_regrade(sample_grades, sample_loans):
    at = open_grading()
    at.toggle(key="grading_on_share_ratio").set_value(False)
    go(at)
    loans = sample_loans
    without_share = {m: p - next((q for v, q in SHARE if r >= v), 0)
                     for m, (p, _), r in _with_ratio(loans, sample_grades)}
    want = {name: sum(1 for p in without_share.values() if next(n for low, n in GRADES if p >= low) == name)
            for _, name in GRADES}
    assert counts_on_page(at) == want
    at.number_input(key="grading_min_0").set_value(200.0)  # nobody reaches the top grade
    go(at)
    assert counts_on_page(at)["ดีเยี่ยม"] == 0


def _with_ratio(loans, expected):
    share = loans.groupby("member_no")["share_capital"].sum()
    owed = loans.groupby("member_no")[["outstanding", "interest_arrears", "penalty"]].sum().sum(axis=1)
    ratio = (share / owed * 100).replace(np.nan, np.inf)
    return [(m, expected[m], ratio[m]) for m in expected]


def test_points_that_fall_with_a_better_value_are_refused_on_the_page():
    at = open_grading()
    at.number_input(key="grading_pts_days_0").set_value(0.0)  # 0 days would get fewer points than 90 days
    go(at)
    assert at.error and "คะแนน" in at.error[0].value
    assert not frames(at)


def test_the_page_in_english_and_with_privacy(sample_grades):
    at = open_grading("en", privacy=True)
    assert list(counts_on_page(at)) == ["Excellent", "Good", "Fair", "Needs improvement"]
    members = frames(at)[1]
    assert not set(members["Member no."]) & set(sample_grades)
    assert members["Member no."].str.startswith("Member ").all()


def test_the_page_takes_an_extra_sheet(sample_grades):
    at = open_grading()
    sheet = "เลขทะเบียนสมาชิก,เข้าประชุมใหญ่\n10,1\n".encode()
    next(u for u in at.file_uploader if u.key == "grading_extra_file").set_value(("meeting.csv", sheet, "text/csv"))
    go(at)
    members = frames(at)[1]
    points = dict(zip(members["เลขสมาชิก"], members["คะแนน"]))
    assert points["00010"] == sample_grades["00010"][0] + 10
    assert "เข้าประชุมใหญ่" in members.columns


def test_the_page_says_the_criteria_are_an_example_until_the_board_approves_them():
    at = open_grading()
    assert at.warning and at.warning[0].value.startswith("ตัวอย่างหลักเกณฑ์ของโปรแกรม ยังไม่ได้รับความเห็นชอบ")
    assert "ยังไม่ได้วัด (ไม่มีข้อมูล ไม่นับคะแนน): การร่วมกิจกรรมของกลุ่ม" in " ".join(c.value for c in at.caption)
    at.checkbox(key="grading_approved").set_value(True)
    go(at)
    assert not at.warning and at.info[0].value == "หลักเกณฑ์ของคณะกรรมการ"


def test_the_page_takes_the_activities_and_an_edited_band_limit(sample_grades, sample_loans):
    at = open_grading()
    activities = "เลขทะเบียนสมาชิก,จำนวนกิจกรรมที่เข้าร่วม\n10,3\n00015,1\n".encode()
    next(u for u in at.file_uploader if u.key == "grading_activities_file").set_value(
        ("activities.csv", activities, "text/csv"))
    at.number_input(key="grading_lim_days_1").set_value(30.0)  # the 90-day band becomes 30 days
    go(at)
    members = frames(at)[1]
    points = dict(zip(members["เลขสมาชิก"], members["คะแนน"]))
    edited = expected_grading(sample_loans, AS_OF, ((0, 50), (30, 30), (365, 15)))
    bonus = {"00010": 20, "00015": 10}  # at least 3 activities: 20 points, at least 1: 10, none listed: 0
    assert points == {m: p + bonus.get(m, 0) for m, (p, _) in edited.items()}
    assert edited != sample_grades  # the limit moved some members
    assert not at.warning  # set by the user: no longer the example
