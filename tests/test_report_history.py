"""The history as a board sees it: the text report and the trend charts (kmdash/report/history.py,
history_charts.py), from a year saved in the store; figures from the generator."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from kmdash.history import History, history
from kmdash.report import history_charts as charts
from kmdash.report.chart_style import MEMBERS, NEUTRAL, OVERDUE
from kmdash.report.history import history_text
from kmdash.words import day


@pytest.fixture
def year_history(year_rows):
    return history(*year_rows)


JAN, FEB = date(2024, 1, 31), date(2024, 2, 29)
EDGES = ("1-7", "8-14", "15-30", "31-60", "61-90", "91-180", "181-365", ">365")  # one more than the colours; not
# in the order of their text


def small(chronic: int = 1) -> History:
    """Two snapshots worked by hand (money in satang): February's outstanding not kept; `chronic` debtors overdue
    in both, then one overdue in February only; eight overdue buckets and not_due."""
    points = pd.DataFrame({"snapshot_id": [1, 2], "as_of": [JAN, FEB], "members": [1_234, 0],
                           "members_overdue": [56, 0], "outstanding": [12_345_678.0, float("nan")],
                           "overdue": [150_005, 0], "par30": [0.25, float("nan")], "par90": [0.1, float("nan")]})
    buckets = ["not_due", *EDGES]
    aging = pd.DataFrame({"as_of": [JAN] * 9 + [FEB] * 9, "bucket": buckets * 2, "members": [1] * 18,
                          "overdue": [0, *range(100, 900, 100), 0, *range(1_000, 9_000, 1_000)]})
    flows = pd.DataFrame([{"from": JAN, "to": FEB, "cleared": 3, "new_arrears": 1, "grown": 2, "left": 1,
                           "joined": 1_234, "recovered": 600_005, "refinanced": 0, "increase": 15_000}])
    runs = pd.DataFrame({"member": [f"{n:02d}" for n in range(chronic)] + ["99"],
                         "name": [f"Name {n}" for n in range(chronic)] + ["Late"], "group": "A",
                         "periods": [2] * chronic + [1], "since": [JAN] * chronic + [FEB],
                         "overdue": [500] * (chronic + 1)})
    return History("Co-op A", points, aging, flows, runs, chronic_periods=2)


POINTS_EN = ["As of          Members  Overdue     Outstanding  Overdue amount  PAR30  PAR90",
             "31 Jan 2024      1,234       56      123,456.78        1,500.05  25.0%  10.0%",
             "29 Feb 2024          0        0               -            0.00      -      -"]
FLOWS_EN = ["Changes between snapshots (members)",
            "Period                            cleared  new arrears        grown         left       joined"
            "       Recovered        Increase",
            "31 Jan 2024 - 29 Feb 2024               3            1            2            1        1,234"
            "        6,000.05          150.00"]


def test_the_overdue_chart_has_each_date_s_overdue_and_members(year, year_history):
    fig = charts.overdue_figure(year_history, "th")
    bars, line = fig.data
    assert list(bars.x) == [day(d, "th") for d in year.dates]
    assert [round(v * 100) for v in bars.y] == [year.figures(m)["overdue"] for m in range(12)]
    assert list(line.y) == [year.figures(m)["members_overdue"] for m in range(12)]
    assert line.yaxis == "y2" and bars.name == "ยอดค้างชำระ" and "บาท" in bars.customdata[0]


def test_the_par_chart_is_in_percent_and_has_no_point_where_nothing_was_kept(year, year_history):
    year_history.points.loc[0, ["par30", "par90"]] = float("nan")
    fig = charts.par_figure(year_history, "en")
    par30, par90 = fig.data
    assert (par30.name, par90.name) == ("PAR30", "PAR90")
    want = year.figures(5)
    assert par30.y[5] == pytest.approx(want["at_risk30"] / want["outstanding"] * 100)
    assert par30.y[0] != par30.y[0] and par30.customdata[0] == "-"
    assert par90.customdata[5] == f"{want['at_risk90'] / want['outstanding'] * 100:.1f}%"


def test_the_aging_chart_stacks_the_overdue_buckets_only(year, year_history):
    fig = charts.aging_mix_figure(year_history, "th")
    assert fig.layout.barmode == "stack"
    assert "ยังไม่ถึงกำหนด" not in [t.name for t in fig.data] and len(fig.data) >= 3
    totals = [round(sum(t.y[i] for t in fig.data) * 100) for i in range(12)]
    assert totals == [year.figures(m)["overdue"] for m in range(12)]


def test_no_member_is_named_in_any_chart(year, year_history):
    names = set(year.ledgers[-1]["name"]) | set(year.ledgers[-1]["member_no"])
    text = json.dumps([f.to_plotly_json() for f in (charts.overdue_figure(year_history),
                                                      charts.par_figure(year_history),
                                                      charts.aging_mix_figure(year_history))], default=str,
                      ensure_ascii=False)
    assert not [n for n in names if n in text]


def test_the_text_lists_each_date_the_flows_and_the_chronic_debtors(year, year_history):
    text = history_text(year_history, "สหกรณ์ตัวอย่าง", "th")
    lines = text.splitlines()
    assert lines[0] == "ประวัติหนี้ค้าง: สหกรณ์ตัวอย่าง"
    assert sum(day(d, "th") in line for d in year.dates for line in lines[3:15]) == 12
    first = year.figures(0)
    assert f"{first['overdue'] / 100:,.2f}" in lines[3] and f"{first['members']:,}" in lines[3]
    chronic = year.chronic(3)
    assert f"ลูกหนี้ค้างเรื้อรัง (ค้างทุกงวดใน 3 งวดล่าสุด): {len(chronic):,} ราย" in text
    assert f"… และอีก {len(chronic) - 20} รายการ" in text
    english = history_text(year_history, "Sample", "en")
    assert "Changes between snapshots (members)" in english and "cleared" in english


def test_a_small_history_s_text_line_by_line():
    assert history_text(small(), "Co-op A", "en").splitlines() == [
        "Overdue history: Co-op A", "", *POINTS_EN, "", *FLOWS_EN, "",
        "Chronic debtors (overdue in each of the last 2 snapshots): 1",
        "  00  Name 0  overdue 2 snapshots in a row, since 31 Jan 2024"]


def test_the_text_lists_twenty_chronic_debtors_and_counts_the_rest():
    assert history_text(small(20), "ก", "en").splitlines()[-1] == \
        "  19  Name 19  overdue 2 snapshots in a row, since 31 Jan 2024"
    lines = history_text(small(21), "ก", "en").splitlines()
    assert lines[-2:] == ["  19  Name 19  overdue 2 snapshots in a row, since 31 Jan 2024", "  … and 1 more"]
    assert lines[-22] == "Chronic debtors (overdue in each of the last 2 snapshots): 21"


def test_the_text_of_one_snapshot_has_no_flows_and_is_thai_by_default():
    one = small()
    one.points, one.flows = one.points.iloc[:1], one.flows.iloc[:0]
    one.runs = one.runs.iloc[:0]
    assert history_text(one, "Co-op A", "en").splitlines() == [
        "Overdue history: Co-op A", "", *POINTS_EN[:2], "",
        "Chronic debtors (overdue in each of the last 2 snapshots): 0"]
    assert history_text(one, "ก").splitlines()[0] == "ประวัติหนี้ค้าง: ก"


def test_the_small_overdue_chart_trace_by_trace():
    fig = charts.overdue_figure(small(), "en")
    bars, line = fig.data
    assert (bars.type, list(bars.x), list(bars.y)) == ("bar", ["31 Jan 2024", "29 Feb 2024"], [1500.05, 0.0])
    assert (bars.name, bars.marker.color, list(bars.customdata)) == ("Overdue amount", OVERDUE,
                                                                     ["฿1,500.05", "฿0.00"])
    assert bars.hovertemplate == "%{x}<br>%{customdata}<extra></extra>"
    assert (line.type, list(line.x), list(line.y), line.name, line.mode, line.yaxis) == (
        "scatter", ["31 Jan 2024", "29 Feb 2024"], [56, 0], "Overdue", "lines+markers", "y2")
    assert (line.line.color, line.line.width, line.marker.size) == (MEMBERS, 4, 10)
    assert line.hovertemplate == "%{x}<br>%{y:,} members<extra></extra>"
    y, y2 = fig.layout.yaxis, fig.layout.yaxis2
    assert (y.title.text, y.tickformat, y.rangemode) == ("baht", ",.0f", "tozero")
    assert (y2.title.text, y2.tickformat, y2.rangemode, y2.showgrid) == ("members", ",.0f", "tozero", False)
    assert (fig.layout.title.text, fig.layout.height) == ("Overdue and members overdue, by snapshot", 480)
    thai = charts.overdue_figure(small())
    assert (thai.data[0].x[0], thai.data[0].customdata[0], thai.data[1].name) == (
        "31 ม.ค. 2567", "1,500.05 บาท", "ค้างชำระ")


def test_the_small_par_chart_trace_by_trace():
    fig = charts.par_figure(small(), "en")
    for trace, name, colour, y, shown in zip(fig.data, ("PAR30", "PAR90"), (OVERDUE, NEUTRAL), (25.0, 10.0),
                                             ("25.0%", "10.0%")):
        assert (trace.name, trace.mode, trace.line.color, trace.line.width, trace.marker.size) == (
            name, "lines+markers", colour, 4, 10)
        assert trace.connectgaps is False and list(trace.x) == ["31 Jan 2024", "29 Feb 2024"]
        assert trace.y[0] == pytest.approx(y) and trace.y[1] != trace.y[1]
        assert list(trace.customdata) == [shown, "-"]
        assert trace.hovertemplate == f"%{{x}}<br>{name} %{{customdata}}<extra></extra>"
    y = fig.layout.yaxis
    assert (y.title.text, y.ticksuffix, y.rangemode) == ("%", "%", "tozero")
    assert (fig.layout.title.text, fig.layout.height) == ("PAR30 and PAR90, by snapshot", 440)
    thai = charts.par_figure(small())
    assert (thai.data[0].x[0], thai.layout.title.text) == ("31 ม.ค. 2567", "PAR30 และ PAR90 ตามวันที่บันทึก")


def test_the_small_aging_chart_bucket_by_bucket_the_last_colour_for_the_rest():
    fig = charts.aging_mix_figure(small(), "en")
    assert [t.name for t in fig.data] == [f"{e} days" for e in EDGES[:-1]] + ["over 365 days"]
    assert [t.marker.color for t in fig.data] == [*charts.AGING_COLOURS, charts.AGING_COLOURS[-1]]
    first = fig.data[0]
    assert (first.type, list(first.x), list(first.y)) == ("bar", ["31 Jan 2024", "29 Feb 2024"], [1.0, 10.0])
    assert list(first.customdata) == ["฿1.00", "฿10.00"]
    assert first.hovertemplate == "%{x}<br>1-7 days: %{customdata}<extra></extra>"
    assert list(fig.data[-1].y) == [8.0, 80.0]
    assert (fig.layout.barmode, fig.layout.yaxis.title.text, fig.layout.yaxis.tickformat) == ("stack", "baht", ",.0f")
    assert (fig.layout.title.text, fig.layout.height) == ("Overdue by age, by snapshot", 500)
    thai = charts.aging_mix_figure(small())
    assert (thai.data[0].name, thai.data[0].x[0], thai.data[0].customdata[0], thai.layout.title.text) == (
        "1-7 วัน", "31 ม.ค. 2567", "1.00 บาท", "ยอดค้างตามอายุหนี้ ตามวันที่บันทึก")


def test_the_thai_text_dates_each_flow_and_chronic_debtor_in_be():
    lines = history_text(small(), "สหกรณ์ ก").splitlines()
    assert lines[8].startswith("31 ม.ค. 2567 - 29 ก.พ. 2567   ")
    assert lines[-1] == "  00  Name 0  ค้าง 2 งวดติดกัน ตั้งแต่ 31 ม.ค. 2567"
