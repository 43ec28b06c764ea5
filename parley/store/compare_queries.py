"""Read what the compare page needs: sources (articles or groups) with their extracted rows.

Frames carry the column names of parley.compare_columns (the stored tables' names). No
Streamlit here; parley.ui wraps nothing for these beyond the page's own caching.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Literal

import pandas as pd
from sqlalchemy import Engine, Table, select

from parley.analyze.compare_model import Source, main_lang, restrict_to_actors
from parley.compare_columns import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    POSITION_COLUMNS,
    QUOTE_COLUMNS,
    SEGMENT_COLUMNS,
    VENUE_COLUMNS,
)
from parley.store.db import store_errors
from parley.store.schema import (
    actors,
    articles,
    events,
    mentions,
    places,
    positions,
    quotes,
    segments,
    venues,
)

GroupBy = Literal["outlet", "side"]
PICK_COLUMNS = ("id", "label", "title", "outlet", "lang", "published")
MAX_GROUP_ARTICLES = 200  # a group larger than this is cut (newest first) to keep the page quick


@dataclass(frozen=True)
class Frames:
    """Every table a comparison reads, for a set of articles."""

    articles: pd.DataFrame
    segments: pd.DataFrame
    mentions: pd.DataFrame
    venues: pd.DataFrame
    positions: pd.DataFrame
    quotes: pd.DataFrame
    events: pd.DataFrame


def _frame(rows: Sequence[Any], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame([{c: r[c] for c in columns} for r in rows], columns=list(columns))


def _table_rows(conn: Any, table: Table, columns: Sequence[str], ids: Sequence[str]) -> pd.DataFrame:
    key = table.c.id if table is articles else table.c.article_id
    stmt = select(*[table.c[c] for c in columns]).where(key.in_(list(ids)))
    if "start" in table.c:
        stmt = stmt.order_by(table.c.start)
    return _frame(conn.execute(stmt).mappings().all(), columns)


def load_frames(engine: Engine, article_ids: Sequence[str]) -> Frames:
    """The articles with ``article_ids`` (unknown ids are simply absent) and their rows."""
    ids = list(dict.fromkeys(article_ids))
    with store_errors("cannot read the articles to compare"), engine.connect() as conn:
        return Frames(
            articles=_table_rows(conn, articles, [*ARTICLE_COLUMNS, "origin"], ids),
            segments=_table_rows(conn, segments, SEGMENT_COLUMNS, ids),
            mentions=_table_rows(conn, mentions, MENTION_COLUMNS, ids),
            venues=_table_rows(conn, venues, VENUE_COLUMNS, ids),
            positions=_table_rows(conn, positions, POSITION_COLUMNS, ids),
            quotes=_table_rows(conn, quotes, QUOTE_COLUMNS, ids),
            events=_table_rows(conn, events, EVENT_COLUMNS, ids),
        )


def _subset(frame: pd.DataFrame, ids: set[str], col: str = "article_id") -> pd.DataFrame:
    return frame[frame[col].isin(ids)].reset_index(drop=True) if not frame.empty else frame


def _short_name(row: dict[str, Any]) -> str:
    """A short name for an article: its outlet, else its file name without the hash."""
    value = row.get("outlet")
    outlet = value.strip() if isinstance(value, str) else ""
    if outlet:
        return outlet[:30]
    stem = PurePath(str(row.get("origin") or row["id"])).stem
    return stem[:12] or str(row["id"])[:8]


def _unique(labels: list[str]) -> list[str]:
    out: list[str] = []
    for lab in labels:
        cand, n = lab, 2
        while cand in out:
            cand, n = f"{lab} #{n}", n + 1
        out.append(cand)
    return out


def article_label(row: dict[str, Any]) -> str:
    """A compact label for an article: name, language and date (or 'undated')."""
    day = row.get("published")
    day_s = day.isoformat() if isinstance(day, dt.date) else "undated"
    return f"{_short_name(row)} ({row.get('lang')}, {day_s})"


def load_article_sources(engine: Engine, article_ids: Sequence[str]) -> tuple[list[Source], list[str]]:
    """One source per stored article id, in the given order, and the ids not found."""
    frames = load_frames(engine, article_ids)
    found = {str(r["id"]): {str(k): v for k, v in r.items()} for r in frames.articles.to_dict("records")}
    wanted = list(dict.fromkeys(article_ids))
    present = [i for i in wanted if i in found]
    labels = _unique([article_label(found[i]) for i in present])
    sources = []
    for aid, label in zip(present, labels, strict=True):
        keep = {aid}
        sources.append(Source(
            key=aid, label=label, lang=str(found[aid]["lang"]),
            articles=_subset(frames.articles, keep, "id"), segments=_subset(frames.segments, keep),
            mentions=_subset(frames.mentions, keep), venues=_subset(frames.venues, keep),
            positions=_subset(frames.positions, keep), quotes=_subset(frames.quotes, keep),
            events=_subset(frames.events, keep)))
    return sources, [i for i in wanted if i not in found]


def _group_ids(engine: Engine, by: GroupBy, value: str, date_from: dt.date | None,
               date_to: dt.date | None) -> list[str]:
    c = articles.c
    stmt = select(c.id)
    if by == "outlet":
        stmt = stmt.where(c.outlet == value)
    else:
        side_actors = select(actors.c.actor_id).where(actors.c.side == value)
        stmt = stmt.where(c.id.in_(select(mentions.c.article_id).where(mentions.c.actor_id.in_(side_actors))))
    if date_from is not None:
        stmt = stmt.where(c.published >= date_from)
    if date_to is not None:
        stmt = stmt.where(c.published <= date_to)
    stmt = stmt.order_by(c.published.is_(None), c.published.desc(), c.id).limit(MAX_GROUP_ARTICLES)
    with store_errors(f"cannot list the articles of {by} {value}"), engine.connect() as conn:
        return [str(r) for (r,) in conn.execute(stmt)]


def load_group_sources(engine: Engine, by: GroupBy, values: Sequence[str], *,
                       date_from: dt.date | None = None, date_to: dt.date | None = None) -> list[Source]:
    """One source per outlet (or side) over the date range; a side keeps only its actors' facts."""
    groups = {v: _group_ids(engine, by, v, date_from, date_to) for v in dict.fromkeys(values)}
    frames = load_frames(engine, [i for ids in groups.values() for i in ids])
    side_members: dict[str, list[str]] = {}
    if by == "side":
        with store_errors("cannot read the actors"), engine.connect() as conn:
            for v in groups:
                side_members[v] = [str(a) for (a,) in conn.execute(
                    select(actors.c.actor_id).where(actors.c.side == v))]
    sources = []
    for value, ids in groups.items():
        keep = set(ids)
        arts = _subset(frames.articles, keep, "id")
        segs = _subset(frames.segments, keep)
        src = Source(
            key=f"{by}:{value}", label=f"{by}: {value} ({len(ids)} articles)",
            lang=main_lang([str(x) for x in arts["lang"]]) if not arts.empty else "en",
            articles=arts, segments=segs, mentions=_subset(frames.mentions, keep),
            venues=_subset(frames.venues, keep), positions=_subset(frames.positions, keep),
            quotes=_subset(frames.quotes, keep), events=_subset(frames.events, keep))
        sources.append(restrict_to_actors(src, side_members[value]) if by == "side" else src)
    return sources


def reference_frames(engine: Engine) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The actors (actor_id, name_en, kind, side) and places (place_id, name_en) tables."""
    with store_errors("cannot read actors and places"), engine.connect() as conn:
        acts = _frame(conn.execute(select(actors.c.actor_id, actors.c.name_en, actors.c.kind, actors.c.side))
                      .mappings().all(), ("actor_id", "name_en", "kind", "side"))
        plcs = _frame(conn.execute(select(places.c.place_id, places.c.name_en)).mappings().all(),
                      ("place_id", "name_en"))
    return acts, plcs


def article_choices(engine: Engine) -> pd.DataFrame:
    """Every stored article for the pickers: id, label, title, outlet, lang, published (newest first)."""
    c = articles.c
    stmt = (select(c.id, c.title, c.outlet, c.lang, c.published, c.origin)
            .order_by(c.published.is_(None), c.published.desc(), c.origin))
    with store_errors("cannot list articles"), engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(stmt).mappings().all()]
    for r, label in zip(rows, _unique([article_label(r) for r in rows]), strict=True):
        r["label"] = label
    return _frame(rows, PICK_COLUMNS)


def group_choices(engine: Engine) -> dict[str, list[str]]:
    """The outlets and sides present in the store, for the group-mode pickers."""
    with store_errors("cannot list outlets and sides"), engine.connect() as conn:
        outlets = sorted({str(r) for (r,) in conn.execute(select(articles.c.outlet).distinct()) if r})
        sides = sorted({str(r) for (r,) in conn.execute(
            select(actors.c.side).distinct().where(actors.c.actor_id.in_(select(mentions.c.actor_id))))})
    return {"outlet": outlets, "side": sides}
