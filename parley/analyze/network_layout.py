"""The actor network's links as a list (built once per graph), and its deterministic force layout
(numpy, one seed), fast enough for a page."""

from __future__ import annotations

import weakref
from typing import Any

import networkx as nx
import numpy as np

LAYOUT_SEED = 7
GRAVITY = 4.0

Edge = tuple[Any, Any, dict[str, Any]]
# Per graph object, its edge list: metrics, layout and figure all read it. Graphs are built, then
# only read (every step that changes one builds a new graph); the node and link counts are
# checked all the same, so a graph changed in place gets a new list, not a stale one.
_EDGES: weakref.WeakKeyDictionary[nx.Graph, tuple[tuple[int, int], list[Edge]]] = weakref.WeakKeyDictionary()


def edge_list(graph: nx.Graph) -> list[Edge]:
    """``list(graph.edges(data=True))``, same edges in the same order, without the edge view's
    per-edge overhead (a third of a second on 40,000 links); built once per graph (do not
    change the list)."""
    shape = (graph.number_of_nodes(), graph.number_of_edges())
    known = _EDGES.get(graph)
    if known is not None and known[0] == shape:
        return known[1]
    seen: set[Any] = set()
    out: list[Edge] = []
    for a, nbrs in graph._adj.items():
        out.extend([(a, b, d) for b, d in nbrs.items() if b not in seen])
        seen.add(a)
    _EDGES[graph] = (shape, out)
    return out



def _force_layout(adj: np.ndarray, iterations: int, seed: int) -> np.ndarray:
    """Fruchterman–Reingold on a dense adjacency matrix with gravity (isolated actors and small
    components stay near the middle); returns n x 2 in [-1, 1]. float32 n x n arrays: 500 nodes
    take a few milliseconds per iteration."""
    n = adj.shape[0]
    rng = np.random.default_rng(seed)
    x = np.asarray(rng.uniform(-1.0, 1.0, size=n), dtype=np.float32)
    y = np.asarray(rng.uniform(-1.0, 1.0, size=n), dtype=np.float32)
    a = adj.astype(np.float32)
    k = np.float32(np.sqrt(4.0 / n))  # ideal distance in a 2 x 2 box
    k2 = k * k
    temp = 0.2
    cool = temp / (iterations + 1)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        d2 = dx * dx + dy * dy
        np.maximum(d2, np.float32(1e-4), out=d2)
        # repulsion k²/d minus attraction a·d²/k, per unit of (dx, dy)
        force = k2 / d2 - a * np.sqrt(d2) / k
        # Repulsion sums to about 4/d whatever n is (k² = 4/n), so gravity 4·d balances it near d = 1.
        fx = (dx * force).sum(axis=1) - x * GRAVITY
        fy = (dy * force).sum(axis=1) - y * GRAVITY
        length = np.sqrt(fx * fx + fy * fy)
        np.maximum(length, np.float32(0.01), out=length)
        x += fx * (temp / length)
        y += fy * (temp / length)
        temp -= cool
    pos = np.stack([x, y], axis=1).astype(np.float64)
    pos -= np.median(pos, axis=0)
    radius = np.sqrt((pos ** 2).sum(axis=1))
    span = float(np.quantile(radius, 0.97)) or 1.0  # a stray node must not shrink the rest
    pos = pos / span
    radius = np.sqrt((pos ** 2).sum(axis=1))
    far = radius > 1.0
    pos[far] /= radius[far][:, None]
    result: np.ndarray = pos
    return result


def layout_graph(graph: nx.Graph, *, iterations: int = 60,
                 seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Node positions in [-1, 1]²: a seeded force layout with bounded iterations; the same graph
    gives the same layout. (Pages cache whole views; hashing a 40,000-link graph to cache its
    layout here would cost more than the layout.)"""
    nodes = sorted(graph.nodes)
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {x: i for i, x in enumerate(nodes)}
    adj = np.zeros((len(nodes), len(nodes)))
    ia: list[int] = []
    ib: list[int] = []
    ws: list[Any] = []
    for a, b, d in edge_list(graph):
        w = d.get("weight", 1)
        ia.append(index[a])
        ib.append(index[b])
        ws.append(w)
    if ws:
        # log weights: a pair named in 50 sentences should not collapse onto itself
        strength = {w: 1.0 + np.log1p(float(w)) for w in set(ws)}
        values = np.array([strength[w] for w in ws], dtype=np.float64)
        adj[ia, ib] = values
        adj[ib, ia] = values
    arr = _force_layout(adj, iterations, seed)
    return {x: (float(arr[i, 0]), float(arr[i, 1])) for x, i in index.items()}
