"""The actor network as files for other tools: GraphML and GEXF (Gephi), and an edge list (CSV)."""

from __future__ import annotations

import csv
import io

import networkx as nx

from parley.analyze.network import EDGE_COLUMNS, edge_table


def _clean_for_export(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes are all str/int/float (GraphML and GEXF refuse None)."""
    out: nx.Graph = nx.Graph()
    for x, d in graph.nodes(data=True):
        out.add_node(x, **{k: ("" if v is None else v) for k, v in d.items() if k != "pos"})
    for a, b, d in graph.edges(data=True):
        out.add_edge(a, b, **{k: ("" if v is None else v) for k, v in d.items()})
    return out


def to_graphml(graph: nx.Graph) -> bytes:
    """The graph as GraphML (UTF-8), for Gephi and other tools."""
    return "\n".join(nx.generate_graphml(_clean_for_export(graph), encoding="utf-8")).encode("utf-8")


def to_gexf(graph: nx.Graph) -> bytes:
    """The graph as GEXF 1.2 (UTF-8), for Gephi."""
    buf = io.BytesIO()
    nx.write_gexf(_clean_for_export(graph), buf, encoding="utf-8")
    return buf.getvalue()


def to_edge_csv(graph: nx.Graph) -> bytes:
    """The edge list as CSV, UTF-8 with BOM so spreadsheets open names correctly."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(EDGE_COLUMNS)
    for row in edge_table(graph).itertuples(index=False):
        w.writerow(list(row))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
