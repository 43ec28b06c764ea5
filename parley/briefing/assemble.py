"""Assembling a briefing: the store's reads for one set of filters, shaped into its sections
(sources, key developments, positions and the gap between the sides, venues, network, quotes),
each item naming its source articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from parley import views
from parley.analyze import network as net
from parley.analyze import timeline as tl
from parley.briefing.model import (
    DEVELOPMENT_COLUMNS,
    EDGE_COLUMNS,
    GAP_COLUMNS,
    MAX_DEVELOPMENTS,
    MAX_EDGES,
    MAX_POSITIONS,
    MAX_QUOTES,
    MAX_REFS,
    NO_OUTLET,
    POSITION_COLUMNS,
    QUOTE_COLUMNS,
    SOURCE_COLUMNS,
    SOURCE_COUNT_COLUMNS,
    VENUE_COLUMNS,
    BriefingData,
    SourceRef,
    day_of,
    frame_of,
    is_missing,
    split_ids,
)
from parley.filters import MAX_IDS, Filters, to_params
from parley.store import actors as store_actors
from parley.store import briefings as briefing_reads
from parley.store import curation as store_curation
from parley.store import events as store_events
from parley.store import network as store_network
from parley.store import positions as store_positions
from parley.store.filters import article_ids, where


def load_refs(engine: Engine, article_ids: Iterable[str]) -> dict[str, SourceRef]:
    """Provenance of the given articles: outlet, date, URL, language, title."""
    return {r["id"]: SourceRef(r["id"], r["outlet"], day_of(r["published"]), r["date_precision"], r["url"],
                               r["lang"], r["title"])
            for r in briefing_reads.article_refs(engine, article_ids)}


def refs_label(refs: dict[str, SourceRef], article_ids: Iterable[str], *, url: bool = False) -> str:
    """A table cell naming the source articles, earliest first: 'Outlet, date; …; and 2 more'."""
    found = [refs[a] for a in dict.fromkeys(article_ids) if a in refs]
    found.sort(key=lambda r: (r.published is None, r.published or dt.date.min, r.outlet or "", r.article_id))
    labels = list(dict.fromkeys(r.label(url=url) for r in found))
    more = len(labels) - MAX_REFS
    return "; ".join(labels[:MAX_REFS]) + (f"; and {more} more" if more > 0 else "")


def _sources(engine: Engine, filters: Filters) -> pd.DataFrame:
    return frame_of(briefing_reads.source_rows(engine, filters), SOURCE_COLUMNS)


def _source_counts(sources: pd.DataFrame) -> pd.DataFrame:
    if sources.empty:
        return frame_of([], SOURCE_COUNT_COLUMNS)
    df = sources.assign(outlet=sources["outlet"].fillna(NO_OUTLET))
    counts = df.groupby(["lang", "outlet"], sort=True).size().reset_index(name="articles")
    return counts.sort_values(["lang", "articles", "outlet"], ascending=[True, False, True]) \
        .reset_index(drop=True)[list(SOURCE_COUNT_COLUMNS)]


def _developments(reports: pd.DataFrame, merged: pd.DataFrame, names: dict[str, str],
                  places: dict[str, str], refs: dict[str, SourceRef]) -> pd.DataFrame:
    """One row per merged event that happened, with an evidence sentence (original language) from one
    report."""
    first: dict[str, tuple[str, str]] = {}
    for r in reports.to_dict("records"):
        eid = str(r["event_id"])
        if eid not in first and str(r["evidence"] or "").strip():
            ref = refs.get(str(r["article_id"]))
            first[eid] = (str(r["evidence"]), ref.lang if ref else "")
    rows = []
    if "status" in merged.columns:  # key developments are what happened, not plans or background
        merged = merged[merged["status"] == "happened"]
    for ev in merged.head(MAX_DEVELOPMENTS).to_dict("records"):
        eid = str(ev["event_id"])
        arts = split_ids(ev["article_ids"])
        members = split_ids(ev["member_ids"]) if "member_ids" in ev else [eid]
        evidence, lang = next((first[m] for m in members if m in first), ("", ""))
        place = None if is_missing(ev["place_id"]) else str(places.get(str(ev["place_id"]), ev["place_id"]))
        rows.append({"event_id": eid, "date": day_of(ev["date"]), "date_precision": str(ev["date_precision"]),
                     "kind": str(ev["kind"]),
                     "actors": ", ".join(names.get(a, a) for a in split_ids(ev["actor_ids"])),
                     "place": place, "reports": int(ev["n_reports"]), "evidence": evidence,
                     "evidence_lang": lang, "article_ids": ";".join(arts), "sources": refs_label(refs, arts)})
    return frame_of(rows, DEVELOPMENT_COLUMNS)


def _positions(grid: pd.DataFrame, arts: dict[tuple[str, str], list[str]],
               refs: dict[str, SourceRef]) -> pd.DataFrame:
    rows: list[dict[str, Any]] = []
    for cell in grid.to_dict("records"):
        ids = arts.get((str(cell["actor_id"]), str(cell["topic"])), [])
        rows.append({"actor_id": cell["actor_id"], "actor": cell["name_en"], "side": cell["side"],
                     "topic": cell["topic"], "stances": cell["stances"], "polarity": float(cell["polarity"]),
                     "positions": int(cell["positions"]), "article_ids": ";".join(ids),
                     "sources": refs_label(refs, ids)})
    return frame_of(rows, POSITION_COLUMNS)


def _side_cell(cells: pd.DataFrame) -> str:
    return "; ".join(f"{a}: {s}" for a, s in zip(cells["actor"], cells["stances"], strict=True))


def _gaps(pos: pd.DataFrame) -> pd.DataFrame:
    """Per topic: what each side says, their mean polarity (-1 against … +1 for) and the gap."""
    rows = []
    for topic in sorted(set(pos["topic"])) if len(pos) else []:
        sub = pos[pos["topic"] == topic]
        us, iran, med = (sub[sub["side"] == s] for s in ("us", "iran", "mediator"))

        def mean(cells: pd.DataFrame) -> float | None:
            n = int(cells["positions"].sum())
            return round(float((cells["polarity"] * cells["positions"]).sum()) / n, 2) if n else None

        u, i = mean(us), mean(iran)
        gap = round(abs(u - i), 2) if u is not None and i is not None else None
        if gap is None:
            reading = "only the US side on record" if u is not None else \
                "only the Iranian side on record" if i is not None else "neither side on record"
        elif u is not None and i is not None and u * i < 0:
            reading = "opposed"
        elif gap == 0:
            reading = "aligned"
        else:
            reading = "apart" if gap >= 1 else "close"
        rows.append({"topic": topic, "us": _side_cell(us), "iran": _side_cell(iran),
                     "mediators": _side_cell(med),
                     "us_polarity": u, "iran_polarity": i, "gap": gap, "reading": reading})
    return frame_of(rows, GAP_COLUMNS)


def _venues(track: pd.DataFrame, refs: dict[str, SourceRef]) -> pd.DataFrame:
    rows = [{"date": day_of(v["start"]),
             "date_precision": v["date_precision"], "place": v["place_en"],
             "role": tl.ROLE_EN.get(str(v["role"]), str(v["role"])), "asked_by": v["asked_by"] or "",
             "article_id": v["article_id"], "sources": refs_label(refs, [str(v["article_id"])])}
            for v in track.to_dict("records")]
    return frame_of(rows, VENUE_COLUMNS)


def _edge_articles(mentions: pd.DataFrame, reports: pd.DataFrame) -> dict[tuple[str, str], list[str]]:
    """(actor, actor) sorted pair -> articles with a sentence or event naming both."""
    ctx: dict[tuple[str, int], set[str]] = {}
    m, r = mentions, reports
    for art, seg, aid in zip(m["article_id"], m["segment_idx"], m["actor_id"], strict=True):
        ctx.setdefault((str(art), int(seg)), set()).add(str(aid))
    for art, seg, ids in zip(r["article_id"], r["segment_idx"], r["actor_ids"], strict=True):
        ctx.setdefault((str(art), int(seg)), set()).update(split_ids(ids))
    out: dict[tuple[str, str], list[str]] = {}
    for (art, _seg), members in ctx.items():
        ordered = sorted(members)
        for k, a in enumerate(ordered):
            for b in ordered[k + 1:]:
                arts = out.setdefault((a, b), [])
                if art not in arts:
                    arts.append(art)
    return out


def _edges(view: net.NetworkView, pair_arts: dict[tuple[str, str], list[str]],
           refs: dict[str, SourceRef]) -> pd.DataFrame:
    rows = []
    for e in view.edges.head(MAX_EDGES).to_dict("records"):
        ids = pair_arts.get((str(e["source"]), str(e["target"])), [])
        rows.append({**{str(k): v for k, v in e.items()}, "weight": int(e["weight"]),
                     "article_ids": ";".join(ids), "sources": refs_label(refs, ids)})
    return frame_of(rows, EDGE_COLUMNS)


def _quotes(engine: Engine, filters: Filters) -> list[dict[str, Any]]:
    """Quotes in the filtered articles (speakers narrowed by the actor/side filters), attributed first."""
    rows = briefing_reads.quote_rows(engine, filters, MAX_QUOTES * 20)
    # Round robin over the articles, so one long article does not fill the section.
    by_article: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_article.setdefault(str(r["article_id"]), []).append(r)
    picked: list[dict[str, Any]] = []
    while len(picked) < MAX_QUOTES and any(by_article.values()):
        for group in by_article.values():
            if group and len(picked) < MAX_QUOTES:
                picked.append(group.pop(0))
    return picked


_READERS = 4  # threads reading the store at once for one briefing


def collect_briefing(engine: Engine, filters: Filters) -> BriefingData:
    """Read everything the briefing of ``filters`` shows (the briefing id in filters is ignored)."""
    filters = filters.replace(briefing=None)
    # the reads are independent: run side by side, the store's waits overlap each other and the
    # network's Python work (PostgreSQL at 100,000 articles: 3.4 s one after another)
    with ThreadPoolExecutor(max_workers=_READERS) as pool:
        f_sources = pool.submit(_sources, engine, filters)
        f_view = pool.submit(views.timeline_view, engine, filters, "side")
        f_reports = pool.submit(store_events.load_event_reports, engine, filters)
        f_network = pool.submit(views.network_view, engine, filters, None)
        f_mentions = pool.submit(store_network.load_mentions, engine, filters)
        f_bare = pool.submit(store_events.load_event_reports, engine, filters, naming=False)
        f_grid = pool.submit(store_positions.positions_grid, engine, filters)
        f_pos = pool.submit(briefing_reads.position_articles, engine, filters)
        f_quotes = pool.submit(_quotes, engine, filters)
        sources, view, reports, network = f_sources.result(), f_view.result(), f_reports.result(), \
            f_network.result()
        pair_arts = _edge_articles(f_mentions.result(), f_bare.result())
        grid = f_grid.result().head(MAX_POSITIONS)
        pos_arts, quote_rows = f_pos.result(), f_quotes.result()
    wanted = set(sources["article_id"]) | set(reports["article_id"]) | set(view.venues["article_id"])
    wanted |= {a for ids in pos_arts.values() for a in ids} | {str(q["article_id"]) for q in quote_rows}
    wanted |= {a for ids in pair_arts.values() for a in ids}
    refs = load_refs(engine, wanted)
    actors_df = store_actors.load_actors(engine)
    names = {str(a): str(n) for a, n in zip(actors_df["actor_id"], actors_df["name_en"], strict=True)}
    places_df = store_actors.load_places(engine)
    places = {str(p): str(n) for p, n in zip(places_df["place_id"], places_df["name_en"], strict=True)}
    positions_df = _positions(grid, pos_arts, refs)
    quotes_df = frame_of([{**q, "sources": refs_label(refs, [str(q["article_id"])], url=True)}
                        for q in quote_rows], QUOTE_COLUMNS)
    return BriefingData(
        filters=filters, sources=sources, source_counts=_source_counts(sources),
        developments=_developments(reports, view.events, names, places, refs),
        positions=positions_df, gaps=_gaps(positions_df), venues=_venues(view.venues, refs),
        venue_path=view.path, network_edges=_edges(network, pair_arts, refs), quotes=quotes_df,
        timeline=view, network=network, refs=refs,
        curated=store_curation.curated_counts(engine, where(filters)))


def frozen_filters(engine: Engine, filters: Filters) -> Filters:
    """The filters to save with a briefing, pinned to the articles in its scope now.

    Later ingests then leave a saved briefing as it was. The pinned set is the articles the
    filters keep (parley.store.filters.where), and pinning happens only when the set fits in a
    link (MAX_IDS ids).
    """
    if filters.articles:
        return filters
    ids = tuple(sorted(article_ids(engine, filters.replace(briefing=None))))
    return filters.replace(articles=ids) if 0 < len(ids) <= MAX_IDS else filters


def filters_line(filters: Filters) -> str:
    """The filters in words ('languages ar, fa; actors marco_rubio'), or 'all articles'."""
    words = {"from": "from", "to": "to", "lang": "languages", "outlet": "outlets", "side": "sides",
             "actor": "actors", "topic": "topics", "a": "articles"}
    params = to_params(filters.replace(briefing=None))
    if not params:
        return "all articles"
    return "; ".join(f"{words.get(k, k)} {v.replace(',', ', ')}" for k, v in params.items())


