"""The pack's figures drawn with matplotlib, for paper: PNG at 200 dpi (the PDF's and the Word file's), or SVG.

The font is the one the project ships (assets/fonts/Laksaman*.ttf, TLWG's edition of TH Sarabun New); matplotlib
3.11 shapes Thai with libraqm, so vowels and tone marks sit where Thai readers expect. SVG text is written as
outlines (`svg.fonttype = "path"`): WeasyPrint draws SVG text one character at a time, which would undo the
shaping. Amounts on the axes carry thousands separators.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure as Canvas
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..chart_style import MEMBERS, NEUTRAL, OVERDUE
from .content import Bars, Curve, Figure, Trend

FONTS = Path(__file__).resolve().parents[3] / "assets" / "fonts"
FAMILY = "Laksaman"
WIDTH = 6.7  # inches: A4's text width at the pack's margins
HEIGHT = 3.3
PNG_DPI = 200
LABEL_CHARS = 40  # a bar's label, at most
NOTE_SIZE = 10.5  # points: the text on a bar
STYLE = {"font.family": FAMILY, "font.size": 13, "axes.titlesize": 14, "axes.labelsize": 13,
         "xtick.labelsize": 12, "ytick.labelsize": 12, "svg.fonttype": "path", "axes.spines.top": False,
         "axes.spines.right": False, "axes.edgecolor": "#555555", "svg.hashsalt": "kmdash",
         "text.parse_math": False}  # "$...$" in a group's name is text from the file, never mathtext
# how each mark is drawn, in one place
BAR = {"color": OVERDUE}
CURVE = {"color": OVERDUE, "linewidth": 2.5}
EIGHTY = {"color": NEUTRAL, "linestyle": "--", "linewidth": 1}  # the 80% line
MARK = {"color": MEMBERS, "linestyle": "--", "linewidth": 1}  # the members holding 80%
MARK_NOTE = {"xytext": (12, -36), "textcoords": "offset points", "fontsize": 12,
             "arrowprops": {"arrowstyle": "->", "color": MEMBERS},
             "bbox": {"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": MEMBERS}}
TREND_BAR = {"color": OVERDUE, "alpha": 0.8, "width": 0.6}
TREND_LINE = {"color": MEMBERS, "marker": "o", "linewidth": 2}
TREND_NOTE = {"xytext": (0, 7), "textcoords": "offset points", "ha": "center", "color": MEMBERS, "fontsize": 11}
ROOM = {"bars": 1.3, "across": 1.45, "trend_bars": 1.7, "trend_line": 1.15}  # the value axis past the largest


@cache
def _fonts() -> None:
    """The shipped font registered with matplotlib, once a process."""
    for path in sorted(FONTS.glob(f"{FAMILY}*.ttf")):
        font_manager.fontManager.addfont(str(path))


def draw(figure: Figure, fmt: str = "svg") -> bytes:
    """The figure's chart as SVG or PNG bytes."""
    canvas = chart(figure.data)
    out = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        canvas.savefig(out, format=fmt, dpi=PNG_DPI, metadata={"Date": None})  # no date: the same chart, the same bytes
    return out.getvalue()


def chart(data: Bars | Curve | Trend):
    """The data drawn on a matplotlib figure in the pack's style and font."""
    _fonts()
    with matplotlib.rc_context(STYLE):
        canvas = Canvas(figsize=(WIDTH, _height(data)), layout="constrained")
        DRAWERS[type(data)](canvas, data)
    return canvas


def _height(data) -> float:
    """Horizontal bars grow with their number, so a long list of groups stays readable."""
    return max(HEIGHT, 0.9 + 0.36 * len(data.labels)) if isinstance(data, Bars) and data.across else HEIGHT


def _thousands(axis) -> None:
    """Whole numbers with thousands separators, at most 6 ticks (wide amounts do not run together)."""
    axis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))


def _bars(canvas, data: Bars) -> None:
    ax = canvas.subplots()
    if data.across:
        positions = range(len(data.labels))[::-1]  # the first label on top
        bars = ax.barh(list(positions), data.values, **BAR)
        ax.set_yticks(list(positions), [_short(label) for label in data.labels])
        ax.set_xlabel(data.axis)
        _thousands(ax.xaxis)
        ax.set_xlim(0, _top(data.values) * ROOM["across"])
    else:
        bars = ax.bar(range(len(data.labels)), data.values, **BAR)
        ax.set_xticks(range(len(data.labels)), [_two_lines(label) for label in data.labels])
        ax.set_ylabel(data.axis)
        _thousands(ax.yaxis)
        ax.set_ylim(0, _top(data.values) * ROOM["bars"])
    ax.bar_label(bars, labels=list(data.notes), padding=3, fontsize=_note_size(data))


def _note_size(data: Bars) -> float:
    """The bars' notes as large as NOTE_SIZE where side by side they fit over their bars (a glyph about 0.6 of
    the size wide): "36 members" beside "2,787,295" would run together."""
    if data.across or not data.notes:
        return NOTE_SIZE
    longest = max(len(line) for note in data.notes for line in note.split("\n"))
    room = WIDTH * 72 * 0.75 / len(data.notes)  # points per bar, the value axis and its labels aside
    return min(NOTE_SIZE, room / (0.6 * max(longest, 1)))


def _short(label: str) -> str:
    """A group's name cut to LABEL_CHARS characters (with "…"): a longer one would squeeze the bars away; the
    table beside the chart has it whole."""
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


def _two_lines(label: str) -> str:
    """"91-180 วัน" as "91-180" over "วัน": seven buckets' names side by side would run together."""
    return label.replace(" ", "\n", 1)


def _top(values) -> float:
    return max((float(v) for v in values), default=0.0) or 1.0


def _curve(canvas, data: Curve) -> None:
    ax = canvas.subplots()
    ax.plot(data.ranks, data.shares, **CURVE)
    ax.axhline(80, **EIGHTY)
    if data.mark:
        ax.axvline(data.mark, **MARK)
        ax.annotate(data.mark_note, (data.mark, 80), **MARK_NOTE)
    ax.set_ylim(0, 105)
    ax.set_xlim(0, max(data.ranks, default=1))
    ax.set_xlabel(data.x_axis)
    ax.set_ylabel(data.y_axis)
    _thousands(ax.xaxis)


def _trend(canvas, data: Trend) -> None:
    ax = canvas.subplots()
    where = range(len(data.labels))
    bars = ax.bar(where, data.overdue, **TREND_BAR)
    ax.bar_label(bars, labels=[f"{v:,.0f}" for v in data.overdue], padding=2, fontsize=11)
    ax.set_xticks(where, data.labels)
    ax.set_ylabel(data.overdue_axis)
    ax.set_ylim(0, _top(data.overdue) * ROOM["trend_bars"])  # the bars in the lower part, the line above them
    _thousands(ax.yaxis)
    people = ax.twinx()
    people.spines["right"].set_visible(True)
    people.plot(data.members, **TREND_LINE)  # at 0, 1, 2 ...: the bars' places
    for x, n in zip(where, data.members):
        people.annotate(f"{n:,}", (x, n), **TREND_NOTE)
    people.set_ylabel(data.members_axis, color=MEMBERS)
    people.set_ylim(0, _top(data.members) * ROOM["trend_line"])
    _thousands(people.yaxis)


DRAWERS = {Bars: _bars, Curve: _curve, Trend: _trend}
