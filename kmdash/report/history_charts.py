"""A co-op's history drawn for a projector: the overdue and the members overdue per snapshot date, PAR30 and
PAR90 over time, and the aging mix per date (money in baht, dates as Thai readers write them). No names: the
history's charts hold figures only."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..history import History
from ..i18n import t
from ..settings import NOT_DUE
from .chart_style import MEMBERS, NEUTRAL, OVERDUE, layout
from .display import bucket, day, money, percent

AGING_COLOURS = ("#f5b041", "#e67e22", "#d35400", "#c0392b", "#922b21", "#641e16", "#3b0f0b")


def dates(h: History, lang: str) -> list[str]:
    return [day(d, lang) for d in h.points["as_of"]]


def overdue_figure(h: History, lang: str = "th") -> go.Figure:
    """The overdue (bars, baht) and the members overdue (a line, right axis) at each snapshot date."""
    x, points = dates(h, lang), h.points
    baht = points["overdue"] / 100
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Bar(x=x, y=baht, name=t("hist_overdue", lang), marker_color=OVERDUE,
                         customdata=[money(v, lang) for v in baht], hovertemplate="%{x}<br>%{customdata}<extra></extra>"))
    fig.add_trace(go.Scatter(x=x, y=points["members_overdue"], name=t("hist_overdue_members", lang), mode="lines+markers",
                             line=dict(color=MEMBERS, width=4), marker=dict(size=10),
                             hovertemplate="%{x}<br>%{y:,} " + t("people", lang) + "<extra></extra>"), secondary_y=True)
    fig.update_yaxes(title_text=t("baht", lang), tickformat=",.0f", secondary_y=False, rangemode="tozero")
    fig.update_yaxes(title_text=t("people", lang), secondary_y=True, rangemode="tozero", showgrid=False,
                     tickformat=",.0f")
    return layout(fig, t("chart_hist_overdue", lang), height=480)


def par_figure(h: History, lang: str = "th") -> go.Figure:
    """PAR30 and PAR90 at each snapshot date, in percent; a date without the outstanding kept has no point."""
    x, fig = dates(h, lang), go.Figure()
    for column, colour in (("par30", OVERDUE), ("par90", NEUTRAL)):
        values = h.points[column] * 100
        fig.add_trace(go.Scatter(x=x, y=values, name=column.upper(), mode="lines+markers",
                                 line=dict(color=colour, width=4), marker=dict(size=10), connectgaps=False,
                                 customdata=[percent(v / 100) if v == v else "-" for v in values],
                                 hovertemplate="%{x}<br>" + column.upper() + " %{customdata}<extra></extra>"))
    fig.update_yaxes(title_text="%", ticksuffix="%", rangemode="tozero")
    return layout(fig, t("chart_hist_par", lang), height=440)


def aging_mix_figure(h: History, lang: str = "th") -> go.Figure:
    """The overdue per aging bucket at each date, stacked, the oldest on top."""
    aging = h.aging[h.aging["bucket"] != NOT_DUE]
    fig = go.Figure()
    for i, (label, rows) in enumerate(aging.groupby("bucket", sort=False)):
        baht = rows["overdue"] / 100
        fig.add_trace(go.Bar(x=[day(d, lang) for d in rows["as_of"]], y=baht, name=bucket(label, lang),
                             marker_color=AGING_COLOURS[min(i, len(AGING_COLOURS) - 1)],
                             customdata=[money(v, lang) for v in baht],
                             hovertemplate="%{x}<br>" + bucket(label, lang) + ": %{customdata}<extra></extra>"))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title_text=t("baht", lang), tickformat=",.0f")
    return layout(fig, t("chart_hist_aging", lang), height=500)
