"""Plotly figures of the debt picture, sized for a projector. Callers mask personal data first."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..analyse import pareto_count
from ..i18n import t
from ..privacy import member_labels
from ..settings import NOT_DUE
from .chart_style import MEMBERS, NEUTRAL, OVERDUE, layout, safe
from .display import bucket, money, percent

SCATTER_LIMIT = 5_000  # members drawn in the scatter (the largest overdue): more is a blob on a projector
PARETO_POINTS = 2_000  # points of the cumulative curve; more do not change the picture


def aging_figure(aging: pd.DataFrame, lang: str = "th") -> go.Figure:
    """Overdue principal per aging bucket; each bar carries its baht and, under it, the members whose
    oldest overdue loan is in that bucket (numbers on the bars: nothing to read off an axis)."""
    rows = aging[aging["bucket"] != NOT_DUE]
    people = t("people", lang)
    fig = go.Figure(go.Bar(
        x=[bucket(b, lang) for b in rows["bucket"]], y=rows["overdue"], name=t("overdue", lang),
        marker_color=OVERDUE, text=[f"{v:,.0f}<br>{n:,} {people}" for v, n in zip(rows["overdue"], rows["members"])],
        textposition="outside", textfont=dict(size=16), cliponaxis=False,
        customdata=_money_texts(rows["overdue"], lang), hovertemplate="%{x}<br>%{customdata}<extra></extra>"))
    top = float(rows["overdue"].max()) if len(rows) else 1.0
    fig.update_yaxes(title_text=t("baht", lang), tickformat=",.0f", range=[0, top * 1.25 or 1])
    fig.update_xaxes(tickangle=0)
    return layout(fig, t("chart_aging", lang), height=520)


def group_figure(groups: pd.DataFrame, lang: str = "th", top: int = 15) -> go.Figure:
    """Overdue principal per member group, largest first, with each group's share of all overdue."""
    rows = groups[groups["overdue"] > 0].head(top).iloc[::-1]
    fig = go.Figure(go.Bar(
        y=safe(rows["group"]), x=rows["overdue"], orientation="h", marker_color=OVERDUE,
        text=[f"{v:,.0f} ({percent(s)})" for v, s in zip(rows["overdue"], rows["share"])], textposition="outside",
        cliponaxis=False,
        customdata=np.column_stack([_money_texts(rows["overdue"], lang), rows["members_overdue"].to_numpy(dtype=object),
                                    rows["members"].to_numpy(dtype=object)]),
        hovertemplate="%{y}<br>%{customdata[0]}<br>%{customdata[1]}/%{customdata[2]} "
                      + t("members_overdue", lang) + "<extra></extra>"))
    fig.update_xaxes(title_text=t("baht", lang), tickformat=",.0f",
                     range=[0, float(rows["overdue"].max() if len(rows) else 1) * 1.35])
    return layout(fig, t("chart_groups", lang), height=max(420, 40 * len(rows) + 140))


def pareto_figure(members: pd.DataFrame, lang: str = "th") -> go.Figure:
    """Cumulative share of overdue against members, largest first; marks the 80% point."""
    overdue = np.sort(members.loc[members["overdue"] > 0, "overdue"].to_numpy())[::-1]
    total = overdue.sum()
    cumulative = overdue.cumsum() / total * 100 if total > 0 else overdue
    ranks = np.arange(1, len(cumulative) + 1)
    step = max(1, len(ranks) // PARETO_POINTS)
    keep = np.unique(np.r_[ranks[::step] - 1, len(ranks) - 1]) if len(ranks) else ranks
    n80 = pareto_count(members)
    fig = go.Figure(go.Scatter(x=ranks[keep], y=cumulative[keep], mode="lines",
                               line=dict(width=4, color=OVERDUE), name=t("cumulative_share", lang),
                               hovertemplate="%{x:,} " + t("people", lang) + ": %{y:.1f}%<extra></extra>"))
    fig.add_hline(y=80, line_dash="dash", line_color=NEUTRAL)
    if n80:
        fig.add_vline(x=n80, line_dash="dash", line_color=MEMBERS)
        fig.add_annotation(x=n80, y=80, text=t("pareto_note", lang, n=n80, total=len(overdue)),
                           showarrow=True, arrowhead=2, ax=40, ay=60, xanchor="left", yanchor="top",
                           bgcolor="white", font=dict(size=18))  # below the 80% line, right of the members line
    fig.update_xaxes(title_text=t("members_ranked", lang))
    fig.update_yaxes(title_text="%", range=[0, 105])
    return layout(fig, t("chart_pareto", lang))


def scatter_figure(members: pd.DataFrame, lang: str = "th") -> go.Figure:
    """Each overdue member: days overdue against overdue amount (WebGL, largest kept when many)."""
    rows = members[members["overdue"] > 0].nlargest(SCATTER_LIMIT, "overdue")
    fig = go.Figure(go.Scattergl(
        x=rows["days"], y=rows["overdue"], mode="markers",
        marker=dict(size=9, color=OVERDUE, opacity=0.6),
        customdata=np.column_stack([safe(member_labels(rows)), safe(rows["group"]),
                                    _money_texts(rows["overdue"], lang)]),
        hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>%{x:,} "
                      + t("days", lang) + " · %{customdata[2]}<extra></extra>"))
    fig.update_xaxes(title_text=t("days_overdue", lang), tickformat=",")
    fig.update_yaxes(title_text=t("baht", lang), tickformat=",.0f")
    return layout(fig, t("chart_scatter", lang))


def _money_texts(values: pd.Series, lang: str) -> np.ndarray:
    return np.array([money(v, lang) for v in values], dtype=object)


GRADE_COLOURS = ("#1e8449", "#52be80", "#f4d03f", "#c0392b")  # top grade green to the last red


def grades_figure(counts: pd.DataFrame, lang: str = "th") -> go.Figure:
    """Members per grade (counts_table: grade, members), top grade first, the count on each bar."""
    colours = [GRADE_COLOURS[min(i, len(GRADE_COLOURS) - 1)] for i in range(len(counts))]
    if len(counts) > 1:
        colours[-1] = GRADE_COLOURS[-1]
    people = t("people", lang)
    fig = go.Figure(go.Bar(x=safe(counts["grade"]), y=counts["members"], marker_color=colours,
                           text=[f"{n:,} {people}" for n in counts["members"]], textposition="outside",
                           textfont=dict(size=16), cliponaxis=False,
                           hovertemplate="%{x}<br>%{y:,} " + people + "<extra></extra>"))
    fig.update_yaxes(title_text=t("members", lang), tickformat=",",
                     range=[0, float(counts["members"].max() if len(counts) else 1) * 1.2 or 1])
    fig.update_xaxes(tickangle=0)
    return layout(fig, t("chart_grades", lang))


def pool_figure(rotation: pd.DataFrame, pool: float, lang: str = "th") -> go.Figure:
    """T4's cycles as stacked bars (a block per member, labels from the frame as given: mask it first)
    against a dashed line at the pool. `rotation` is techniques.pool.members_table's frame."""
    rows = rotation.assign(slot=rotation.groupby("cycle").cumcount())
    fig = go.Figure()
    for _, part in rows.groupby("slot", sort=True):
        fig.add_trace(go.Bar(
            x=[t("pooling_cycle_n", lang, n=n) for n in part["cycle"]], y=part["overdue"], marker_color=OVERDUE,
            marker_line=dict(color="white", width=2), showlegend=False,
            customdata=np.column_stack([safe(member_labels(part)), _money_texts(part["overdue"], lang)]),
            hovertemplate="%{x}<br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>"))
    fig.add_hline(y=pool, line_dash="dash", line_color=MEMBERS, line_width=3,
                  annotation_text=t("pooling_line", lang, pool=f"{pool:,.2f}"), annotation_position="top left")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(categoryorder="array", categoryarray=[t("pooling_cycle_n", lang, n=n) for n in sorted(set(rows["cycle"]))])
    fig.update_yaxes(title_text=t("baht", lang), tickformat=",.0f", range=[0, pool * 1.15])
    return layout(fig, t("chart_pool", lang))


def loads_figure(loads: pd.DataFrame, balance: str = "amount", lang: str = "th") -> go.Figure:
    """Per person (in the order given, top down): the overdue assigned (bars) with the member count beside
    it; with balance "count", members are the bars and the baht beside them."""
    rows = loads.iloc[::-1]
    people = t("people", lang)
    by_amount = balance == "amount"
    value = rows["overdue"] if by_amount else rows["members"]
    fig = go.Figure(go.Bar(
        y=safe(rows["assignee"]), x=value, orientation="h", marker_color=OVERDUE if by_amount else MEMBERS,
        text=[f"{o:,.0f} ({n:,} {people})" if by_amount else f"{n:,} {people} ({o:,.0f})"
              for o, n in zip(rows["overdue"], rows["members"])],
        textposition="outside", cliponaxis=False,
        customdata=_money_texts(rows["overdue"], lang),
        hovertemplate="%{y}<br>%{customdata}<extra></extra>"))
    fig.update_xaxes(title_text=t("baht" if by_amount else "members", lang), tickformat=",.0f" if by_amount else ",",
                     range=[0, float(value.max() if len(rows) else 1) * 1.4 or 1])
    return layout(fig, t("chart_loads", lang), height=max(360, 50 * len(rows) + 140))


def leaders_figure(groups: pd.DataFrame, lang: str = "th", top: int = 20) -> go.Figure:
    """T2: the principal overdue per group (leaders_tool.Packs.groups, largest first; the `top` largest), with
    the debtors its leader follows up beside each bar."""
    rows = groups.head(top).iloc[::-1]
    people = t("people", lang)
    fig = go.Figure(go.Bar(
        y=safe(rows["group"]), x=rows["overdue"], orientation="h", marker_color=OVERDUE,
        text=[f"{o:,.0f} ({n:,} {people})" for o, n in zip(rows["overdue"], rows["debtors"])],
        textposition="outside", cliponaxis=False, customdata=_money_texts(rows["overdue"], lang),
        hovertemplate="%{y}<br>%{customdata}<extra></extra>"))
    fig.update_xaxes(title_text=t("baht", lang), tickformat=",.0f",
                     range=[0, float(rows["overdue"].max() if len(rows) else 1) * 1.4 or 1])
    return layout(fig, t("chart_leaders", lang), height=max(360, 40 * len(rows) + 140))


def status_figure(counts: dict[str, int], lang: str = "th") -> go.Figure:
    """Members per follow-up status, in the statuses' order, the count on each bar."""
    labels = [t(f"fu_{s}", lang) for s in counts]
    fig = go.Figure(go.Bar(x=labels, y=list(counts.values()), marker_color=MEMBERS, text=list(counts.values()),
                           texttemplate="%{text:,}", textposition="outside", cliponaxis=False))
    fig.update_yaxes(title_text=t("members", lang), tickformat=",")
    return layout(fig, t("chart_status", lang))


def transitions_figure(matrix: pd.DataFrame, lang: str = "th") -> go.Figure:
    """The bucket transition grid (rows then, columns now) as a heat map, the members in each cell."""
    def name(label: str) -> str:
        return t(f"fu_{label}", lang) if label in ("joined", "left") else bucket(label, lang)

    fig = go.Figure(go.Heatmap(z=matrix.to_numpy(), x=[name(c) for c in matrix.columns],
                               y=[name(r) for r in matrix.index], colorscale="Blues", showscale=False,
                               texttemplate="%{z:,}", textfont=dict(size=16),
                               hovertemplate="%{y} → %{x}: %{z:,}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", title_text=t("fu_then", lang))
    fig.update_xaxes(title_text=t("fu_now", lang), side="top")
    return layout(fig, t("chart_transitions", lang), height=120 + 50 * len(matrix))


def recovery_figure(table: pd.DataFrame, what: str, names, lang: str = "th", top: int = 15) -> go.Figure:
    """Per value of a plan dimension: cash recovered (solid) and refinanced through the pool (hatched, apart:
    never cash), largest first; `names` turns a value into its label (mask it first)."""
    rows = table.head(top).iloc[::-1]
    labels = safe([names(v) for v in rows["value"]])
    fig = go.Figure([
        go.Bar(y=labels, x=rows["recovered"] / 100, orientation="h", marker_color=MEMBERS, name=t("col_recovered", lang),
               text=[f"{r / 100:,.0f} ({p:.0%}, {n:,} {t('people', lang)})" for r, p, n in
                     zip(rows["recovered"], rows["rate"], rows["members"])], textposition="outside", cliponaxis=False),
        go.Bar(y=labels, x=rows["refinanced"] / 100, orientation="h", marker_color=NEUTRAL,
               marker_pattern_shape="/", name=t("col_refinanced", lang))])
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text=t("baht", lang), tickformat=",.0f")
    return layout(fig, t("chart_recovery", lang, what=what), height=max(360, 60 * len(rows) + 160))
