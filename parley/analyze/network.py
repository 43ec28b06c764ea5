"""The actor network: who is linked to whom, how (met, called, hosted, mediated...), and who brokers.

Nodes are actors (mention counts, side, names); an edge joins two actors that co-occur in a
sentence or take part in the same event. Its weight is the number of distinct sentences
(article, segment) linking them; its types come from event kinds and from the cue-word types
stored per sentence at ingest (the links table, parley.extract.links): building the graph never
reads sentence text (network_build.py). Pure: no Streamlit, inputs are never mutated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx
import pandas as pd

from parley.analyze.network_build import CO_OCCURS, HAPPENED, Window, build_actor_graph, graph_from_summary
from parley.analyze.network_layout import Edge, edge_list, layout_graph
from parley.extract.links import default_edge_cues
from parley.filters import Filters

__all__ = ["CO_OCCURS", "HAPPENED", "Window", "build_actor_graph", "graph_from_summary"]

COMMUNITY_SEED = 42
BACKBONE_EDGES = 10_000  # above this many links, communities come from the heaviest links
US_SIDE, IRAN_SIDE = "us", "iran"

# The metrics table's columns, in order.
METRIC_COLUMNS = (
    "actor_id", "name_en", "name_ar", "side", "mentions", "degree", "weighted_degree",
    "betweenness", "us_iran_brokerage", "community",
)
EDGE_COLUMNS = ("source", "target", "source_en", "target_en", "weight", "type", "types")

Level = Literal["actors", "states"]


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
    return base_network_of(build_actor_graph(mentions, reports, window, actors=actors, links=links), window,
                           level=level, sides=sides, country_of=country_of, actors=actors)


def base_network_of(graph: nx.Graph, window: Window, *, level: Level = "actors", sides: Iterable[str] = (),
                    country_of: Mapping[str, str] | None = None,
                    actors: pd.DataFrame | None = None) -> BaseNetwork:
    """base_network of a graph already built (build_actor_graph or graph_from_summary)."""
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
