"""Small plotly figures for the overview page (pure: frames in, figures out; no Streamlit)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go


def count_bar(counts: pd.DataFrame, by: str, title: str) -> go.Figure:
    """A bar chart of a corpus_counts frame (columns: ``by``, "articles"); labels stay raw Unicode."""
    fig = go.Figure(go.Bar(x=[str(v) for v in counts[by]], y=list(counts["articles"]),
                           marker_color="#4f6d9a", hovertemplate="%{x}: %{y}<extra></extra>"))
    fig.update_layout(title=title, height=280, margin=dict(l=10, r=10, t=40, b=10),
                      yaxis=dict(title="articles", dtick=1, rangemode="tozero"),
                      xaxis=dict(type="category"),
                      font=dict(family="Noto Sans Arabic, DejaVu Sans, sans-serif"))
    return fig
