"""The board pack's page in a real browser at a projector's size (1280x720), on the shipped sample with a store not
made yet: the page opened by its sidebar link, its button pressed, the PDF downloaded and read (the co-op's name on
its cover, the members' names said there to be shown); screenshots for a person to look at:
tests/artifacts/board_pack_1280x720.png (the page as it opens) and board_pack_made_1280x720.png (the pack made,
its download button). Offline: every request went to the app itself; no store was made."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kmdash.i18n import t
from kmdash.synthetic import ledger_rows

from .support.browser import (
    ARTIFACTS,
    PROJECTORS,
    WAIT_MS,
    download,
    open_page,
    open_session,
    press,
    screenshot_viewport,
    settled,
    size_name,
)
from .support.pack import normal, page_texts

pytestmark = pytest.mark.e2e

COOP = inspect.signature(ledger_rows).parameters["coop_name"].default  # the sample's co-op


def test_the_page_makes_the_board_pack_and_the_browser_downloads_the_pdf(browser, app_with_store):
    app, store_url = app_with_store
    viewport = PROJECTORS[0]
    session = open_session(browser, app, viewport)
    try:
        page = session.page
        open_page(page, "board_pack")
        opened = screenshot_viewport(page, ARTIFACTS / f"board_pack_{size_name(viewport)}.png")
        expect(page.get_by_text(t("bpack_says_names"))).to_be_visible(timeout=WAIT_MS)
        press(page, "bpack_make")
        name = t("bpack_download", kind=t("bpack_pdf"))
        expect(page.get_by_role("button", name=name)).to_be_visible(timeout=WAIT_MS)
        settled(page)
        made = screenshot_viewport(page, ARTIFACTS / f"board_pack_made_{size_name(viewport)}.png")
        data = download(page, name)
        assert data.startswith(b"%PDF-")
        cover = "".join(page_texts(data)[0].split())
        assert "".join(normal(COOP).split()) in cover
        assert "".join(normal(t("pack_privacy_names")).split()) in cover
        assert session.requests.foreign() == []
        assert not Path(store_url.removeprefix("sqlite:///")).exists()  # the page reads a store, never makes one
        print(f"\nscreenshots: {opened} {made}")
    finally:
        session.close()
