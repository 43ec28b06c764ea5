"""Small plotly figures for the overview page (pure: frames in, figures out; no Streamlit)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

SMALL_COUNT = 10  # up to this many articles a bar, a tick per article; above, plotly's own ticks


def count_bar(counts: pd.DataFrame, by: str, title: str) -> go.Figure:
    """A bar chart of a corpus_counts frame (columns: ``by``, "articles"); labels stay raw Unicode.
    Whole-number ticks: one per article for small counts only (a tick per article over thousands of
    articles drew thousands of labels and sent plotly into auto-margin redraws for a minute)."""
    top = int(counts["articles"].max()) if len(counts) else 0
    yaxis: dict[str, Any] = {"title": "articles", "rangemode": "tozero", "tickformat": "d"}
    if top <= SMALL_COUNT:
        yaxis["dtick"] = 1
    fig = go.Figure(go.Bar(x=[str(v) for v in counts[by]], y=list(counts["articles"]),
                           marker_color="#4f6d9a", hovertemplate="%{x}: %{y}<extra></extra>"))
    fig.update_layout(title=title, height=280, margin=dict(l=10, r=10, t=40, b=10),
                      yaxis=yaxis,
                      xaxis=dict(type="category"),
                      font=dict(family="Noto Sans Arabic, DejaVu Sans, sans-serif"))
    return fig
