"""Text from a file is data, in a real browser: names, a group, a title, a header and a skipped row that
look like Markdown, HTML or a spreadsheet formula are shown as written and never become links or tags
(not in Streamlit's Markdown, not in the plotly charts' SVG).

The ledger is a CSV (as co-op programs export), so "=HYPERLINK(...)" stays text in the file.
"""

from __future__ import annotations

import contextlib
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from kmdash.synthetic import COLUMNS, LedgerShape, generate_loans, ledger_rows

from .support.browser import PAGES, WAIT_MS, charts_drawn, go, open_session, set_privacy, upload
from .support.figures import expected_figures
from .support.ledgers import AS_OF, write_rows

pytestmark = pytest.mark.e2e

MARKDOWN_NAME = "[x](http://a.example)"
HTML_NAME = "<b>x</b>"
FORMULA_NAME = '=HYPERLINK("http://evil.example","คลิก")'
HTML_GROUP = '<a href="http://b.example">g</a>'
SKIPPED_LABEL = "**รวม** [ยอดยกไป](http://a.example) <b>x</b>"   # a text-only row in the name column
HOSTS = ("a.example", "evil.example", "b.example")
COOP = "สหกรณ์ [ตัวอย่าง](http://c.example) <i>c</i> จำกัด"         # the title row: the page heading
HEADER = "หมายเหตุ [ดู](http://h.example)"                          # an extra column's header
OTHER_HOSTS = ("c.example", "h.example")

# Links to the hosts above, as HTML (<a href>) or in plotly's SVG (<a xlink:href>), or any element that
# would load or send to them; <b> elements (and plotly's bold tspans) whose text is exactly "x".
INJECTED = """hosts => {
    const attrs = ['href', 'xlink:href', 'src', 'action', 'formaction'];
    const links = [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
        .filter(a => attrs.includes(a.name) && hosts.some(h => a.value.includes(h)))
        .map(a => `<${e.tagName.toLowerCase()} ${a.name}="${a.value}">`));
    const anchors = hosts.flatMap(h => [...document.querySelectorAll(`a[href*="${h}"]`)].map(e => e.outerHTML));
    const bold = [...document.querySelectorAll('b')].filter(e => e.textContent === 'x').map(e => e.outerHTML);
    const svgBold = [...document.querySelectorAll('svg tspan')]
        .filter(e => e.textContent === 'x' && /bold|[6-9]00/.test(e.getAttribute('style') || ''))
        .map(e => e.outerHTML);
    return {links: [...new Set([...links, ...anchors])], bold: [...bold, ...svgBold]};
}"""


def _ledger(tmp_path):
    """300 generated loans; the three largest debtors named as Markdown, HTML and a formula, one group
    named as an HTML link, a text-only row (which the reader skips) in Markdown; and, with hosts of their
    own, a co-op name and an extra column header with a bare URL in Markdown."""
    loans = generate_loans(300, seed=17)
    expected = expected_figures(loans, AS_OF)
    top = [m["member"] for m in expected["top_members"][:3]]
    for member, name in zip(top, (MARKDOWN_NAME, HTML_NAME, FORMULA_NAME)):
        loans.loc[loans["member_no"] == member, "name"] = name
    other = next(g for g in loans["group"].unique()
                 if g not in set(loans.loc[loans["member_no"].isin(top), "group"]))
    loans.loc[loans["group"] == other, "group"] = HTML_GROUP
    rows = ledger_rows(loans, LedgerShape(extra_column=HEADER), AS_OF, coop_name=COOP)
    skipped = [None] * len(rows[-4])
    skipped[COLUMNS.index("name")] = SKIPPED_LABEL
    rows.insert(len(rows) - 4, skipped)                  # before the grand total, blank row and signatures
    path = write_rows(rows, tmp_path / "ทะเบียน_ข้อความแปลก.csv")
    return path, f"{expected['overdue']:,.2f}", top[0]


@pytest.fixture(scope="module")
def shown(browser, app_url, tmp_path_factory):
    """The crafted ledger uploaded (privacy off); every page visited. Per page: the links and bold tags
    found; and whether the literal name and group were seen as written."""
    ledger, total, member = _ledger(tmp_path_factory.mktemp("file_text"))
    session = open_session(browser, app_url)
    page = session.page
    found, literal = {}, {}
    try:
        upload(page, ledger, total)
        set_privacy(page, False)
        for key in PAGES:
            go(page, key)
            charts_drawn(page)
            found[key] = page.evaluate(INJECTED, list(HOSTS + OTHER_HOSTS))
            if key == "members":
                # the table is a canvas grid: the member picker and the detail heading show the top
                # debtor's name as written
                picker = page.get_by_test_id("stSelectbox").last.get_by_role("combobox")
                expect(picker).to_have_value(re.compile(re.escape(MARKDOWN_NAME)), timeout=WAIT_MS)
                literal["picker"] = picker.input_value()
                # an invisible word joiner keeps the bare address from being linked: read past it
                heading = page.get_by_text(re.compile(r"\[x\]\(http")).filter(visible=True)
                expect(heading.first).to_be_visible(timeout=WAIT_MS)
                literal["heading"] = heading.first.inner_text().replace("\u2060", "") if heading.count() else None
                literal["member"] = member
            if key == "groups":
                axis = page.get_by_test_id("stPlotlyChart").get_by_text(HTML_GROUP, exact=True)
                with contextlib.suppress(PlaywrightTimeout):  # plotly draws its axis labels after the chart
                    axis.first.wait_for(state="attached", timeout=WAIT_MS)
                literal["group_chart"] = axis.count()
    finally:
        session.close()
    return found, literal


def _on(found: dict, what: str, hosts) -> dict:
    return {page: hits for page, f in found.items()
            if (hits := [h for h in f[what] if what == "bold" or any(host in h for host in hosts)])}


def test_names_group_and_skipped_row_never_become_links_or_tags(shown):
    found, _ = shown
    links, bold = _on(found, "links", HOSTS), _on(found, "bold", ())
    assert not links, f"member names, the group or the skipped row became links: {links}"
    assert not bold, f"text from the file became bold tags: {bold}"


def test_names_and_group_shown_as_written(shown):
    _, literal = shown
    assert literal["picker"] == f"{literal['member']} {MARKDOWN_NAME}", literal
    assert literal["heading"] and MARKDOWN_NAME in literal["heading"], literal
    assert literal["group_chart"] >= 1, f"the group {HTML_GROUP!r} is not on the group chart as written"


def test_coop_name_and_headers_never_become_links(shown):
    """The co-op's name (the page heading) and an extra column's header (its label in the header mapping)
    come from the file too: a bare URL in them must not become a link either."""
    found, _ = shown
    links = _on(found, "links", OTHER_HOSTS)
    assert not links, f"the co-op name or a header from the file became links: {links}"
