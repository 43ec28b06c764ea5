"""Write articles, their segments and extracted rows; sync the gazetteer's actors and places.

Every function writes inside the caller's connection/transaction, so the caller decides the
unit of work (ingest uses one transaction per article). Rows go in with executemany.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select

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
        for a in gaz.actors.values()
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
        conn.execute(delete(actors).where(actors.c.actor_id.not_in(list(gaz.actors))))
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
