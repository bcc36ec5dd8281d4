"""The province view's figures: one bar per co-op (names escaped; no member ever appears)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import t
from ..settings import NOT_DUE
from .chart_style import MEMBERS, NEUTRAL, OVERDUE, layout, safe
from .display import bucket, percent

AGING_COLOURS = ("#f5b7b1", "#ec7063", "#e74c3c", "#c0392b", "#922b21", "#641e16", "#3b0f0b")


def _height(rows: pd.DataFrame) -> int:
    return max(360, 120 + 44 * len(rows))


def overdue_figure(coops: pd.DataFrame, lang: str = "th") -> go.Figure:
    """Principal overdue per co-op, largest on top."""
    rows = coops.sort_values("overdue")
    fig = go.Figure(go.Bar(y=safe(rows["label"]), x=rows["overdue"], orientation="h", marker_color=OVERDUE,
                           text=[f"{v:,.0f}" for v in rows["overdue"]], textposition="outside", cliponaxis=False))
    fig.update_xaxes(title_text=t("baht", lang), tickformat=",.0f")
    return layout(fig, t("chart_prov_overdue", lang), _height(rows))


def par_figure(coops: pd.DataFrame, lang: str = "th") -> go.Figure:
    """PAR30 and PAR90 per co-op, side by side."""
    rows = coops.sort_values("par30")
    fig = go.Figure([go.Bar(y=safe(rows["label"]), x=rows[key] * 100, orientation="h", name=t(key, lang),
                            marker_color=colour, text=[percent(v) for v in rows[key]], textposition="outside",
                            cliponaxis=False)
                     for key, colour in (("par30", MEMBERS), ("par90", OVERDUE))])
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text="%", ticksuffix="%")
    return layout(fig, t("chart_prov_par", lang), _height(rows) + 60)


def aging_figure(aging: pd.DataFrame, lang: str = "th") -> go.Figure:
    """Each co-op's overdue as a 100 % bar split by age, oldest darkest."""
    overdue = aging[aging["bucket"] != NOT_DUE]
    buckets = list(dict.fromkeys(overdue["bucket"]))
    fig = go.Figure([go.Bar(y=safe(part["label"]), x=part["share"] * 100, orientation="h", name=bucket(b, lang),
                            marker_color=AGING_COLOURS[min(i, len(AGING_COLOURS) - 1)])
                     for i, (b, part) in enumerate((b, overdue[overdue["bucket"] == b]) for b in buckets)])
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    return layout(fig, t("chart_prov_aging", lang), _height(overdue.drop_duplicates("label")) + 60)


def long_figure(coops: pd.DataFrame, lang: str = "th") -> go.Figure:
    """Of each co-op's overdue members, the share overdue longer than the long-overdue days."""
    rows = coops.sort_values("long_overdue_share")
    fig = go.Figure(go.Bar(y=safe(rows["label"]), x=rows["long_overdue_share"] * 100, orientation="h",
                           marker_color=NEUTRAL, text=[percent(v) for v in rows["long_overdue_share"]],
                           textposition="outside", cliponaxis=False))
    fig.update_xaxes(range=[0, 110], ticksuffix="%")
    return layout(fig, t("chart_prov_long", lang), _height(rows))
