"""A second file replaces the first, in a real browser, as a user does it: on the load page (dropped onto the
uploader, then chosen through its "Add files" button, twice in a row), on the province page (two files, then
one replaced and then the other) and on the follow-up page's earlier-ledger uploader. Each time the page shows
the new file's figures as the generator gives them, and never the shipped sample in between.

The browser sends a second file chosen on a single-file uploader as "no file" first, then the new file, to the
uploader as it was drawn: the app must keep that uploader, and must not show the sample in the gap.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kmdash.followup import STATUSES
from kmdash.i18n import t
from kmdash.synthetic import LedgerShape, generate_loans, ledger_rows
from kmdash.synthetic.pairs import ledger_pair

from .support.app import expected_tiles
from .support.browser import (
    ARTIFACTS,
    PROJECTORS,
    WAIT_MS,
    drop_files,
    file_in_use,
    finish_upload,
    keyed,
    open_page,
    open_session,
    pick_files,
    pick_radio,
    remove_file,
    screenshot_at,
    screenshot_viewport,
    seen_text,
    settled,
    shown_tiles,
    size_name,
    watch_text,
    write_ledger,
)
from .support.figures import expected_figures
from .support.ledgers import AS_OF, write_rows
from .support.province import expected_row

pytestmark = pytest.mark.e2e

SAMPLE = "ledger_th.xlsx"
SIZE = size_name(PROJECTORS[0])
NO_FILE = t("no_file_note", page=t("page_load"), back=t("back_to_sample"))


def coop(seed: int) -> str:
    return f"สหกรณ์การเกษตรทดสอบที่ {seed} จำกัด"


def ledgers(folder, *seeds_and_sizes):
    """Generated ledgers of co-ops of their own names: (co-op, path, expected figures, overdue tile) each."""
    return [(coop(seed), *write_ledger(generate_loans(n, seed=seed), folder / f"สหกรณ์_{seed}.xlsx",
                                       coop_name=coop(seed))) for seed, n in seeds_and_sizes]


def assert_shows(page, ledger) -> None:
    """The page's tiles are the ledger's figures, its co-op the heading; the sample is nowhere."""
    name, path, expected, overdue = ledger
    finish_upload(page, path, overdue)
    assert shown_tiles(page) == expected_tiles(expected)
    expect(page.get_by_test_id("stHeading").first).to_contain_text(name)
    expect(page.get_by_text(SAMPLE)).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)  # nor a complaint about a field it hid


def test_a_second_and_a_third_file_replace_the_first_on_the_load_page(browser, app_url, tmp_path, sample_expected):
    first, second, third, fourth = ledgers(tmp_path, (81, 300), (82, 1200), (83, 450), (84, 800))
    session = open_session(browser, app_url, PROJECTORS[0])
    page = session.page
    try:
        drop_files(page, "uploader_", first[1])
        assert_shows(page, first)
        for ledger, choose, shot in ((second, drop_files, "second"), (third, pick_files, "third"),
                                     (fourth, pick_files, "fourth")):
            watch_text(page, SAMPLE)
            choose(page, "uploader_", ledger[1])
            assert_shows(page, ledger)
            assert seen_text(page) == 0, f"the sample was shown while the {shot} file replaced the one before"
            screenshot_viewport(page, ARTIFACTS / f"replace_{shot}_{SIZE}.png")

        # the x: no file and no figures (the sample's least of all), until the sidebar's button brings the sample
        remove_file(page, "uploader_", fourth[1].name)
        expect(page.get_by_text(NO_FILE)).to_be_visible(timeout=WAIT_MS)
        settled(page)
        expect(page.get_by_test_id("stMetric")).to_have_count(0)
        expect(file_in_use(page)).to_contain_text(t("no_file"))
        screenshot_viewport(page, ARTIFACTS / f"replace_removed_{SIZE}.png")
        page.get_by_test_id("stSidebar").get_by_role("button", name=t("back_to_sample")).click()
        expect(file_in_use(page)).to_contain_text(SAMPLE, timeout=WAIT_MS)
        settled(page)
        assert shown_tiles(page) == expected_tiles(sample_expected)
    finally:
        session.close()


def province_line(*ledgers) -> str:
    """The province page's total line for these co-ops, from the generator's figures."""
    rows = [expected_row(generate_loans(n, seed=seed)) for seed, n in ledgers]
    outstanding = sum(r["outstanding"] for r in rows)
    return t("prov_total_line", coops=len(rows), members=sum(r["members"] for r in rows),
             overdue=f"{sum(r['overdue'] for r in rows):,.2f}",
             par30=f"{sum(r['par30'] * r['outstanding'] for r in rows) / outstanding * 100:.1f}",
             par90=f"{sum(r['par90'] * r['outstanding'] for r in rows) / outstanding * 100:.1f}")


def test_province_files_replaced_one_after_the_other(browser, app_url, tmp_path):
    coops = ((91, 200), (92, 350), (93, 120), (94, 500))
    a, b, c, d = (path for _, path, _, _ in ledgers(tmp_path, *coops))
    session = open_session(browser, app_url, PROJECTORS[0])
    page = session.page
    total = page.get_by_test_id("stMarkdown").filter(has_text="· PAR90")  # the province's total line
    try:
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=t("page_province"), exact=True).click()
        expect(page.get_by_text(t("prov_none"))).to_be_visible(timeout=WAIT_MS)
        settled(page)
        drop_files(page, "prov_files", a, b)
        expect(total).to_have_text(province_line(coops[0], coops[1]), timeout=WAIT_MS)
        remove_file(page, "prov_files", a.name)
        expect(total).to_have_text(province_line(coops[1]), timeout=WAIT_MS)
        drop_files(page, "prov_files", c)
        expect(total).to_have_text(province_line(coops[1], coops[2]), timeout=WAIT_MS)
        remove_file(page, "prov_files", b.name)
        pick_files(page, "prov_files", d)
        expect(total).to_have_text(province_line(coops[2], coops[3]), timeout=WAIT_MS)
        settled(page)
        screenshot_viewport(page, ARTIFACTS / f"replace_province_{SIZE}.png")
    finally:
        session.close()


def test_the_follow_ups_earlier_ledger_replaced_twice(browser, app_url, tmp_path):
    pair = ledger_pair(300, seed=5)
    new = write_ledger(pair.new, tmp_path / "ทะเบียนใหม่.xlsx", as_of=pair.as_of_new)
    old = write_rows(ledger_rows(pair.old, LedgerShape(), pair.as_of_old), tmp_path / "ทะเบียนเดิม.xlsx")
    others = [(seed, generate_loans(n, seed=seed)) for seed, n in ((95, 260), (96, 700))]
    then = t("fu_identity").split("{then}")[0]
    session = open_session(browser, app_url, PROJECTORS[0])
    page = session.page
    identity = page.get_by_test_id("stMarkdown").filter(has_text=then)
    try:
        drop_files(page, "uploader_", new[0])
        finish_upload(page, new[0], new[2])
        open_page(page, "followup")
        pick_radio(page, "fu_kind", t("fu_old_upload"))
        drop_files(page, "fu_old_file", old)
        expect(identity).to_contain_text(f"{then}{pair.expected['overdue_then'].sum() / 100:,.2f} บาท", timeout=WAIT_MS)
        settled(page)
        counts = {t(f"fu_{s}"): f"{int((pair.expected['status'] == s).sum()):,}" for s in STATUSES}
        assert dict(shown_tiles(page)) == counts
        for (seed, loans), choose in zip(others, (drop_files, pick_files)):
            path = write_rows(ledger_rows(loans, LedgerShape(), AS_OF), tmp_path / f"เดิม_{seed}.xlsx")
            choose(page, "fu_old_file", path)
            expect(identity).to_contain_text(f"{then}{expected_figures(loans, AS_OF)['overdue']:,.2f} บาท",
                                             timeout=WAIT_MS)
            settled(page)
            expect(keyed(page, "fu_old_file").get_by_text(path.name)).to_be_visible()
        screenshot_at(page, keyed(page, "fu_old_file"), ARTIFACTS / f"replace_followup_{SIZE}.png")
    finally:
        session.close()
