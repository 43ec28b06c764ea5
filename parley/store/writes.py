"""Write articles, their segments and extracted rows; sync the gazetteer's actors and places.

Writes go to the base tables (extracted_*, gazetteer_actors); reads see them through the curated
views of the same names without the prefix (schema.CURATED_VIEWS, store/overlay.py).

Every function writes inside the caller's connection/transaction, so the caller decides the
unit of work (ingest uses one transaction per article). Rows go in with executemany.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, Table, and_, bindparam, delete, insert, or_, select, update

from parley.errors import StoreError
from parley.extract.records import Extraction, ReferenceSource
from parley.records import Article, Published, Segment
from parley.store.db import insert_ignore, insert_new, mark_unfinished
from parley.store.schema import (
    EXTRACTED_TABLES,
    articles,
    links,
    places,
    segments,
)
from parley.store.schema import extracted_candidates as candidates
from parley.store.schema import extracted_events as events
from parley.store.schema import extracted_mentions as mentions
from parley.store.schema import extracted_positions as positions
from parley.store.schema import extracted_quotes as quotes
from parley.store.schema import extracted_venues as venues
from parley.store.schema import gazetteer_actors as actors
from parley.store.search_index import index_article

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
    _save_rows(conn, article, extraction)


def store_article(conn: Connection, article: Article, extraction: Extraction | None) -> bool:
    """Store the article with its rows once, and mark the store unfinished (db.mark_unfinished);
    False if its raw text (its id) is stored already. The unique keys decide, in the insert, not
    an earlier look: the primary key, and one original per body (schema.ORIGINAL_BODY). When a
    concurrent ingest has stored the same body first, the article goes in as its duplicate."""
    for _attempt in range(3):
        if insert_new(conn, articles, article_row(article)):
            _save_rows(conn, article, extraction)
            mark_unfinished(conn)
            return True
        known = known_copies(conn, article.id, article.body_hash)
        if any(row.id == article.id for row in known):
            return False
        article.duplicate_of = original_of(known)
    raise StoreError(f"cannot store article {article.id}: its body's original keeps changing")


def _save_rows(conn: Connection, article: Article, extraction: Extraction | None) -> None:
    index_article(conn, article.id, article.title, article.text)  # search, in the same transaction
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


def sync_gazetteer(conn: Connection, gaz: ReferenceSource, *, prune: bool = False) -> None:
    """Upsert the actors and places tables from ``gaz``; ``prune`` also drops ids it no longer has."""
    rows = gaz.reference_rows()
    insert_ignore(conn, actors, list(rows.actors),
                  update_cols=("name_en", "name_ar", "name_fa", "kind", "side", "role"))
    insert_ignore(conn, places, list(rows.places),
                  update_cols=("name_en", "name_ar", "name_fa", "country", "lat", "lon"))
    if prune:
        conn.execute(delete(actors).where(actors.c.actor_id.not_in([r["actor_id"] for r in rows.actors])))
        conn.execute(delete(places).where(places.c.place_id.not_in([r["place_id"] for r in rows.places])))


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
               or_(events.c.date.is_(None), events.c.date_basis.startswith(FROM_OTHERS)))
        .order_by(events.c.id)).all()  # updated in id order, whoever runs the pass
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


# The per-article lookup "already stored, or the same body as a stored one?", built once.
_KNOWN = select(articles.c.id, articles.c.duplicate_of, articles.c.ingested_at).where(
    or_(articles.c.id == bindparam("article_id"), articles.c.body_hash == bindparam("body_hash")))


def known_copies(conn: Connection, article_id: str, body_hash: str) -> Sequence[Row[Any, Any, Any]]:
    """Stored articles with this id or this body hash (id, duplicate_of, ingested_at), in one
    indexed round trip."""
    return conn.execute(_KNOWN, {"article_id": article_id, "body_hash": body_hash}).all()


def original_of(known: Sequence[Row[Any, Any, Any]]) -> str | None:
    """The id a new article with the body of ``known`` (known_copies rows) duplicates: the
    body's original (the first ingested); None when the body is new."""
    if not known:
        return None
    first = min(known, key=lambda r: (r.duplicate_of is not None, r.ingested_at, r.id))
    return str(first.duplicate_of or first.id)


def is_stored(conn: Connection, article_id: str) -> bool:
    """Whether an article with this id is stored."""
    return conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is not None


def article_ids_in_ingest_order(conn: Connection) -> list[str]:
    """Every stored article id, oldest ingest first."""
    return [str(i) for i in conn.execute(select(articles.c.id).order_by(articles.c.ingested_at)).scalars()]
