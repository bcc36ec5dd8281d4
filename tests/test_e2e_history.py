"""End to end, a co-op's year on the history page, in Debian's chromium at a projector's 1280x720: the twelve
monthly ledgers of the generated year (kmdash.synthetic.year) saved into the app's store (PostgreSQL's
kmdash_e2e under `make test`), then the page opened as a manager would. It says twelve snapshots, draws the
three trend charts with the twelve dates in the Buddhist Era, lists eleven flows and the chronic debtors the
generator made (overdue in each of the last three months). Screenshots: tests/artifacts/history_*.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kmdash import store
from kmdash.i18n import t
from kmdash.words import day

from .support.browser import ARTIFACTS, WAIT_MS, keyed, open_session, screenshot_at, screenshot_viewport, settled

pytestmark = pytest.mark.e2e
VIEW = {"width": 1280, "height": 720}


def test_a_year_of_snapshots_on_the_history_page(app_with_store, browser, year, year_results):
    app, url = app_with_store
    engine = store.open_store(url)
    for result in year_results:
        store.save_ledger(engine, result)
    session = open_session(browser, app, VIEW)
    try:
        page = session.page
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=t("page_history"), exact=True).click()
        expect(page.get_by_role("heading", name=t("page_history"))).to_be_visible(timeout=WAIT_MS)
        settled(page)
        expect(page.get_by_text(t("hist_caption", n=12, where="")[:12]).first).to_be_visible(timeout=WAIT_MS)
        charts = page.get_by_test_id("stPlotlyChart")
        expect(charts).to_have_count(3, timeout=WAIT_MS)
        first = charts.first
        for month in (0, 11):  # the first and last dates on the axis, as Thai readers write them
            expect(first.get_by_text(day(year.dates[month], "th"), exact=True).first).to_be_attached(timeout=WAIT_MS)
        screenshot_viewport(page, ARTIFACTS / "history_year.png")
        chronic = len(year.chronic(3))
        heading = page.get_by_role("heading", name=t("hist_chronic", n=3, members=chronic))
        expect(heading).to_be_visible(timeout=WAIT_MS)
        screenshot_at(page, keyed(page, "hist_periods"), ARTIFACTS / "history_year_charts.png")
        screenshot_at(page, heading, ARTIFACTS / "history_year_chronic.png")
        flows = page.get_by_test_id("stDataFrame").first.locator("table[role=grid]")
        expect(flows).to_have_attribute("aria-rowcount", "12", timeout=WAIT_MS)  # a header and eleven flows
    finally:
        session.close()
