"""Building the actor graph: from the filtered rows (mentions, events, links), or from a window's
counts kept at ingest (parley/store/edge_summaries.py), the same graph either way, with nodes and
links in id order. Pure: no Streamlit, no queries, inputs are never mutated."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from parley.extract.links import EdgeCues, default_edge_cues

CO_OCCURS = "co-occurs"  # the type of an edge the text does not qualify
Window = tuple[dt.date | None, dt.date | None]


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

    counts = Counter(m["actor_id"].tolist())
    event_actors: list[list[str]] = [_split_ids(v) for v in e["actor_ids"].tolist()] if len(e) else []
    info = _actor_info(actors)
    side = _sides(counts, event_actors, info)
    bit = {t: 1 << i for i, t in enumerate(c.types)}
    med_bits = sum(bit[t] for t in c.mediator_only if t in bit)
    ev_rows = [(str(art), int(seg), a) for art, seg, ids in
               zip(e["article_id"].tolist(), e["segment_idx"].tolist(), event_actors, strict=True)
               for a in ids] if len(e) else []
    # Contexts (article, segment) and their actors, from mentions and event participants; each
    # context links every pair of its actors once. Cue types travel as a bit mask per context.
    # Integer codes stand in for the strings from here on: actors coded in sorted order (so code
    # order is id order), a context as article code x segment.
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
    pairs: list[tuple[str, str, int, int]] = []
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
        is_med = np.array([side.get(a) == "mediator" for a in actor_ids], dtype="int64")
        frame["med"] = is_med[frame["actor"].to_numpy()]
        joined = frame.merge(frame[["ctx", "actor", "med"]], on="ctx", suffixes=("_a", "_b"))
        a_codes = joined["actor_a"].to_numpy()
        b_codes = joined["actor_b"].to_numpy()
        keep = a_codes < b_codes
        a_codes, b_codes = a_codes[keep], b_codes[keep]
        bits = joined["bits"].to_numpy(dtype="int64")[keep]
        # 'mediated' links a mediator to a party, not two mediators or two parties
        one_mediator = (joined["med_a"].to_numpy()[keep] + joined["med_b"].to_numpy()[keep]) == 1
        bits = np.where(one_mediator, bits, bits & ~med_bits)
        # OR the bits of each pair's contexts (per-bit max), pairs in id order
        cols = {f"t{i}": (bits >> i) & 1 for i in range(len(c.types))}
        typed = pd.DataFrame({"pair": a_codes * len(actor_ids) + b_codes, **cols})
        grouped = typed.groupby("pair", sort=True)
        weights = grouped.size()
        shifts = np.array([1 << i for i in range(len(c.types))], dtype="int64")
        pair_bits = (grouped[list(cols)].max().to_numpy(dtype="int64") @ shifts if cols
                     else np.zeros(len(weights), dtype="int64"))
        pair_keys = weights.index.to_numpy(dtype="int64")
        names_a = np.asarray(actor_ids, dtype=object)[pair_keys // len(actor_ids)].tolist()
        names_b = np.asarray(actor_ids, dtype=object)[pair_keys % len(actor_ids)].tolist()
        pairs = list(zip(names_a, names_b, weights.tolist(), pair_bits.tolist(), strict=True))
    return _assemble(counts, info, pairs, _event_kind_bits(e, event_actors, c, bit), c)


def _actor_info(actors: pd.DataFrame | None) -> dict[str, dict[str, Any]]:
    if actors is None or not len(actors):
        return {}
    return {str(r["actor_id"]): {str(k): v for k, v in r.items()} for r in actors.to_dict("records")}


def _sides(counts: Counter[str], event_actors: list[list[str]], info: Mapping[str, Mapping[str, Any]]
           ) -> dict[str, str]:
    """The nodes (mentioned actors, then event participants with no mention: zero mentions) and
    their side; ``counts`` gains the event-only actors."""
    for ids in event_actors:
        for a in ids:
            counts.setdefault(a, 0)
    return {a: str(info.get(a, {}).get("side") or "other") for a in counts}


def _event_kind_bits(e: pd.DataFrame, event_actors: list[list[str]], c: EdgeCues,
                     bit: Mapping[str, int]) -> dict[tuple[str, str], int]:
    """Per pair of an event's actors (a < b), the types its kinds give (met, called...): only the
    events that happened; a planned or called-off meeting links its actors, but they have not met."""
    out: dict[tuple[str, str], int] = {}
    if not len(e):
        return out
    done = (e["status"].isin(HAPPENED).tolist() if "status" in e.columns else [True] * len(e))
    for kind, ids, ok in zip(e["kind"].tolist(), event_actors, done, strict=True):
        kinds = sum(bit[t] for t in set(c.kinds.get(str(kind), ())) if t in bit) if ok else 0
        ordered_ids = sorted(set(ids))
        for i, a in enumerate(ordered_ids):
            for b in ordered_ids[i + 1:]:
                out[(a, b)] = out.get((a, b), 0) | kinds
    return out


def _assemble(counts: Mapping[str, int], info: Mapping[str, Mapping[str, Any]],
              pairs: Iterable[tuple[str, str, int, int]], kind_bits: Mapping[tuple[str, str], int],
              c: EdgeCues) -> nx.Graph:
    """The graph: nodes in id order with their names, side and mentions; links (a < b, in id
    order) with their weight, primary type and all types. Orders are total, so the graph, its
    layout and its communities never depend on the order rows were read in."""
    g: nx.Graph = nx.Graph()
    for aid in sorted(counts):
        row = info.get(aid, {})
        g.add_node(aid, label=str(row.get("name_en") or aid), name_ar=str(row.get("name_ar") or ""),
                   name_fa=str(row.get("name_fa") or ""), side=str(row.get("side") or "other"),
                   kind=str(row.get("kind") or ""), mentions=int(counts[aid]))
    bit = {t: 1 << i for i, t in enumerate(c.types)}
    names: dict[int, tuple[str, str]] = {}  # bits -> (primary type, all types)
    edges: list[tuple[str, str, dict[str, Any]]] = []
    for a, b, w, pb in sorted(pairs):
        bb = pb | kind_bits.get((a, b), 0)
        if bb not in names:
            ordered_types = [t for t in c.types if bb & bit[t]]
            names[bb] = (ordered_types[0] if ordered_types else CO_OCCURS, ";".join(ordered_types))
        typ, all_types = names[bb]
        edges.append((a, b, {"weight": int(w), "type": typ, "types": all_types}))
    g.add_edges_from(edges)
    return g


def graph_from_summary(nodes: pd.DataFrame, pairs: pd.DataFrame, events: pd.DataFrame, *,
                       actors: pd.DataFrame | None = None, cues: EdgeCues | None = None) -> nx.Graph:
    """The graph build_actor_graph gives, from a window's counts (parley/store/edge_summaries.py):
    nodes (actor_id, mentions), pairs (actor_a < actor_b, types: the contexts' stored link types,
    weight: how many contexts) and the window's events (date, kind, actor_ids, status)."""
    c = cues or default_edge_cues()
    counts: Counter[str] = Counter(dict(zip(nodes["actor_id"].astype(str), nodes["mentions"].astype(int),
                                            strict=True)))
    event_actors = [_split_ids(v) for v in events["actor_ids"].tolist()] if len(events) else []
    info = _actor_info(actors)
    side = _sides(counts, event_actors, info)
    bit = {t: 1 << i for i, t in enumerate(c.types)}
    med_bits = sum(bit[t] for t in c.mediator_only if t in bit)
    # a pair's types string may name a type more than once (several contexts' strings joined): a set
    codes = {v: sum(bit.get(t, 0) for t in set(_split_ids(v))) for v in pairs["types"].unique().tolist()}
    mediators = {a for a, s in side.items() if s == "mediator"}
    frame = pairs[["actor_a", "actor_b", "weight"]].astype({"actor_a": str, "actor_b": str,
                                                            "weight": "int64"})
    bits = pairs["types"].map(codes).to_numpy(dtype="int64")
    # 'mediated' links a mediator to a party, not two mediators or two parties
    one_mediator = frame["actor_a"].isin(mediators).to_numpy() ^ frame["actor_b"].isin(mediators).to_numpy()
    bits = np.where(one_mediator, bits, bits & ~med_bits)
    frame = frame.assign(**{f"t{i}": (bits >> i) & 1 for i in range(len(c.types))})
    grouped = frame.groupby(["actor_a", "actor_b"], sort=True)
    weights = grouped["weight"].sum()
    shifts = np.array([1 << i for i in range(len(c.types))], dtype="int64")
    cols = [f"t{i}" for i in range(len(c.types))]
    pair_bits = (grouped[cols].max().to_numpy(dtype="int64") @ shifts if cols
                 else np.zeros(len(weights), dtype="int64"))
    merged = [(str(a), str(b), int(w), int(bb)) for (a, b), w, bb in
              zip(weights.index.tolist(), weights.tolist(), pair_bits.tolist(), strict=True)]
    return _assemble(counts, info, merged, _event_kind_bits(events, event_actors, c, bit), c)
