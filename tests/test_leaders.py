"""T2's tool, group leaders: a pack per group (only its own members), the meetings 3 or 4 months apart (also
as a valid iCalendar file), the fee by its rule (per debtor; a share of the cash each group recovered, against a
generated pair of ledgers and its record; a share of the arrears only when asked), the CLI and the page.

Expected members per group come from tests/support/figures.py's independent figures, never from kmdash.
"""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from kmdash.cli.leaders import FEE_BASES as CLI_FEE_BASES
from kmdash import store
from kmdash.errors import LedgerError
from kmdash.i18n import t
from kmdash.report.leaders.meetings import meetings_ics
from kmdash.report.leaders.packs import packs_xlsx
from kmdash.techniques.leaders.packs import (
    FEE_BASES,
    Fee,
    Recovered,
    add_months,
    meeting_dates,
    named_groups,
    packs,
    plan_columns,
)

from .support.app import open_app_page, open_on
from .support.figures import expected_figures
from .support.ledgers import AS_OF, ROOT, XLSX
from .support.record import key

ODD = {"กลุ่มที่ 1 บ้านหนองบัว": "=SUM(A1,A9)", "กลุ่มที่ 2 บ้านโนนสูง": "กลุ่ม [2]: โนน/สูง*?\\ " + "ก" * 30}


# ---------------------------------------------------------------- months and meetings


@pytest.mark.parametrize("start, months, end", [
    (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year: clamped to the month's end
    (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2024, 3, 31), 3, date(2024, 6, 30)),
    (date(2024, 11, 30), 3, date(2025, 2, 28)),
    (date(2024, 12, 15), 4, date(2025, 4, 15)),
    (date(2024, 5, 31), 12, date(2025, 5, 31)),
])
def test_add_months_clamps_to_the_month_end(start, months, end):
    assert add_months(start, months) == end


def short_thai(when: date) -> str:
    """A day as the Thai text writes it short: 31 ก.ค. 2567."""
    months = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
    return f"{when.day} {months[when.month - 1]} {when.year + 543}"


def test_meetings_a_year_ahead_each_counted_from_the_start_day():
    assert meeting_dates(date(2024, 3, 31), 3) == (date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31),
                                                   date(2025, 3, 31))
    assert meeting_dates(date(2024, 3, 31), 4) == (date(2024, 7, 31), date(2024, 11, 30), date(2025, 3, 31))
    assert meeting_dates(date(2023, 11, 30), 3)[1] == date(2024, 5, 30)  # no drift from the February clamp
    with pytest.raises(LedgerError, match="3 or 4 months"):
        meeting_dates(AS_OF, 5)


def test_packs_meet_from_today_when_the_ledger_is_older_and_from_its_date_when_it_is_ahead():
    assert packs(members(), AS_OF, 3, today=date(2024, 6, 15)).meetings == (
        date(2024, 9, 15), date(2024, 12, 15), date(2025, 3, 15), date(2025, 6, 15))
    assert packs(members(), AS_OF, 4, today=date(2024, 1, 10)).meetings[0] == date(2024, 7, 31)


# ---------------------------------------------------------------- the packs


def members() -> pd.DataFrame:
    """Two groups and one member of no group; member 6 is not overdue."""
    return pd.DataFrame({"member_no": ["1", "2", "3", "4", "5", "6"], "name": list("abcdef"),
                         "group": ["g2", "g1", "g1", "(ไม่ระบุกลุ่ม)", "g2", "g1"], "days": [10, 400, 5, 50, 30, 0],
                         "overdue": [100.0, 300.0, 50.01, 70.0, 200.0, 0.0], "interest_arrears": [1.0] * 6})


def test_each_group_with_its_debtors_total_oldest_debt_and_leader():
    made = packs(members(), AS_OF, leaders={"g1": "  นาย  ก ", "g2": " "})
    assert made.groups[["group", "leader", "debtors", "overdue", "oldest_days"]].values.tolist() == [
        ["g1", "นาย ก", 2, 350.01, 400], ["g2", "", 2, 300.0, 30]]
    assert made.groups["fee"].isna().all() and made.without_group == 1
    assert list(made.of("g1")["member_no"]) == ["2", "3"] and list(made.of("g2")["member_no"]) == ["5", "1"]


@pytest.mark.parametrize("fee, expected", [(Fee(per_debtor=50), [100.0, 100.0]),
                                           (Fee(share=0.1, on="arrears"), [35.0, 30.0]),
                                           (Fee(share=0.015, on="arrears"), [5.25, 4.5])])
def test_fee_per_debtor_or_when_asked_a_share_of_the_groups_overdue(fee, expected):
    assert packs(members(), AS_OF, fee=fee).groups["fee"].tolist() == expected


def test_a_share_of_the_cash_recovered_and_a_group_that_owes_nothing_now_keeps_its_fee():
    gained = Recovered(date(2024, 2, 29), {"g1": 1000_00, "g2": 0, "g3": 333_33, "(ไม่ระบุกลุ่ม)": 50_00})
    made = packs(members(), AS_OF, fee=Fee(share=0.1), recovered=gained, leaders={"g3": "นาง ค"})
    assert made.groups[["group", "leader", "debtors", "recovered", "fee"]].values.tolist() == [
        ["g1", "", 2, 1000.0, 100.0], ["g2", "", 2, 0.0, 0.0], ["g3", "นาง ค", 0, 333.33, 33.33]]
    assert packs(members(), AS_OF, fee=Fee(per_debtor=50), recovered=gained).groups["fee"].tolist() == [
        100.0, 100.0, 0.0]  # per debtor: as before, nobody left to count in g3


def test_a_share_of_the_cash_recovered_needs_the_earlier_ledger():
    with pytest.raises(LedgerError, match="--since"):
        packs(members(), AS_OF, fee=Fee(share=0.1))
    assert FEE_BASES == CLI_FEE_BASES


@pytest.mark.parametrize("kwargs, says", [({"per_debtor": 1, "share": 0.1}, "one fee rule"),
                                          ({"per_debtor": -1}, "negative"), ({"share": 2}, "fraction")])
def test_bad_fee_rules_are_user_errors(kwargs, says):
    with pytest.raises(LedgerError, match=says):
        Fee(**kwargs)


def test_a_leader_of_a_group_without_debtors_is_a_user_error():
    with pytest.raises(LedgerError, match="no overdue debtors in group 'g9'; groups with debtors: g1, g2"):
        packs(members(), AS_OF, leaders={"g9": "x"})


def test_plan_columns_give_the_leader_of_each_debtor_where_entered():
    columns = plan_columns(packs(members(), AS_OF, leaders={"g1": "นาย ก"}))
    assert columns.index.name == "member_no" and list(columns.columns) == ["group_leader"]
    assert columns["group_leader"].to_dict() == {"2": "นาย ก", "3": "นาย ก"}


def test_named_groups_in_natural_order_without_the_no_group():
    frame = pd.DataFrame({"group": ["กลุ่มที่ 10", "กลุ่มที่ 2", "(ไม่ระบุกลุ่ม)", "กลุ่มที่ 1"]})
    assert named_groups(frame) == ["กลุ่มที่ 1", "กลุ่มที่ 2", "กลุ่มที่ 10"]


# ---------------------------------------------------------------- the command line and its files


@pytest.fixture
def written(cli, ledger_120, loans_120, tmp_path):
    """The packs and calendar for the 120-loan ledger (every 4 months, 50 baht per debtor), and each group's
    overdue members by the independent figures."""
    out, ics = tmp_path / "packs.xlsx", tmp_path / "meetings.ics"
    run = cli("leaders", ledger_120, "--out", out, "--calendar", ics, "--every-months", "4", "--fee-per-debtor", "50",
              "--leader", "กลุ่มที่ 1 บ้านหนองบัว==1+1")
    assert run.code == 0, run.err
    owing = defaultdict(dict)
    for m in expected_figures(loans_120, AS_OF, top=10**6)["top_members"]:
        owing[m["group"]][m["member"]] = m["overdue"]
    return run, out, ics, owing


def test_packs_have_a_summary_then_one_sheet_per_group_with_only_its_debtors(written):
    _, out, _, owing = written
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "สรุป" and sorted(wb.sheetnames[1:]) == sorted(owing)
    for group, mine in owing.items():
        ws = wb[group]
        assert ws.freeze_panes == "A3" and ws["A1"].value.startswith(group)
        rows = [r for r in ws.iter_rows(min_row=3, values_only=True)]
        assert {r[1]: r[4] for r in rows} == pytest.approx(mine)  # every debtor of the group, no one else
        assert [r[0] for r in rows] == list(range(1, len(mine) + 1))
        assert [r[4] for r in rows] == sorted((r[4] for r in rows), reverse=True)
    summary = {r[0]: r for r in wb["สรุป"].iter_rows(min_row=3, values_only=True)}
    for group, mine in owing.items():
        assert summary[group][2] == len(mine) and summary[group][3] == pytest.approx(sum(mine.values()))
        assert summary[group][5] == 50 * len(mine)
    assert summary["กลุ่มที่ 1 บ้านหนองบัว"][1] == "=1+1"
    assert summary["รวม"][2] == sum(len(m) for m in owing.values())


def test_leader_and_member_text_never_becomes_a_formula(written):
    _, out, _, _ = written
    wb = load_workbook(out)
    leader = next(row[1] for row in wb["สรุป"].iter_rows(min_row=3) if row[0].value == "กลุ่มที่ 1 บ้านหนองบัว")
    assert leader.value == "=1+1" and leader.data_type == "s"
    assert "=1+1" in wb["กลุ่มที่ 1 บ้านหนองบัว"]["A1"].value
    with zipfile.ZipFile(out) as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))


def test_calendar_is_valid_icalendar_with_thai_events_four_months_apart(written):
    run, _, ics, owing = written
    calendar = Calendar.from_ical(ics.read_bytes())
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]
    events = list(calendar.walk("VEVENT"))
    starts = [e.decoded("dtstart") for e in events]
    assert starts == [add_months(date.today(), k) for k in (4, 8, 12)]  # the ledger is older than today
    assert [str(e["summary"]) for e in events] == [f"ประชุมผู้นำกลุ่ม ครั้งที่ {n} จาก 3" for n in (1, 2, 3)]
    assert all(e.decoded("dtend") == s + timedelta(days=1) for e, s in zip(events, starts))  # all-day
    assert len({str(e["uid"]) for e in events}) == 3 and all("dtstamp" in e for e in events)
    description = str(events[0]["description"])
    assert "=1+1" in description and all(group in description for group in owing)
    assert short_thai(starts[0]) in run.out  # the text says the same dates


def test_cli_text_is_thai_by_default_and_english_on_request(cli, ledger_120):
    thai = cli("leaders", ledger_120)
    assert thai.code == 0 and thai.out.startswith("ผู้นำกลุ่ม: ลูกหนี้ค้างชำระ") and "ทุก 3 เดือน" in thai.out
    english = cli("leaders", ledger_120, "--lang", "en", "--fee-share", "0.02", "--fee-basis", "arrears")
    assert english.out.startswith("Group leaders:") and "2% of the group's principal overdue" in english.out


@pytest.mark.parametrize("args, says", [
    (["--fee-per-debtor", "50", "--fee-share", "0.1"], "not allowed with"),
    (["--every-months", "5"], "invalid choice"),
    (["--fee-share", "5", "--fee-basis", "arrears"], "fraction"),
    (["--fee-share", "0.02"], "--since"),
    (["--fee-share", "0.02", "--since", "no-such-file.xlsx"], "no-such-file.xlsx"),
    (["--fee-basis", "total"], "invalid choice"),
    (["--fee-per-debtor", "-1"], "negative"),
    (["--out", "packs.csv"], "must end in .xlsx"),
    (["--calendar", "m.txt"], "must end in .ics"),
    (["--leader", "no equals sign"], "GROUP=NAME"),
    (["--leader", "กลุ่มที่ 99=x"], "no overdue debtors in group 'กลุ่มที่ 99'"),
])
def test_cli_user_errors_are_one_line_and_exit_2(cli, ledger_120, args, says):
    run = cli("leaders", ledger_120, *args)
    assert run.code == 2 and run.out == ""
    assert says in run.err and run.err.count("\n") == 1


def test_group_names_excel_refuses_as_titles_get_safe_unique_sheets(cli, ledger_file, loans_120, tmp_path):
    out = tmp_path / "packs.xlsx"
    run = cli("leaders", ledger_file(loans_120.assign(group=loans_120["group"].replace(ODD))), "--out", out)
    assert run.code == 0, run.err
    wb = load_workbook(out)
    titles = wb.sheetnames[1:]
    assert "=SUM(A1,A9)" in titles and all(len(t) <= 31 and not set(t) & set("[]:*?/\\") for t in titles)
    odd = next(t for t in titles if t.startswith("กลุ่ม _2__ โนน_สูง"))
    assert wb[odd]["A1"].value.startswith(ODD["กลุ่มที่ 2 บ้านโนนสูง"])  # the full name in the title line
    assert wb["=SUM(A1,A9)"]["A1"].data_type == "s"


def test_packs_of_no_debtors_is_a_summary_alone():
    made = packs(members().assign(days=0), AS_OF, fee=Fee(per_debtor=10))
    wb = load_workbook(io.BytesIO(packs_xlsx(made, AS_OF)))
    assert wb.sheetnames == ["สรุป"]
    ics = Calendar.from_ical(meetings_ics(made, AS_OF, "en", datetime(2024, 1, 1, tzinfo=UTC)))
    assert len(list(ics.walk("VEVENT"))) == 4


# ---------------------------------------------------------------- the fee on the cash recovered, a generated pair


def recovered_by_hand(record, recorded: bool = True) -> dict[str, int]:
    """Per group (the earlier ledger's), the cash the generated record makes each group's debtors recover
    (satang): the fall of their overdue, unless the pool refinanced it (`recorded`: by the record; else nothing
    was recorded); only the groups that recovered some."""
    group_of = {key(m): g for m, g in zip(record.pair.old["member_no"], record.pair.old["group"])}
    gained: dict[str, int] = defaultdict(int)
    for k in record.debtors.index:
        gained[group_of[k]] += record.cash(k) if recorded else int(record.members.loc[k, "fall"])
    return {g: v for g, v in gained.items() if v > 0}


def summary_rows(path) -> dict[str, tuple]:
    """The packs' summary sheet: group -> (debtors, recovered, fee), the total row aside."""
    rows = load_workbook(path)["สรุป"].iter_rows(min_row=3, values_only=True)
    return {r[0]: (r[2], r[5], r[6]) for r in rows if r[0] != "รวม"}


def assert_fee_on_recovered(rows: dict[str, tuple], record, share: float) -> None:
    want = recovered_by_hand(record)
    got = {g: r for g, r in rows.items() if r[1]}
    assert {g: round(r[1] * 100) for g, r in got.items()} == want
    assert {g: round(r[2] * 100) for g, r in got.items()} == {g: round(v * share) for g, v in want.items()}
    assert all(r[1] == 0 and r[2] == 0 for g, r in rows.items() if g not in want)


def test_cli_fee_is_a_share_of_each_groups_cash_recovered_since_the_earlier_ledger(cli, generated_record, record_files,
                                                                                  tmp_path):
    out = tmp_path / "packs.xlsx"
    run = cli("leaders", record_files.new, "--fee-share", "0.1", "--since", record_files.old, "--actions",
              record_files.csv, "--out", out)
    assert run.code == 0, run.err
    assert "10% ของเงินที่กลุ่มเก็บได้จริงตั้งแต่ 31 มี.ค. 2567" in run.out
    assert_fee_on_recovered(summary_rows(out), generated_record, 0.1)


def test_cli_the_earlier_ledger_from_a_snapshot_gives_the_same_fees(cli, generated_record, record_files, tmp_path):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    assert cli("snapshot", "save", record_files.old, "--store", db).code == 0
    out = tmp_path / "packs.xlsx"
    run = cli("leaders", record_files.new, "--fee-share", "0.05", "--since", "snapshot:1", "--store", db,
              "--actions", record_files.xlsx, "--out", out)
    assert run.code == 0, run.err
    assert_fee_on_recovered(summary_rows(out), generated_record, 0.05)


def test_page_fee_on_the_cash_recovered_from_an_uploaded_earlier_ledger(generated_record, record_files, monkeypatch,
                                                                        tmp_path):
    monkeypatch.setenv(store.ENV, f"sqlite:///{tmp_path / 'empty.db'}")  # no record: nothing refinanced
    at = open_on("leaders", ("new.xlsx", record_files.new.read_bytes(), XLSX))
    at.radio(key="leaders_fee_rule").set_value("recovered").run()
    assert not at.exception and not at.dataframe[1:]  # no fee before the earlier ledger is chosen
    at.number_input(key="leaders_fee_percent").set_value(10.0).run()
    at.radio(key="leaders_since_kind").set_value("upload").run()
    at.file_uploader(key="leaders_since_file").set_value(("old.xlsx", record_files.old.read_bytes(), XLSX)).run()
    assert not at.exception, [e.value for e in at.exception]
    summary = at.dataframe[1].value
    recovered, fee = summary[t("col_recovered")], summary[t("col_fee")]
    assert {g: round(r * 100) for g, r in zip(summary[t("col_group")], recovered) if r} == \
        recovered_by_hand(generated_record, recorded=False)
    assert (fee == (recovered * 0.1).round(2)).all()


# ---------------------------------------------------------------- the page


def open_page(privacy: bool = False) -> AppTest:
    return open_app_page("leaders", privacy)


def test_page_summary_chart_leader_names_members_masked_and_downloads(cli):
    at = open_page()
    editor = at.data_editor[0]
    groups = list(editor.value["group"])
    assert groups[:3] == ["กลุ่มที่ 1 บ้านหนองบัว", "กลุ่มที่ 2 บ้านโนนสูง", "กลุ่มที่ 3 บ้านดอนแก้ว"]
    at.session_state[editor.key] = {"edited_rows": {0: {"leader": "[นาย ก](http://x.example)"}},
                                    "added_rows": [], "deleted_rows": []}
    at.radio(key="leaders_fee_rule").set_value("per_debtor").run()
    assert not at.exception, [e.value for e in at.exception]
    summary = at.dataframe[1].value
    sample = cli("leaders", ROOT / "sample_data" / "ledger_th.xlsx", "--fee-per-debtor", "50").out
    assert len(summary) == 15 and "239 ราย ใน 15 กลุ่ม" in sample
    row = summary[summary.iloc[:, 0] == "กลุ่มที่ 1 บ้านหนองบัว"].iloc[0]
    assert row.iloc[1] == "[นาย ก](http://x.example)" and row.iloc[2] == 31 and row.iloc[-1] == 1550.0
    assert at.get("plotly_chart") and len(at.get("download_button")) == 2
    at.selectbox(key="leaders_group").set_value("กลุ่มที่ 1 บ้านหนองบัว").run()
    assert any(m.value.startswith("ผู้นำกลุ่ม\\: \\[นาย ก\\]") for m in at.markdown)  # escaped, never a link
    names = set(at.dataframe[2].value.iloc[:, 1])
    assert len(names) == 31
    at.toggle(key="privacy").set_value(True).run()
    masked = at.dataframe[2].value
    assert not names & set(masked.iloc[:, 1]) and set(masked.iloc[:, 0]) == set(masked.iloc[:, 1])
    assert at.dataframe[1].value.iloc[:, 1].tolist() == summary.iloc[:, 1].tolist()  # leaders are not members


def test_page_meets_every_four_months_with_no_fee_by_default():
    at = open_page()
    at.radio(key="leaders_every").set_value(4).run()
    assert not at.exception and at.radio(key="leaders_fee_rule").value == "none"
    assert at.radio(key="leaders_fee_rule").options == [t(f"leaders_fee_rule_{r}") for r in ("none", "per_debtor",
                                                                                              "recovered")]
    first = short_thai(add_months(date.today(), 4)).replace(".", "\\.")
    assert any("ทุก 4 เดือน" in m.value and first in m.value for m in at.markdown)
    assert any(f"เก่ากว่าวันนี้ {(date.today() - AS_OF).days:,} วัน" in box.value for box in at.info)
    assert t("col_fee") not in at.dataframe[1].value.columns


def test_a_group_that_recovered_one_satang_keeps_a_row_and_one_that_recovered_nothing_has_none():
    gained = Recovered(date(2024, 2, 29), {"g1": 0, "g3": 1, "g4": 0})
    made = packs(members(), AS_OF, fee=Fee(share=0.5), recovered=gained)
    assert made.groups[["group", "debtors", "recovered"]].values.tolist() == [
        ["g1", 2, 0.0], ["g2", 2, 0.0], ["g3", 0, 0.01]]


def test_debtors_interest_to_the_satang_and_none_where_the_ledger_has_no_such_column():
    made = packs(members().assign(interest_arrears=[0.123, 1.0, 2.0, 3.0, 4.0, 5.0]), AS_OF)
    assert made.of("g2")["interest"].tolist() == [4.0, 0.12]
    assert (packs(members().drop(columns="interest_arrears"), AS_OF).debtors["interest"] == 0.0).all()
