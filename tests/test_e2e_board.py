"""Board-meeting ready, in a real browser at the projectors' sizes (1280x720 and 1024x768).

One session uploads a generated ledger of a mid-sized co-op and is then driven through every page by
the sidebar links (so the upload is kept):

* screenshots as artifacts: tests/artifacts/<page>_<width>x<height>.png (the viewport, what a projector
  shows) and <page>_full.png (the whole page at 1280x720), for a person to look at;
* above the fold: on Load and Overview every headline tile is fully on screen without scrolling;
* no cut labels: no tile label is cut short with an ellipsis, in Thai and in English; nor a tile's figure;
* offline: every request the page made went to the app itself (127.0.0.1 and its port).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kmdash.synthetic import generate_loans

from .support.browser import (
    ARTIFACTS,
    PAGES,
    PROJECTORS,
    WAIT_MS,
    go,
    open_picker,
    open_session,
    screenshot_full,
    screenshot_viewport,
    scroll_to_top,
    set_language,
    set_privacy,
    size_name,
    upload,
    write_ledger,
)

pytestmark = pytest.mark.e2e

TILES = 8                 # five counts and shares, three baht figures
FOLD_PAGES = ("load", "overview")


@pytest.fixture(scope="module")
def board(browser, app_url, tmp_path_factory):
    """One session with a generated 600-loan ledger uploaded; the requests it makes are recorded from
    its first page load on."""
    loans = generate_loans(600, seed=5)
    ledger, _, total = write_ledger(loans, tmp_path_factory.mktemp("board") / "ทะเบียนลูกหนี้_ประชุมใหญ่.xlsx")
    session = open_session(browser, app_url, PROJECTORS[0])
    try:
        upload(session.page, ledger, total)
        yield session
    finally:
        session.close()


def _show(page, key: str, viewport: dict, lang: str = "th") -> None:
    """The page `key` at this size and language, scrolled to the top."""
    set_language(page, lang)
    if page.viewport_size != viewport:
        page.set_viewport_size(viewport)
    go(page, key, lang)
    scroll_to_top(page)


def test_screenshots_of_every_page_at_projector_sizes(board):
    page = board.page
    written = []
    for viewport in PROJECTORS:
        for key in PAGES:
            _show(page, key, viewport)
            written.append(screenshot_viewport(page, ARTIFACTS / f"{key}_{size_name(viewport)}.png"))
            if viewport == PROJECTORS[0]:
                written.append(screenshot_full(page, ARTIFACTS / f"{key}_full.png"))
    print("\nscreenshots:\n" + "\n".join(str(p) for p in written))
    for path in written:
        assert path.stat().st_size > 10_000, f"{path} looks empty"


@pytest.mark.parametrize("viewport", PROJECTORS, ids=size_name)
@pytest.mark.parametrize("key", FOLD_PAGES)
def test_headline_tiles_above_the_fold(board, key, viewport):
    page = board.page
    _show(page, key, viewport)
    tiles = page.get_by_test_id("stMetric")
    expect(tiles).to_have_count(TILES, timeout=WAIT_MS)
    boxes = tiles.evaluate_all("""els => els.map(e => {
        const r = e.getBoundingClientRect();
        return {label: e.querySelector('[data-testid="stMetricLabel"]').innerText.trim(),
                top: r.top, left: r.left, bottom: r.bottom, right: r.right}; })""")
    width, height = viewport["width"], viewport["height"]
    outside = [f"{b['label']!r}: top {b['top']:.0f}, bottom {b['bottom']:.0f}, left {b['left']:.0f}, "
               f"right {b['right']:.0f}" for b in boxes
               if b["top"] < 0 or b["left"] < 0 or b["bottom"] > height or b["right"] > width]
    assert not outside, (f"{key} at {size_name(viewport)}: tiles not fully on screen without scrolling "
                         f"(viewport {width}x{height}):\n" + "\n".join(outside))


# Every element of a label (or a value) that clips its content (the markdown block Streamlit cuts with overflow: hidden
# and text-overflow: ellipsis): the text is cut when its content is wider than its box.
CUT_TEXT = """els => els.map(label => {
    const parts = [label, ...label.querySelectorAll('*')];
    const cut = parts.filter(e => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX !== 'visible');
    const ellipsis = parts.filter(e => getComputedStyle(e).textOverflow === 'ellipsis');
    return {text: label.innerText.trim(), ellipsis: ellipsis.length,
            cut: cut.map(e => `${e.tagName}.${e.dataset.testid || ''}: ${e.scrollWidth}px of text `
                              + `in ${e.clientWidth}px`)};
})"""


@pytest.mark.parametrize("viewport", PROJECTORS, ids=size_name)
@pytest.mark.parametrize("lang", ("th", "en"))
def test_tile_labels_not_cut(board, lang, viewport):
    page = board.page
    problems = []
    for key in FOLD_PAGES:
        _show(page, key, viewport, lang)
        labels = page.get_by_test_id("stMetricLabel")
        expect(labels).to_have_count(TILES, timeout=WAIT_MS)
        found = labels.evaluate_all(CUT_TEXT)
        # the projector style lets labels wrap: no part of a label may still cut with an ellipsis
        assert not [f for f in found if f["ellipsis"]], f"a label still cuts with an ellipsis: {found}"
        problems += [f"{key}: {f['text']!r} cut ({'; '.join(f['cut'])})" for f in found if f["cut"]]
    set_language(page, "th")
    assert not problems, f"tile labels cut short at {size_name(viewport)} in {lang}:\n" + "\n".join(problems)


@pytest.mark.parametrize("viewport", PROJECTORS, ids=size_name)
def test_tile_values_not_cut(board, viewport):
    """The figures themselves (the same in both languages): "45,924,655.42" and "35.0%", never "45,924,…"."""
    page = board.page
    problems = []
    for key in FOLD_PAGES:
        _show(page, key, viewport)
        values = page.get_by_test_id("stMetricValue")
        expect(values).to_have_count(TILES, timeout=WAIT_MS)
        found = values.evaluate_all(CUT_TEXT)
        problems += [f"{key}: {f['text']!r} cut ({'; '.join(f['cut'])})" for f in found if f["cut"]]
    assert not problems, f"tile values cut short at {size_name(viewport)}:\n" + "\n".join(problems)


def test_offline_every_request_to_the_app_itself(board):
    """On top of what the session did so far (the sample, the upload, and the other tests' pages in Thai):
    every page in English with privacy on, the member picker opened. No request left the app."""
    page = board.page
    set_language(page, "en")
    set_privacy(page, True, "en")
    for key in PAGES:
        go(page, key, "en")
    open_picker(page)
    page.keyboard.press("Escape")
    set_privacy(page, False, "en")
    set_language(page, "th")
    assert any("/_stcore/stream" in u for u in board.requests.urls), "the recorder saw no WebSocket: it is broken"
    foreign = sorted(set(board.requests.foreign()))
    assert not foreign, "the page asked other hosts than the app's own:\n" + "\n".join(foreign)
