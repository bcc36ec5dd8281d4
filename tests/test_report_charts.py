"""The projector figures' data, exactly: each trace's x, y, texts and hovers, titles, axes and colours, from small
frames whose figures are worked out by hand here (the pages only lay these figures out)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kmdash.i18n import t
from kmdash.report import chart_style, charts, province_charts
from kmdash.report.chart_style import MEMBERS, NEUTRAL, OVERDUE

RED, BLUE, GREY = "#c0392b", "#1f4e79", "#7f8c8d"  # the overdue, members and neutral colours


def test_the_colours_are_the_projectors():
    assert (OVERDUE, MEMBERS, NEUTRAL) == (RED, BLUE, GREY)


def test_every_figure_has_the_projector_layout():
    fig = chart_style.layout(charts.go.Figure(), "หัวเรื่อง")
    layout = fig.layout
    assert layout.title.text == "หัวเรื่อง" and layout.title.font.size == 24
    assert (layout.font.family, layout.font.size, layout.font.color) == (
        "Sarabun, Tahoma, 'Noto Sans Thai', sans-serif", 18, "#1a1a1a")
    assert layout.template.layout.paper_bgcolor == "white" and layout.template.layout.plot_bgcolor == "white"
    assert layout.height == 480
    assert (layout.margin.l, layout.margin.r, layout.margin.t, layout.margin.b) == (20, 20, 70, 20)
    assert layout.hoverlabel.font.size == 16
    assert (layout.legend.orientation, layout.legend.y) == ("h", -0.2)
    for axis in (layout.xaxis, layout.yaxis):
        assert (axis.tickfont.size, axis.title.font.size) == (16, 18)


def test_text_from_the_file_shows_as_written_in_a_chart():
    assert chart_style.safe(['<a href="x">A&B</a>', 7]).tolist() == ['&lt;a href="x"&gt;A&amp;B&lt;/a&gt;', "7"]


# ---------------------------------------------------------------- the debt picture


AGING = pd.DataFrame({"bucket": ["not_due", "1-30", "31-90", ">1095"], "overdue": [0.0, 1500.5, 250000.0, 1234.0],
                      "members": [40, 3, 1200, 1]})


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_aging_bars_leave_out_not_due_and_carry_baht_and_members(lang):
    fig = charts.aging_figure(AGING, lang)
    (bar,) = fig.data
    people = "คน" if lang == "th" else "members"
    assert list(bar.x) == [t("bucket_1-30", lang), t("bucket_31-90", lang), t("bucket_>1095", lang)]
    assert list(bar.y) == [1500.5, 250000.0, 1234.0]
    assert list(bar.text) == [f"1,500<br>3 {people}", f"250,000<br>1,200 {people}", f"1,234<br>1 {people}"]
    money = ["1,500.50 บาท", "250,000.00 บาท", "1,234.00 บาท"] if lang == "th" else \
        ["฿1,500.50", "฿250,000.00", "฿1,234.00"]
    assert list(bar.customdata) == money
    assert bar.hovertemplate == "%{x}<br>%{customdata}<extra></extra>"
    assert (bar.name, bar.marker.color, bar.textposition, bar.textfont.size, bar.cliponaxis) == (
        t("overdue", lang), RED, "outside", 16, False)
    assert fig.layout.yaxis.title.text == t("baht", lang) and fig.layout.yaxis.tickformat == ",.0f"
    assert list(fig.layout.yaxis.range) == [0, 250000.0 * 1.25]
    assert (fig.layout.xaxis.tickangle, fig.layout.xaxis.tickfont.size) == (0, 16)
    assert fig.layout.title.text == t("chart_aging", lang) and fig.layout.height == 520


def test_an_aging_with_nothing_overdue_still_draws_an_axis():
    fig = charts.aging_figure(AGING.head(1))
    assert list(fig.data[0].x) == [] and list(fig.layout.yaxis.range) == [0, 1.25]
    zero = AGING.assign(overdue=0.0)
    assert list(charts.aging_figure(zero).layout.yaxis.range) == [0, 1]


GROUPS = pd.DataFrame({"group": ["<b>กลุ่ม 1</b>", "กลุ่ม 2", "กลุ่ม 3", "กลุ่ม 4"],
                       "overdue": [9000.0, 1000.25, 0.0, 500.0], "share": [0.86, 0.0952, 0.0, 0.04762],
                       "members_overdue": [3, 2, 0, 1], "members": [10, 8, 5, 4]})


def test_the_group_bars_are_largest_on_top_with_their_share():
    fig = charts.group_figure(GROUPS, "en")
    (bar,) = fig.data
    assert list(bar.y) == ["กลุ่ม 4", "กลุ่ม 2", "&lt;b&gt;กลุ่ม 1&lt;/b&gt;"]  # drawn bottom up; none at zero
    assert list(bar.x) == [500.0, 1000.25, 9000.0]
    assert list(bar.text) == ["500 (4.8%)", "1,000 (9.5%)", "9,000 (86.0%)"]
    assert [list(row) for row in bar.customdata] == [["฿500.00", 1, 4], ["฿1,000.25", 2, 8], ["฿9,000.00", 3, 10]]
    assert bar.hovertemplate == ("%{y}<br>%{customdata[0]}<br>%{customdata[1]}/%{customdata[2]} Members overdue"
                                 "<extra></extra>")
    assert (bar.orientation, bar.marker.color, bar.textposition, bar.cliponaxis) == ("h", RED, "outside", False)
    assert fig.layout.xaxis.title.text == "baht" and fig.layout.xaxis.tickformat == ",.0f"
    assert list(fig.layout.xaxis.range) == [0, 9000.0 * 1.35]
    assert fig.layout.title.text == "Overdue by member group" and fig.layout.height == 420


def test_the_group_figure_keeps_the_top_groups_and_grows_with_them():
    many = pd.DataFrame({"group": [f"g{i}" for i in range(20)], "overdue": [100.0 - i for i in range(20)],
                         "share": [0.05] * 20, "members_overdue": [1] * 20, "members": [2] * 20})
    fig = charts.group_figure(many)
    assert list(fig.data[0].y) == [f"g{i}" for i in range(14, -1, -1)] and fig.layout.height == 40 * 15 + 140
    assert [list(charts.group_figure(many, top=2).data[0].y)] == [["g1", "g0"]]
    assert list(charts.group_figure(many.assign(overdue=0.0)).layout.xaxis.range) == [0, 1.35]


def members(overdue, days=None) -> pd.DataFrame:
    n = len(overdue)
    return pd.DataFrame({"member_no": [f"{i:05d}" for i in range(1, n + 1)], "name": [f"นาย {i}" for i in range(1, n + 1)],
                         "group": ["กลุ่ม <1>"] * n, "days": days or [30] * n, "overdue": overdue})


def test_the_pareto_curve_is_the_cumulative_share_largest_first_with_the_80_point():
    fig = charts.pareto_figure(members([10.0, 0.0, 60.0, 30.0]), "en")
    (curve,) = fig.data
    assert list(curve.x) == [1, 2, 3] and list(curve.y) == pytest.approx([60.0, 90.0, 100.0])
    assert (curve.mode, curve.line.width, curve.line.color, curve.name) == (
        "lines", 4, RED, "Cumulative share of overdue")
    assert curve.hovertemplate == "%{x:,} members: %{y:.1f}%<extra></extra>"
    eighty, members_line = fig.layout.shapes
    assert (eighty.y0, eighty.y1, eighty.line.dash, eighty.line.color) == (80, 80, "dash", GREY)
    assert (members_line.x0, members_line.x1, members_line.line.dash, members_line.line.color) == (2, 2, "dash", BLUE)
    (note,) = fig.layout.annotations
    assert (note.x, note.y, note.text) == (2, 80, "2 of 3 members hold 80%")
    assert (note.showarrow, note.arrowhead, note.ax, note.ay, note.xanchor, note.yanchor, note.bgcolor,
            note.font.size) == (True, 2, 40, 60, "left", "top", "white", 18)
    assert fig.layout.xaxis.title.text == "Members, largest overdue first"
    assert fig.layout.yaxis.title.text == "%" and list(fig.layout.yaxis.range) == [0, 105]
    assert fig.layout.title.text == "How many members hold 80% of the overdue"


def test_the_pareto_of_nobody_overdue_has_the_80_line_only():
    fig = charts.pareto_figure(members([0.0, 0.0]))
    assert list(fig.data[0].x) == [] and len(fig.layout.shapes) == 1 and not fig.layout.annotations


def test_a_long_pareto_curve_is_thinned_and_keeps_its_last_point():
    n = charts.PARETO_POINTS * 2 + 1  # a step of 2: every other member, and the last
    fig = charts.pareto_figure(members([1.0] * n))
    x = list(fig.data[0].x)
    assert x[:3] == [1, 3, 5] and x[-2:] == [n - 2, n] and len(x) == charts.PARETO_POINTS + 1
    assert fig.data[0].y[-1] == pytest.approx(100.0)
    below = charts.pareto_figure(members([1.0] * (charts.PARETO_POINTS * 2 - 1)))  # a step of 1: every member
    assert len(below.data[0].x) == charts.PARETO_POINTS * 2 - 1


def test_the_scatter_has_each_overdue_member_with_name_group_and_baht():
    fig = charts.scatter_figure(members([100.5, 0.0, 2000.0], days=[400, 10, 35]))
    (dots,) = fig.data
    assert dots.type == "scattergl" and dots.mode == "markers"
    assert list(dots.x) == [35, 400] and list(dots.y) == [2000.0, 100.5]  # largest first
    assert [list(row) for row in dots.customdata] == [["00003 นาย 3", "กลุ่ม &lt;1&gt;", "2,000.00 บาท"],
                                                      ["00001 นาย 1", "กลุ่ม &lt;1&gt;", "100.50 บาท"]]
    assert dots.hovertemplate == "%{customdata[0]}<br>%{customdata[1]}<br>%{x:,} วัน · %{customdata[2]}<extra></extra>"
    assert (dots.marker.size, dots.marker.color, dots.marker.opacity) == (9, RED, 0.6)
    assert fig.layout.xaxis.title.text == "จำนวนวันค้างชำระ" and fig.layout.xaxis.tickformat == ","
    assert fig.layout.yaxis.title.text == "บาท" and fig.layout.yaxis.tickformat == ",.0f"
    assert fig.layout.title.text == t("chart_scatter", "th")


def test_the_scatter_keeps_the_largest_members_when_many(monkeypatch):
    monkeypatch.setattr(charts, "SCATTER_LIMIT", 2)
    fig = charts.scatter_figure(members([5.0, 7.0, 1.0, 6.0]))
    assert list(fig.data[0].y) == [7.0, 6.0]
    assert charts.SCATTER_LIMIT == 2 and len(charts.scatter_figure(members([1.0] * 3)).data[0].x) == 2


# ---------------------------------------------------------------- the techniques' figures


def test_the_grade_bars_run_green_to_red_with_the_last_grade_red():
    counts = pd.DataFrame({"grade": ["A", "B", "C", "D", "<E>"], "members": [1200, 30, 0, 5, 2]})
    fig = charts.grades_figure(counts, "en")
    (bar,) = fig.data
    assert list(bar.x) == ["A", "B", "C", "D", "&lt;E&gt;"] and list(bar.y) == [1200, 30, 0, 5, 2]
    assert list(bar.marker.color) == ["#1e8449", "#52be80", "#f4d03f", "#c0392b", "#c0392b"]
    assert list(bar.text) == ["1,200 members", "30 members", "0 members", "5 members", "2 members"]
    assert bar.hovertemplate == "%{x}<br>%{y:,} members<extra></extra>"
    assert (bar.textposition, bar.textfont.size, bar.cliponaxis) == ("outside", 16, False)
    assert fig.layout.yaxis.title.text == "Members" and fig.layout.yaxis.tickformat == ","
    assert list(fig.layout.yaxis.range) == [0, 1200 * 1.2] and fig.layout.xaxis.tickangle == 0
    assert fig.layout.title.text == "Members per grade"
    three = charts.grades_figure(counts.head(3))
    assert list(three.data[0].marker.color) == ["#1e8449", "#52be80", "#c0392b"]
    assert list(charts.grades_figure(counts.head(1)).data[0].marker.color) == ["#1e8449"]


def test_grades_of_nobody_still_draw_an_axis():
    none = pd.DataFrame({"grade": ["A", "B"], "members": [0, 0]})
    assert list(charts.grades_figure(none).layout.yaxis.range) == [0, 1]
    assert list(charts.grades_figure(none.head(0)).layout.yaxis.range) == [0, 1.2]


ROTATION = pd.DataFrame({"cycle": [2, 1, 1, 2, 10], "member_no": ["00001", "00002", "ก-3", "00004", "00005"],
                         "name": ["นาย 1", "นาย 2", "ก-3", "นาย 4", "<นาย 5>"], "overdue": [300.0, 200.5, 100.0, 50.0, 10.0]})


def test_the_pool_bars_stack_each_cycle_s_members_under_the_pool_line():
    fig = charts.pool_figure(ROTATION, 400.0, "en")
    first, second = fig.data  # the first member of each cycle, then the second
    assert list(first.x) == ["Cycle 2", "Cycle 1", "Cycle 10"] and list(first.y) == [300.0, 200.5, 10.0]
    assert list(second.x) == ["Cycle 1", "Cycle 2"] and list(second.y) == [100.0, 50.0]
    assert [list(row) for row in first.customdata] == [["00001 นาย 1", "฿300.00"], ["00002 นาย 2", "฿200.50"],
                                                       ["00005 &lt;นาย 5&gt;", "฿10.00"]]
    assert [list(row) for row in second.customdata] == [["ก-3", "฿100.00"], ["00004 นาย 4", "฿50.00"]]
    for bar in fig.data:
        assert (bar.marker.color, bar.marker.line.color, bar.marker.line.width, bar.showlegend) == (
            RED, "white", 2, False)
        assert bar.hovertemplate == "%{x}<br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>"
    (line,) = fig.layout.shapes
    assert (line.y0, line.y1, line.line.dash, line.line.color, line.line.width) == (400.0, 400.0, "dash", BLUE, 3)
    (label,) = fig.layout.annotations
    assert label.text == "Pool 400.00 baht" and label.xanchor == "left" and label.yanchor == "bottom"
    assert fig.layout.barmode == "stack"
    assert fig.layout.xaxis.categoryorder == "array"
    assert list(fig.layout.xaxis.categoryarray) == ["Cycle 1", "Cycle 2", "Cycle 10"]
    assert fig.layout.yaxis.title.text == "baht" and fig.layout.yaxis.tickformat == ",.0f"
    assert list(fig.layout.yaxis.range) == [0, 400.0 * 1.15]
    assert fig.layout.title.text == "Each cycle's repayments against the pool"


LOADS = pd.DataFrame({"assignee": ["นาง ก", "<นาย ข>"], "overdue": [12000.5, 800.0], "members": [3, 12]})


def test_the_loads_by_amount_are_baht_bars_with_members_beside():
    fig = charts.loads_figure(LOADS, "amount", "th")
    (bar,) = fig.data
    assert list(bar.y) == ["&lt;นาย ข&gt;", "นาง ก"] and list(bar.x) == [800.0, 12000.5]
    assert list(bar.text) == ["800 (12 คน)", "12,000 (3 คน)"] and bar.marker.color == RED
    assert list(bar.customdata) == ["800.00 บาท", "12,000.50 บาท"]
    assert bar.hovertemplate == "%{y}<br>%{customdata}<extra></extra>"
    assert (bar.orientation, bar.textposition, bar.cliponaxis) == ("h", "outside", False)
    assert fig.layout.xaxis.title.text == "บาท" and fig.layout.xaxis.tickformat == ",.0f"
    assert list(fig.layout.xaxis.range) == [0, 12000.5 * 1.4]
    assert fig.layout.title.text == t("chart_loads", "th") and fig.layout.height == 360


def test_the_loads_by_count_are_member_bars_with_baht_beside():
    fig = charts.loads_figure(LOADS, "count", "en")
    (bar,) = fig.data
    assert list(bar.x) == [12, 3] and list(bar.text) == ["12 members (800)", "3 members (12,000)"]
    assert bar.marker.color == BLUE and list(bar.customdata) == ["฿800.00", "฿12,000.50"]
    assert fig.layout.xaxis.title.text == "Members" and fig.layout.xaxis.tickformat == ","
    assert list(fig.layout.xaxis.range) == [0, 12 * 1.4]


def test_the_loads_figure_grows_with_the_people():
    many = pd.DataFrame({"assignee": [f"p{i}" for i in range(6)], "overdue": [1.0] * 6, "members": [1] * 6})
    assert charts.loads_figure(many).layout.height == 50 * 6 + 140
    assert list(charts.loads_figure(many.head(0)).layout.xaxis.range) == [0, 1.4]
    assert list(charts.loads_figure(many.assign(overdue=0.0)).layout.xaxis.range) == [0, 1]


LEADERS = pd.DataFrame({"group": ["กลุ่ม <1>", "กลุ่ม 2", "กลุ่ม 3"], "overdue": [5000.25, 4000.0, 10.0],
                        "debtors": [7, 1500, 1]})


def test_the_leaders_bars_are_the_groups_overdue_with_the_debtors_beside():
    fig = charts.leaders_figure(LEADERS, "en", top=2)
    (bar,) = fig.data
    assert list(bar.y) == ["กลุ่ม 2", "กลุ่ม &lt;1&gt;"] and list(bar.x) == [4000.0, 5000.25]
    assert list(bar.text) == ["4,000 (1,500 members)", "5,000 (7 members)"]
    assert list(bar.customdata) == ["฿4,000.00", "฿5,000.25"]
    assert bar.hovertemplate == "%{y}<br>%{customdata}<extra></extra>"
    assert (bar.orientation, bar.marker.color, bar.textposition, bar.cliponaxis) == ("h", RED, "outside", False)
    assert fig.layout.xaxis.title.text == "baht" and fig.layout.xaxis.tickformat == ",.0f"
    assert list(fig.layout.xaxis.range) == [0, 5000.25 * 1.4]
    assert fig.layout.title.text == "Overdue per group" and fig.layout.height == 360
    many = pd.DataFrame({"group": [f"g{i}" for i in range(25)], "overdue": [1.0] * 25, "debtors": [1] * 25})
    assert len(charts.leaders_figure(many).data[0].y) == 20 and charts.leaders_figure(many).layout.height == 940
    assert list(charts.leaders_figure(many.head(0)).layout.xaxis.range) == [0, 1.4]
    assert list(charts.leaders_figure(many.assign(overdue=0.0)).layout.xaxis.range) == [0, 1]


# ---------------------------------------------------------------- the follow-up's figures


def test_the_status_bars_count_members_in_the_statuses_order():
    fig = charts.status_figure({"paid": 3, "joined": 1200, "left": 0}, "en")
    (bar,) = fig.data
    assert list(bar.x) == [t("fu_paid", "en"), "joined", "left"] and list(bar.y) == [3, 1200, 0]
    assert list(bar.text) == ["3", "1200", "0"] and bar.texttemplate == "%{text:,}"
    assert (bar.marker.color, bar.textposition, bar.cliponaxis) == (BLUE, "outside", False)
    assert fig.layout.yaxis.title.text == "Members" and fig.layout.yaxis.tickformat == ","
    assert fig.layout.title.text == "Members by follow-up status"


def test_the_transitions_grid_names_buckets_and_the_joined_and_left():
    matrix = pd.DataFrame([[1, 2], [3, 1400]], index=["1-30", "joined"], columns=["31-90", "left"])
    fig = charts.transitions_figure(matrix, "th")
    (grid,) = fig.data
    assert np.asarray(grid.z).tolist() == [[1, 2], [3, 1400]]
    assert list(grid.x) == ["31-90 วัน", "ไม่อยู่ในทะเบียนใหม่"] and list(grid.y) == ["1-30 วัน", "เข้ามาใหม่"]
    assert (grid.showscale, grid.texttemplate, grid.textfont.size) == (False, "%{z:,}", 16)
    assert grid.colorscale[0][1] == "rgb(247,251,255)" and grid.colorscale[-1][1] == "rgb(8,48,107)"  # Blues
    assert grid.hovertemplate == "%{y} → %{x}: %{z:,}<extra></extra>"
    assert fig.layout.yaxis.autorange == "reversed" and fig.layout.yaxis.title.text == "งวดก่อน"
    assert fig.layout.xaxis.title.text == "วันนี้" and fig.layout.xaxis.side == "top"
    assert fig.layout.title.text == t("chart_transitions", "th") and fig.layout.height == 120 + 50 * 2


def test_the_recovery_bars_keep_cash_and_refinancing_apart():
    table = pd.DataFrame({"value": ["a", "b", "c"], "recovered": [150050, 2000000, 0], "refinanced": [0, 50000, 700],
                          "rate": [0.5, 0.125, 0.0], "members": [2, 1500, 1]})
    fig = charts.recovery_figure(table, "กลุ่ม", lambda v: f"<{v}>", "th", top=2)
    cash, pool = fig.data
    assert list(cash.y) == ["&lt;b&gt;", "&lt;a&gt;"] == list(pool.y)
    assert list(cash.x) == [20000.0, 1500.5] and list(pool.x) == [500.0, 0.0]
    assert list(cash.text) == ["20,000 (12%, 1,500 คน)", "1,500 (50%, 2 คน)"]
    assert (cash.orientation, cash.marker.color, cash.name, cash.textposition, cash.cliponaxis) == (
        "h", BLUE, "รับชำระเป็นเงิน", "outside", False)
    assert (pool.orientation, pool.marker.color, pool.marker.pattern.shape, pool.name) == (
        "h", GREY, "/", "กู้ใหม่ผ่านกองทุน")
    assert fig.layout.barmode == "group"
    assert fig.layout.xaxis.title.text == "บาท" and fig.layout.xaxis.tickformat == ",.0f"
    assert fig.layout.title.text == "เงินที่รับชำระตามกลุ่ม" and fig.layout.height == 360
    assert charts.recovery_figure(table, "x", str).layout.height == 360
    assert charts.recovery_figure(pd.concat([table] * 2), "x", str).layout.height == 60 * 6 + 160
    assert len(charts.recovery_figure(pd.concat([table] * 6), "x", str).data[0].y) == 15


# ---------------------------------------------------------------- the province's figures


COOPS = pd.DataFrame({"label": ["สหกรณ์ <ก>", "สหกรณ์ ข", "สหกรณ์ ค"], "overdue": [500000.4, 1200.0, 90000.0],
                      "par30": [0.2, 0.05, 0.3], "par90": [0.1, 0.01, 0.25],
                      "long_overdue_share": [0.5, 0.125, 1.0]})


def test_the_province_overdue_bars_are_largest_on_top():
    fig = province_charts.overdue_figure(COOPS, "en")
    (bar,) = fig.data
    assert list(bar.y) == ["สหกรณ์ ข", "สหกรณ์ ค", "สหกรณ์ &lt;ก&gt;"] and list(bar.x) == [1200.0, 90000.0, 500000.4]
    assert list(bar.text) == ["1,200", "90,000", "500,000"]
    assert (bar.orientation, bar.marker.color, bar.textposition, bar.cliponaxis) == ("h", RED, "outside", False)
    assert fig.layout.xaxis.title.text == "baht" and fig.layout.xaxis.tickformat == ",.0f"
    assert fig.layout.title.text == "Principal overdue per co-op" and fig.layout.height == 360


def test_the_province_par_bars_are_side_by_side_in_percent():
    fig = province_charts.par_figure(COOPS, "th")
    par30, par90 = fig.data
    assert list(par30.y) == ["สหกรณ์ ข", "สหกรณ์ &lt;ก&gt;", "สหกรณ์ ค"] == list(par90.y)
    assert list(par30.x) == pytest.approx([5.0, 20.0, 30.0]) and list(par90.x) == pytest.approx([1.0, 10.0, 25.0])
    assert list(par30.text) == ["5.0%", "20.0%", "30.0%"] and list(par90.text) == ["1.0%", "10.0%", "25.0%"]
    assert (par30.name, par30.marker.color, par90.name, par90.marker.color) == ("PAR30", BLUE, "PAR90", RED)
    for bar in fig.data:
        assert (bar.orientation, bar.textposition, bar.cliponaxis) == ("h", "outside", False)
    assert fig.layout.barmode == "group"
    assert fig.layout.xaxis.title.text == "%" and fig.layout.xaxis.ticksuffix == "%"
    assert fig.layout.title.text == "PAR30 และ PAR90 รายสหกรณ์" and fig.layout.height == 360 + 60


def test_the_province_aging_is_a_100_percent_bar_per_coop_oldest_darkest():
    buckets = ["not_due", "1-30", "31-90", "91-180", "181-365", "366-730", "731-1095", ">1095", "extra"]
    aging = pd.DataFrame({"label": ["ก"] * len(buckets) + ["<ข>"] * len(buckets), "bucket": buckets * 2,
                          "share": [0.0, 0.5, 0.5, 0, 0, 0, 0, 0, 0] + [0.0, 0, 0, 0, 0, 0, 0, 0.25, 0.75]})
    fig = province_charts.aging_figure(aging, "en")
    assert [bar.name for bar in fig.data] == ["1-30 days", "31-90 days", "91-180 days", "181-365 days", "1-2 years",
                                              "2-3 years", "over 3 years", "extra days"]
    assert [bar.marker.color for bar in fig.data] == [*province_charts.AGING_COLOURS, "#3b0f0b"]
    assert province_charts.AGING_COLOURS == ("#f5b7b1", "#ec7063", "#e74c3c", "#c0392b", "#922b21", "#641e16",
                                             "#3b0f0b")
    assert [list(bar.y) for bar in fig.data] == [["ก", "&lt;ข&gt;"]] * 8
    assert [list(bar.x) for bar in fig.data][0] == [50.0, 0.0] and list(fig.data[-1].x) == [0.0, 75.0]
    assert all(bar.orientation == "h" for bar in fig.data)
    assert fig.layout.barmode == "stack"
    assert list(fig.layout.xaxis.range) == [0, 100] and fig.layout.xaxis.ticksuffix == "%"
    assert fig.layout.title.text == "Overdue by age, per co-op (100 %)" and fig.layout.height == 360 + 60


def test_the_province_long_overdue_share_per_coop():
    fig = province_charts.long_figure(COOPS, "en")
    (bar,) = fig.data
    assert list(bar.y) == ["สหกรณ์ ข", "สหกรณ์ &lt;ก&gt;", "สหกรณ์ ค"] and list(bar.x) == [12.5, 50.0, 100.0]
    assert list(bar.text) == ["12.5%", "50.0%", "100.0%"]
    assert (bar.orientation, bar.marker.color, bar.textposition, bar.cliponaxis) == ("h", GREY, "outside", False)
    assert list(fig.layout.xaxis.range) == [0, 110] and fig.layout.xaxis.ticksuffix == "%"
    assert fig.layout.title.text == "Long-overdue share per co-op" and fig.layout.height == 360


def test_a_province_of_many_coops_grows_its_figures():
    many = pd.concat([COOPS] * 3, ignore_index=True)  # nine co-ops
    assert province_charts.overdue_figure(many).layout.height == 120 + 44 * 9
    assert province_charts.long_figure(many).layout.height == 120 + 44 * 9
    assert province_charts.par_figure(many).layout.height == 120 + 44 * 9 + 60


# ---------------------------------------------------------------- each figure in the other language, and by default


def test_the_scatter_transitions_and_recovery_in_english():
    dots = charts.scatter_figure(members([100.5], days=[400]), "en")
    assert dots.data[0].hovertemplate.endswith("%{x:,} days · %{customdata[2]}<extra></extra>")
    assert dots.data[0].customdata[0][2] == "฿100.50"
    assert (dots.layout.xaxis.title.text, dots.layout.yaxis.title.text, dots.layout.title.text) == (
        t("days_overdue", "en"), "baht", t("chart_scatter", "en"))
    matrix = pd.DataFrame([[1, 2]], index=["1-30"], columns=["31-90", "left"])
    grid = charts.transitions_figure(matrix, "en")
    assert list(grid.data[0].x) == ["31-90 days", t("fu_left", "en")] and list(grid.data[0].y) == ["1-30 days"]
    assert (grid.layout.yaxis.title.text, grid.layout.xaxis.title.text, grid.layout.title.text) == (
        t("fu_then", "en"), t("fu_now", "en"), t("chart_transitions", "en"))
    assert list(charts.transitions_figure(matrix.rename(index={"1-30": "joined"}), "en").data[0].y) == [
        t("fu_joined", "en")]
    table = pd.DataFrame({"value": ["a"], "recovered": [150050], "refinanced": [700], "rate": [0.5], "members": [2]})
    cash, pool = (fig := charts.recovery_figure(table, "group", str, "en")).data
    assert list(cash.text) == ["1,500 (50%, 2 members)"] and (cash.name, pool.name) == (
        t("col_recovered", "en"), t("col_refinanced", "en"))
    assert fig.layout.xaxis.title.text == "baht" and fig.layout.title.text == t("chart_recovery", "en", what="group")


def test_the_pool_leaders_and_group_hovers_in_thai_baht_and_thai_by_default():
    assert [row[1] for row in charts.pool_figure(ROTATION, 400.0, "th").data[1].customdata] == ["100.00 บาท", "50.00 บาท"]
    assert list(charts.leaders_figure(LEADERS, "th", top=1).data[0].customdata) == ["5,000.25 บาท"]
    assert charts.group_figure(GROUPS, "th").data[0].customdata[0][0] == "500.00 บาท"
    # no language given: Thai
    assert list(charts.aging_figure(AGING).data[0].customdata) == ["1,500.50 บาท", "250,000.00 บาท", "1,234.00 บาท"]
    assert charts.group_figure(GROUPS).data[0].customdata[0][0] == "500.00 บาท"
    assert [row[1] for row in charts.pool_figure(ROTATION, 400.0).data[1].customdata] == ["100.00 บาท", "50.00 บาท"]
    assert list(charts.leaders_figure(LEADERS, top=1).data[0].customdata) == ["5,000.25 บาท"]


def test_a_group_owing_under_a_baht_has_a_bar_and_two_grades_run_green_to_red():
    assert list(charts.group_figure(GROUPS.assign(overdue=[9000.0, 0.5, 0.0, 0.0])).data[0].x) == [0.5, 9000.0]
    two = pd.DataFrame({"grade": ["A", "B"], "members": [3, 1]})
    assert list(charts.grades_figure(two).data[0].marker.color) == ["#1e8449", "#c0392b"]


def test_the_loads_title_in_english_and_thai_baht_by_default_and_a_pareto_of_half_a_baht_reaches_100():
    assert charts.loads_figure(LOADS, "count", "en").layout.title.text == "Load per person"
    assert list(charts.loads_figure(LOADS).data[0].customdata) == ["800.00 บาท", "12,000.50 บาท"]
    assert list(charts.pareto_figure(members([0.5, 0.0])).data[0].y) == [100.0]


def test_the_province_par_bars_in_english():
    fig = province_charts.par_figure(COOPS, "en")
    assert [bar.name for bar in fig.data] == ["PAR30", "PAR90"] and fig.layout.title.text == "PAR30 and PAR90 per co-op"
