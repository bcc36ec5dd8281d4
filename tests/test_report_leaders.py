"""The group leaders' meetings calendar, event for event, from hand-made packs: groups and leaders only."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pandas as pd
from icalendar import Calendar
from openpyxl import load_workbook

from kmdash.i18n import t
from kmdash.report.leaders.meetings import ICS_MIME, PRODID, meetings_ics
from kmdash.report.leaders.packs import SUMMARY, columns, dates_text, fee_text, packs_text, packs_xlsx
from kmdash.techniques.leaders.packs import Fee, Packs, Recovered

MADE = datetime(2024, 4, 1, 8, 30, tzinfo=UTC)


def packs() -> Packs:
    groups = pd.DataFrame({"group": ["กลุ่ม 1", "<b>กลุ่ม 2</b>"], "leader": ["นาง ก", ""], "debtors": [1200, 3]})
    return Packs(groups=groups, debtors=pd.DataFrame(), meetings=(date(2024, 7, 31), date(2024, 10, 31)),
                 every_months=3, fee=Fee(), without_group=0)


def test_a_meeting_is_an_all_day_event_with_the_groups_and_their_leaders():
    calendar = Calendar.from_ical(meetings_ics(packs(), date(2024, 3, 31), "en", MADE))
    assert (str(calendar["prodid"]), str(calendar["version"])) == ("-//kmdash//group leaders' meetings//TH", "2.0")
    assert PRODID == "-//kmdash//group leaders' meetings//TH" and ICS_MIME == "text/calendar"
    events = list(calendar.walk("VEVENT"))
    assert [str(e["uid"]) for e in events] == ["2024-03-31-3m-1@leaders.kmdash", "2024-03-31-3m-2@leaders.kmdash"]
    assert [(e.decoded("dtstart"), e.decoded("dtend")) for e in events] == [
        (date(2024, 7, 31), date(2024, 8, 1)), (date(2024, 10, 31), date(2024, 11, 1))]
    assert all(e.decoded("dtstamp") == MADE for e in events)
    assert [str(e["summary"]) for e in events] == ["Group leaders' meeting 1 of 2", "Group leaders' meeting 2 of 2"]
    assert {str(e["description"]) for e in events} == {
        "Review the follow-up of 1,203 overdue debtors in 2 groups (as of 31 Mar 2024)\n"
        "- กลุ่ม 1 (1,200 members): นาง ก\n- <b>กลุ่ม 2</b> (3 members): (not entered)"}


def test_the_calendar_in_thai_is_stamped_now_by_default():
    before = datetime.now(UTC).replace(microsecond=0)
    events = list(Calendar.from_ical(meetings_ics(packs(), date(2024, 3, 31))).walk("VEVENT"))
    assert str(events[1]["summary"]) == "ประชุมผู้นำกลุ่ม ครั้งที่ 2 จาก 2"
    assert str(events[0]["description"]).splitlines() == [
        "ทบทวนผลการติดตามลูกหนี้ค้างชำระ 1,203 ราย ใน 2 กลุ่ม (ข้อมูล ณ วันที่ 31 มี.ค. 2567)",
        "- กลุ่ม 1 (1,200 คน): นาง ก", "- <b>กลุ่ม 2</b> (3 คน): (ยังไม่ระบุ)"]
    assert before <= events[0].decoded("dtstamp") <= datetime.now(UTC)


# ---------------------------------------------------------------- the packs: workbook and text


GROUPS = pd.DataFrame({"group": ["กลุ่ม 1", "=G2"], "leader": ["นาง ก", ""], "debtors": [2, 1],
                       "overdue": [3000.5, 100.25], "oldest_days": [900, 35], "recovered": [50.5, 0.0], "fee": [2.53, 0.0]})
DEBTORS = pd.DataFrame({"member_no": ["00001", "00002", "00003"], "name": ["ก", "ข", "ค"],
                        "group": ["กลุ่ม 1", "กลุ่ม 1", "=G2"], "days": [900, 40, 35],
                        "overdue": [2000.25, 1000.25, 100.25], "interest": [1.5, 0.0, 2.0]})


def full_packs(fee: Fee = Fee(share=0.05), recovered: bool = True, without: int = 4) -> Packs:
    return Packs(GROUPS, DEBTORS, (date(2024, 6, 30), date(2024, 9, 30)), 3, fee, without,
                 Recovered(date(2023, 12, 31), {"กลุ่ม 1": 5050}) if recovered else None)


def test_the_fee_in_words_for_each_rule():
    assert fee_text(full_packs(Fee(per_debtor=1234.5)), "en") == "1,234.50 baht per debtor"
    assert fee_text(full_packs(Fee(share=0.025, on="arrears")), "en") == (
        "2.5% of the group's principal overdue on the as-of date (not of money recovered)")
    assert fee_text(full_packs(), "en") == ("5% of the cash the group actually recovered since 31 Dec 2023 (not what "
                                            "the pool refinanced)")
    assert fee_text(full_packs(Fee()), "en") == "not set" and fee_text(full_packs(Fee())) == t("leaders_fee_none")


def test_the_summary_and_each_group_s_sheet():
    wb = load_workbook(io.BytesIO(packs_xlsx(full_packs(), date(2024, 3, 31), "en")))
    assert wb.sheetnames == ["Summary", "กลุ่ม 1", "=G2"]
    summary = list(wb["Summary"].values)
    assert summary[0][0] == ("Group leaders' packs, as of 31 Mar 2024 · leaders meet every 3 months: 30 Jun 2024, "
                             "30 Sep 2024 · fee: " + fee_text(full_packs(), "en"))
    assert summary[1:] == [("Group", "Group leader", "Debtors", "Principal overdue (baht)", "Oldest debt (days)",
                            "Cash recovered", "Fee (baht)"),
                           ("กลุ่ม 1", "นาง ก", 2, 3000.5, 900, 50.5, 2.53), ("=G2", None, 1, 100.25, 35, 0, 0),
                           ("Total", None, 3, 3100.75, 900, 50.5, 2.53)]
    group = list(wb["กลุ่ม 1"].values)
    assert group[0][0] == ("กลุ่ม 1 · leader นาง ก · 2 overdue debtors, ฿3,000.50 overdue · as of 31 Mar 2024 · "
                           "next meeting 30 Jun 2024")
    assert group[1:] == [("No.", "Member no.", "Name", "Days overdue", "Principal overdue (baht)", "Interest in arrears",
                          "Result"), (1, "00001", "ก", 900, 2000.25, 1.5, None), (2, "00002", "ข", 40, 1000.25, 0, None)]
    assert list(wb["=G2"].values)[0][0].startswith("=G2 · leader (not entered) · 1 overdue debtors")
    assert wb["Summary"]["D3"].number_format == "#,##0.00" and wb["กลุ่ม 1"]["F3"].number_format == "#,##0.00"


def test_a_summary_without_a_follow_up_or_a_fee_leaves_their_columns_out():
    wb = load_workbook(io.BytesIO(packs_xlsx(full_packs(Fee(), recovered=False), date(2024, 3, 31))))
    assert list(wb["สรุป"].values)[1] == tuple(t(f"col_{c}") for c in ("group", "leader", "debtors", "overdue_baht",
                                                                      "oldest_days"))
    assert columns(full_packs(Fee(per_debtor=1), recovered=False), SUMMARY)[-1] == "fee"


def test_the_packs_as_text_line_for_line():
    assert packs_text(full_packs(), "a.xlsx", date(2024, 3, 31), "en").splitlines() == [
        "Group leaders: 3 overdue debtors in 2 groups", "File: a.xlsx | As of 31 Mar 2024",
        "Leaders meet every 3 months: 30 Jun 2024, 30 Sep 2024", "The leaders' fee: " + fee_text(full_packs(), "en"),
        "4 debtors belong to no group: no leader, so in no pack",
        "Cash recovered: the ledger of 31 Dec 2023 against this one, and the record of actions", "",
        "Group / leader / debtors / overdue / oldest (days) / recovered / fee",
        f"  กลุ่ม 1  นาง ก       2  {'3,000.50':>16}  {'900':>7}  {'50.50':>16}  {'2.53':>14}",
        f"  =G2    -           1  {'100.25':>16}  {'35':>7}  {'0.00':>16}  {'0.00':>14}"]
    plain = packs_text(full_packs(Fee(), recovered=False, without=0), "a.xlsx", date(2024, 3, 31), "en").splitlines()
    assert plain[3:6] == ["The leaders' fee: not set", "", "Group / leader / debtors / overdue / oldest (days) / fee"]
    assert plain[-1] == f"  =G2    -           1  {'100.25':>16}  {'35':>7}"


def test_in_thai_by_default_the_titles_dates_and_fee_are_buddhist_era_and_the_money_in_baht():
    made = full_packs()
    fee = t("leaders_fee_recovered", "th", pct="5%", since="31 ธ.ค. 2566")
    assert dates_text(made.meetings) == "30 มิ.ย. 2567, 30 ก.ย. 2567" and fee_text(made) == fee
    wb = load_workbook(io.BytesIO(packs_xlsx(made, date(2024, 3, 31))))
    assert wb.sheetnames == ["สรุป", "กลุ่ม 1", "=G2"]
    assert wb["สรุป"]["A1"].value == t("leaders_packs_title", "th", day="31 มี.ค. 2567", every=3,
                                       dates="30 มิ.ย. 2567, 30 ก.ย. 2567", fee=fee)
    assert wb["กลุ่ม 1"]["A1"].value == t("leaders_pack_title", "th", group="กลุ่ม 1", leader="นาง ก", n=2,
                                          total="3,000.50 บาท", day="31 มี.ค. 2567", next="30 มิ.ย. 2567")
    assert [wb["กลุ่ม 1"].cell(3, c).number_format for c in range(1, 8)] == [
        "General", "@", "@", "General", "#,##0.00", "#,##0.00", "@"]  # text stays text, baht to the satang
    lines = packs_text(made, "a.xlsx", date(2024, 3, 31)).splitlines()
    assert lines[1] == "ไฟล์: a.xlsx | ณ วันที่ 31 มี.ค. 2567"
    assert lines[5] == t("leaders_recovered_since", "th", since="31 ธ.ค. 2566")


def test_no_groups_make_a_text_without_rows_and_a_group_named_as_the_summary_gets_its_own_sheet():
    empty = Packs(GROUPS.head(0), DEBTORS.head(0), (date(2024, 6, 30),), 3, Fee(), 0, None)
    assert packs_text(empty, "a.xlsx", date(2024, 3, 31), "en").splitlines() == [
        "Group leaders: 0 overdue debtors in 0 groups", "File: a.xlsx | As of 31 Mar 2024",
        "Leaders meet every 3 months: 30 Jun 2024", "The leaders' fee: not set", "",
        "Group / leader / debtors / overdue / oldest (days) / fee"]
    named = Packs(GROUPS.assign(group=["Summary", "=G2"]), DEBTORS.assign(group=["Summary", "Summary", "=G2"]),
                  (date(2024, 6, 30),), 3, Fee(), 0, None)
    wb = load_workbook(io.BytesIO(packs_xlsx(named, date(2024, 3, 31), "en")))
    assert wb.sheetnames == ["Summary", "Summary (2)", "=G2"]
    assert [r[1] for r in wb["Summary (2)"].iter_rows(min_row=3, values_only=True)] == ["00001", "00002"]
