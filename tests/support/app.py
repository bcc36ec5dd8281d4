"""The dashboard through Streamlit's AppTest, as the page tests drive it: the app opened and switched to a page
(always through app.py), a file uploaded, and what a page shows read back (tiles, tables, charts, all its text).
"""

from __future__ import annotations

import json
import re

import pandas as pd
from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from kmdash.i18n import t

from .ledgers import ROOT

APP = ROOT / "app.py"
# members last: the privacy test reads the members page's tables after visiting every page
PAGES = {"load": "pages/load.py", "overview": "pages/overview.py", "groups": "pages/groups.py", "plan": "pages/plan.py",
         "members": "pages/members.py"}

TILES = {
    "th": ["สมาชิกผู้กู้", "สมาชิกค้างชำระ", "ค้างเกิน 365 วัน (คน)", "PAR30", "PAR90", "เงินต้นคงเหลือ (บาท)",
           "เงินต้นค้างชำระ (บาท)", "ดอกเบี้ยค้างชำระ (บาท)"],
    "en": ["Members", "Members overdue", "Overdue over 365 days", "PAR30", "PAR90", "Principal outstanding (baht)",
           "Principal overdue (baht)", "Interest in arrears (baht)"],
}


def start(lang: str = "th", privacy: bool = False) -> AppTest:
    """The app opened on its default page (load), with the sidebar switches set as a user would."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    go(at)
    if lang != "th":
        at.radio(key="lang").set_value(lang)
    if privacy:
        at.toggle(key="privacy").set_value(True)
    if lang != "th" or privacy:
        go(at)
    return at


def go(at: AppTest, page: str | None = None) -> AppTest:
    """Run (after switching to `page`), and check the page rendered through app.py without an exception."""
    if page is not None:
        at.switch_page(PAGES[page])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.radio and at.sidebar.toggle, "app.py (sidebar switches) did not run"
    return at


def upload(at: AppTest, file: tuple[str, bytes, str]) -> AppTest:
    """Upload on the load page (switching there first when elsewhere)."""
    if not at.file_uploader:
        go(at, "load")
    at.file_uploader[0].set_value(file)
    return go(at)


def open_app_page(page: str, privacy: bool = False) -> AppTest:
    """The app on one page (pages/<page>.py), run through app.py, privacy switched as asked."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    if privacy:
        at.toggle(key="privacy").set_value(True)
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def picker(at: AppTest):
    """The member picker (its key changes with privacy and language, so stale labels never stay)."""
    return next(s for s in at.selectbox if (s.key or "").startswith("member_pick"))


def unescape(markdown: str) -> str:
    """Markdown text as the reader sees it: backslash escapes and invisible word joiners removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def tiles(at: AppTest) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def pct(x: float | None) -> str:
    return "-" if x is None else f"{x * 100:.1f}%"


def expected_tiles(exp: dict, lang: str = "th", par: bool = True, long_days: int = 365) -> list[tuple[str, str]]:
    """The eight tiles as they should read: counts, PAR in percent to 1 decimal, baht to the satang; the
    long-overdue tile names its real threshold."""
    values = [f"{exp['members']:,}", f"{exp['members_overdue']:,}", f"{exp['members_long_overdue']:,}",
              pct(exp["par30"] if par else None), pct(exp["par90"] if par else None),
              f"{exp['outstanding']:,.2f}" if par else "-", f"{exp['overdue']:,.2f}", f"{exp['interest_arrears']:,.2f}"]
    labels = [label.replace("365", f"{long_days:,}") for label in TILES[lang]]
    return list(zip(labels, values))


def charts(at: AppTest) -> list[dict]:
    """The plotly figures of the page, as the browser receives them (JSON spec)."""
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def chart_title(figure: dict) -> str:
    return figure["layout"]["title"]["text"]


def frames(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def column(frame: pd.DataFrame, field: str, lang: str = "th") -> pd.Series:
    return frame[t(f"col_{field}", lang)]


def strings(value, skip=("bdata",)) -> list[str]:
    """Every string inside a JSON value (base64 number arrays left out)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in skip for s in strings(v, skip)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v, skip)]
    return []


# Streamlit's own ids (a widget's digest + its key, a download's file id, a media url's hash): random hex that
# could hold "00386", never shown, dropped
WIDGET_HASH = re.compile(r"\$\$ID-[0-9a-f]+-|[0-9a-f]{24,}")


def page_text(at: AppTest) -> dict[str, list[str]]:
    """Everything the page shows, by element type: each element's protobuf as text, each dataframe's
    cells, headers and index, each chart's JSON strings (data, customdata, hover, layout)."""
    out: dict[str, list[str]] = {}

    def visit(node) -> None:
        kind = getattr(node, "type", type(node).__name__)
        proto = getattr(node, "proto", None)
        if kind == "dataframe":
            frame = node.value
            texts = [str(c) for c in frame.columns] + [str(i) for i in frame.index]
            texts += [str(v) for v in frame.astype(str).to_numpy().ravel()]
        elif kind == "plotly_chart":
            texts = strings(json.loads(proto.spec))
        else:
            text = text_format.MessageToString(proto, as_utf8=True) if proto is not None else ""
            texts = [WIDGET_HASH.sub("", text)]
        out.setdefault(kind, []).extend(texts)
        for child in (getattr(node, "children", None) or {}).values():
            visit(child)

    visit(at._tree)
    return out


NUMBER = re.compile(r"(?<![\d/])\d+(?!\d)")  # digit runs; "/00042" of a contract "สส.66/00042" is not a member


def leaks(texts: list[str], names: set[str], numbers: set[str]) -> tuple[set[str], set[str]]:
    blob = "\n".join(texts)
    return {n for n in names if n in blob}, set(NUMBER.findall(blob)) & numbers


def open_on(page: str, file: tuple[str, bytes, str] | None = None, privacy: bool = False) -> AppTest:
    """The app on pages/<page>.py, after uploading `file` on the load page (else on the sample), privacy as asked."""
    at = start(privacy=privacy)
    if file is not None:
        upload(at, file)
    at.switch_page(f"pages/{page}.py")
    return go(at)


def downloads(monkeypatch) -> dict:
    """File name -> the callable a download button made only on click (data=lambda: ...) would call, for every
    page run from now on: what the user would get, read without a browser."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    made = {}
    original = MediaFileManager.add_deferred

    def add(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add)
    return made


def table_with(at: AppTest, header: str) -> pd.DataFrame:
    """The page's first table with a column headed `header`."""
    return next(frame for frame in frames(at) if header in frame.columns)


def widget(elements, prefix: str):
    """The widget whose key starts with `prefix` (pickers' keys end with the privacy switch and the language)."""
    return next(e for e in elements if (e.key or "").startswith(prefix))
