"""Write articles, their segments and extracted rows; sync the gazetteer's actors and places.

Writes go to the base tables (extracted_*, gazetteer_actors); reads see them through the curated
views of the same names without the prefix (schema.CURATED_VIEWS, store/overlay.py).

Every function writes inside the caller's connection/transaction, so the caller decides the
unit of work (ingest uses one transaction per article). Rows go in with executemany.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Row, Table, bindparam, delete, insert, or_, select

from parley.errors import StoreError
from parley.extract.records import Extraction, ReferenceSource
from parley.records import Article, Published, Segment
from parley.store import summaries
from parley.store.bulk import Rows, insert_rows, record_getter, record_shape
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
from parley.store.search_index import index_articles
from parley.text.search_terms import IndexDoc, index_document


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


def _record_rows(table: Table, attr: str) -> RowBuilder:
    """Rows of one Extraction attribute: article_id, then the record's fields (named as the
    columns), then the defaults of the columns the record lacks (bulk.record_shape)."""
    shapes: dict[type, tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]], tuple[Any, ...]]] = {}

    def rows(article: Article, extraction: Extraction | None) -> Rows | None:
        records = getattr(extraction, attr) if extraction is not None else ()
        if not records:
            return None
        kind = type(records[0])
        shape = shapes.get(kind)
        if shape is None:
            fields = tuple(f.name for f in dataclasses.fields(records[0]))
            columns, tail = record_shape(table, fields)
            shape = shapes[kind] = (columns, record_getter(fields), tail)
        columns, get, tail = shape
        head = (article.id,)
        if tail:
            return columns, [head + get(r) + tail for r in records]
        return columns, [head + get(r) for r in records]

    return rows


_SEGMENT_COLUMNS = ("article_id", "idx", "start", "end", "lang", "text")


def _segment_rows(article: Article, _extraction: Extraction | None) -> Rows | None:
    aid = article.id
    if not article.segments:
        return None
    return _SEGMENT_COLUMNS, [(aid, s.idx, s.start, s.end, s.lang, s.text) for s in article.segments]


RowBuilder = Callable[[Article, "Extraction | None"], "Rows | None"]

# What is stored beside an article's own row: per table, its rows from the article and its
# extraction, written in this order. The one write path: ingest (one batch of articles at a
# time) and re-extraction both go through it, so a table added here (a search index, say) is
# kept with every article. ``extracted`` marks the tables re-extraction replaces.
ARTICLE_TABLES: list[tuple[Table, RowBuilder, bool]] = [
    (segments, _segment_rows, False),
    (mentions, _record_rows(mentions, "mentions"), True),
    (venues, _record_rows(venues, "venues"), True),
    (positions, _record_rows(positions, "positions"), True),
    (quotes, _record_rows(quotes, "quotes"), True),
    (events, _record_rows(events, "events"), True),
    (candidates, _record_rows(candidates, "candidates"), True),
    (links, _record_rows(links, "links"), True),
]


@dataclass
class Prepared:
    """One article made ready for the writer where it was read and extracted (maybe a worker
    process): its articles row (without duplicate_of and ingested_at, which the writer decides),
    its rows for every table of ARTICLE_TABLES (bulk.Rows: tuples, small to send) and its search
    index words, so the writer only runs SQL."""

    id: str
    body_hash: str
    origin: str
    row: dict[str, Any]
    rows: dict[str, Rows] = field(default_factory=dict)
    search: IndexDoc | None = None
    duplicate_of: str | None = None  # set by the writer

    def values(self, table: str, column: str) -> list[Any]:
        """The values of ``column`` in this article's rows for ``table``."""
        found = self.rows.get(table)
        if found is None:
            return []
        i = found[0].index(column)
        return [r[i] for r in found[1]]


def prepare(article: Article, extraction: Extraction | None) -> Prepared:
    """The rows of ``article`` and (if given) its extraction, and its index words, for write_batch."""
    rows: dict[str, Rows] = {}
    for table, build, extracted in ARTICLE_TABLES:
        if extracted and extraction is None:
            continue
        built = build(article, extraction)
        if built is not None and built[1]:
            rows[table.name] = built
    return Prepared(article.id, article.body_hash, article.origin, article_row(article), rows,
                    index_document(article.title, article.text))


# Run at the end of every batch, inside its transaction, with the articles it stored: summary
# tables (counts by day, outlet, actor; edge weights) are kept up to date here.
AfterWrite = Callable[[Connection, Sequence[Prepared]], None]
AFTER_WRITE: list[AfterWrite] = [summaries.add_batch]


def write_batch(conn: Connection, batch: Sequence[Prepared]) -> list[bool]:
    """Store the batch's articles with their rows inside the caller's transaction, in order;
    per article, False when its raw text (its id) is stored already. Each article row goes in
    on its own (the unique keys decide, see store_article); the other rows go in with one
    executemany per table for the whole batch. Marks the store unfinished once."""
    stored: list[Prepared] = []
    outcome: list[bool] = []
    for item in batch:
        ok = _insert_article(conn, item)
        outcome.append(ok)
        if ok:
            stored.append(item)
    if not stored:
        return outcome
    # search, in the same transaction
    index_articles(conn, [(item.id, item.search or index_document(item.row["title"], item.row["text"]))
                          for item in stored])
    for table, _build, _extracted in ARTICLE_TABLES:
        _insert_all(conn, table, [item.rows[table.name] for item in stored if table.name in item.rows])
    _insert_discovered(conn, [item.rows[mentions.name] for item in stored if mentions.name in item.rows])
    mark_unfinished(conn)
    for hook in AFTER_WRITE:
        hook(conn, stored)
    return outcome


def _insert_all(conn: Connection, table: Table, parts: list[Rows]) -> None:
    """Insert several articles' rows for ``table`` in order: one executemany per column shape."""
    if not parts:
        return
    columns = parts[0][0]
    if all(p[0] == columns for p in parts):
        insert_rows(conn, table, columns, [r for p in parts for r in p[1]])
        return
    for cols, rows in parts:
        insert_rows(conn, table, cols, rows)


_INSERTS: dict[str, Any] = {}


def _insert_stmt(table: Table) -> Any:
    """insert(table), built once: a statement object is compiled once and its cache key memoised."""
    stmt = _INSERTS.get(table.name)
    if stmt is None:
        stmt = _INSERTS[table.name] = insert(table)
    return stmt


def _insert_article(conn: Connection, item: Prepared) -> bool:
    """Insert one prepared article's row (see store_article); False if its id is stored."""
    known = known_copies(conn, item.id, item.body_hash)
    if any(row.id == item.id for row in known):
        return False
    item.duplicate_of = original_of(known)
    for _attempt in range(3):
        row = {**item.row, "duplicate_of": item.duplicate_of,
               "ingested_at": dt.datetime.now(dt.UTC).replace(tzinfo=None)}
        if insert_new(conn, articles, row):
            return True
        known = known_copies(conn, item.id, item.body_hash)
        if any(r.id == item.id for r in known):
            return False
        item.duplicate_of = original_of(known)
    raise StoreError(f"cannot store article {item.id}: its body's original keeps changing")


def save_article(conn: Connection, article: Article, extraction: Extraction | None) -> None:
    """Insert the article, its segments and (if given) its extracted rows."""
    conn.execute(_insert_stmt(articles), [article_row(article)])
    item = prepare(article, extraction)
    index_articles(conn, [(article.id, item.search or index_document(article.title, article.text))])
    _write_rows(conn, item)


def store_article(conn: Connection, article: Article, extraction: Extraction | None) -> bool:
    """Store the article with its rows once, and mark the store unfinished (db.mark_unfinished);
    False if its raw text (its id) is stored already. The unique keys decide, in the insert, not
    an earlier look: the primary key, and one original per body (schema.ORIGINAL_BODY). When a
    concurrent ingest has stored the same body first, the article goes in as its duplicate."""
    item = prepare(article, extraction)
    stored = write_batch(conn, [item])[0]
    article.duplicate_of = item.duplicate_of
    return stored


def _write_rows(conn: Connection, item: Prepared) -> None:
    for table, _build, _extracted in ARTICLE_TABLES:
        if table.name in item.rows:
            insert_rows(conn, table, *item.rows[table.name])
    if mentions.name in item.rows:
        _insert_discovered(conn, [item.rows[mentions.name]])


DISCOVERED_ROLE = "named in an article; not in the gazetteer"
# a mention's 'via' -> the kind of the actor it found (extract/discovered.py, extract/bodies.py)
_DISCOVERED = {"discovered": "person", "discovered_org": "org", "discovered_media": "media"}


def _insert_discovered(conn: Connection, parts: list[Rows]) -> None:
    """An actors row for each person, organisation or outlet extraction found that the gazetteer
    lacks (mentions with via 'discovered…'), named by its first mention; a row already there
    (the gazetteer's, an analyst's, an earlier article's) is kept as it is."""
    found: dict[str, dict[str, Any]] = {}
    for columns, rows in parts:
        if "via" not in columns:
            continue
        i, v, s = columns.index("actor_id"), columns.index("via"), columns.index("surface")
        for r in rows:
            kind = _DISCOVERED.get(r[v])
            if kind is not None and r[i] not in found:
                found[r[i]] = {"actor_id": r[i], "name_en": r[s], "name_ar": None, "name_fa": None,
                               "kind": kind, "side": "media" if kind == "media" else "other",
                               "role": DISCOVERED_ROLE}
    insert_ignore(conn, actors, list(found.values()))


def replace_extraction(conn: Connection, article: Article, extraction: Extraction) -> None:
    """Delete the article's extracted rows and write ``extraction`` in their place."""
    for table in EXTRACTED_TABLES:
        conn.execute(delete(table).where(table.c.article_id == article.id))
    for table, build, extracted in ARTICLE_TABLES:
        built = build(article, extraction) if extracted else None
        if built is not None:
            insert_rows(conn, table, *built)
            if table is mentions:
                _insert_discovered(conn, [built])


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


def stored_ids(conn: Connection) -> list[str]:
    """Every stored article id."""
    return [str(i) for i in conn.execute(select(articles.c.id)).scalars()]
