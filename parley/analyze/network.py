"""The actor network: who is linked to whom, how (met, called, hosted, mediated...), and who brokers.

Nodes are actors (mention counts, side, names); an edge joins two actors that co-occur in a
sentence or take part in the same event. Its weight is the number of distinct sentences
(article, segment) linking them; its types come from event kinds and from the cue-word types
stored per sentence at ingest (the links table, parley.extract.links): building the graph never
reads sentence text. Pure: no Streamlit, inputs are never mutated.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from parley.analyze.network_layout import Edge, edge_list, layout_graph
from parley.extract.links import EdgeCues, default_edge_cues
from parley.filters import Filters

CO_OCCURS = "co-occurs"  # the type of an edge the text does not qualify
COMMUNITY_SEED = 42
BACKBONE_EDGES = 10_000  # above this many links, communities come from the heaviest links
US_SIDE, IRAN_SIDE = "us", "iran"

# The metrics table's columns, in order.
METRIC_COLUMNS = (
    "actor_id", "name_en", "name_ar", "side", "mentions", "degree", "weighted_degree",
    "betweenness", "us_iran_brokerage", "community",
)
EDGE_COLUMNS = ("source", "target", "source_en", "target_en", "weight", "type", "types")

Window = tuple[dt.date | None, dt.date | None]
Level = Literal["actors", "states"]


def _in_window(dates: pd.Series, window: Window | None) -> pd.Series:
    """A boolean mask: the date lies in the window (undated rows fall out of a bounded window)."""
    if window is None or (window[0] is None and window[1] is None):
        return pd.Series(True, index=dates.index)
    d = pd.to_datetime(dates, errors="coerce")
    mask = d.notna()
    if window[0] is not None:
        mask &= d >= pd.Timestamp(window[0])
    if window[1] is not None:
        mask &= d <= pd.Timestamp(window[1])
    return mask


def _split_ids(value: Any) -> list[str]:
    return [p for p in str(value or "").split(";") if p]


def _context_bits(links: pd.DataFrame, bit: Mapping[str, int]) -> pd.DataFrame:
    """article_id, segment_idx, bits: each context's stored types as a bit mask (types the cue
    file no longer has are ignored; several rows of one context are ORed)."""
    keys = ["article_id", "segment_idx"]
    frame = links[[*keys, "types"]].astype({"article_id": str, "segment_idx": "int64"})
    types = frame["types"].fillna("").astype(str)
    codes = {v: sum(bit.get(t, 0) for t in _split_ids(v)) for v in types.unique().tolist()}
    out = frame[keys].assign(bits=types.map(codes).astype("int64"))
    if out.duplicated(keys).any():
        merged = out.groupby(keys)["bits"].agg(lambda b: int(np.bitwise_or.reduce(b.to_numpy())))
        out = merged.reset_index()
    return out


HAPPENED = ("happened", "background")  # event statuses whose kind types the link (met, called, ...)


def build_actor_graph(
    mentions: pd.DataFrame,
    events: pd.DataFrame,
    window: Window | None = None,
    *,
    actors: pd.DataFrame | None = None,
    links: pd.DataFrame | None = None,
    cues: EdgeCues | None = None,
) -> nx.Graph:
    """The actor graph of mentions and events whose date lies in ``window`` (None: all).

    mentions: article_id, segment_idx, actor_id, date. events: article_id, segment_idx, date,
    kind, actor_ids (';'-separated). actors (optional): actor_id, name_en, name_ar, name_fa,
    side, kind. links (optional): article_id, segment_idx, types (';'-separated), the cue-word
    types stored at ingest for each sentence naming two or more actors (q.load_links).
    """
    c = cues or default_edge_cues()
    m = mentions.loc[_in_window(mentions["date"], window),
                     ["article_id", "segment_idx", "actor_id"]] if len(mentions) else \
        pd.DataFrame(columns=["article_id", "segment_idx", "actor_id"])
    e = events.loc[_in_window(events["date"], window)] if len(events) else events

    g: nx.Graph = nx.Graph()
    counts = Counter(m["actor_id"].tolist())
    event_actors: list[list[str]] = [_split_ids(v) for v in e["actor_ids"].tolist()] if len(e) else []
    for ids in event_actors:
        for a in ids:
            counts.setdefault(a, 0)
    info: dict[str, dict[str, Any]] = {}
    if actors is not None and len(actors):
        info = {str(r["actor_id"]): {str(k): v for k, v in r.items()} for r in actors.to_dict("records")}
    for aid, n in counts.items():
        row = info.get(aid, {})
        g.add_node(aid, label=str(row.get("name_en") or aid), name_ar=str(row.get("name_ar") or ""),
                   name_fa=str(row.get("name_fa") or ""), side=str(row.get("side") or "other"),
                   kind=str(row.get("kind") or ""), mentions=int(n))

    # Contexts (article, segment) and their actors, from mentions and event participants; each
    # context links every pair of its actors once. Cue types travel as a bit mask per context.
    bit = {t: 1 << i for i, t in enumerate(c.types)}
    med_bits = sum(bit[t] for t in c.mediator_only if t in bit)
    event_pairs: dict[tuple[str, str], set[str]] = {}  # event kinds: the event's own actors only
    ev_rows: list[tuple[str, int, str]] = []
    if len(e):
        # a planned or called-off meeting links its actors, but they have not met (yet)
        done = (e["status"].isin(HAPPENED).tolist() if "status" in e.columns else [True] * len(e))
        for art, seg, kind, ids, ok in zip(e["article_id"].tolist(), e["segment_idx"].tolist(),
                                           e["kind"].tolist(), event_actors, done, strict=True):
            ev_rows += [(str(art), int(seg), a) for a in ids]
            kinds = set(c.kinds.get(str(kind), ())) if ok else set()
            ordered_ids = sorted(set(ids))
            for i, a in enumerate(ordered_ids):
                for b in ordered_ids[i + 1:]:
                    event_pairs.setdefault((a, b), set()).update(kinds)
    pair_types: dict[tuple[str, str], set[str]] = {k: set(v) for k, v in event_pairs.items()}
    # Integer codes stand in for the strings from here on: actors coded in sorted order (so code
    # order is id order), a context as article code x segment. Same rows, same order, faster.
    ev = pd.DataFrame(ev_rows, columns=["article_id", "segment_idx", "actor_id"])
    art_codes, art_ids = pd.factorize(np.concatenate([m["article_id"].astype(str).to_numpy(dtype=object),
                                                      ev["article_id"].to_numpy(dtype=object)]))
    segs = np.concatenate([m["segment_idx"].to_numpy(dtype="int64"),
                           ev["segment_idx"].to_numpy(dtype="int64")])
    actor_codes, actor_ids = pd.factorize(np.concatenate([m["actor_id"].astype(str).to_numpy(dtype=object),
                                                          ev["actor_id"].to_numpy(dtype=object)]), sort=True)
    low = int(segs.min()) if len(segs) else 0
    span = int(segs.max()) - low + 1 if len(segs) else 1
    ctx = pd.DataFrame({"ctx": art_codes.astype("int64") * span + (segs - low),
                        "actor": actor_codes.astype("int64")})
    ctx = ctx.drop_duplicates()
    ctx = ctx[ctx.groupby("ctx")["actor"].transform("size") >= 2]
    if len(ctx):
        frame = ctx.assign(bits=0)
        if links is not None and len(links):
            cb = _context_bits(links, bit)
            codes = pd.Index(art_ids).get_indexer(cb["article_id"].to_numpy(dtype=object))
            segs_l = cb["segment_idx"].to_numpy(dtype="int64") - low
            ok = (codes >= 0) & (segs_l >= 0) & (segs_l < span)
            ctx_bits = pd.Series(cb["bits"].to_numpy(dtype="int64")[ok],
                                 index=codes[ok].astype("int64") * span + segs_l[ok])
            frame["bits"] = frame["ctx"].map(ctx_bits).fillna(0).astype("int64")
        side = dict(g.nodes(data="side"))
        is_med = np.array([side.get(a) == "mediator" for a in actor_ids], dtype="int64")
        frame["med"] = is_med[frame["actor"].to_numpy()]
        pairs = frame.merge(frame[["ctx", "actor", "med"]], on="ctx", suffixes=("_a", "_b"))
        a_codes = pairs["actor_a"].to_numpy()
        b_codes = pairs["actor_b"].to_numpy()
        keep = a_codes < b_codes
        a_codes, b_codes = a_codes[keep], b_codes[keep]
        bits = pairs["bits"].to_numpy(dtype="int64")[keep]
        # 'mediated' links a mediator to a party, not two mediators or two parties
        one_mediator = (pairs["med_a"].to_numpy()[keep] + pairs["med_b"].to_numpy()[keep]) == 1
        bits = np.where(one_mediator, bits, bits & ~med_bits)
        # OR the bits of each pair's contexts (per-bit max), pairs in order of first appearance
        cols = {f"t{i}": (bits >> i) & 1 for i in range(len(c.types))}
        typed = pd.DataFrame({"pair": a_codes * len(actor_ids) + b_codes, **cols})
        grouped = typed.groupby("pair", sort=False)
        weights = grouped.size()
        shifts = np.array([1 << i for i in range(len(c.types))], dtype="int64")
        pair_bits = (grouped[list(cols)].max().to_numpy(dtype="int64") @ shifts if cols
                     else np.zeros(len(weights), dtype="int64"))
        pair_keys = weights.index.to_numpy(dtype="int64")
        names_a = np.asarray(actor_ids, dtype=object)[pair_keys // len(actor_ids)].tolist()
        names_b = np.asarray(actor_ids, dtype=object)[pair_keys % len(actor_ids)].tolist()
        kind_bits = {k: sum(bit[t] for t in v if t in bit) for k, v in pair_types.items()}
        names: dict[int, tuple[str, str]] = {}  # bits -> (primary type, all types)
        edges: list[tuple[str, str, dict[str, Any]]] = []
        for a, b, w, pb in zip(names_a, names_b, weights.tolist(), pair_bits.tolist(), strict=True):
            bb = pb | kind_bits.get((a, b), 0)
            if bb not in names:
                ordered_types = [t for t in c.types if bb & bit[t]]
                names[bb] = (ordered_types[0] if ordered_types else CO_OCCURS, ";".join(ordered_types))
            typ, all_types = names[bb]
            edges.append((a, b, {"weight": int(w), "type": typ, "types": all_types}))
        g.add_edges_from(edges)
    return g


def focus(graph: nx.Graph, actor_ids: Iterable[str], radius: int = 1) -> nx.Graph:
    """The ego graph(s) of ``actor_ids`` (radius 1: them and their neighbours); unknown ids ignored."""
    keep: set[str] = set()
    for aid in actor_ids:
        if aid in graph:
            keep |= set(nx.single_source_shortest_path_length(graph, aid, cutoff=radius))
    if len(keep) == graph.number_of_nodes():
        return graph  # a hub's neighbourhood can be everyone: the graph itself (graphs are read-only)
    return induced(graph, keep)


def induced(graph: nx.Graph, keep: set[Any]) -> nx.Graph:
    """The subgraph on ``keep``, nodes and links in the graph's order (a subgraph view iterates
    a set, whose order changes from run to run, and the layout with it); one pass, each link
    added once, from the first of its ends in node order."""
    out: nx.Graph = nx.Graph()
    out.graph.update(graph.graph)
    out.add_nodes_from((x, dict(d)) for x, d in graph.nodes(data=True) if x in keep)
    adj = graph._adj
    done: set[Any] = set()
    links: list[Edge] = []
    for a in out:
        links.extend([(a, b, d) for b, d in adj[a].items() if b in keep and b not in done])
        done.add(a)
    out.add_edges_from(links)
    return out


def keep_sides(graph: nx.Graph, sides: Iterable[str]) -> nx.Graph:
    """The subgraph of actors on ``sides`` (empty: the whole graph)."""
    wanted = set(sides)
    if not wanted:
        return graph
    return induced(graph, {n for n, s in graph.nodes(data="side") if s in wanted})


def liaison_brokerage(graph: nx.Graph, side_a: str = US_SIDE, side_b: str = IRAN_SIDE) -> dict[str, int]:
    """Per actor on neither side: how many (side_a, side_b) actor pairs it is linked to both of
    (Gould–Fernandez liaison brokerage, counted whether or not the pair is also linked directly).
    Media count zero: an outlet named beside both sides is a source, not a go-between."""
    side = dict(graph.nodes(data="side", default="other"))
    out: dict[str, int] = {}
    for x in graph.nodes:
        if side[x] in (side_a, side_b, "media"):
            out[x] = 0
            continue
        na = sum(1 for y in graph.neighbors(x) if side[y] == side_a)
        nb = sum(1 for y in graph.neighbors(x) if side[y] == side_b)
        out[x] = na * nb
    return out


def roll_up(graph: nx.Graph, country_of: Mapping[str, str], actors: pd.DataFrame | None = None) -> nx.Graph:
    """The graph with people and organisations merged into their country (states level): mentions
    and weights add up, edge types unite, links inside one country disappear."""
    info: dict[str, dict[str, Any]] = {}
    if actors is not None and len(actors):
        info = {str(r["actor_id"]): {str(k): v for k, v in r.items()} for r in actors.to_dict("records")}
    target = {x: country_of.get(x, x) for x in graph.nodes}
    out: nx.Graph = nx.Graph()
    for x, d in graph.nodes(data=True):
        t = target[x]
        if t not in out:
            base = dict(graph.nodes[t]) if t in graph else {}
            if not base:
                row = info.get(t, {})
                base = {"label": str(row.get("name_en") or t), "name_ar": str(row.get("name_ar") or ""),
                        "name_fa": str(row.get("name_fa") or ""), "side": str(row.get("side") or d["side"]),
                        "kind": str(row.get("kind") or "state")}
            out.add_node(t, **{**base, "mentions": 0})
        out.nodes[t]["mentions"] += int(d.get("mentions", 0))
    order = {t: i for i, t in enumerate(default_edge_cues().types)}
    for a, b, d in graph.edges(data=True):
        ta, tb = target[a], target[b]
        if ta == tb:
            continue
        types = {t for t in str(d.get("types") or "").split(";") if t}
        if out.has_edge(ta, tb):
            e = out.edges[ta, tb]
            e["weight"] += int(d.get("weight", 1))
            types |= {t for t in str(e["types"]).split(";") if t}
        else:
            out.add_edge(ta, tb, weight=int(d.get("weight", 1)))
        ordered = sorted(types, key=lambda t: order.get(t, len(order)))
        out.edges[ta, tb]["types"] = ";".join(ordered)
        out.edges[ta, tb]["type"] = ordered[0] if ordered else CO_OCCURS
    return out


def graph_metrics(graph: nx.Graph, *, exact_limit: int = 300, budget: int = 400_000) -> pd.DataFrame:
    """Per actor: degree, weighted degree, betweenness, US–Iran brokerage and Louvain community.

    Betweenness counts hops (unweighted), normalised. Up to ``exact_limit`` nodes it is exact;
    above, it is estimated from seeded pivots, as many as ``budget`` edge visits allow (at
    least 8): a dense 500-actor graph costs a fraction of a second, not seconds.
    us_iran_brokerage is liaison_brokerage: the (US-side, Iran-side) pairs the actor links.
    Shortest paths alone miss mediators, because the news names the US and Iran together so
    often that they are always directly linked.
    """
    if graph.number_of_nodes() == 0:
        return pd.DataFrame(columns=list(METRIC_COLUMNS))
    n = graph.number_of_nodes()
    k = None if n <= exact_limit else max(8, min(n, budget // max(1, graph.number_of_edges())))
    between = nx.betweenness_centrality(graph, k=k, normalized=True, seed=COMMUNITY_SEED)
    broker = liaison_brokerage(graph)
    community: dict[str, int] = {}
    if graph.number_of_edges():
        basis = graph
        if graph.number_of_edges() > BACKBONE_EDGES:
            # Large graphs: communities of the backbone, the links named most often (at most
            # BACKBONE_EDGES of them); one-off co-mentions say little about blocs and slow Louvain.
            links = edge_list(graph)
            weights = sorted((int(d.get("weight", 1)) for _, _, d in links), reverse=True)
            floor = max(2, weights[BACKBONE_EDGES] + 1)  # at most BACKBONE_EDGES links weigh this much
            basis = nx.Graph()
            basis.add_nodes_from(graph.nodes)
            basis.add_edges_from((a, b, d) for a, b, d in links
                                 if d.get("weight", 1) >= floor)
        parts = nx.community.louvain_communities(basis, weight="weight", seed=COMMUNITY_SEED)
        # Number communities by size, then by their smallest id, so the numbering is stable.
        ordered = sorted(parts, key=lambda p: (-len(p), min(p)))
        community = {x: i + 1 for i, p in enumerate(ordered) for x in p}
    rows = []
    for x, d in graph.nodes(data=True):
        rows.append({
            "actor_id": x, "name_en": d.get("label", x), "name_ar": d.get("name_ar", ""),
            "side": d.get("side", "other"), "mentions": int(d.get("mentions", 0)),
            "degree": int(graph.degree(x)), "weighted_degree": int(graph.degree(x, weight="weight")),
            "betweenness": round(float(between.get(x, 0.0)), 4),
            "us_iran_brokerage": int(broker.get(x, 0)),
            "community": int(community.get(x, 0)),
        })
    df = pd.DataFrame(rows, columns=list(METRIC_COLUMNS))
    return df.sort_values(["betweenness", "weighted_degree", "actor_id"],
                          ascending=[False, False, True]).reset_index(drop=True)


def edge_table(graph: nx.Graph) -> pd.DataFrame:
    """One row per edge: source, target, their English names, weight, primary type and all types."""
    rows = []
    for a, b, d in edge_list(graph):
        s, t = sorted((a, b))
        rows.append({"source": s, "target": t, "source_en": graph.nodes[s].get("label", s),
                     "target_en": graph.nodes[t].get("label", t), "weight": int(d.get("weight", 1)),
                     "type": d.get("type", CO_OCCURS), "types": d.get("types", "")})
    df = pd.DataFrame(rows, columns=list(EDGE_COLUMNS))
    df = df.sort_values(["weight", "source", "target"], ascending=[False, True, True])
    return df.reset_index(drop=True)


@dataclass(frozen=True)
class BaseNetwork:
    """The unfocused network of a view, which its focused views share: the graph (in the window,
    rolled up, side-filtered), its metrics (METRIC_COLUMNS; never changed once built) and the window."""

    graph: nx.Graph
    metrics: pd.DataFrame
    window: Window


@dataclass(frozen=True)
class NetworkView:
    """Everything the network page draws: the (focused) graph, its metrics and edges."""

    graph: nx.Graph  # the graph shown: side-filtered, focused when actors are given
    metrics: pd.DataFrame  # METRIC_COLUMNS, computed on the unfocused graph, rows of shown nodes
    positions: dict[str, tuple[float, float]]  # layout of the shown graph
    window: Window
    focus: tuple[str, ...]
    total_nodes: int  # nodes before focusing

    @property
    def edges(self) -> pd.DataFrame:
        """EDGE_COLUMNS of the shown graph, heaviest first (built on demand: 40k links take 0.5 s)."""
        return edge_table(self.graph)


def window_for(filters: Filters, last_day: dt.date | None, days: int | None) -> Window:
    """The network's time window: the filters' dates, narrowed to the last ``days`` days."""
    start, end = filters.date_from, filters.date_to
    if days:
        anchor = end or last_day
        if anchor is not None:
            narrowed = anchor - dt.timedelta(days=days - 1)
            start = max(start, narrowed) if start else narrowed
            end = anchor
    return start, end


def country_map() -> dict[str, str]:
    """Person and organisation ids -> their country's actor id, from the gazetteer (media stay apart)."""
    from parley.extract.gazetteer import default_gazetteer

    return {a.id: a.country for a in default_gazetteer().actors.values()
            if a.country and a.kind in ("person", "org") and a.side != "media"}


def base_network(mentions: pd.DataFrame, reports: pd.DataFrame, links: pd.DataFrame, actors: pd.DataFrame,
                 window: Window, *, level: Level = "actors", sides: Iterable[str] = (),
                 country_of: Mapping[str, str] | None = None) -> BaseNetwork:
    """The actor graph of the filtered reads in the window (rolled up to states when ``level`` is
    "states"), kept to ``sides``, with its metrics. Focusing is network_view's."""
    graph = build_actor_graph(mentions, reports, window, actors=actors, links=links)
    if level == "states":
        graph = roll_up(graph, country_map() if country_of is None else country_of, actors)
    graph = keep_sides(graph, sides)
    return BaseNetwork(graph=graph, metrics=graph_metrics(graph), window=window)


def network_view(base: BaseNetwork, actor_ids: Iterable[str] = (), level: Level = "actors",
                 country_of: Mapping[str, str] | None = None) -> NetworkView:
    """The network ``base`` focused on ``actor_ids`` and their neighbours, with its layout;
    metrics are those of the unfocused network."""
    graph = base.graph
    wanted = tuple(actor_ids)
    if level == "states":
        mapping = country_map() if country_of is None else country_of
        wanted = tuple(dict.fromkeys(mapping.get(a, a) for a in wanted))
    total = graph.number_of_nodes()
    if wanted:
        graph = focus(graph, wanted)
        metrics = base.metrics[base.metrics["actor_id"].isin(list(graph.nodes))].reset_index(drop=True)
    else:
        metrics = base.metrics.copy()
    return NetworkView(graph=graph, metrics=metrics, positions=layout_graph(graph),
                       window=base.window, focus=tuple(a for a in wanted if a in graph), total_nodes=total)
