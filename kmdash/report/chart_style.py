"""The look every figure shares, sized for a projector: the font, the colours, the layout, and text from
the file made safe for plotly's labels. `charts` and `province_charts` draw with it."""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

FONT = dict(family="Sarabun, Tahoma, 'Noto Sans Thai', sans-serif", size=18, color="#1a1a1a")
OVERDUE = "#c0392b"
MEMBERS = "#1f4e79"
NEUTRAL = "#7f8c8d"


def layout(fig: go.Figure, title: str, height: int = 480) -> go.Figure:
    """The figure with its title, large type, a white ground and the legend below: as a projector needs."""
    fig.update_layout(title=dict(text=title, font=dict(size=24)), font=FONT, template="plotly_white",
                      height=height, margin=dict(l=20, r=20, t=70, b=20), hoverlabel=dict(font_size=16),
                      legend=dict(orientation="h", y=-0.2))
    fig.update_xaxes(tickfont=dict(size=16), title_font=dict(size=18))
    fig.update_yaxes(tickfont=dict(size=16), title_font=dict(size=18))
    return fig


def safe(texts) -> np.ndarray:
    """Text from the file for a chart: plotly reads tags such as <a href> and <b> in labels and hovers,
    so < > & are written as entities and the text shows as it is."""
    return np.array([html.escape(str(x), quote=False) for x in texts], dtype=object)
