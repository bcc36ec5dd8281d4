"""End to end: the plan downloads from the browser as a workbook that opens, with one row per overdue member,
real names (the default download says so) and the techniques that apply."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from kmdash.i18n import t
from kmdash.synthetic import generate_loans

from .support.browser import WAIT_MS, go, open_session, settled, upload, write_ledger

pytestmark = pytest.mark.e2e


def test_the_plan_downloads_as_a_workbook_with_every_overdue_member(browser, app_url, tmp_path):
    loans = generate_loans(200, seed=5)
    ledger, expected, total = write_ledger(loans, tmp_path / "ทะเบียน_แผน.xlsx")
    session = open_session(browser, app_url)
    page = session.page
    try:
        upload(page, ledger, total)
        title = t("page_plan")
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
        expect(page.get_by_test_id("stCaptionContainer").filter(has_text=title + " · ").first).to_be_visible(
            timeout=WAIT_MS)
        settled(page)
        button = page.get_by_role("button", name=t("plan_download", kind="Excel", contents=t("plan_real")))
        with page.expect_download(timeout=WAIT_MS) as download:
            button.click()
        data = open(download.value.path(), "rb").read()
        assert download.value.suggested_filename == "plan.xlsx"
        book = load_workbook(io.BytesIO(data), read_only=True)
        rows = list(book[t("sheet_plan")].iter_rows(values_only=True))
        members = {m["member"] for m in expected["top_members"]}
        listed = {r[0] for r in rows[1:]}
        assert len(rows) - 1 == expected["members_overdue"] and members <= listed
        assert rows[0][0] == t("col_member")
        go(page, "overview")  # the session carries on after the download
    finally:
        session.close()
