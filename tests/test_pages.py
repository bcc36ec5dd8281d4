"""The dashboard's pages of the ledger (load, overview, groups, members) and the plan page, through AppTest: each
on the sample ledger and on uploaded ledgers; privacy, language, filters, the member detail, the settings, the
as-of date, bad files and the header mapping on them.

Expected figures never come from the app: tiles are checked against tests/support/figures.py's
`expected_figures` on the generator's loans (and, once, against the core's JSON summary).
"""

from __future__ import annotations

import io
import random
import re
from datetime import date

import pandas as pd
import pytest
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest
from ui.cache import RESULTS

from kmdash.errors import LedgerError
from kmdash.i18n import t
from kmdash.pipeline import read, run
from kmdash.report.summary import summarise
from kmdash.synthetic import LedgerShape, generate_loans, ledger_rows

from .support.app import (
    PAGES,
    TILES,
    chart_title,
    charts,
    column,
    expected_tiles,
    frames,
    go,
    leaks,
    page_text,
    pct,
    picker,
    start,
    strings,
    tiles,
    unescape,
    upload,
)
from .support.figures import expected_figures
from .support.ledgers import AS_OF, SAMPLE, XLSX, xlsx_bytes

THAI = re.compile("[\u0e00-\u0e7f]")
UNKNOWN = "ยอดผิดนัด"  # not a header kmdash knows

COOP = "สหกรณ์การเกษตรตัวอย่าง จำกัด"  # the sample's first title row: every page's heading
TITLES = {
    "th": {"load": "นำเข้าทะเบียน", "overview": "ภาพรวม", "groups": "กลุ่มสมาชิก", "members": "รายสมาชิก",
           "plan": "แผนติดตามหนี้"},
    "en": {"load": "Load ledger", "overview": "Overview", "groups": "Groups", "members": "Members",
           "plan": "Collection plan"},
}
CHART_TITLES = {
    "th": {"aging": "หนี้ค้างตามอายุหนี้", "groups": "หนี้ค้างตามกลุ่มสมาชิก",
           "pareto": "สมาชิกกี่คนถือหนี้ค้าง 80%", "scatter": "จำนวนวันค้างกับยอดค้างรายสมาชิก"},
    "en": {"aging": "Overdue by age", "groups": "Overdue by member group",
           "pareto": "How many members hold 80% of the overdue",
           "scatter": "Days overdue against amount, per member"},
}
PAGE_CHARTS = {"load": [], "overview": ["aging", "groups", "pareto", "scatter"], "groups": ["groups", "aging"], "plan": [],
               "members": ["pareto", "scatter"]}


# ---------------------------------------------------------------- helpers of these pages


def assert_heading(at: AppTest, lang: str, page: str) -> None:
    """The co-op's name is the heading; the page's name, the as-of date and the file stand under it."""
    assert unescape(at.title[0].value) == COOP
    assert unescape(at.caption[0].value).startswith(TITLES[lang][page] + " · ")


def assert_tiles_near(at: AppTest, exp: dict, lang: str = "th") -> None:
    assert tiles(at) == expected_tiles(exp, lang)


# ---------------------------------------------------------------- every page on the sample


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_renders_the_sample(page):
    at = go(start(), page)
    assert_heading(at, "th", page)
    if page == "load":
        banner = unescape(" ".join(i.value for i in at.info))
        assert "ledger_th.xlsx" in banner and "ตัวอย่าง" in banner  # says plainly it is the sample
    else:
        assert any(c.value == t("sample_note") for c in at.caption)
    assert not at.error and not at.warning
    assert [chart_title(f) for f in charts(at)] == [CHART_TITLES["th"][c] for c in PAGE_CHARTS[page]]


@pytest.fixture(scope="module")
def sample_core() -> dict:
    """The core's JSON summary of the sample (what `python -m kmdash summary --json` prints)."""
    return summarise(run(SAMPLE))


@pytest.mark.parametrize("page", ["load", "overview"])
def test_tiles_show_the_core_figures(page, sample_expected, sample_core):
    at = go(start(), page)
    assert tiles(at) == expected_tiles(sample_expected)
    assert at.metric[6].value == "15,639,460.11"
    # the core's own JSON agrees too
    core = sample_core
    assert [m.value for m in at.metric] == [
        f"{core['members']:,}", f"{core['members_overdue']:,}", f"{core['members_long_overdue']:,}",
        pct(core["par30"]), pct(core["par90"]), f"{core['outstanding']:,.2f}", f"{core['overdue']:,.2f}",
        f"{core['interest_arrears']:,.2f}"]


# ---------------------------------------------------------------- privacy


@pytest.mark.parametrize("lang", ["th", "en"])
def test_privacy_removes_every_name_and_member_number(lang, personal):
    names, numbers = personal
    at = start(lang, privacy=True)
    for page in PAGES:
        go(at, page)
        shown = page_text(at)
        for kind, texts in shown.items():
            found_names, found_numbers = leaks(texts, names, numbers)
            assert not found_names and not found_numbers, (page, kind, sorted(found_names)[:5],
                                                           sorted(found_numbers)[:5])
    # the members page still lists every member, under aliases
    alias = t("member_alias", lang)
    table = frames(at)[0]
    assert len(table) == 375
    assert column(table, "member_no", lang).str.fullmatch(alias + r" \d{3}").all()
    assert (column(table, "name", lang) == column(table, "member_no", lang)).all()
    assert all(re.fullmatch(alias + r" \d{3}", o) for o in picker(at).options)
    detail = frames(at)[1]
    assert (column(detail, "guarantor", lang) == t("hidden", lang)).all()
    assert (column(detail, "contract", lang) == t("hidden", lang)).all()
    scatter = charts(at)[1]
    assert all(re.fullmatch(alias + r" \d{3}", row[0]) for row in scatter["data"][0]["customdata"])

    # another member's detail is masked too
    picker(at).set_value(100)
    go(at)
    found_names, found_numbers = leaks([s for texts in page_text(at).values() for s in texts], names, numbers)
    assert not found_names and not found_numbers


def test_privacy_on_an_uploaded_ledger_keyed_by_name(loans_300):
    """A ledger with no member-number column: the core keys members by name; privacy still hides them."""
    data = xlsx_bytes(ledger_rows(loans_300, LedgerShape(drop_fields=("member_no",)), AS_OF))
    names = {p.split(" ", 1)[1] for p in set(loans_300["name"]) | set(loans_300["guarantor"]) if p}
    at = upload(start(privacy=True), ("by_name.xlsx", data, XLSX))
    assert at.metric and not at.error
    for page in PAGES:
        go(at, page)
        for kind, texts in page_text(at).items():
            assert not leaks(texts, names, set())[0], (page, kind)
    assert len(frames(at)[0]) == loans_300["name"].nunique()
    at.toggle(key="privacy").set_value(False)
    go(at)
    assert leaks(page_text(at)["dataframe"], names, set())[0]


def test_without_privacy_names_and_numbers_are_shown(personal, sample_loans):
    """The check above can fail: the same elements do carry names and member numbers when privacy is off."""
    names, numbers = personal
    at = go(start(), "overview")
    found_names, found_numbers = leaks(strings(charts(at)[3]), names, numbers)  # the scatter's hover
    assert found_names and found_numbers
    go(at, "members")
    shown = page_text(at)
    for kind in ("dataframe", "selectbox", "plotly_chart", "markdown"):
        found_names, found_numbers = leaks(shown[kind], names, numbers)
        assert found_names and found_numbers, kind
    top = sample_loans[sample_loans["member_no"] == "00386"]["name"].iloc[0]
    assert picker(at).options[0] == f"00386 {top}"


def test_privacy_can_be_switched_off_again(personal):
    names, numbers = personal
    at = go(start(privacy=True), "members")
    assert not any(leaks(page_text(at)["dataframe"], names, numbers))
    at.toggle(key="privacy").set_value(False)
    go(at)
    assert all(leaks(page_text(at)["dataframe"], names, numbers))


# ---------------------------------------------------------------- language


def labels(at: AppTest) -> list[str]:
    """The interface's own words on a page: titles, captions, boxes, tiles, widget labels and help,
    table headers, chart titles, axis titles, legends and notes (data such as group names left out)."""
    out = [e.value for kind in ("title", "header", "subheader", "caption", "info", "success", "warning", "error")
           for e in at.get(kind)]
    out += [m.label for m in at.metric] + [m.proto.help for m in at.metric]
    out += [e.label for e in at.get("expander")]
    for kind in ("multiselect", "number_input", "selectbox", "date_input", "file_uploader", "button"):
        out += [w.label for w in at.get(kind)] + [w.help or "" for w in at.get(kind)]
    out += [w.placeholder for w in at.multiselect]
    out += [str(c) for frame in frames(at) for c in frame.columns]
    for figure in charts(at):
        layout = figure["layout"]
        out.append(chart_title(figure))
        axes = [v for k, v in layout.items() if k.startswith(("xaxis", "yaxis")) and "title" in v]
        out += [v["title"].get("text", "") for v in axes]
        out += [a["text"] for a in layout.get("annotations", [])]
        out += [trace.get("name", "") for trace in figure["data"]]
    out += [at.toggle(key="privacy").label, at.toggle(key="privacy").help]
    return out


DATA_WORDS = ("หมายเหตุ", COOP, "ลูกหนี้เงินกู้")  # a header, the co-op's name, the sheet's name  # the sample's own header names, quoted in "Columns not used: หมายเหตุ"


def strip_data(text: str) -> str:
    for word in DATA_WORDS:
        text = text.replace(word, "")
    return text


def test_english_switch_changes_the_labels():
    at = start()
    for lang in ("th", "en", "th"):
        at.radio(key="lang").set_value(lang)
        for page in PAGES:
            go(at, page)
            assert_heading(at, lang, page)
            assert [chart_title(f) for f in charts(at)] == [CHART_TITLES[lang][c] for c in PAGE_CHARTS[page]]
            if page in ("load", "overview"):
                assert [m.label for m in at.metric] == TILES[lang]
            words = [strip_data(w) for w in labels(at)]
            if lang == "en":
                assert not [w for w in words if THAI.search(w)], page
            else:
                assert sum(bool(THAI.search(w)) for w in words) > len(words) // 2, page


def test_english_bucket_labels_in_tables_and_charts():
    at = go(start("en"), "members")
    buckets = set(column(frames(at)[0], "bucket", "en"))
    assert buckets and not [b for b in buckets if THAI.search(b)]
    go(at, "overview")
    aging = charts(at)[0]
    assert aging["data"][0]["x"][0] == "1-30 days" and not [x for x in aging["data"][0]["x"] if THAI.search(x)]


# ---------------------------------------------------------------- uploads


def test_uploaded_ledger_tiles_show_its_figures(upload_300, loans_300):
    """PAR30 of this ledger is 31.4517%: the tile must read 31.5%, not a rounding of the 4-decimal 0.3145."""
    want = expected_tiles(expected_figures(loans_300, AS_OF))
    at = upload(start(), upload_300)
    assert tiles(at) == want
    go(at, "overview")
    assert tiles(at) == want


def test_uploaded_ledger_replaces_the_sample_on_every_page(upload_300, loans_300):
    want = expected_figures(loans_300, AS_OF)
    at = upload(start(), upload_300)
    assert_tiles_near(at, want)
    assert "ledger_th.xlsx" not in " ".join(i.value for i in at.info)
    assert upload_300[0] in unescape(at.sidebar.markdown[0].value)  # the file in use, on every page
    go(at, "overview")
    assert_tiles_near(at, want)
    assert not any(c.value == t("sample_note") for c in at.caption)
    go(at, "groups")
    groups = group_rows(at)
    assert list(column(groups, "group")) == [g["group"] for g in want["by_group"]]
    assert list(column(groups, "members")) == [g["members"] for g in want["by_group"]]
    go(at, "members")
    assert len(frames(at)[0]) == want["members"]
    assert set(column(frames(at)[0], "member_no")) == set(loans_300["member_no"])
    # back on the load page the upload is still in use; clearing it says there is no file (no figures, never
    # the sample's in its place), and the sidebar's button brings the sample back
    go(at, "load")
    assert_tiles_near(at, want)
    at.file_uploader[0].set_value(upload_300)
    go(at)
    at.file_uploader[0].set_value(None)
    go(at)
    assert [i.value for i in at.info] == [t("no_file_note", page=t("page_load"), back=t("back_to_sample"))]
    assert not at.metric and unescape(at.sidebar.markdown[0].value) == f"**{t('no_file')}**"
    at.sidebar.button[0].click()
    go(at)
    assert "ledger_th.xlsx" in unescape(" ".join(i.value for i in at.info))
    assert at.metric[6].value == "15,639,460.11"


def _core_error(data: bytes) -> LedgerError:
    with pytest.raises(LedgerError) as caught:
        read(data)
    return caught.value


BAD_FILES = {
    "random_bytes": lambda loans: random.Random(0).randbytes(4096),
    "zero_bytes": lambda loans: b"",
    "no_amount_column": lambda loans: xlsx_bytes(ledger_rows(
        loans, LedgerShape(drop_fields=("outstanding", "principal_overdue")), AS_OF)),
}


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("bad", list(BAD_FILES))
def test_bad_file_shows_the_core_error_and_the_app_keeps_working(bad, lang, loans_300, upload_300):
    data = BAD_FILES[bad](loans_300)
    error = _core_error(data)
    at = upload(start(lang), ("ledger.xlsx", data, XLSX))
    assert len(at.error) == 1 and error.message(lang) in unescape(at.error[0].value)
    assert not at.metric
    for page in ("overview", "groups", "members"):
        go(at, page)
        assert error.message(lang) in unescape(at.error[0].value)
        assert at.info[0].value == t("go_load", lang)
        assert not at.metric and not at.dataframe and not at.get("plotly_chart")
    at = upload(at, upload_300)
    assert not at.error
    assert_tiles_near(at, expected_figures(loans_300, AS_OF), lang)
    go(at, "overview")
    assert not at.error
    assert_tiles_near(at, expected_figures(loans_300, AS_OF), lang)


# ---------------------------------------------------------------- header mapping


def apply_mapping(at: AppTest, header: str, field: str) -> AppTest:
    box = at.selectbox(key=f"map_{header}")
    assert box.label == header
    box.set_value(field)
    next(b for b in at.button if b.label == t("map_apply")).click()
    return go(at)


def test_unknown_header_is_mapped_in_the_form(loans_300):
    data = xlsx_bytes(ledger_rows(loans_300, LedgerShape(rename={"principal_overdue": UNKNOWN}), AS_OF))
    at = upload(start(), ("renamed.xlsx", data, XLSX))
    assert not at.error
    # without the column kmdash counts outstanding principal as overdue, and says which header it did not know
    assert_tiles_near(at, expected_figures(loans_300, AS_OF, basis="outstanding"))
    assert [s.label for s in at.selectbox] == [UNKNOWN]
    assert at.selectbox(key=f"map_{UNKNOWN}").value == ""
    assert "principal_overdue" in at.selectbox(key=f"map_{UNKNOWN}").options or \
        t("col_principal_overdue") in at.selectbox(key=f"map_{UNKNOWN}").options

    apply_mapping(at, UNKNOWN, "principal_overdue")
    want = expected_figures(loans_300, AS_OF)
    assert not at.error
    assert_tiles_near(at, want)
    go(at, "overview")
    assert_tiles_near(at, want)


def test_only_amount_column_unknown_shows_error_and_form(loans_300):
    shape = LedgerShape(drop_fields=("outstanding",), rename={"principal_overdue": UNKNOWN})
    data = xlsx_bytes(ledger_rows(loans_300, shape, AS_OF))
    error = _core_error(data)
    assert error.unmapped == [UNKNOWN]
    at = upload(start(), ("no_amount.xlsx", data, XLSX))
    assert error.message("th") in unescape(at.error[0].value)
    assert not at.metric
    assert [s.label for s in at.selectbox] == [UNKNOWN]

    apply_mapping(at, UNKNOWN, "principal_overdue")
    assert not at.error
    # no outstanding column: PAR cannot be computed and shows "-"
    assert tiles(at) == expected_tiles(expected_figures(loans_300, AS_OF), par=False)


# ---------------------------------------------------------------- filters


def test_group_filter_leaves_that_group(sample_expected):
    at = go(start(), "groups")
    groups = group_rows(at)
    assert list(column(groups, "group")) == [g["group"] for g in sample_expected["by_group"]]
    chosen = sample_expected["by_group"][2]
    at.multiselect(key="groups_groups").select(chosen["group"])
    go(at)
    table = group_rows(at)
    assert list(column(table, "group")) == [chosen["group"]]
    row = table.iloc[0]
    assert (row[t("col_members")], row[t("col_members_overdue")]) == (chosen["members"], chosen["members_overdue"])
    assert abs(row[t("col_overdue")] - chosen["overdue"]) < 0.005
    bars = charts(at)[0]["data"][0]
    assert list(bars["y"]) == [chosen["group"]]


def group_rows(at: AppTest) -> pd.DataFrame:
    """The group table's groups; its last row is their total, checked here."""
    table = frames(at)[0]
    groups, total = table.iloc[:-1], table.iloc[-1]
    assert total[t("col_group")] == t("total")
    for name in ("members", "members_overdue", "overdue"):
        assert abs(total[t(f"col_{name}")] - column(groups, name).sum()) < 0.005, name
    assert abs(total[t("col_share")] - 100.0) < 0.05
    return groups


def test_bucket_filter_on_groups_page(sample_expected):
    at = go(start(), "groups")
    at.multiselect(key="groups_buckets").select("366-730")
    go(at)
    bucket = next(b for b in sample_expected["aging"] if b["bucket"] == "366-730")
    table = group_rows(at)
    assert abs(column(table, "overdue").sum() - bucket["overdue"]) < 0.005
    assert any(c.value.startswith(f"แสดง {bucket['loans']:,} สัญญา") for c in at.caption)


def test_minimum_amount_filter_on_members_page(sample_expected):
    at = go(start(), "members")
    assert len(frames(at)[0]) == sample_expected["members"]
    at.number_input(key="members_min").set_value(100_000.0)
    go(at)
    table = frames(at)[0]
    want = {m["member"] for m in sample_expected["top_members"] if m["overdue"] >= 100_000}
    assert set(column(table, "member_no")) == want and len(table) == len(want)
    assert (column(table, "overdue") >= 100_000).all()
    assert len(picker(at).options) == len(want)


def test_bucket_filter_on_members_page(sample_expected):
    at = go(start(), "members")
    at.multiselect(key="members_buckets").select(">1095")
    go(at)
    table = frames(at)[0]
    oldest = next(b for b in sample_expected["aging"] if b["bucket"] == ">1095")
    assert len(table) == oldest["members"]
    assert set(column(table, "bucket")) == {"เกิน 3 ปี"}


def test_filter_that_matches_nothing(sample_expected):
    at = go(start(), "members")
    at.number_input(key="members_min").set_value(10_000_000.0)
    go(at)
    assert at.info[0].value == t("no_rows")
    assert not at.dataframe


def test_narrowing_filter_after_picking_a_late_member(sample_expected):
    """A member picked far down the list, then a filter that leaves fewer members: no exception."""
    at = go(start(), "members")
    picker(at).set_value(300)
    go(at)
    at.number_input(key="members_min").set_value(100_000.0)
    go(at)
    assert len(frames(at)[0]) == len([m for m in sample_expected["top_members"] if m["overdue"] >= 100_000])
    assert picker(at).value < len(frames(at)[0])


# ---------------------------------------------------------------- member detail


def test_member_detail_shows_the_chosen_members_loans(sample_loans):
    at = go(start(), "members")
    table = frames(at)[0]
    numbers = list(column(table, "member_no"))
    counts = sample_loans["member_no"].value_counts()
    index = next(i for i, no in enumerate(numbers) if counts[no] == 3 and i > 0)
    member_no = numbers[index]
    theirs = sample_loans[sample_loans["member_no"] == member_no]
    name = theirs["name"].iloc[0]

    box = picker(at)
    assert box.options[index] == f"{member_no} {name}"
    box.set_value(index)
    go(at)
    detail = frames(at)[1]
    assert sorted(column(detail, "contract")) == sorted(theirs["contract"])
    assert sorted(column(detail, "outstanding").round(2)) == sorted(theirs["outstanding"].round(2))
    assert f"{member_no} {name}" in unescape(at.markdown[0].value)


def test_settings_switch_buckets_to_months_and_move_the_long_overdue_threshold(sample_loans):
    at = start()
    at.radio(key="settings_unit").set_value("months")
    at.number_input(key="settings_long_days").set_value(180)
    go(at)
    assert tiles(at) == expected_tiles(expected_figures(sample_loans, AS_OF, long_days=180), long_days=180)
    go(at, "groups")
    assert "6-12 เดือน" in at.multiselect(key="groups_buckets").options


def _two_sheet_workbook(first: pd.DataFrame, second: pd.DataFrame) -> bytes:
    book = Workbook()
    for sheet, loans in ((book.active, first), (book.create_sheet(), second)):
        sheet.title = f"ลูกหนี้ {len(loans)}"
        for row in ledger_rows(loans, LedgerShape(), AS_OF):
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_workbook_with_several_sheets_offers_the_choice():
    """Sheets of one as-of date are read together by default; the picker still reads one."""
    first, second = generate_loans(40, seed=3), generate_loans(70, seed=4)
    at = upload(start(), ("สองแผ่น.xlsx", _two_sheet_workbook(first, second), XLSX))
    assert tiles(at) == expected_tiles(expected_figures(pd.concat([first, second], ignore_index=True), AS_OF))
    sheet_box = next(s for s in at.selectbox if s.label == t("sheet", "th"))
    assert sheet_box.options == [t("sheets_all", "th"), "ลูกหนี้ 40", "ลูกหนี้ 70"]
    sheet_box.set_value("ลูกหนี้ 70")
    go(at)
    assert tiles(at) == expected_tiles(expected_figures(second, AS_OF))
    next(s for s in at.selectbox if s.label == t("sheet", "th")).set_value("ลูกหนี้ 40")
    go(at)
    assert tiles(at) == expected_tiles(expected_figures(first, AS_OF))


def test_the_as_of_date_is_editable_and_the_figures_follow(sample_loans):
    at = start()
    assert at.text_input(key="as_of_text").value == "31/03/2567"
    at.text_input(key="as_of_text").set_value("30/06/2567")
    go(at)
    assert at.text_input(key="as_of_text").value == "30/06/2567"
    assert tiles(at) == expected_tiles(expected_figures(sample_loans, date(2024, 6, 30)))


@pytest.mark.parametrize("typed", ["30/09/2567", "30 ก.ย. 2567", "2567-09-30", "2024-09-30", "30/09/2024",
                                   "30 กันยายน 2567"])
def test_the_as_of_date_is_typed_as_thai_staff_write_it(typed, sample_loans):
    at = start()
    at.text_input(key="as_of_text").set_value(typed)
    go(at)
    assert tiles(at) == expected_tiles(expected_figures(sample_loans, date(2024, 9, 30)))
    assert at.text_input(key="as_of_text").value == "30/09/2567"  # as read, in the Thai way
    assert any(c.value.startswith("30 ก.ย. 2567") for c in at.caption)  # the date read, in Thai, beside it


def test_text_that_is_not_a_date_is_said_plainly_and_the_figures_stay(sample_loans):
    at = start()
    at.text_input(key="as_of_text").set_value("31/02/2567")
    go(at)
    assert any("31/02/2567" in unescape(e.value) and "31/03/2567" in unescape(e.value) for e in at.error)
    assert tiles(at) == expected_tiles(expected_figures(sample_loans, AS_OF))
    at.text_input(key="as_of_text").set_value("31/03/2567")
    go(at)
    assert not at.error


def test_choosing_a_sheet_without_a_ledger_shows_the_error_and_the_sheet_picker_to_go_back():
    first = generate_loans(40, seed=3)
    book = Workbook()
    for row in ledger_rows(first, LedgerShape(), AS_OF):
        book.active.append(row)
    book.active.title = "ลูกหนี้"
    book.create_sheet("หมายเหตุ").append(["บันทึกการประชุม"])
    buffer = io.BytesIO()
    book.save(buffer)
    at = upload(start(), ("สองแผ่น.xlsx", buffer.getvalue(), XLSX))
    next(s for s in at.selectbox if s.label == t("sheet", "th")).set_value("หมายเหตุ")
    go(at)
    assert at.error and not at.metric
    next(s for s in at.selectbox if s.label == t("sheet", "th")).set_value("ลูกหนี้")
    go(at)
    assert tiles(at) == expected_tiles(expected_figures(first, AS_OF))


# ---------------------------------------------------------------- board meeting: text as data, one language


HOSTILE = {"member": "[x](http://a.example)", "tag": "<b>x</b>", "formula": '=HYPERLINK("http://evil.example","คลิก")'}
HOSTILE_GROUP = '<a href="http://b.example">g</a>'
MARKUP = re.compile(r"(?<!\\)\]\((?:http|www)|(?<!\\)<[a-z/]|(?<![\\&])http://")  # a link or tag Markdown would render


def hostile_ledger(loans: pd.DataFrame) -> tuple[str, bytes, str]:
    """The loans with members named like links, tags and formulas, and a group named like a link."""
    loans = loans.copy()
    members = list(loans["member_no"].drop_duplicates()[:3])
    for member, name in zip(members, HOSTILE.values()):
        loans.loc[loans["member_no"] == member, "name"] = name
    loans.loc[loans["group"] == loans["group"].iloc[0], "group"] = HOSTILE_GROUP
    return ("hostile_[x](http://a.example).xlsx", xlsx_bytes(ledger_rows(loans, LedgerShape(), AS_OF)), XLSX)


def markdown_bodies(at: AppTest) -> list[str]:
    """Every text Streamlit renders as Markdown: titles, captions, boxes, markdown, labels."""
    out = [e.value for kind in ("title", "header", "subheader", "caption", "markdown", "info", "success",
                                "warning", "error") for e in at.get(kind)]
    out += [at.sidebar.markdown[i].value for i in range(len(at.sidebar.markdown))]
    for kind in ("selectbox", "multiselect", "text_input", "number_input", "metric", "expander"):
        out += [w.label for w in at.get(kind)]
    return out


def test_text_from_the_file_is_never_rendered_as_a_link_or_a_tag(loans_300):
    at = upload(start(), hostile_ledger(loans_300))
    assert not at.error
    go(at, "members")
    hostile = next(i for i, o in enumerate(picker(at).options) if HOSTILE["member"] in o)
    picker(at).set_value(hostile)
    for page in PAGES:
        if page != "members":
            go(at, page)
        else:
            go(at)
        for body in markdown_bodies(at):
            assert not MARKUP.search(body), (page, body)
        for figure in charts(at):
            for text in strings(figure):
                assert "<a " not in text and "<b>" not in text, (page, text)
    # the names are still there, shown as written
    assert any(HOSTILE["member"] in unescape(b) for b in markdown_bodies(at))


def test_skip_reasons_and_messages_in_the_chosen_language_only():
    at = start("en")
    reasons = frames(at)[-1]
    assert list(reasons.columns) == ["Row", "Reason"]
    assert reasons["Reason"].str.startswith(("subtotal", "grand total", "blank row", "below the grand total")).all()
    assert not reasons["Reason"].str.contains("แถวยอดรวมกลุ่ม|แถวว่าง").any()
    at.radio(key="lang").set_value("th")
    go(at)
    assert frames(at)[-1]["เหตุผล"].str.startswith(("แถวยอดรวมกลุ่ม", "แถวรวมทั้งสิ้น", "แถวว่าง",
                                                    "อยู่ใต้แถวรวมทั้งสิ้น")).all()


def test_no_empty_skipped_rows_box(loans_300):
    rows = ledger_rows(loans_300, LedgerShape(title_rows=False, subtotals=False, grand_total=False, signature=False,
                                              blank_rows=0), AS_OF)
    at = upload(start(), ("clean.xlsx", xlsx_bytes(rows), XLSX))
    assert not [e for e in at.expander if "0" in e.label.split()]
    assert not any(e.label.startswith(t("skipped_rows", n=0)[:10]) for e in at.expander)


def test_the_file_in_use_shows_on_every_page_with_a_way_back_to_the_sample(upload_300):
    at = upload(start(), upload_300)
    for page in PAGES:
        go(at, page)
        assert unescape(at.sidebar.markdown[0].value) == f"**{upload_300[0]}**"
        assert any(c.value == f"{t('sheet')}: ลูกหนี้เงินกู้" for c in at.sidebar.caption)
    at.sidebar.button[0].click()
    go(at)
    assert unescape(at.sidebar.markdown[0].value) == "**ledger_th.xlsx**"
    assert not at.sidebar.button  # already on the sample: nothing to go back to
    go(at, "load")
    assert at.get("file_uploader")[0].value is None  # the uploader is empty again, not showing the old file


def test_bars_carry_their_values_and_shares_have_one_decimal(sample_expected):
    at = go(start(), "overview")
    aging, groups = charts(at)[0], charts(at)[1]
    overdue = {b["bucket"]: b["overdue"] for b in sample_expected["aging"] if b["bucket"] != "not_due"}
    members = {b["bucket"]: b["members"] for b in sample_expected["aging"] if b["bucket"] != "not_due"}
    assert aging["data"][0]["text"] == [f"{v:,.0f}<br>{members[b]:,} คน" for b, v in overdue.items()]
    top = sample_expected["by_group"][0]
    assert groups["data"][0]["text"][-1] == f"{top['overdue']:,.0f} ({top['share'] * 100:.1f}%)"
    assert all(re.fullmatch(r"[\d,]+ \(\d+\.\d%\)", s) for s in groups["data"][0]["text"])


def test_english_age_labels_stand_upright():
    at = go(start("en"), "overview")
    layout = charts(at)[0]["layout"]
    assert layout["xaxis"]["tickangle"] == 0


@pytest.mark.usefixtures("empty_streamlit_caches")
def test_the_caches_keep_a_bounded_number_of_files_however_many_pass_through():
    """An office server is shared: after ten different uploads the caches hold at most their bound."""
    from streamlit.runtime.caching import cache_data_api, cache_resource_api

    at = start()
    for seed in range(10):
        loans = generate_loans(30, seed=100 + seed)
        at = upload(at, (f"l{seed}.xlsx", xlsx_bytes(ledger_rows(loans, LedgerShape(), AS_OF)), XLSX))
        assert at.metric
    for caches in (cache_resource_api._resource_caches, cache_data_api._data_caches):
        found = list(caches._function_caches.values())
        found = [c for x in found for c in (x.values() if isinstance(x, dict) else [x])]
        for cache in found:
            assert len(cache.get_stats()) <= cache.max_entries <= RESULTS, cache
    assert len(cache_resource_api._resource_caches._function_caches[None]) == 2  # the read and the analysis
