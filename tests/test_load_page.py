"""The load page, branch by branch: every warning, badge, note list and form it can show, through app.py.

The ledgers are the hand-written loans of tests/support/shapes.py laid out as co-op programs print them,
with one thing changed per test; the sample ledger is the case where nothing is wrong.
"""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook

from kmdash.i18n import t
from kmdash.report.display import date_entry
from kmdash.synthetic import LedgerShape, generate_loans, ledger_rows

from .support.app import expected_tiles, go, leaks, page_text, start, tiles, unescape, upload
from .support.figures import expected_figures
from .support.ledgers import AS_OF, XLSX, workbook_bytes, xlsx_bytes
from .support.shapes import G1, LOANS, Sheet, amounts_line, expected, render, replace_loan

NAMES = {loan.name for loan in LOANS} | {loan.name.split(" ")[-1] for loan in LOANS}  # full names and surnames


def upload_sheet(sheet: Sheet, lang: str = "th", privacy: bool = False, name: str = "ledger.xlsx"):
    return upload(start(lang, privacy), (name, workbook_bytes(*sheet.rows), XLSX))


def badge(key: str, **values) -> str:
    """A badge's text as the page holds it: Streamlit shows the leading mark (✔, ✖) as the box's icon."""
    return t(key, **values).split(" ", 1)[1]


def texts(at) -> str:
    return "\n".join(s for shown in page_text(at).values() for s in shown)


def test_the_sample_shows_its_file_its_date_from_the_title_and_a_matching_total():
    at = go(start())
    assert not at.warning and not at.error
    assert [s.value for s in at.success] == [badge("rec_badge_ok")]
    assert t("as_of_title") in " ".join(c.value for c in at.caption)
    assert t("ignored_headers", headers="หมายเหตุ") in [c.value for c in at.caption]


def test_a_ledger_without_a_report_date_falls_back_to_today_and_says_so():
    at = upload_sheet(render(titles=()))
    assert [w.value for w in at.warning] == [t("as_of_today_warning")]
    assert at.text_input(key="as_of_text").value == date_entry(date.today())
    assert f"— {t('as_of_today')}" in " ".join(c.value for c in at.caption)


def test_loans_without_a_due_date_are_counted_and_the_page_says_how_many():
    loans = replace_loan("ส.030/2566", due=None)
    at = upload_sheet(render(loans))
    assert [w.value for w in at.warning] == [t("no_due_date", n=1)]
    assert tiles(at) == expected_tiles(expected(loans))


def test_a_used_row_with_an_unreadable_loan_date_is_listed_with_the_cell_left_blank():
    sheet = render()
    sheet.row("loan:ส.020/2566")[4] = "31/02/2567"
    at = upload_sheet(sheet)
    [notes] = [e for e in at.expander if e.label == t("noted_rows", n=1)]
    [row] = notes.dataframe[0].value.to_numpy().tolist()
    assert row[0] == sheet.at("loan:ส.020/2566")
    assert "31/02/2567" in row[1] and t("left_blank") in row[1]
    assert tiles(at) == expected_tiles(expected())  # the loan itself is used


def test_a_grand_total_that_differs_shows_the_mismatch_badge_with_the_column_and_amount():
    sheet = render()
    sheet.row("grand")[6] += 100.0  # the file's outstanding total is 100 baht more than its rows
    at = upload_sheet(sheet)
    assert not at.success
    assert [w.value for w in at.warning] == [badge("rec_badge_diff", diffs=f"{t('col_outstanding')} -100.00 บาท")]


def test_a_ledger_without_a_grand_total_says_it_cannot_be_reconciled():
    at = upload_sheet(render(grand=None))
    assert not at.success and not at.warning
    assert t("rec_badge_none") in [i.value for i in at.info]


def test_a_grand_total_row_without_amounts_says_it_cannot_be_reconciled_not_that_it_differs():
    sheet = render()
    grand = sheet.row("grand")
    grand[1:] = [None if isinstance(v, (int, float)) else v for v in grand[1:]]  # the label only
    at = upload_sheet(sheet)
    assert not at.success and not at.warning
    assert t("rec_badge_none") in [i.value for i in at.info]


def skipped_count(sheet: Sheet) -> int:
    """Rows under the header that hold no loan: group headings, subtotals, the grand total, inserted lines."""
    return sum(len(sheet.marks.get(mark, ())) for mark in ("heading", "sub", "grand", "insert"))


def test_skipped_rows_are_listed_with_their_label():
    sheet = render()
    at = upload_sheet(sheet)
    [skipped] = [e for e in at.expander if e.label == t("skipped_rows", n=skipped_count(sheet))]
    listed = dict(skipped.dataframe[0].value.to_numpy().tolist())
    assert f"รวม {G1}" in listed[sheet.at("sub")]


MEMBER_SUBTOTAL = {"ส.015/2566": [amounts_line("รวม นายสมชาย ใจดี", (62500.0, 32500.0, 3750.75))]}


def test_with_privacy_on_a_skipped_row_holding_a_members_name_shows_no_name():
    """A member's subtotal row ("รวม นายสมชาย ใจดี") is skipped; its reason must not quote the name."""
    sheet = render(insert=MEMBER_SUBTOTAL)
    at = upload_sheet(sheet, privacy=True)
    assert any(e.label == t("skipped_rows", n=skipped_count(sheet)) for e in at.expander)
    assert not leaks([texts(at)], NAMES, set())[0]
    # the same page without privacy does show the name, so the check above can fail
    at.toggle(key="privacy").set_value(False)
    go(at)
    assert leaks([texts(at)], NAMES, set())[0] == {"นายสมชาย ใจดี", "ใจดี"}


def test_with_privacy_on_in_english_too():
    sheet = render(insert=MEMBER_SUBTOTAL)
    at = upload_sheet(sheet, lang="en", privacy=True)
    assert any(e.label == t("skipped_rows", "en", n=skipped_count(sheet)) for e in at.expander)
    assert not leaks([texts(at)], NAMES, set())[0]


def test_a_csv_names_no_sheet_and_a_workbook_names_its_sheet():
    at = upload(start(), ("ledger.csv", "\n".join(
        ",".join("" if c is None else str(c) for c in row) for row in render(titles=()).rows).encode("utf-8-sig"),
        "text/csv"))
    assert unescape(at.sidebar.markdown[0].value) == "**ledger.csv**"
    assert not [c for c in at.sidebar.caption if c.value.startswith(t("sheet"))]
    at = go(start())
    assert [c.value for c in at.sidebar.caption if c.value.startswith(t("sheet"))] == [f"{t('sheet')}: ลูกหนี้เงินกู้"]


def test_a_mapping_can_be_cleared_and_the_figures_go_back():
    unknown = "ยอดผิดนัด"
    header = list(render().row("header"))
    header[7] = unknown  # เงินต้นค้างชำระ under a header kmdash does not know
    sheet = render(header=header)
    at = upload_sheet(sheet)
    by_outstanding = expected_tiles(expected(basis="outstanding"))
    assert tiles(at) == by_outstanding
    at.selectbox(key=f"map_{unknown}").set_value("principal_overdue")
    next(b for b in at.button if b.label == t("map_apply")).click()
    go(at)
    assert tiles(at) == expected_tiles(expected())
    assert not at.selectbox and any(b.label == t("map_reset") for b in at.button)  # the form stays to undo it
    next(b for b in at.button if b.label == t("map_reset")).click()
    go(at)
    assert tiles(at) == by_outstanding
    assert at.selectbox(key=f"map_{unknown}").value == ""


def test_a_workbook_with_another_sheet_says_how_many_more_there_are():
    book = Workbook()
    for row in render().rows:
        book.active.append(row)
    book.create_sheet("หมายเหตุ").append(["บันทึก"])
    buffer = io.BytesIO()
    book.save(buffer)
    at = upload(start(), ("two.xlsx", buffer.getvalue(), XLSX))
    assert t("other_sheets", n=1) in [c.value for c in at.caption]


def test_a_date_picked_by_hand_is_named_as_such():
    at = go(start())
    at.text_input(key="as_of_text").set_value("30/03/2567")
    go(at)
    assert f"— {t('as_of_option')}" in " ".join(c.value for c in at.caption)


def generated(seed: int, n_loans: int) -> tuple[tuple[str, bytes, str], str, list[tuple[str, str]]]:
    """A generated ledger of its own co-op, as the browser uploads it; its co-op's name and its tiles as the
    generator's figures give them."""
    coop, loans = f"สหกรณ์การเกษตรทดสอบที่ {seed} จำกัด", generate_loans(n_loans, seed=seed)
    rows = ledger_rows(loans, LedgerShape(), AS_OF, coop_name=coop)
    return (f"ledger_{seed}.xlsx", xlsx_bytes(rows), XLSX), coop, expected_tiles(expected_figures(loans, AS_OF))


def test_a_second_file_replaces_the_first_and_a_third_the_second():
    """The browser sends a second file chosen on the uploader as "no file" (the first taken out), then the new file,
    both to the uploader as it was drawn: the emptied uploader keeps its id, shows no figures (never the sample's),
    and the new file's figures follow."""
    first, *later = [generated(seed, n) for seed, n in ((61, 150), (62, 260), (63, 90))]
    at = upload(start(), first[0])
    assert tiles(at) == first[2] and at.title[0].value == first[1]
    for file, coop, want in later:
        drawn = at.file_uploader[0].id
        at.file_uploader[0].set_value(None)
        go(at)
        assert at.file_uploader[0].id == drawn  # the new file lands on this uploader
        assert not at.metric and "ledger_th.xlsx" not in texts(at)
        assert [i.value for i in at.info] == [t("no_file_note", page=t("page_load"), back=t("back_to_sample"))]
        upload(at, file)
        assert tiles(at) == want and at.title[0].value == coop
        assert unescape(at.sidebar.markdown[0].value) == f"**{file[0]}**"
        assert t("sample_banner", name="ledger_th.xlsx") not in unescape(texts(at))


def test_a_file_taken_out_leaves_no_figures_on_any_page_until_the_sample_is_chosen(sample_expected):
    file, _, _ = generated(64, 120)
    at = upload(start(), file)
    at.file_uploader[0].set_value(None)
    go(at)
    go(at, "overview")
    assert not at.metric and "ledger_th.xlsx" not in texts(at)
    assert [i.value for i in at.info] == [t("no_file_note", page=t("page_load"), back=t("back_to_sample"))]
    at.sidebar.button[0].click()  # back to the sample
    go(at)
    assert tiles(at) == expected_tiles(sample_expected)
    assert unescape(at.sidebar.markdown[0].value) == "**ledger_th.xlsx**" and not at.sidebar.button
