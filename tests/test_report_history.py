"""The history as a board sees it: the text report and the trend charts (kmdash/report/history.py,
history_charts.py), from a year saved in the store; figures from the generator."""

from __future__ import annotations

import json

import pytest

from kmdash import store
from kmdash.history import history
from kmdash.report import history_charts as charts
from kmdash.report.history import history_text
from kmdash.words import day


@pytest.fixture
def year_history(tmp_path, year_results):
    engine = store.open_store(f"sqlite:///{tmp_path / 's.db'}")
    for result in year_results:
        store.save_ledger(engine, result)
    coop = store.coops(engine)[0]
    return history(coop, store.history_rows(engine, coop))


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
