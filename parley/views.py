"""The views pages and briefings draw, read from the store and shaped by parley.analyze: the one
place where reads (parley.store) meet analysis. No Streamlit: parley.ui.store caches these.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from parley.analyze import network as net
from parley.analyze import timeline as tl
from parley.filters import Filters
from parley.store import actors as store_actors
from parley.store import articles as store_articles
from parley.store import events as store_events
from parley.store import network as store_network


def timeline_view(engine: Engine, filters: Filters, by: tl.RowMode = "side",
                  happened_only: bool = False, cap: int | None = None) -> tl.TimelineView:
    """The filtered events, articles and venues, shaped for the timeline page. With ``cap``, when
    the filters keep more event reports than that, only the newest period holding at most ``cap``
    of them is read and drawn (the view says from which day, and how many there are in all)."""
    if cap is not None:
        counts = store_events.report_day_counts(engine, filters)
        start = tl.cap_start(counts, cap)
        if start is not None:
            view = timeline_view(engine, filters.replace(date_from=start), by, happened_only)
            return dataclasses.replace(view, shown_from=start, total_reports=sum(n for _, n in counts))
    reports = store_events.load_event_reports(engine, filters)
    venue_rows = store_events.load_venues(engine, filters)
    ment, segs = store_events.load_venue_context(engine, venue_rows)
    only = filters.sides if by == "side" else filters.actors
    articles = _published_in_range(store_articles.load_articles(engine, filters), filters)
    view = tl.assemble_view(reports, store_actors.load_actors(engine), store_actors.load_places(engine),
                            venue_rows, ment, segs, articles, by=by, only=only, happened_only=happened_only)
    if filters.date_from is None and filters.date_to is None:
        return view
    # a venue dated by its article's publication (no event in its sentence) may fall after the range
    venues = view.venues
    keep = pd.Series(True, index=venues.index)
    if filters.date_from is not None:
        keep &= pd.to_datetime(venues["end"]) >= pd.Timestamp(filters.date_from)
    if filters.date_to is not None:
        keep &= pd.to_datetime(venues["start"]) <= pd.Timestamp(filters.date_to)
    venues = venues[keep].reset_index(drop=True)
    return dataclasses.replace(view, venues=venues, path=tuple(tl.venue_path(venues)))


def _published_in_range(arts: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The articles published inside the filters' dates: the publication track draws the period
    (an article kept for an event it dates in the range may be published after it)."""
    keep = pd.Series(True, index=arts.index)
    if filters.date_from is not None:
        keep &= arts["published"] >= pd.Timestamp(filters.date_from)
    if filters.date_to is not None:
        keep &= arts["published"] <= pd.Timestamp(filters.date_to)
    return arts[keep].reset_index(drop=True)


def events_table(engine: Engine, filters: Filters | None = None) -> pd.DataFrame:
    """One row per happening (reports merged within and across articles, as the timeline shows
    them) in export.EVENT_COLUMNS: English names, every reporting article, the evidence of the
    first report that has one, the status, how many articles reported it and when first."""
    from parley.store.export import EVENT_COLUMNS

    f = filters or Filters()
    reports = store_events.load_event_reports(engine, f)
    merged = tl.merge_reports(reports)
    actors, places = store_actors.load_actors(engine), store_actors.load_places(engine)
    names = dict(zip(actors["actor_id"].astype(str), actors["name_en"].astype(str), strict=True))
    place_en = dict(zip(places["place_id"].astype(str), places["name_en"].astype(str), strict=True))
    evidence: dict[str, str] = {}
    for eid, text in zip(reports["event_id"].astype(str), reports["evidence"].tolist(), strict=True):
        if isinstance(text, str) and text.strip():
            evidence.setdefault(eid, text)
    rows = []
    for ev in merged.to_dict("records"):
        members = [m for m in str(ev["member_ids"]).split(";") if m]
        articles = [a for a in str(ev["article_ids"]).split(";") if a]
        place = ev["place_id"] if isinstance(ev["place_id"], str) else ""
        rows.append({
            "event_id": ev["event_id"], "date": ev["date"], "date_precision": ev["date_precision"],
            "kind": ev["kind"],
            "actors_en": ";".join(names.get(a, a) for a in str(ev["actor_ids"]).split(";") if a),
            "place_en": place_en.get(place, place), "article_ids": ";".join(sorted(articles)),
            "evidence": next((evidence[m] for m in members if m in evidence), ""), "status": ev["status"],
            "reported_by": len(set(articles)), "first_reported": ev["first_reported"]})
    return pd.DataFrame(rows, columns=list(EVENT_COLUMNS))


def export_tables(engine: Engine, out_dir: Path) -> list[Path]:
    """Every table as CSV into ``out_dir``, events as merged happenings (the CLI's export)."""
    from parley.store.db import init_db
    from parley.store.export import export_csv

    init_db(engine)  # an empty database gets its tables, then exports empty files
    return export_csv(engine, out_dir, events_table(engine))


def base_network(engine: Engine, filters: Filters, days: int | None = None, level: net.Level = "actors",
                 country_of: Mapping[str, str] | None = None) -> net.BaseNetwork:
    """The network of the filtered articles in the window (the filters' dates, narrowed to the last
    ``days`` days), kept to the filters' sides; not yet focused on their actors."""
    window = net.window_for(filters, store_articles.date_bounds(engine)[1], days)
    # the window lies inside the filters' dates, so the reads apply it (build_actor_graph applies
    # it again, which then keeps every row); the network reads every event of its articles
    scope = filters.replace(date_from=window[0], date_to=window[1])
    counts = store_network.load_window_counts(engine, window) \
        if store_network.network_counts_allowed(filters) else None
    if counts is not None:  # the window's counts kept at ingest: the same graph, a few rows read
        nodes, pairs, events = counts
        actors = store_actors.load_actors(engine)
        return net.base_network_of(net.graph_from_summary(nodes, pairs, events, actors=actors), window,
                                   level=level, sides=filters.sides, country_of=country_of, actors=actors)
    return net.base_network(store_network.load_mentions(engine, scope),
                            store_events.load_event_reports(engine, scope, naming=False),
                            store_network.load_links(engine, scope, typed_only=True),
                            store_actors.load_actors(engine), window,
                            level=level, sides=filters.sides, country_of=country_of)


def network_view(engine: Engine, filters: Filters, days: int | None = None, level: net.Level = "actors",
                 country_of: Mapping[str, str] | None = None, *,
                 base: net.BaseNetwork | None = None) -> net.NetworkView:
    """The network of ``filters`` focused on their actors and neighbours, with its layout.
    ``base``: base_network of the same arguments when the caller has it cached."""
    if base is None:
        base = base_network(engine, filters, days, level, country_of)
    return net.network_view(base, filters.actors, level, country_of)


# --- compare page: sources read through parley.store.compare_queries, built as analyze expects ---
import datetime as _dt  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import PurePath  # noqa: E402
from typing import Any  # noqa: E402

from parley.analyze.compare_model import Source, frame_rows, main_lang, restrict_to_actors  # noqa: E402
from parley.store import compare_queries as cq  # noqa: E402

PICK_COLUMNS = ("id", "label", "title", "outlet", "lang", "published")


def _article_rows(frame: pd.DataFrame, ids: set[str], col: str = "article_id") -> pd.DataFrame:
    return frame[frame[col].isin(ids)].reset_index(drop=True) if not frame.empty else frame


def _compare_source(frames: cq.Frames, keep: set[str], key: str, label: str, lang: str) -> Source:
    """The source ``key`` made of the rows of the articles ``keep``."""
    return Source(key=key, label=label, lang=lang, articles=_article_rows(frames.articles, keep, "id"),
                  segments=_article_rows(frames.segments, keep),
                  mentions=_article_rows(frames.mentions, keep), venues=_article_rows(frames.venues, keep),
                  positions=_article_rows(frames.positions, keep), quotes=_article_rows(frames.quotes, keep),
                  events=_article_rows(frames.events, keep))


def _article_short_name(row: Mapping[str, Any]) -> str:
    """A short name for an article: its outlet, else its file name without the hash."""
    value = row.get("outlet")
    outlet = value.strip() if isinstance(value, str) else ""
    if outlet:
        return outlet[:30]
    stem = PurePath(str(row.get("origin") or row["id"])).stem
    return stem[:12] or str(row["id"])[:8]


def _unique_labels(labels: list[str]) -> list[str]:
    """The labels, a repeated one numbered ("X", "X #2", ...)."""
    out: list[str] = []
    taken: set[str] = set()  # out as a set: a list's 'in' made 100,000 labels take minutes
    for lab in labels:
        cand, n = lab, 2
        while cand in taken:
            cand, n = f"{lab} #{n}", n + 1
        out.append(cand)
        taken.add(cand)
    return out


def article_label(row: Mapping[str, Any]) -> str:
    """A compact label for an article: name, language and date (or 'undated')."""
    day = row.get("published")
    day_s = day.isoformat() if isinstance(day, _dt.date) else "undated"
    return f"{_article_short_name(row)} ({row.get('lang')}, {day_s})"


def compare_article_sources(engine: Engine, ids: Sequence[str],
                            filters: Filters) -> tuple[list[Source], list[str]]:
    """One source per article id the filters keep, in the given order, and the ids left out (not
    in the database or outside the filters)."""
    frames = cq.load_frames(engine, filters, ids)
    found = {str(r["id"]): r for r in frame_rows(frames.articles)}
    wanted = list(dict.fromkeys(ids))
    present = [i for i in wanted if i in found]
    labels = _unique_labels([article_label(found[i]) for i in present])
    sources = [_compare_source(frames, {aid}, aid, label, str(found[aid]["lang"]))
               for aid, label in zip(present, labels, strict=True)]
    return sources, [i for i in wanted if i not in found]


def compare_group_sources(engine: Engine, by: cq.GroupBy, values: Sequence[str],
                          filters: Filters) -> list[Source]:
    """One source per outlet (or side) in ``values``: the articles the filters keep that are of that
    outlet (or mention an actor of that side); a side keeps only its own actors' facts."""
    groups = {v: cq.group_article_ids(engine, filters, by, v) for v in dict.fromkeys(values)}
    frames = cq.load_frames(engine, filters, [i for ids in groups.values() for i in ids])
    sources = []
    for value, ids in groups.items():
        keep = set(ids)
        arts = _article_rows(frames.articles, keep, "id")
        lang = main_lang([str(x) for x in arts["lang"]]) if not arts.empty else "en"
        src = _compare_source(frames, keep, f"{by}:{value}", f"{by}: {value} ({len(ids)} articles)", lang)
        sources.append(restrict_to_actors(src, cq.side_members(engine, value)) if by == "side" else src)
    return sources


def compare_article_choices(engine: Engine, filters: Filters, limit: int | None = None) -> pd.DataFrame:
    """The articles the pickers offer: those the filters keep whatever articles they name, newest
    first, with unique labels (columns PICK_COLUMNS); with ``limit``, the newest ``limit`` of them
    and, after those, the articles the filters name (so a picked one stays offered)."""
    rows = frame_rows(cq.article_choice_rows(engine, filters.replace(articles=()), limit))
    if limit is not None and filters.articles:
        have = {r["id"] for r in rows}
        rows += [r for r in frame_rows(cq.article_choice_rows(engine, filters)) if r["id"] not in have]
    for r, label in zip(rows, _unique_labels([article_label(r) for r in rows]), strict=True):
        r["label"] = label
    return pd.DataFrame([{c: r[c] for c in PICK_COLUMNS} for r in rows], columns=list(PICK_COLUMNS))
