"""End to end in a real headless browser: `streamlit run app.py`, Debian's chromium driven by Playwright.

Uploads a generated Thai ledger through the file input, waits for its overdue total on the overdue
tile, opens the Members page, turns privacy on and checks that the largest debtor's name and member
number are gone from the page, then saves a full-page screenshot to tests/artifacts/e2e_privacy.png.

Playwright never downloads a browser here: it launches /usr/bin/chromium (`make test` installs it and
the Thai fonts with scripts/install-browser.sh). A missing chromium fails the test; it is not skipped.
Everything stays on loopback: the server listens on 127.0.0.1 and background networking is off.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kmdash.i18n import t
from kmdash.synthetic import LedgerShape, generate_loans, ledger_rows, write_xlsx

from .conftest import AS_OF, ROOT, expected_figures

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",                     # root in CI
    "--disable-gpu",
    "--disable-background-networking",  # the network is closed: no update, sync or safe-browsing calls
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",          # CI containers often have a 64 MB /dev/shm
]
SCREENSHOT = ROOT / "tests" / "artifacts" / "e2e_privacy.png"
START_TIMEOUT_S = 60
WAIT_MS = 60_000                        # upper bound for any single wait in the browser

# The UI strings the test looks for, in Thai (the default language), from the app's own catalogue.
TILE_OVERDUE = t("tile_overdue")          # "เงินต้นค้างชำระ (บาท)"
PRIVACY = t("privacy")                    # "ซ่อนชื่อและเลขสมาชิก"
MEMBERS_PAGE = t("page_members")          # "รายสมาชิก"
ALIAS_WORD = t("member_alias")            # "สมาชิก"
SAMPLE_BANNER = t("sample_banner", name="").split("(")[0].strip()   # "ยังไม่ได้อัปโหลดไฟล์ …"


# ---------------------------------------------------------------- the server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health(url: str) -> str | None:
    """The body of /_stcore/health, or None while the server is not answering (never via a proxy)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=2) as response:
            return response.read().decode().strip()
    except OSError:                     # refused, reset, timed out, HTTP error (URLError is an OSError)
        return None


def _stop(proc: subprocess.Popen) -> None:
    """Terminate the server's whole process group; kill it if it does not exit in 10 s."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """`streamlit run app.py` from the repo root on a free loopback port; yields its base URL."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    command = [sys.executable, "-m", "streamlit", "run", "app.py",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        health = f"http://127.0.0.1:{port}/_stcore/health"
        deadline = time.monotonic() + START_TIMEOUT_S
        while _health(health) != "ok":
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode}:\n{log_path.read_text(errors='replace')}")
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit did not answer {health} within {START_TIMEOUT_S} s:\n"
                            f"{log_path.read_text(errors='replace')}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(proc)


# ---------------------------------------------------------------- the browser


def _require_browser() -> None:
    """CI must provide Debian's chromium and a Thai font: fail (not skip) with what to run."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: the end-to-end test needs Debian's chromium. "
                    "Run `sh scripts/install-browser.sh` (as root; `make test` does it).", pytrace=False)
    fc_list = shutil.which("fc-list")
    thai = subprocess.run([fc_list, ":lang=th", "family"], capture_output=True, text=True).stdout if fc_list else ""
    if not thai.strip():
        pytest.fail("No Thai font found (fc-list :lang=th): Thai text would render as boxes. "
                    "Run `sh scripts/install-browser.sh` (installs fonts-thai-tlwg).", pytrace=False)


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _settled(page) -> None:
    """Wait until the script run is over and no element is left stale from the previous run; fail on
    an exception the app shows."""
    from playwright.sync_api import expect

    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_have_count(1, timeout=WAIT_MS)
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=WAIT_MS)
    errors = page.get_by_test_id("stException")
    if errors.count():
        pytest.fail(f"the app shows an exception:\n{errors.first.inner_text()}", pytrace=False)


def _screenshot(page) -> None:
    """The whole page: Streamlit scrolls inside its main block, so grow the viewport to fit it first."""
    from playwright.sync_api import expect

    height = page.evaluate("""() => Math.max(document.documentElement.scrollHeight,
        ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')]
           .map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": min(int(height) + 40, 8000)})
    _settled(page)
    charts = page.get_by_test_id("stPlotlyChart")
    for i in range(charts.count()):
        expect(charts.nth(i).locator("svg.main-svg").first).to_be_visible(timeout=WAIT_MS)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    print(f"\nscreenshot: {SCREENSHOT}")


# ---------------------------------------------------------------- the test


def test_upload_overdue_total_and_privacy_in_chromium(browser, app_url, tmp_path):
    from playwright.sync_api import expect

    loans = generate_loans(300, seed=11)                       # not the shipped sample (600 loans, seed 0)
    ledger = tmp_path / "ทะเบียนลูกหนี้เงินกู้_ทดสอบ.xlsx"
    write_xlsx(ledger_rows(loans, LedgerShape(), AS_OF), ledger)
    expected = expected_figures(loans, AS_OF)                  # independent of kmdash.analyse
    total = f"{expected['overdue']:,.2f}"                      # as the tile shows it
    top = expected["top_members"][0]
    name, member = top["name"], top["member"]
    alias = re.compile(rf"{ALIAS_WORD} \d{{3}}")  # numbered by a keyed hash: which number is not known
    assert (loans.drop_duplicates("member_no")["name"] == name).sum() == 1, "pick a member with a unique name"

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="th-TH")
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    try:
        page.goto(app_url + "/", wait_until="domcontentloaded")
        expect(page.get_by_text(SAMPLE_BANNER)).to_be_visible(timeout=WAIT_MS)
        tile = page.get_by_test_id("stMetric").filter(
            has=page.get_by_test_id("stMetricLabel").filter(has_text=TILE_OVERDUE))
        value = tile.get_by_test_id("stMetricValue")
        expect(value).to_be_visible(timeout=WAIT_MS)
        _settled(page)
        assert value.inner_text().strip() != total, "the sample ledger already shows the expected total"

        page.set_input_files("input[type=file]", ledger)
        # While the rerun draws, the old tile may stand beside the new one: wait for the new text, then
        # for the run to settle, before reading the one tile again.
        fresh = page.get_by_test_id("stMetricValue").filter(has_text=re.compile(rf"^\s*{re.escape(total)}\s*$"))
        expect(fresh.first).to_be_visible(timeout=WAIT_MS)
        _settled(page)
        expect(value).to_have_text(total, timeout=WAIT_MS)
        expect(page.get_by_text(ledger.name).first).to_be_visible(timeout=WAIT_MS)
        expect(page.get_by_text(SAMPLE_BANNER)).to_have_count(0, timeout=WAIT_MS)
        _settled(page)

        # Client-side navigation keeps the session (and the upload); page.goto(".../members") would not.
        page.get_by_test_id("stSidebarNav").get_by_role("link").filter(has_text=MEMBERS_PAGE).click()
        expect(page.get_by_test_id("stCaptionContainer").filter(has_text=MEMBERS_PAGE + " · ").first).to_be_visible(
            timeout=WAIT_MS)
        expect(page.get_by_text(name).first).to_be_visible(timeout=WAIT_MS)
        expect(page.get_by_text(member).first).to_be_visible(timeout=WAIT_MS)
        _settled(page)

        toggle = page.get_by_test_id("stSidebar").get_by_role("switch", name=PRIVACY)
        expect(toggle).not_to_be_checked()
        page.get_by_test_id("stSidebar").get_by_text(PRIVACY, exact=True).click()
        expect(toggle).to_be_checked(timeout=WAIT_MS)
        expect(page.get_by_text(alias).first).to_be_visible(timeout=WAIT_MS)
        _settled(page)

        _screenshot(page)

        # Privacy on: the name and the member number must be gone from the text on screen, from every
        # form field (a closed selectbox shows its choice in an <input>, which inner_text leaves out)
        # and from the HTML. The number is matched as a whole number, not inside a longer one.
        body = page.locator("body")
        number = re.compile(rf"(?<!\d){re.escape(member)}(?!\d)")
        expect(body).not_to_contain_text(name)
        expect(body).not_to_contain_text(number)
        text, html = body.inner_text(), page.content()
        fields = page.locator("input, textarea").evaluate_all(
            "els => els.map(e => [e.getAttribute('aria-label') || e.name || e.type, e.value])")
        for what, found in ((f"name {name!r}", lambda s: name in s), (f"member number {member!r}", number.search)):
            assert not found(text), f"{what} still shown on the page with privacy on"
            leaks = [label for label, value in fields if found(value)]
            assert not leaks, f"{what} still shown in the form field(s) {leaks} with privacy on"
            assert not found(html), f"{what} still in the page's HTML with privacy on"
        assert alias.search(text), "no alias on the page"
    finally:
        context.close()
