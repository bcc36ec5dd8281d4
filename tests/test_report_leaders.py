"""The group leaders' meetings calendar, event for event, from hand-made packs: groups and leaders only."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
from icalendar import Calendar

from kmdash.report.leaders.meetings import ICS_MIME, PRODID, meetings_ics
from kmdash.techniques.leaders.packs import Fee, Packs

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
