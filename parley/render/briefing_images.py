"""Static PNGs of the briefing's timeline and actor network, for the PDF (no browser needed).

Drawn with matplotlib's Agg canvas (no pyplot). Arabic names are shaped the way
parley.render.images decides for matplotlib: raw text when matplotlib shapes by itself
(3.11+, libraqm), reshaped visual-order text otherwise.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import networkx as nx
import pandas as pd

from parley.analyze.timeline import ROLE_EN, TimelineView
from parley.render.figures import KIND_SYMBOLS, SIDE_COLOURS
from parley.render.fonts import arabic_font, latin_font
from parley.render.images import needs_shaping, visual_order
from parley.text.script import RLM

_MARKERS = {"circle": "o", "diamond": "D", "triangle-up": "^", "square": "s", "star": "*", "x": "X",
            "pentagon": "p"}
DPI = 110


def _fonts() -> tuple[Any, Any]:
    from matplotlib.font_manager import FontProperties

    la, ar = latin_font(), arabic_font()
    return (FontProperties(fname=str(la)) if la else FontProperties(family="sans-serif"),
            FontProperties(fname=str(ar)) if ar else FontProperties(family="sans-serif"))


def _arabic(text: str) -> str:
    """Arabic for matplotlib: raw (it shapes) or reshaped visual order (it cannot)."""
    return visual_order(text, "rtl") if needs_shaping("matplotlib") else RLM + text


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white")
    return buf.getvalue()


def _num(day: Any) -> float:
    from matplotlib.dates import date2num

    d = pd.Timestamp(day)
    return float(date2num(dt.datetime(d.year, d.month, d.day, 12)))  # type: ignore[no-untyped-call]


def timeline_png(view: TimelineView, *, width: float = 9.0) -> bytes:
    """Events by side (spans for month-precise dates), publications and venues, as a PNG."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    latin, _ = _fonts()
    rows = view.rows
    lanes = ["Articles published", "Talks venue", *sorted(set(rows["row"]))] if len(rows) else \
        ["Articles published", "Talks venue"]
    y = {lane: len(lanes) - 1 - i for i, lane in enumerate(lanes)}
    fig = Figure(figsize=(width, 1.2 + 0.45 * len(lanes)), dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    for r in rows.to_dict("records"):
        if r["date_precision"] == "day":
            marker = _MARKERS.get(KIND_SYMBOLS.get(r["kind"], ""), "o")
            ax.scatter([_num(r["start"])], [y[r["row"]]], marker=marker, s=70, color="#374151", zorder=3)
        else:
            ax.plot([_num(r["start"]), _num(r["end"])], [y[r["row"]]] * 2, linewidth=7, color="#9ca3af",
                    solid_capstyle="butt", zorder=2)
    for a in view.articles.to_dict("records"):
        ax.plot([_num(a["start"]), _num(a["end"]) + 0.01], [y["Articles published"]] * 2, marker="|",
                markersize=14, color="#6b7280", linewidth=5 if a["date_precision"] != "day" else 0)
    for k, v in enumerate(view.venues.to_dict("records")):
        ax.scatter([_num(v["mid"])], [y["Talks venue"]], marker="h", s=90, color="#d98c00", zorder=3)
        # Staggered labels: several venues often share a day (moved from / moved to).
        ax.annotate(f"{v['place_en']} ({ROLE_EN.get(str(v['role']), str(v['role']))})",
                    (_num(v["mid"]), y["Talks venue"]), xytext=(4, -12 - 8 * (k % 3)),
                    textcoords="offset points", ha="left", fontsize=6.5, fontproperties=latin)
    ax.set_yticks(list(y.values()), list(y.keys()), fontproperties=latin, fontsize=8)
    ax.set_ylim(-0.7, len(lanes) - 0.2)
    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.grid(axis="x", color="#eef0f3")
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    fig.tight_layout()
    return _png(fig)


def network_png(graph: nx.Graph, pos: dict[str, tuple[float, float]], *, label_top: int = 20,
                width: float = 9.0) -> bytes:
    """The actor network: nodes sized by mentions and coloured by side, English and Arabic names."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    latin, arabic = _fonts()
    fig = Figure(figsize=(width, width * 0.62), dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_axis_off()
    big_w = max((int(w) for _, _, w in graph.edges(data="weight", default=1)), default=1)
    for a, b, w in graph.edges(data="weight", default=1):
        if a in pos and b in pos:
            ax.plot([pos[a][0], pos[b][0]], [pos[a][1], pos[b][1]], color="#b8bec8",
                    linewidth=0.6 + 4.0 * (int(w) / big_w) ** 0.5, zorder=1)
    nodes = [n for n in graph.nodes if n in pos]
    big_m = max((int(graph.nodes[n].get("mentions", 0)) for n in nodes), default=1) or 1
    top = set(sorted(nodes, key=lambda n: (-int(graph.nodes[n].get("mentions", 0)), n))[:label_top])
    for n in nodes:
        d = graph.nodes[n]
        size = 40 + 500 * (int(d.get("mentions", 0)) / big_m) ** 0.5
        ax.scatter([pos[n][0]], [pos[n][1]], s=size, color=SIDE_COLOURS.get(str(d.get("side")), "#9ca3af"),
                   edgecolors="white", zorder=2)
        if n in top:
            ax.annotate(str(d.get("label", n)), pos[n], xytext=(0, 8), textcoords="offset points",
                        ha="center", fontsize=7.5, fontproperties=latin, zorder=3)
            if d.get("name_ar"):
                ax.annotate(_arabic(str(d["name_ar"])), pos[n], xytext=(0, -14), textcoords="offset points",
                            ha="center", fontsize=8, fontproperties=arabic, zorder=3)
    ax.set_xlim(-1.25, 1.25)
    ax.set_ylim(-1.25, 1.3)
    fig.tight_layout()
    return _png(fig)
