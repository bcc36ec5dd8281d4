"""What the browser tests share: the app server, Debian's chromium, and the steps a user takes.

The fixtures `app_url` and `browser` (one server and one chromium for the whole run) are registered in
tests/conftest.py. Playwright never downloads a browser here: it launches /usr/bin/chromium
(`make test` installs it and the Thai fonts with scripts/install-browser.sh). A missing chromium fails
the test; it is not skipped. Everything stays on loopback: the server listens on 127.0.0.1 and
background networking is off.

Every wait is bounded by WAIT_MS; none is a fixed sleep. After each action the helpers wait for
`settled`: the script run is over and no element is left stale from the previous run.
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
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kmdash.i18n import t

from .figures import expected_figures
from .ledgers import AS_OF, ROOT, write_rows
from .stores import drop_every_table

ARTIFACTS = ROOT / "tests" / "artifacts"
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
START_TIMEOUT_S = 60
WAIT_MS = 60_000                        # upper bound for any single wait in the browser

# What a projector shows: the two sizes the board room's projectors run at.
PROJECTORS = ({"width": 1280, "height": 720}, {"width": 1024, "height": 768})
PAGES = ("load", "overview", "groups", "members")


# A privacy alias, "สมาชิก 017" (numbered by a keyed hash per session and file: which number is not
# known), not a count such as "ของสมาชิก 188 คน" in a caption.
ALIAS = re.compile(rf"{t('member_alias')} \d{{3,}}(?!\d)(?!\s*คน)")


def size_name(viewport: dict) -> str:
    return f"{viewport['width']}x{viewport['height']}"


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


E2E_DB = "kmdash_e2e"  # the browser tests' database, beside the store tests' (scripts/start-postgres.sh makes both)


def app_store(folder: Path) -> str:
    """An empty store for an app server under test: with KMDASH_TEST_PG_URL (`make test` sets it), the database
    kmdash_e2e on that server, emptied, so the browser tests run on PostgreSQL; else a new SQLite file in folder."""
    import sqlalchemy as sa

    pg = os.environ.get("KMDASH_TEST_PG_URL")
    if not pg:
        return f"sqlite:///{folder / 'store.db'}"
    url = sa.make_url(pg).set(database=E2E_DB).render_as_string(hide_password=False)
    try:
        drop_every_table(url)
    except sa.exc.OperationalError as exc:
        pytest.fail(f"{E2E_DB} cannot be opened on KMDASH_TEST_PG_URL's server (scripts/start-postgres.sh makes "
                    f"it): {exc.orig}", pytrace=False)
    return url


@contextmanager
def streamlit_server(log_dir: Path):
    """`streamlit run app.py` from the repo root on a free loopback port; yields its base URL."""
    port = _free_port()
    log_path = log_dir / "server.log"
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


def require_browser() -> None:
    """CI must provide Debian's chromium and a Thai font: fail (not skip) with what to run."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: the end-to-end test needs Debian's chromium. "
                    "Run `sh scripts/install-browser.sh` (as root; `make test` does it).", pytrace=False)
    fc_list = shutil.which("fc-list")
    thai = subprocess.run([fc_list, ":lang=th", "family"], capture_output=True, text=True).stdout if fc_list else ""
    if not thai.strip():
        pytest.fail("No Thai font found (fc-list :lang=th): Thai text would render as boxes. "
                    "Run `sh scripts/install-browser.sh` (installs fonts-thai-tlwg).", pytrace=False)


@contextmanager
def chromium():
    """Debian's chromium, headless, through its own Playwright driver (one per thread at most)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Requests:
    """Every request a browser context makes (HTTP, and WebSocket per page), to check the app is offline."""

    app_url: str
    urls: list[str] = field(default_factory=list)

    def record(self, url: str) -> None:
        self.urls.append(url)

    def foreign(self) -> list[str]:
        """URLs that leave the app: another host or port than the app's own (data: and blob: are fine)."""
        own = urlsplit(self.app_url).netloc
        return [u for u in self.urls
                if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != own]


@dataclass
class Session:
    """One browser context (one Streamlit session) with its page and the requests it made."""

    context: object
    page: object
    requests: Requests

    def close(self) -> None:
        self.context.close()


def open_session(browser, app_url: str, viewport: dict | None = None) -> Session:
    """A fresh context (its own cookies, so its own session) on the app's first page, settled."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport=viewport or {"width": 1400, "height": 1000}, locale="th-TH")
    context.set_default_timeout(WAIT_MS)
    requests = Requests(app_url)
    context.on("request", lambda request: requests.record(request.url))
    page = context.new_page()
    page.on("websocket", lambda ws: requests.record(ws.url))
    page.goto(app_url + "/", wait_until="domcontentloaded")
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=WAIT_MS)
    settled(page)
    return Session(context, page, requests)


# ---------------------------------------------------------------- what a user does


def settled(page) -> None:
    """Wait until the script run is over and no element is left stale from the previous run; fail on
    an exception the app shows."""
    from playwright.sync_api import expect

    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_have_count(1, timeout=WAIT_MS)
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=WAIT_MS)
    errors = page.get_by_test_id("stException")
    if errors.count():
        pytest.fail(f"the app shows an exception:\n{errors.first.inner_text()}", pytrace=False)


def tile_value(page, label: str):
    """The value of the headline tile with this label."""
    tile = page.get_by_test_id("stMetric").filter(has=page.get_by_test_id("stMetricLabel").filter(has_text=label))
    return tile.get_by_test_id("stMetricValue")


def start_upload(page, path: Path) -> None:
    """Hand the file to the uploader; the browser sends it and the app reruns in the background."""
    page.set_input_files("input[type=file]", path)


def finish_upload(page, path: Path, overdue_total: str, lang: str = "th") -> None:
    """Wait for the uploaded file's overdue total on its tile and its name in the sidebar."""
    from playwright.sync_api import expect

    # While the rerun draws, the old tile may stand beside the new one: wait for the new text, then for
    # the run to settle, before reading the one tile again.
    fresh = page.get_by_test_id("stMetricValue").filter(has_text=re.compile(rf"^\s*{re.escape(overdue_total)}\s*$"))
    expect(fresh.first).to_be_visible(timeout=WAIT_MS)
    settled(page)
    expect(tile_value(page, t("tile_overdue", lang))).to_have_text(overdue_total, timeout=WAIT_MS)
    expect(file_in_use(page, lang)).to_contain_text(path.name, timeout=WAIT_MS)
    settled(page)


def upload(page, path: Path, overdue_total: str, lang: str = "th") -> None:
    start_upload(page, path)
    finish_upload(page, path, overdue_total, lang)


def file_in_use(page, lang: str = "th"):
    """The sidebar's bordered box "ไฟล์ที่ใช้อยู่" (the file in use)."""
    sidebar = page.get_by_test_id("stSidebar")
    return sidebar.get_by_test_id("stVerticalBlock").filter(
        has=page.get_by_test_id("stCaptionContainer").filter(has_text=t("file_in_use", lang))).last


def go(page, key: str, lang: str = "th") -> None:
    """Open a page by clicking its sidebar link (client-side navigation keeps the session and the upload;
    page.goto(".../members") would not) and wait for its heading caption "<page> · ..."."""
    from playwright.sync_api import expect

    title = t(f"page_{key}", lang)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text=title + " · ").first).to_be_visible(
        timeout=WAIT_MS)
    settled(page)
    expect(page.get_by_test_id("stMetric").or_(page.get_by_test_id("stDataFrame")).first).to_be_visible(
        timeout=WAIT_MS)


def set_language(page, lang: str) -> None:
    """Choose the language with the sidebar radio ("ไทย" / "English")."""
    from playwright.sync_api import expect

    label = {"th": "ไทย", "en": "English"}[lang]
    radio = page.get_by_test_id("stSidebar").get_by_role("radio", name=label)
    if radio.is_checked():
        return
    page.get_by_test_id("stSidebar").get_by_text(label, exact=True).click()
    expect(radio).to_be_checked(timeout=WAIT_MS)
    expect(page.get_by_test_id("stSidebar").get_by_role("switch", name=t("privacy", lang))).to_be_visible(
        timeout=WAIT_MS)
    settled(page)


def set_privacy(page, on: bool, lang: str = "th") -> None:
    """Turn the sidebar's privacy switch on or off."""
    from playwright.sync_api import expect

    toggle = page.get_by_test_id("stSidebar").get_by_role("switch", name=t("privacy", lang))
    if toggle.is_checked() == on:
        return
    page.get_by_test_id("stSidebar").get_by_text(t("privacy", lang), exact=True).click()
    (expect(toggle).to_be_checked if on else expect(toggle).not_to_be_checked)(timeout=WAIT_MS)
    settled(page)


def charts_drawn(page) -> None:
    """Every plotly chart on the page has drawn its SVG, and the web fonts are in."""
    from playwright.sync_api import expect

    charts = page.get_by_test_id("stPlotlyChart")
    for i in range(charts.count()):
        expect(charts.nth(i).locator("svg.main-svg").first).to_be_visible(timeout=WAIT_MS)
    page.evaluate("document.fonts.ready.then(() => true)")


def scroll_to_top(page) -> None:
    """Streamlit scrolls inside its main block: put every scroll container back at the top."""
    page.evaluate("""() => { window.scrollTo(0, 0);
        for (const e of document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]'))
            e.scrollTo(0, 0); }""")


def screenshot_viewport(page, path: Path) -> Path:
    """What a projector shows: the viewport only, from the top of the page."""
    scroll_to_top(page)
    charts_drawn(page)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    return path


@contextmanager
def whole_page_in_view(page):
    """Streamlit scrolls inside its main block: the viewport grown to the page's height (settled), then put
    back afterwards."""
    before = dict(page.viewport_size)
    height = page.evaluate("""() => Math.max(document.documentElement.scrollHeight,
        ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')]
           .map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": before["width"], "height": min(int(height) + 40, 8000)})
    try:
        settled(page)
        yield
    finally:
        page.set_viewport_size(before)
        settled(page)


def screenshot_full(page, path: Path) -> Path:
    """The whole page, every chart drawn."""
    with whole_page_in_view(page):
        charts_drawn(page)
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
    return path


# ---------------------------------------------------------------- ledgers to upload


def write_ledger(loans, path: Path, shape=None, as_of=None, **layout) -> tuple[Path, dict, str]:
    """A generated ledger written as .xlsx or .csv (by suffix); with its expected figures (computed
    independently of kmdash.analyse) and its overdue total as the tile shows it."""
    from kmdash.synthetic import LedgerShape, ledger_rows

    as_of = as_of or AS_OF
    write_rows(ledger_rows(loans, shape or LedgerShape(), as_of, **layout), path)
    expected = expected_figures(loans, as_of)
    return path, expected, f"{expected['overdue']:,.2f}"


def picker(page):
    """The member picker's combobox (the Members page's last selectbox); its value is the chosen member."""
    return page.get_by_test_id("stSelectbox").last.get_by_role("combobox")


def open_picker(page):
    """Open the page's last selectbox (the Members page's member picker) and return its options.

    Right after a page is drawn, the combobox sometimes takes a click or a key only as focus and stays
    closed: try the click, then the keyboard, a few times (each try waits at most 2 s for it to open)."""
    from playwright.sync_api import Error, expect

    combobox = picker(page)
    for attempt in range(6):
        if attempt % 2 == 0:
            combobox.click()
        else:
            combobox.focus()
            page.keyboard.press("ArrowDown")
        try:
            expect(combobox).to_have_attribute("aria-expanded", "true", timeout=2_000)
            break
        except (AssertionError, Error):
            continue
    expect(combobox).to_have_attribute("aria-expanded", "true", timeout=WAIT_MS)
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options.first).to_be_visible(timeout=WAIT_MS)
    return options


# ---------------------------------------------------------------- widgets by their key (the record's pages)


def keyed(page, key: str):
    """The element Streamlit drew for the widget of this key (its container's class st-key-KEY); a key ending in
    "_" matches a prefix (keys that change with privacy or language, such as act_one_False_th)."""
    return page.locator(f'[class*="st-key-{key}"]' if key.endswith("_") else f".st-key-{key}").first


def open_page(page, key: str, lang: str = "th") -> None:
    """Open a page by its sidebar link and wait for its heading caption (for pages that may show no tile or
    table yet: the actions page before anything is recorded, the follow-up before the earlier ledger)."""
    from playwright.sync_api import expect

    title = t(f"page_{key}", lang)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text=title + " · ").first).to_be_visible(
        timeout=WAIT_MS)
    settled(page)


def type_in(page, key: str, text: str) -> None:
    """Type into the keyed text or number input and leave it (Tab), as a person does; outside a form the app
    reruns with it, inside one it is sent with the form."""
    field = keyed(page, key).locator("input, textarea").first
    field.fill(text)
    field.press("Tab")


def choose(page, key: str, option: str) -> None:
    """Choose an option of the keyed selectbox: open it (a click right after a rerun may only focus it: tried
    again, as open_picker does), type to narrow the list, click the option."""
    from playwright.sync_api import Error, expect

    combobox = keyed(page, key).get_by_role("combobox")
    for attempt in range(6):
        (combobox.click if attempt % 2 == 0 else lambda: combobox.press("ArrowDown"))()
        try:
            expect(combobox).to_have_attribute("aria-expanded", "true", timeout=2_000)
            break
        except (AssertionError, Error):
            continue
    combobox.press_sequentially(option[:12])
    page.get_by_role("listbox").get_by_role("option").filter(
        has_text=re.compile(rf"^\s*{re.escape(option)}\s*$")).first.click()
    expect(combobox).to_have_value(option, timeout=WAIT_MS)


def pick_radio(page, key: str, label: str) -> None:
    """Check the option of the keyed radio group that reads `label`."""
    from playwright.sync_api import expect

    group = keyed(page, key)
    group.get_by_text(label, exact=True).click()
    expect(group.get_by_role("radio", name=label)).to_be_checked(timeout=WAIT_MS)


def press(page, key: str) -> None:
    """Click the keyed button (a form's submit button too) once it is enabled."""
    from playwright.sync_api import expect

    button = keyed(page, key).get_by_role("button")
    expect(button).to_be_enabled(timeout=WAIT_MS)
    button.click()


def download(page, name: str) -> bytes:
    """Click the download button of this name and return the file the browser received."""
    with page.expect_download(timeout=WAIT_MS) as done:
        page.get_by_role("button", name=name).click()
    return Path(done.value.path()).read_bytes()


def page_text(page) -> str:
    """Everything the page holds as text, one text node a line (a table's cells are not run together: "สมาชิก 003"
    beside "02/04/2567" is no "00302"): what is painted, chart labels, the copy of a table's cells inside its
    canvas, and every form field's value; scripts and styles left out."""
    return page.evaluate("""() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const out = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode())
            if (!['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(node.parentElement.tagName)) out.push(node.textContent);
        for (const field of document.querySelectorAll('input, textarea')) out.push(field.value || '');
        return out.join('\\n'); }""")


def screenshot_at(page, where, path: Path) -> Path:
    """What a projector shows with `where` (a locator) scrolled to the top of the screen."""
    where.evaluate("e => e.scrollIntoView({block: 'start'})")
    charts_drawn(page)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    return path


def page_text_full(page) -> str:
    """page_text with the whole page in the viewport: a table's cells are copied into the page's text only once
    the table is drawn on screen, so the viewport is grown to the page's height first (then put back)."""
    from playwright.sync_api import expect

    with whole_page_in_view(page):
        grids = page.get_by_test_id("stDataFrame")
        for i in range(grids.count()):  # the cells' copy: a table inside the grid's canvas, out of the role tree
            copy = grids.nth(i).locator("table[role=grid]")
            expect(copy).to_be_attached(timeout=WAIT_MS)
            if int(copy.get_attribute("aria-rowcount") or 0) > 1:
                expect(copy.locator("td").first).to_be_attached(timeout=WAIT_MS)
        return page_text(page)


def grid_to_end(page, grid) -> None:
    """Scroll a table (it scrolls inside itself) to its last row with the mouse wheel, as a person does; wait
    until that row is drawn."""
    from playwright.sync_api import expect

    grid.scroll_into_view_if_needed()
    copy = grid.locator("table[role=grid]")
    expect(copy).to_be_attached(timeout=WAIT_MS)
    last = copy.get_attribute("aria-rowcount")
    box = grid.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 100_000)
    expect(copy.locator(f'tr[aria-rowindex="{last}"]')).to_be_attached(timeout=WAIT_MS)


# ---------------------------------------------------------------- file uploaders, as a user fills them


def drop_files(page, key: str, *paths: Path) -> None:
    """Files handed to the keyed uploader's input, as a drop onto it does (key "uploader_": the load page's)."""
    keyed(page, key).locator("input[type=file]").set_input_files(list(paths))


def pick_files(page, key: str, *paths: Path) -> None:
    """Files chosen through the keyed uploader's own button ("Upload" while empty, "Add files" beside a file)
    and the file dialog it opens."""
    button = keyed(page, key).get_by_role("button", name=re.compile(r"^(Upload|Add files)$"))
    with page.expect_file_chooser(timeout=WAIT_MS) as chooser:
        button.click()
    chooser.value.set_files(list(paths))


def remove_file(page, key: str, name: str) -> None:
    """Click the x of the file of this name in the keyed uploader."""
    keyed(page, key).get_by_role("button", name=f"Remove {name}").click()


def shown_tiles(page) -> list[tuple[str, str]]:
    """Each headline tile's label and value, as the page shows them."""
    tiles = page.get_by_test_id("stMetric")
    return [(tiles.nth(i).get_by_test_id("stMetricLabel").inner_text().strip(),
             tiles.nth(i).get_by_test_id("stMetricValue").inner_text().strip()) for i in range(tiles.count())]


def watch_text(page, text: str) -> None:
    """From now on, note every moment the page shows `text` (read back with seen_text)."""
    page.evaluate("""text => { window.__seen = 0; window.__watch && window.__watch.disconnect();
        window.__watch = new MutationObserver(() => { if (document.body.innerText.includes(text)) window.__seen++; });
        window.__watch.observe(document.body, {subtree: true, childList: true, characterData: true}); }""", text)


def seen_text(page) -> int:
    """How many changes of the page showed the watched text since watch_text."""
    return page.evaluate("window.__seen")
