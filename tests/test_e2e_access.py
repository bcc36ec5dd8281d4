"""End to end, an office's server (server mode) in Debian's chromium at 1280x720: two co-ops' snapshots in one
store (PostgreSQL's kmdash_e2e under `make test`, else SQLite) and three people, one per role
(tests/support/office.py). Each logs in and tries what a curious person would: the pages' own lists, a link to
the other co-op's history or snapshot typed into the address bar, the province from the store, the admin's
audit page by its URL, the members' names, a plan with real names. What each role may see comes from the fixture
(which co-op saved what, which account has which role and grant). The table of role x tried x shown is written to
tests/artifacts/access_table.md for the closing note; screenshots in tests/artifacts/access_*.png. Then five
wrong passwords lock an account, and every login and download is in the audit trail once, with its person.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from kmdash import store
from kmdash.i18n import t

from .support.browser import (
    ALIAS,
    ARTIFACTS,
    WAIT_MS,
    app_store,
    download,
    file_in_use,
    keyed,
    open_page,
    page_text_full,
    settled,
    start_upload,
    streamlit_server,
)
from .support.office import PASSWORD, PEOPLE, make_office

pytestmark = pytest.mark.e2e
VIEW = {"width": 1280, "height": 720}


@pytest.fixture(scope="module")
def server(tmp_path_factory, two_coops):
    """The office's store, and `streamlit run app.py` in server mode on it: (base URL, office)."""
    folder = tmp_path_factory.mktemp("office")
    office = make_office(app_store(folder), *two_coops)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KMDASH_MODE", "server")
        env.setenv(store.ENV, office.url)  # the server's process inherits both
        with streamlit_server(folder) as url:
            yield url, office


def log_in(page, url: str, name: str, password: str = PASSWORD, path: str = "") -> None:
    """Open `path` (a link typed in: a new session, so the login first) and log in."""
    page.goto(f"{url}/{path}", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name=t("login_title"))).to_be_visible(timeout=WAIT_MS)
    page.locator(".st-key-login_name input").fill(name)
    page.locator(".st-key-login_password input").fill(password)
    page.get_by_role("button", name=t("login_button"), exact=True).click()
    settled(page)


def logged_in(page, name: str) -> None:
    expect(page.get_by_test_id("stSidebar").get_by_text(name, exact=False).first).to_be_visible(timeout=WAIT_MS)
    settled(page)


def coops_in(text: str, office) -> str:
    found = [c.name for c in office.coops if c.name in text]
    return ", ".join(found) if found else "none"


def try_everything(page, url: str, office, name: str, two_coops) -> list[tuple[str, str]]:
    """What this person tries, in order, and what the app showed each time."""
    mine, other = office.coops
    shown = []
    log_in(page, url, name)
    logged_in(page, name)
    shown.append(("log in", "logged in, role in the sidebar"))
    open_page(page, "snapshots")
    shown.append(("snapshots page (menu)", "snapshots of: " + coops_in(page_text_full(page), office)))
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=t("page_province"), exact=True).click()
    expect(page).to_have_url(f"{url}/province", timeout=WAIT_MS)
    settled(page)
    shown.append(("province page, co-ops from the store", "rows of: " + coops_in(page_text_full(page), office)))
    page.screenshot(path=str(ARTIFACTS / f"access_{name}_province.png"))
    log_in(page, url, name, path=f"history?coop={quote(other.name)}")
    logged_in(page, name)
    warned = page.get_by_text(t("url_coop_none", coop=other.name)).count() > 0
    picker = keyed(page, "hist_coop")
    chosen = " ".join([picker.inner_text(), *(box.input_value() for box in picker.locator("input").all())])
    shown.append((f"link history?coop={other.name} typed in",
                  f"history of {coops_in(chosen, office)}" + (" + warning: not this account's" if warned else "")))
    page.screenshot(path=str(ARTIFACTS / f"access_{name}_history_link.png"))
    typed = office.ids[1][0]
    log_in(page, url, name, path=f"followup?snapshot={typed}")
    logged_in(page, name)
    refused = page.get_by_text(t("url_snapshot_none", id=typed)).count() > 0
    shown.append((f"link followup?snapshot={typed} (the other co-op's) typed in",
                  "refused: no such snapshot for this account" if refused else "that snapshot opened"))
    log_in(page, url, name, path="audit")
    logged_in(page, name)
    audit = page.get_by_role("heading", name=t("page_audit")).count() > 0
    shown.append(("admin's audit page by its URL /audit", "the audit trail" if audit else "not there: the load page"))
    if audit:
        page.screenshot(path=str(ARTIFACTS / f"access_{name}_audit.png"))
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=t("page_load"), exact=True).click()
    settled(page)
    start_upload(page, mine.files[-1])
    expect(file_in_use(page)).to_contain_text(mine.files[-1].name, timeout=WAIT_MS)
    settled(page)
    open_page(page, "members")
    text = page_text_full(page)
    names = set(two_coops[1][0][-1].analysis.members["name"])
    seen = [n for n in names if n in text]
    shown.append(("members page of its co-op's ledger", "real names" if seen else
                  "aliases only" if ALIAS.search(text) else "no members"))
    page.screenshot(path=str(ARTIFACTS / f"access_{name}_members.png"))
    open_page(page, "plan")
    offered = page.get_by_role("button", name=t("plan_download", kind="CSV", contents=t("plan_real")), exact=True)
    expect(offered.or_(page.get_by_text(t("names_not_granted"))).first).to_be_visible(timeout=WAIT_MS)
    if offered.count():
        download(page, t("plan_download", kind="CSV", contents=t("plan_real")))
        shown.append(("plan with real names", "downloaded, and in the audit trail"))
    else:
        shown.append(("plan with real names", "not offered: " + t("names_not_granted", "en").lower()))
    return shown


def test_each_role_finds_only_what_it_may_see(server, browser, two_coops):
    url, office = server
    table = []
    for name, role in PEOPLE.items():
        context = browser.new_context(viewport=VIEW, locale="th-TH")
        context.set_default_timeout(WAIT_MS)
        try:
            table += [(role, tried, shown) for tried, shown in
                      try_everything(context.new_page(), url, office, name, two_coops)]
        finally:
            context.close()
    write_table(table)
    mine, other = office.coops
    by = {(role, tried.split(" ")[0] + " " + tried.split(" ")[1]): shown for role, tried, shown in table}
    assert by[("staff", "snapshots page")] == f"snapshots of: {mine.name}"
    assert by[("officer", "snapshots page")] == by[("admin", "snapshots page")] == \
        f"snapshots of: {mine.name}, {other.name}"
    assert by[("staff", "province page,")] == f"rows of: {mine.name}"
    assert by[("officer", "province page,")] == f"rows of: {mine.name}, {other.name}"
    assert by[("staff", "link history?coop=" + other.name.split(" ")[0])] == \
        f"history of {mine.name} + warning: not this account's"
    assert by[("officer", "link history?coop=" + other.name.split(" ")[0])] == f"history of {other.name}"
    assert [shown for role, tried, shown in table if tried.startswith("link followup")] == [
        "refused: no such snapshot for this account", "that snapshot opened", "that snapshot opened"]
    assert [shown for role, tried, shown in table if tried.startswith("admin's")] == [
        "not there: the load page", "not there: the load page", "the audit trail"]
    members = [shown for role, tried, shown in table if tried.startswith("members page")]
    assert members == ["real names", "aliases only", "real names"]
    assert [shown.split(":")[0].split(",")[0] for role, tried, shown in table if tried.startswith("plan")] == [
        "downloaded", "not offered", "downloaded"]
    trail = store.audit_trail(store.open_store(office.url))
    logins = trail[trail["event"] == "login"]
    assert logins["by"].value_counts().to_dict() == {name: 4 for name in PEOPLE}
    downloads = trail[trail["event"] == "downloaded"]
    assert downloads[["by", "coop"]].values.tolist() == [["malee", mine.name], ["somsri", mine.name]]
    assert all(what.startswith("plan.csv") and what.endswith(f"({mine.files[-1].name})") for what in downloads["what"])


def test_five_wrong_passwords_lock_an_account(server, browser):
    url, office = server
    context = browser.new_context(viewport=VIEW, locale="th-TH")
    try:
        page = context.new_page()
        for _ in range(5):
            log_in(page, url, "prayut", "not the password")
        expect(page.get_by_text(t("login_locked", until="")[:40])).to_be_visible(timeout=WAIT_MS)
        page.screenshot(path=str(ARTIFACTS / "access_locked.png"))
        log_in(page, url, "prayut")
        expect(page.get_by_role("heading", name=t("login_title"))).to_be_visible(timeout=WAIT_MS)
    finally:
        context.close()
    trail = store.audit_trail(store.open_store(office.url))
    mine = trail[(trail["by"] == "prayut") & trail["event"].isin(["login_failed", "account_locked"])]
    assert mine["event"].tolist()[-6:] == ["login_failed"] * 4 + ["account_locked", "login_failed"]


def write_table(rows: list[tuple[str, str, str]]) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    lines = ["| role | what was tried | what was shown |", "|---|---|---|"]
    lines += [f"| {role} | {tried} | {shown} |" for role, tried, shown in rows]
    (ARTIFACTS / "access_table.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
