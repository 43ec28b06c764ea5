"""Pure plotly figures for the timeline and the actor network (no Streamlit, no I/O).

Labels go to plotly as raw Unicode: the browser shapes and orders Arabic itself, so nothing
here passes through arabic-reshaper or python-bidi. Every selectable point carries
customdata [what, id] ("event", "article", "venue", "actor") for the page's selection handler.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from parley.analyze.network import CO_OCCURS
from parley.analyze.network_layout import Edge, edge_list
from parley.filters import app_href
from parley.render.hovers import article_hovers, event_hovers, venue_hovers
from parley.render.html import bdi, esc, evidence_block

ARTICLES_ROW = "Articles published"
VENUES_ROW = "Talks venue"
SIDE_COLOURS = {
    "us": "#1f5fbf", "iran": "#2e8b57", "mediator": "#d98c00", "israel": "#7b4fbf",
    "gulf": "#c2410c", "europe": "#0e7490", "media": "#6b7280", "other": "#9ca3af",
}
KIND_SYMBOLS = {
    "meeting": "circle", "call": "diamond", "visit": "triangle-up", "speech": "square",
    "announcement": "star", "strike": "x", "statement": "pentagon",
}
EDGE_COLOURS = {
    "mediated": "#d98c00", "hosted": "#0e7490", "called": "#7b4fbf", "met": "#1f5fbf",
    "criticised": "#b91c1c", "warned": "#dc2626", CO_OCCURS: "#b8bec8",
}
FONT = "Noto Naskh Arabic, Noto Sans Arabic, DejaVu Sans, sans-serif"


def _day(day: Any) -> str:
    """An ISO date string for plotly's date axis (strings: no per-point checks, no time zone)."""
    if isinstance(day, dt.date):
        return day.isoformat()[:10]
    return pd.Timestamp(day).strftime("%Y-%m-%d")


def _strs(values: Sequence[Any]) -> np.ndarray:
    """A numpy string array (1-D or 2-D): plotly copies it whole instead of checking each item."""
    return np.asarray(values, dtype=str) if len(values) else np.asarray([], dtype=str)


def _objs(values: Sequence[Any]) -> np.ndarray:
    """An object array (1-D, or 2-D from equal-length lists): plotly keeps it as it is, where a
    numpy string array would be converted item by item (the figure's data are the same)."""
    return np.asarray(values, dtype=object) if len(values) else np.asarray([], dtype=object)


def _days(values: Iterable[Any]) -> list[str]:
    """_day of each value, worked out once per distinct value (dates repeat across rows)."""
    memo: dict[Any, str] = {}
    out = []
    for v in values:
        day = memo.get(v)
        if day is None:
            day = memo[v] = _day(v)
        out.append(day)
    return out


def _span_trace(starts: Sequence[Any], ends: Sequence[Any], y: Sequence[str], custom: Sequence[Sequence[str]],
                hover: Sequence[str], *, name: str, colour: str, legendgroup: str | None = None,
                showlegend: bool = True) -> dict[str, Any]:
    """Horizontal bars from start to the end of the end day: month- or year-precise dates."""
    memo: dict[tuple[Any, Any], tuple[str, float]] = {}  # few distinct spans (months, years)
    for key in zip(starts, ends, strict=True):
        if key not in memo:
            s, e = pd.Timestamp(key[0]), pd.Timestamp(key[1]) + pd.Timedelta(days=1)
            memo[key] = (s.strftime("%Y-%m-%d"), (e - s).total_seconds() * 1000)
    spans = [memo[key] for key in zip(starts, ends, strict=True)]
    return {"type": "bar", "base": _strs([b for b, _ in spans]), "x": np.asarray([ms for _, ms in spans]),
            "y": _objs(list(y)), "orientation": "h", "width": 0.36, "name": name, "legendgroup": legendgroup,
            "showlegend": showlegend, "marker": {"color": colour, "line": {"width": 1, "color": "#374151"}},
            "customdata": _objs([list(c) for c in custom]), "hovertext": _strs(list(hover)),
            "hovertemplate": "%{hovertext}<extra></extra>"}


def _venue_label(places: list[str], roles: list[str]) -> str:
    """'Turkey → Oman' for a move, else the places; at most three names."""
    names = list(dict.fromkeys(places))
    if "moved_from" in roles and "moved_to" in roles:
        src = [p for p, r in zip(places, roles, strict=True) if r == "moved_from"]
        dst = [p for p, r in zip(places, roles, strict=True) if r != "moved_from"]
        return " → ".join([", ".join(dict.fromkeys(src)), ", ".join(dict.fromkeys(dst))])
    return ", ".join(names[:3]) + (" …" if len(names) > 3 else "")


def _venue_traces(venues: pd.DataFrame) -> list[dict[str, Any]]:
    """One mark per date (a bar across the month for month-precise dates) labelled with its
    places; the hover lists each venue with its role, date and who asked."""
    groups: dict[tuple[Any, Any, str], list[int]] = {}
    for i, key in enumerate(zip(venues["start"].tolist(), venues["end"].tolist(),
                                [str(p) for p in venues["date_precision"].tolist()], strict=True)):
        groups.setdefault(key, []).append(i)
    places = [str(p) for p in venues["place_en"].tolist()]
    roles = [str(r) for r in venues["role"].tolist()]
    hovers = venue_hovers(venues)
    arts, segs = venues["article_id"].tolist(), venues["segment_idx"].tolist()
    marks: list[dict[str, Any]] = []
    for (start, end, prec), grp in sorted(groups.items(), key=lambda kv: (_day(kv[0][0]), _day(kv[0][1]))):
        s0, e0 = pd.Timestamp(_day(start)), pd.Timestamp(_day(end))
        marks.append({"x": _day(start) if prec == "day" else (s0 + (e0 - s0) / 2).strftime("%Y-%m-%d"),
                      "start": start, "end": end, "prec": prec,
                      "text": _venue_label([places[i] for i in grp], [roles[i] for i in grp]),
                      "custom": ["venue", f"{arts[grp[0]]}:{segs[grp[0]]}"],
                      "hover": "<br>".join(dict.fromkeys(hovers[i] for i in grp))})
    traces = []
    spans = [m for m in marks if m["prec"] != "day"]
    if spans:
        traces.append(_span_trace([m["start"] for m in spans], [m["end"] for m in spans],
                                  [VENUES_ROW] * len(spans), [m["custom"] for m in spans],
                                  [m["hover"] for m in spans], name="venue (month)",
                                  colour="rgba(217,140,0,0.3)", showlegend=False))
    shown = _spread([dt.date.fromisoformat(_day(m["x"])) for m in marks], [m["text"] for m in marks])
    traces.append({
        "type": "scatter", "x": _objs([m["x"] for m in marks]), "y": _objs([VENUES_ROW] * len(marks)),
        "mode": "markers+text", "name": "venue",
        "text": _strs([m["text"] if i in shown else "" for i, m in enumerate(marks)]),
        "cliponaxis": False,
        "textposition": "top center", "textfont": {"size": 11, "color": "#92400e"},
        "marker": {"symbol": "hexagon", "size": 13, "color": "#d98c00"},
        "customdata": _objs([m["custom"] for m in marks]), "hovertext": _strs([m["hover"] for m in marks]),
        "hovertemplate": "%{hovertext}<extra></extra>"})
    return traces


_LABEL_CHARS = 90  # about this many label characters fit across the plot (11 px text, ~750 px of plot)


def _spread(days: list[dt.date], labels: list[str]) -> set[int]:
    """Indices of the marks to label, newest first, each far enough from the last one labelled
    for both labels to fit side by side (the others are left to the hover): the venue track's
    labels would otherwise print over each other."""
    if not days:
        return set()
    ords = [d.toordinal() for d in days]
    per_char = max(1, max(ords) - min(ords)) / _LABEL_CHARS  # days of axis per character
    shown: set[int] = set()
    last: int | None = None
    for i in sorted(range(len(ords)), key=lambda i: -ords[i]):
        if not labels[i]:
            continue
        if last is None or ords[last] - ords[i] >= per_char * (len(labels[last]) + len(labels[i])) / 2:
            shown.add(i)
            last = i
    return shown


# status -> (hollow marker, opacity): what did not (yet) happen is drawn open, old context faint
STATUS_STYLES = {"happened": (False, 1.0), "planned": (True, 1.0), "called_off": (True, 0.6),
                 "background": (False, 0.35)}


def timeline_figure(rows: pd.DataFrame, articles: pd.DataFrame | None = None,
                    venues: pd.DataFrame | None = None, *, title: str = "") -> go.Figure:
    """Events on rows (sides or actors) with a symbol per kind; month-precise dates as bars
    across the month; an article-publication track and a venue track (proposed / moved / held).

    The traces go to plotly as dicts in one go.Figure call: it checks each array once (adding
    ready-made trace objects checks them twice), and the columns are read once, as lists.
    """
    traces: list[dict[str, Any]] = []
    event_rows = sorted(set(rows["row"])) if len(rows) else []
    order = [VENUES_ROW, ARTICLES_ROW, *event_rows]  # venue labels sit above, in the top margin
    if len(rows):
        kinds = [str(k) for k in rows["kind"].tolist()]
        statuses = ([str(x) for x in rows["status"].tolist()] if "status" in rows.columns
                    else ["happened"] * len(kinds))
        is_day = [p == "day" for p in rows["date_precision"].tolist()]
        starts, ends = rows["start"].tolist(), rows["end"].tolist()
        ys, eids, hovers = rows["row"].tolist(), rows["event_id"].tolist(), event_hovers(rows)
        by_kind: dict[tuple[str, str], tuple[list[int], list[int]]] = {
            k: ([], []) for k in sorted(set(zip(kinds, statuses, strict=True)),
                                        key=lambda ks: (ks[0], ks[1] != "happened", ks[1]))}
        legend_kinds: set[str] = set()
        for i, (kind, status, day) in enumerate(zip(kinds, statuses, is_day, strict=True)):
            by_kind[(kind, status)][0 if day else 1].append(i)
        for (kind, status), (point, span) in by_kind.items():
            # plans and called-off events hollow, recalled background faint (STATUS_STYLES)
            hollow, opacity = STATUS_STYLES.get(status, (False, 1.0))
            symbol = KIND_SYMBOLS.get(kind, "circle-open")
            if hollow and not symbol.endswith("-open"):
                symbol += "-open"
            name = kind if status == "happened" else f"{kind} ({status.replace('_', ' ')})"
            # the legend names each kind once (a group: a click hides all of it); the caption explains
            # the styles of plans and background
            first = kind not in legend_kinds
            legend_kinds.add(kind)
            if point:
                # WebGL: the newest 1,500 event reports are thousands of markers (one per row an
                # event is on), which SVG drew one element at a time, before the page was ready
                traces.append({
                    "type": "scattergl", "x": _objs(_days(starts[i] for i in point)),
                    "y": _objs([ys[i] for i in point]), "mode": "markers", "name": name, "legendgroup": kind,
                    "showlegend": first, "opacity": opacity,
                    "marker": {"symbol": symbol, "size": 13, "color": "#374151",
                               "line": {"width": 2 if hollow else 1,
                                        "color": "#374151" if hollow else "white"}},
                    "customdata": _objs([["event", eids[i]] for i in point]),
                    "hovertext": _strs([hovers[i] for i in point]),
                    "hovertemplate": "%{hovertext}<extra></extra>"})
            if span:
                traces.append(_span_trace([starts[i] for i in span], [ends[i] for i in span],
                                          [ys[i] for i in span], [["event", eids[i]] for i in span],
                                          [hovers[i] for i in span], name=f"{name} (month or year: a span)",
                                          colour=f"rgba(55,65,81,{0.3 * opacity:.2f})", legendgroup=kind,
                                          showlegend=first and not point))
    if articles is not None and len(articles):
        is_day = [p == "day" for p in articles["date_precision"].tolist()]
        starts, ends = articles["start"].tolist(), articles["end"].tolist()
        aids, hovers = articles["article_id"].tolist(), article_hovers(articles)
        point = [i for i, day in enumerate(is_day) if day]
        span = [i for i, day in enumerate(is_day) if not day]
        if point:
            traces.append({
                "type": "scattergl", "x": _objs(_days(starts[i] for i in point)),
                "y": _objs([ARTICLES_ROW] * len(point)), "mode": "markers", "name": "articles published",
                "marker": {"symbol": "line-ns-open", "size": 16, "color": "#6b7280", "line": {"width": 2}},
                "customdata": _objs([["article", aids[i]] for i in point]),
                "hovertext": _strs([hovers[i] for i in point]),
                "hovertemplate": "%{hovertext}<extra></extra>"})
        if span:
            traces.append(_span_trace([starts[i] for i in span], [ends[i] for i in span],
                                      [ARTICLES_ROW] * len(span), [["article", aids[i]] for i in span],
                                      [hovers[i] for i in span], name="articles published (month)",
                                      colour="rgba(107,114,128,0.3)"))
    if venues is not None and len(venues):
        traces += _venue_traces(venues)
    fig = go.Figure(data=traces)
    fig.update_layout(
        title=title or None, height=max(360, 90 + 46 * len(order)),
        margin={"l": 10, "r": 10, "t": 80, "b": 30},
        font={"family": FONT}, legend={"orientation": "h", "y": -0.12}, dragmode="select",
        clickmode="event+select", hovermode="closest", plot_bgcolor="white", barmode="overlay")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=list(reversed(order)),
                     gridcolor="#eef0f3", automargin=True)
    fig.update_xaxes(type="date", gridcolor="#eef0f3", automargin=True)
    return fig


def _node_size(mentions: int, biggest: int) -> float:
    """Marker size 8..42 px by the square root of the mention share (area follows mentions)."""
    return 8.0 + 34.0 * math.sqrt(max(mentions, 0) / max(biggest, 1))


WIDTH_LEVELS = (0.8, 2.0, 4.0, 7.0)  # edge widths: plotly sets one width per trace


def _width(weight: int, biggest: int) -> float:
    """One of WIDTH_LEVELS by the square root of the weight's share of the biggest weight."""
    share = math.sqrt(max(weight, 0) / max(biggest, 1))
    return WIDTH_LEVELS[min(len(WIDTH_LEVELS) - 1, int(share * len(WIDTH_LEVELS)))]


def _arr(values: Sequence[float]) -> np.ndarray:
    """A float array (NaN for gaps): plotly takes arrays without checking each element."""
    return np.asarray(values, dtype=np.float64)


def _xy(values: Sequence[float]) -> np.ndarray:
    """Layout coordinates (about -1..1) as 4-byte floats, far finer than a pixel: plotly sends an
    array as its bytes, and a network sends several thousand coordinates."""
    return np.asarray(values, dtype=np.float32)


MAX_DRAWN_EDGES = 1500


def drawn_edges(graph: nx.Graph, max_edges: int, keep: Iterable[str] = ()) -> list[Edge]:
    """The edges worth drawing: the ``max_edges`` heaviest (typed before untyped at equal weight),
    plus every edge of the ``keep`` actors. Thousands of faint lines hide the structure."""
    edges = edge_list(graph)
    if len(edges) <= max_edges:
        return edges
    kept = set(keep)

    def order(e: Edge) -> tuple[int, bool, str, str]:
        return -int(e[2].get("weight", 1)), e[2].get("type") == CO_OCCURS, e[0], e[1]

    # Only the edges at least as heavy as the max_edges-th heaviest can be chosen: sort those, and
    # of the rest only the kept actors' edges (the same list as sorting them all, far fewer keys).
    weights = np.fromiter((int(d.get("weight", 1)) for _, _, d in edges), dtype=np.int64, count=len(edges))
    floor = int(np.partition(weights, len(edges) - max_edges)[len(edges) - max_edges])
    heavy = sorted((e for e, w in zip(edges, weights.tolist(), strict=True) if w >= floor), key=order)
    light = sorted((e for e, w in zip(edges, weights.tolist(), strict=True)
                    if w < floor and (e[0] in kept or e[1] in kept)), key=order)
    chosen = heavy[:max_edges]
    chosen += [e for e in heavy[max_edges:] if e[0] in kept or e[1] in kept] + light
    return chosen


def network_figure(graph: nx.Graph, pos: dict[str, tuple[float, float]], *, label_top: int = 40,
                   highlight: Iterable[str] = (), max_edges: int = MAX_DRAWN_EDGES,
                   title: str = "") -> go.Figure:
    """Nodes sized by mentions and coloured by side, edges as wide as their weight and coloured
    by type (the ``max_edges`` heaviest, see drawn_edges); English and Arabic names label the
    ``label_top`` most-mentioned actors (and the highlighted ones); every node and edge has a hover."""
    fig = go.Figure()
    highlight = tuple(highlight)
    chosen = drawn_edges(graph, max_edges, highlight)
    # the heaviest link is always drawn, so the drawn links hold the graph's greatest weight
    big_w = max((int(d.get("weight", 1)) for _, _, d in chosen), default=1)
    nan = math.nan
    buckets: dict[tuple[str, float], tuple[list[float], list[float]]] = {}
    mid_x: list[float] = []
    mid_y: list[float] = []
    mid_text: list[str] = []
    labels = {n: str(graph.nodes[n].get("label", n)) for n in graph.nodes}
    for a, b, d in chosen:
        if a not in pos or b not in pos:
            continue
        w = int(d.get("weight", 1))
        typ = str(d.get("type", CO_OCCURS))
        xs, ys = buckets.setdefault((typ, _width(w, big_w)), ([], []))
        (x0, y0), (x1, y1) = pos[a], pos[b]
        xs += [x0, x1, nan]
        ys += [y0, y1, nan]
        mid_x.append((x0 + x1) / 2)
        mid_y.append((y0 + y1) / 2)
        types = str(d.get("types") or "") or CO_OCCURS
        mid_text.append(f"{esc(labels[a])} — {esc(labels[b])}<br>{esc(types.replace(';', ', '))}"
                        f"<br>weight {w}")
    shown_types: set[str] = set()
    for (typ, width), (xs, ys) in sorted(buckets.items()):
        fig.add_trace(go.Scatter(
            x=_xy(xs), y=_xy(ys), mode="lines", hoverinfo="skip", legendgroup=f"edge-{typ}",
            name=f"edge: {typ}", showlegend=typ not in shown_types,
            line={"width": width, "color": EDGE_COLOURS.get(typ, EDGE_COLOURS[CO_OCCURS])}, opacity=0.7))
        shown_types.add(typ)
    if mid_x:
        fig.add_trace(go.Scatter(x=_xy(mid_x), y=_xy(mid_y), mode="markers", showlegend=False, name="edges",
                                 marker={"size": 6, "color": "rgba(0,0,0,0)"}, hovertext=_strs(mid_text),
                                 hovertemplate="%{hovertext}<extra></extra>"))
    marked = set(highlight)
    nodes = [n for n in graph.nodes if n in pos]
    mentions = {n: int(graph.nodes[n].get("mentions", 0)) for n in nodes}
    big_m = max(mentions.values(), default=1)
    top = set(sorted(nodes, key=lambda n: (-mentions[n], n))[:label_top]) | marked
    sides: dict[str, list[str]] = {}
    for n in sorted(nodes):
        sides.setdefault(str(graph.nodes[n].get("side", "other")), []).append(n)
    for side, members in sorted(sides.items()):
        text = []
        hover = []
        for n in members:
            d = graph.nodes[n]
            ar = str(d.get("name_ar") or "")
            text.append((f"{labels[n]}<br>{ar}" if ar else labels[n]) if n in top else "")
            hover.append(f"<b>{esc(labels[n])}</b> {esc(ar)}<br>side {esc(side)}"
                         f"<br>{mentions[n]} mentions · {graph.degree(n)} links")
        fig.add_trace(go.Scatter(
            x=_xy([pos[n][0] for n in members]), y=_xy([pos[n][1] for n in members]), mode="markers+text",
            name=f"side: {side}", text=_strs(text), textposition="top center",
            textfont={"size": 12, "family": FONT},
            marker={"size": _arr([_node_size(mentions[n], big_m) for n in members]),
                    "color": SIDE_COLOURS.get(side, SIDE_COLOURS["other"]),
                    # one value per trace unless a member is marked (a list is checked item by item)
                    "line": ({"width": _arr([3 if n in marked else 1 for n in members]),
                              "color": ["#111827" if n in marked else "white" for n in members]}
                             if marked.intersection(members) else {"width": 1, "color": "white"})},
            customdata=_strs([["actor", n] for n in members]), hovertext=_strs(hover),
            hovertemplate="%{hovertext}<extra></extra>"))
    fig.update_layout(
        title=title or None, height=640, margin={"l": 10, "r": 10, "t": 40, "b": 10},
        font={"family": FONT}, showlegend=True, legend={"orientation": "h", "y": -0.02},
        hovermode="closest", clickmode="event+select", dragmode="pan", plot_bgcolor="white")
    fig.update_xaxes(visible=False, range=[-1.25, 1.25])
    fig.update_yaxes(visible=False, range=[-1.2, 1.25])
    return fig


def selected_ids(points: Iterable[Any], what: str) -> list[str]:
    """The ids of kind ``what`` ("event", "actor", ...) among plotly selection points, in order."""
    out: list[str] = []
    for p in points or ():
        custom = p.get("customdata") if isinstance(p, dict) else None
        if isinstance(custom, list | tuple) and len(custom) == 2 and custom[0] == what:
            ident = str(custom[1])
            if ident not in out:
                out.append(ident)
    return out


def evidence_html(reports: pd.DataFrame) -> str:
    """The timeline's evidence panel: each report as an evidence_block (parley.render.html, the
    one evidence renderer) linking to the article's reading view, with its outlet, its date and
    how the event was dated as notes."""
    parts: list[str] = []
    for r in reports.to_dict("records"):
        outlet = r.get("outlet") if isinstance(r.get("outlet"), str) and r.get("outlet") else "unknown outlet"
        day = r.get("published")
        when = pd.Timestamp(day).date().isoformat() if day is not None and not pd.isna(day) else "undated"
        title = r.get("title") if isinstance(r.get("title"), str) and r.get("title") else "read the article"
        basis = r.get("date_basis") if isinstance(r.get("date_basis"), str) else ""
        notes = [str(outlet), when, f"event dated by {str(basis)[:160]}" if basis else ""]
        parts.append(evidence_block(str(r.get("evidence") or ""), str(r.get("lang") or ""),
                                    app_href("/read", {"a": str(r["article_id"])}), str(title)[:100],
                                    notes=notes))
    return '<div class="parley-evidence-list">' + "".join(parts) + "</div>"


def brokers_html(metrics: pd.DataFrame, limit: int = 12) -> str:
    """A one-line list of the actors linking US-side and Iran-side actors, best first, with
    English and Arabic names (names are gazetteer data, escaped all the same)."""
    if metrics.empty:
        return '<div class="parley-meta parley-brokers" dir="ltr">No actors match.</div>'
    top = metrics[metrics["us_iran_brokerage"] > 0].sort_values(
        ["us_iran_brokerage", "betweenness", "mentions", "actor_id"],
        ascending=[False, False, False, True]).head(limit)
    if top.empty:
        return ('<div class="parley-meta parley-brokers" dir="ltr">No actor here links both '
                "US-side and Iran-side actors.</div>")
    items = []
    for r in top.to_dict("records"):
        ar = f" {bdi(str(r['name_ar']), 'ar')}" if r.get("name_ar") else ""
        items.append(f'<li data-actor="{esc(r["actor_id"])}"><b>{esc(r["name_en"])}</b>{ar} '
                     f"({esc(r['side'])}): links {int(r['us_iran_brokerage'])} US–Iran pair"
                     f"{'s' if int(r['us_iran_brokerage']) != 1 else ''}, "
                     f"betweenness {float(r['betweenness']):.3f}</li>")
    return ('<div class="parley-brokers" dir="ltr"><b>Between the US and Iran</b>'
            f'<ul>{"".join(items)}</ul></div>')
