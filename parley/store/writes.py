"""Write articles, their segments and extracted rows; sync the gazetteer's actors and places.

Every function writes inside the caller's connection/transaction, so the caller decides the
unit of work (ingest uses one transaction per article). Rows go in with executemany.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from typing import Any

from sqlalchemy import Connection, Table, and_, delete, insert, or_, select, update

from parley.extract.gazetteer import Gazetteer
from parley.extract.records import Extraction
from parley.records import Article, Published, Segment
from parley.store.db import insert_ignore
from parley.store.schema import (
    EXTRACTED_TABLES,
    actors,
    articles,
    candidates,
    events,
    links,
    mentions,
    places,
    positions,
    quotes,
    segments,
    venues,
)

# Extraction attribute -> table; field names equal column names (article_id added here).
_EXTRACTION_TABLES: tuple[tuple[str, Table], ...] = (
    ("mentions", mentions),
    ("venues", venues),
    ("positions", positions),
    ("quotes", quotes),
    ("events", events),
    ("candidates", candidates),
    ("links", links),
)


def article_row(article: Article) -> dict[str, Any]:
    """The articles-table row for ``article``."""
    return {
        "id": article.id,
        "origin": article.origin,
        "outlet": article.outlet,
        "url": article.url,
        "title": article.title,
        "lang": article.lang,
        "published": article.published.date,
        "date_precision": article.published.precision,
        "date_basis": article.published.basis,
        "text": article.text,
        "raw": article.raw,
        "body_hash": article.body_hash,
        "duplicate_of": article.duplicate_of,
        "chars_raw": len(article.raw),
        "chars_clean": len(article.text),
        "ingested_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
    }


_EXTRACTION_INSERTS = tuple((attr, insert(table)) for attr, table in _EXTRACTION_TABLES)


def _write_extraction(conn: Connection, article_id: str, extraction: Extraction) -> None:
    for attr, stmt in _EXTRACTION_INSERTS:
        records = getattr(extraction, attr)
        if records:
            rows = [{**dataclasses.asdict(r), "article_id": article_id} for r in records]
            conn.execute(stmt, rows)


# Built once: a statement object is compiled once and its cache key memoised on it.
_INSERT_ARTICLE = insert(articles)
_INSERT_SEGMENTS = insert(segments)


def save_article(conn: Connection, article: Article, extraction: Extraction | None) -> None:
    """Insert the article, its segments and (if given) its extracted rows."""
    conn.execute(_INSERT_ARTICLE, [article_row(article)])
    if article.segments:
        conn.execute(_INSERT_SEGMENTS, [
            {"article_id": article.id, "idx": s.idx, "start": s.start, "end": s.end,
             "lang": s.lang, "text": s.text}
            for s in article.segments
        ])
    if extraction is not None:
        _write_extraction(conn, article.id, extraction)


def replace_extraction(conn: Connection, article_id: str, extraction: Extraction) -> None:
    """Delete the article's extracted rows and write ``extraction`` in their place."""
    for table in EXTRACTED_TABLES:
        conn.execute(delete(table).where(table.c.article_id == article_id))
    _write_extraction(conn, article_id, extraction)


def sync_gazetteer(conn: Connection, gaz: Gazetteer, *, prune: bool = False) -> None:
    """Upsert the actors and places tables from ``gaz``; ``prune`` also drops ids it no longer has."""
    actor_rows = [
        {"actor_id": a.id, "name_en": a.name_en, "name_ar": a.names.get("ar"),
         "name_fa": a.names.get("fa"), "kind": a.kind, "side": a.side,
         "role": ";".join(dict.fromkeys(t.role for t in a.roles)) or None}
        for a in (*gaz.actors.values(), *gaz.role_actors.values())
    ]
    place_rows = [
        {"place_id": p.id, "name_en": p.name_en, "name_ar": p.names.get("ar"),
         "name_fa": p.names.get("fa"), "country": p.country, "lat": p.lat, "lon": p.lon}
        for p in gaz.places.values()
    ]
    insert_ignore(conn, actors, actor_rows,
                  update_cols=("name_en", "name_ar", "name_fa", "kind", "side", "role"))
    insert_ignore(conn, places, place_rows,
                  update_cols=("name_en", "name_ar", "name_fa", "country", "lat", "lon"))
    if prune:
        conn.execute(delete(actors).where(actors.c.actor_id.not_in([*gaz.actors, *gaz.role_actors])))
        conn.execute(delete(places).where(places.c.place_id.not_in(list(gaz.places))))


def load_article(conn: Connection, article_id: str) -> Article | None:
    """Rebuild the stored Article (with segments) for re-extraction; None if it is not stored."""
    row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
    if row is None:
        return None
    segs = [
        Segment(idx=s.idx, start=s.start, end=s.end, lang=s.lang, text=s.text)
        for s in conn.execute(select(segments).where(segments.c.article_id == article_id)
                              .order_by(segments.c.idx))
    ]
    return Article(
        id=row["id"], origin=row["origin"], raw=row["raw"], text=row["text"],
        body_hash=row["body_hash"], title=row["title"], outlet=row["outlet"], url=row["url"],
        lang=row["lang"],
        published=Published(date=row["published"], precision=row["date_precision"],
                            basis=row["date_basis"]),
        segments=segs, duplicate_of=row["duplicate_of"],
    )


FROM_OTHERS = "from other articles: "  # the basis of a date borrowed from other reports


def date_from_other_articles(conn: Connection) -> int:
    """Date the undated events that dated articles also report: same kind, same place, and
    actors in common (one side's actors all among the other's). The date most reports give
    (the earliest on a tie) wins, with the basis 'from other articles: …'. Dates borrowed
    earlier are reconsidered, so a new report can correct them. Returns how many changed."""
    undated = conn.execute(
        select(events.c.id, events.c.article_id, events.c.kind, events.c.place_id, events.c.actor_ids,
               events.c.date, events.c.date_basis)
        .where(events.c.place_id.is_not(None),
               or_(events.c.date.is_(None), events.c.date_basis.startswith(FROM_OTHERS)))).all()
    if not undated:
        return 0
    kinds = {u.kind for u in undated}
    dated = conn.execute(
        select(events.c.article_id, events.c.kind, events.c.place_id, events.c.actor_ids, events.c.date,
               events.c.date_precision, articles.c.outlet, articles.c.title)
        .select_from(events.join(articles, articles.c.id == events.c.article_id))
        .where(and_(events.c.date.is_not(None), events.c.kind.in_(kinds), events.c.place_id.is_not(None),
                    ~events.c.date_basis.startswith(FROM_OTHERS), articles.c.duplicate_of.is_(None)))).all()
    changed = 0
    for u in undated:
        mine = set(u.actor_ids.split(";"))
        same = [d for d in dated if (d.kind, d.place_id) == (u.kind, u.place_id)
                and d.article_id != u.article_id
                and (mine <= set(d.actor_ids.split(";")) or set(d.actor_ids.split(";")) <= mine)]
        if not same:
            if u.date is not None:  # its sources are gone: undated again
                conn.execute(update(events).where(events.c.id == u.id)
                             .values(date=None, date_precision="unknown", date_basis="undated article"))
                changed += 1
            continue
        votes = Counter((d.date, d.date_precision) for d in same)
        (date, precision), n = min(votes.items(), key=lambda kv: (-kv[1], kv[0][0]))
        names = sorted({d.outlet or d.title or d.article_id for d in same if d.date == date})
        basis = f"{FROM_OTHERS}{n} report(s) of the same {u.kind} ({', '.join(names[:3])})"
        if (u.date, u.date_basis) != (date, basis):
            conn.execute(update(events).where(events.c.id == u.id)
                         .values(date=date, date_precision=precision, date_basis=basis))
            changed += 1
    return changed
