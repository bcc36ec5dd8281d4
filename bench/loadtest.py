"""Many users on one office server: a real `streamlit run app.py`, ten browser sessions at once (one Debian
chromium, ten contexts), each uploading a ledger of its own co-op, three rounds (each round every session
uploads a new ledger onto the same uploader).

Usage: python bench/loadtest.py [--sessions 10] [--rounds 3]   (make loadtest; not part of make test)

Checked per session and round: the eight tiles are the generator's figures for its own ledger, its co-op is the
heading, no other session's co-op or file shows, and no error box or exception. Timed (p50, p95 over the
sessions): from handing the file to the uploader to its tiles drawn, and a page change (to the overview and back
to the load page, each a rerun with the file in use) to its tiles. Measured after each round: the server's memory
(RSS of the streamlit process and its children, from /proc). Exit 1 when a check fails or the memory after the
last round is more than 1.3 times that after the first.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.async_api import async_playwright, expect  # noqa: E402

from kmdash.i18n import t  # noqa: E402
from kmdash.synthetic import generate_loans  # noqa: E402
from tests.support.app import expected_tiles  # noqa: E402
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, require_browser, streamlit_server, write_ledger  # noqa: E402

WAIT_MS = 300_000          # ten sessions reading at once on a small server: a round may take minutes
GROWTH = 1.3               # memory after the last round over that after the first
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


@dataclass(frozen=True)
class Ledger:
    path: Path
    coop: str
    tiles: list[tuple[str, str]]
    overdue: str


def make_ledger(folder: Path, session: int, round_: int) -> Ledger:
    """A ledger of its own co-op, seed and size (300 to 1,830 loans) for this session and round."""
    n_loans = 300 + (session * 7 + round_ * 3) % 10 * 170
    coop = f"สหกรณ์การเกษตรรอบ {round_} ผู้ใช้ {session:02d} จำกัด"
    loans = generate_loans(n_loans, seed=1000 + 100 * round_ + session)
    path, expected, overdue = write_ledger(loans, folder / f"r{round_}_s{session:02d}.xlsx", coop_name=coop)
    return Ledger(path, coop, expected_tiles(expected), overdue)


# ---------------------------------------------------------------- the server's memory


def server_pid(url: str) -> int:
    """The streamlit process listening on the URL's port (the one started with that --server.port)."""
    port = str(urlsplit(url).port)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                argv = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"streamlit" in b" ".join(argv) and b"--server.port" in argv and port.encode() in argv:
                return int(entry.name)
    raise RuntimeError(f"no streamlit process on port {port}")


def rss_mib(pid: int) -> float:
    """Resident memory of the process and all its descendants, in MiB."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    family, frontier = {pid}, [pid]
    while frontier:
        children = [p for p, parent in parents.items() if parent in frontier and p not in family]
        family.update(children)
        frontier = children
    total_kib = 0
    for p in family:
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        total_kib += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total_kib / 1024


# ---------------------------------------------------------------- one session


async def settled(page) -> None:
    await expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_have_count(
        1, timeout=WAIT_MS)
    await expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=WAIT_MS)


async def open_session(browser, url: str):
    context = await browser.new_context(viewport={"width": 1280, "height": 720}, locale="th-TH")
    context.set_default_timeout(WAIT_MS)
    page = await context.new_page()
    await page.goto(url + "/", wait_until="domcontentloaded")
    await expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=WAIT_MS)
    await settled(page)
    return context, page


async def upload(page, ledger: Ledger) -> float:
    """Hand the file to the load page's uploader; seconds until its overdue total is on the tile."""
    start = time.perf_counter()
    await page.locator('[class*="st-key-uploader_"] input[type=file]').set_input_files(str(ledger.path))
    await expect(page.get_by_test_id("stMetricValue").filter(has_text=ledger.overdue).first).to_be_visible(
        timeout=WAIT_MS)
    elapsed = time.perf_counter() - start
    await settled(page)
    return elapsed


async def visit(page, key: str, ledger: Ledger) -> float:
    """Open a page by its sidebar link (a rerun with the file in use); seconds until its overdue tile is drawn."""
    start = time.perf_counter()
    await page.get_by_test_id("stSidebarNav").get_by_role("link", name=t(f"page_{key}"), exact=True).click()
    await expect(page.get_by_test_id("stCaptionContainer").filter(has_text=t(f"page_{key}") + " · ").first
                 ).to_be_visible(timeout=WAIT_MS)
    await expect(page.get_by_test_id("stMetricValue").filter(has_text=ledger.overdue).first).to_be_visible(
        timeout=WAIT_MS)
    elapsed = time.perf_counter() - start
    await settled(page)
    return elapsed


async def problems(page, mine: Ledger, others: list[Ledger]) -> list[str]:
    """What this session shows that it should not: other figures, another co-op or file, an error."""
    found = []
    tiles = page.get_by_test_id("stMetric")
    shown = [((await tiles.nth(i).get_by_test_id("stMetricLabel").inner_text()).strip(),
              (await tiles.nth(i).get_by_test_id("stMetricValue").inner_text()).strip())
             for i in range(await tiles.count())]
    if shown != mine.tiles:
        found.append(f"tiles {shown} are not {mine.tiles}")
    heading = (await page.get_by_test_id("stHeading").first.inner_text()).strip()
    if heading != mine.coop:
        found.append(f"heading {heading!r} is not {mine.coop!r}")
    text = await page.locator("body").inner_text()
    found += [f"shows {other.coop} / {other.path.name}" for other in others
              if other.coop in text or other.path.name in text]
    errors = page.locator(ERRORS)
    found += [f"error box: {(await errors.nth(i).inner_text()).strip()}" for i in range(await errors.count())]
    return found


# ---------------------------------------------------------------- rounds


async def run(url: str, folder: Path, sessions: int, rounds: int) -> list[dict]:
    pid = server_pid(url)
    print(f"making {sessions * rounds} ledgers ...", flush=True)
    ledgers = {(s, r): make_ledger(folder, s, r) for r in range(1, rounds + 1) for s in range(sessions)}
    table = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            opened = await asyncio.gather(*(open_session(browser, url) for _ in range(sessions)))
            pages = [page for _, page in opened]
            for r in range(1, rounds + 1):
                mine = [ledgers[s, r] for s in range(sessions)]
                seconds = await asyncio.gather(*(upload(page, ledger) for page, ledger in zip(pages, mine)))
                moves = await asyncio.gather(*(visit(page, "overview", ledger) for page, ledger in zip(pages, mine)))
                found = {}
                for s, page in enumerate(pages):
                    others = [ledger for key, ledger in ledgers.items() if key != (s, r)]
                    if issues := await problems(page, mine[s], others):
                        found[s] = issues
                moves += await asyncio.gather(*(visit(page, "load", ledger) for page, ledger in zip(pages, mine)))
                table.append({"sessions": sessions, "round": r, **spread(seconds), **spread(moves, "page_"),
                              "rss": rss_mib(pid), "problems": found})
                row = table[-1]
                print(f"round {r}: upload p50 {row['p50']:.2f} s, p95 {row['p95']:.2f} s; page p50 "
                      f"{row['page_p50']:.2f} s, p95 {row['page_p95']:.2f} s; RSS {row['rss']:.0f} MiB; "
                      f"{len(found)} session(s) with problems", flush=True)
                for s, issues in found.items():
                    print(f"  session {s}: " + "; ".join(issues), flush=True)
            await asyncio.gather(*(context.close() for context, _ in opened))
        finally:
            await browser.close()
    return table


def spread(seconds: list[float], prefix: str = "") -> dict[str, float]:
    ordered = sorted(seconds)
    return {prefix + "p50": statistics.median(ordered), prefix + "p95": ordered[max(0, round(0.95 * len(ordered)) - 1)]}


def report(table: list[dict]) -> bool:
    """Print the table; whether every check passed and the memory stayed within GROWTH."""
    print("\n| sessions | round | upload to tiles p50 (s) | p95 (s) | page change p50 (s) | p95 (s) | RSS (MiB) |\n"
          "|---:|---:|---:|---:|---:|---:|---:|")
    for row in table:
        print(f"| {row['sessions']} | {row['round']} | {row['p50']:.2f} | {row['p95']:.2f} | {row['page_p50']:.2f} | "
              f"{row['page_p95']:.2f} | {row['rss']:.0f} |")
    ok = not any(row["problems"] for row in table)
    growth = table[-1]["rss"] / table[0]["rss"]
    print(f"\nmemory after round {table[-1]['round']}: {growth:.2f}x that after round 1 (limit {GROWTH}x)")
    print("every session saw its own figures, none another's, no error box" if ok else "CHECKS FAILED")
    return ok and growth <= GROWTH


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    require_browser()
    with tempfile.TemporaryDirectory(prefix="kmdash_load_") as folder, streamlit_server(Path(folder)) as url:
        table = asyncio.run(run(url, Path(folder), args.sessions, args.rounds))
    return 0 if report(table) else 1


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
