"""The full-text index over each article's normalised title and text: made, kept, rebuilt.

SQLite: an FTS5 table ``search_fts`` (columns ``stems``, ``terms``, see text/search_terms.py)
whose rowid is ``search_docs.id``; ``search_docs`` maps it to the article and cascades with it,
and a trigger drops the FTS row with its ``search_docs`` row. PostgreSQL: ``search_docs`` holds
one ``tsvector`` per article (the stems, then the terms, 'simple' config; no weights, so a GIN
match of words needs no recheck of the vector) under a GIN index, a ``seq`` in storing order
(which matches are the newest, without reading the vectors), and cascades with the article.

An article's index row is written by ``index_article`` inside the transaction that stores the
article (store/writes.py), so the index never lags or leads the articles. ``ensure_index`` runs
in init_db: it makes the tables and indexes every article not yet indexed (a store made before
search), and rebuilds the whole index when the indexing rules or search_clitics.yaml changed.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from functools import lru_cache

from sqlalchemy import Column, Connection, Integer, MetaData, String, Table, select, text

from parley.store.schema import articles, store_meta
from parley.text.search_terms import IndexDoc, clitics, index_document

FORMAT_KEY = "search_format"
_RULES = "words=[^\\W_]+ lower max64; pg: stems || terms, seq; v2"  # change to force a rebuild
_BATCH = 500
PG_BUDGET = 900_000  # bytes of tsvector per article; PostgreSQL's limit is 1 MB

# For Core queries only: these tables are made here, per dialect, never by metadata.create_all.
search_meta = MetaData()
search_docs = Table("search_docs", search_meta, Column("id", Integer), Column("article_id", String(32)))

_SQLITE_DDL = (
    "CREATE TABLE IF NOT EXISTS search_docs (id INTEGER PRIMARY KEY, article_id VARCHAR(32) NOT NULL "
    "UNIQUE REFERENCES articles(id) ON DELETE CASCADE)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(stems, terms, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE TRIGGER IF NOT EXISTS search_docs_gone AFTER DELETE ON search_docs "
    "BEGIN DELETE FROM search_fts WHERE rowid = old.id; END",
)
_PG_DDL = (
    "CREATE TABLE IF NOT EXISTS search_docs (article_id VARCHAR(32) PRIMARY KEY "
    "REFERENCES articles(id) ON DELETE CASCADE, seq BIGSERIAL NOT NULL, doc tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_search_docs_doc ON search_docs USING GIN (doc)",
)
_PG_UPSERT = text(
    "INSERT INTO search_docs (article_id, doc) VALUES (:id, to_tsvector('simple', :stems) "
    "|| to_tsvector('simple', :terms)) ON CONFLICT (article_id) DO UPDATE SET doc = EXCLUDED.doc")


@lru_cache(maxsize=1)
def index_format() -> int:
    """A number that changes when the indexing rules or the clitic data change (the same in every
    process: no set's order, which string hashing varies, goes into it)."""
    c = clitics()
    key = f"{_RULES}|{c.prefixes}|{sorted(c.lam_contraction)}|{c.article}|{c.min_stem}"
    return zlib.crc32(key.encode()) & 0x7FFFFFFF


def ensure_index(conn: Connection) -> int:
    """Make the index tables if missing and index what is not indexed (all of it when the format
    changed); inside the caller's transaction (init_db's). Returns how many articles it indexed."""
    ddl = _PG_DDL if conn.dialect.name == "postgresql" else _SQLITE_DDL
    if conn.dialect.name == "postgresql" and conn.execute(text(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'search_docs' "
            "AND table_schema = current_schema() AND column_name = 'seq'")).scalar() == 0:
        conn.exec_driver_sql("DROP TABLE IF EXISTS search_docs")  # an earlier shape: derived data, remade
    for stmt in ddl:
        conn.exec_driver_sql(stmt)
    mine = store_meta.c.key == FORMAT_KEY
    have = conn.execute(select(store_meta.c.value).where(mine)).scalar()
    if have == index_format():
        return 0
    if have is not None:  # other rules: start again
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("DELETE FROM search_fts")
        conn.exec_driver_sql("DELETE FROM search_docs")
    done = backfill(conn)
    if have is None:
        conn.execute(store_meta.insert().values(key=FORMAT_KEY, value=index_format()))
    else:
        conn.execute(store_meta.update().where(mine).values(value=index_format()))
    return done


def drop_index(conn: Connection) -> None:
    """Drop the index tables (the articles' tables can then be dropped); the next init remakes them."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS search_docs_gone")
        conn.exec_driver_sql("DROP TABLE IF EXISTS search_fts")
    conn.exec_driver_sql("DROP TABLE IF EXISTS search_docs")
    if conn.dialect.has_table(conn, store_meta.name):
        conn.execute(store_meta.delete().where(store_meta.c.key == FORMAT_KEY))


def backfill(conn: Connection) -> int:
    """Index every stored article that has no index row yet; returns how many."""
    missing = select(articles.c.id).where(~select(search_docs.c.article_id)
                                          .where(search_docs.c.article_id == articles.c.id).exists())
    ids = [str(i) for i in conn.execute(missing.order_by(articles.c.id)).scalars()]
    for i in range(0, len(ids), _BATCH):
        chunk = ids[i:i + _BATCH]
        rows = conn.execute(select(articles.c.id, articles.c.title, articles.c.text)
                            .where(articles.c.id.in_(chunk))).all()
        for article_id, title, body in rows:
            index_article(conn, article_id, title, body)
    return len(ids)


def index_article(conn: Connection, article_id: str, title: str | None, body: str) -> None:
    """Write (or replace) the article's index row, inside the caller's transaction."""
    index_articles(conn, [(article_id, index_document(title, body))])


def index_articles(conn: Connection, docs: Sequence[tuple[str, IndexDoc]]) -> None:
    """Write (or replace) the index rows of several articles (id, index_document of its title
    and text, computed where the article was extracted), inside the caller's transaction: a
    few statements for all of them, each article's row as index_article writes it."""
    if not docs:
        return
    if conn.dialect.name == "postgresql":
        params = []
        for article_id, doc in docs:
            doc = bounded(doc, PG_BUDGET)
            params.append({"id": article_id, "stems": doc.stems, "terms": doc.terms})
        conn.execute(_PG_UPSERT, params)
        return
    ids = [article_id for article_id, _doc in docs]
    if len(set(ids)) != len(ids):  # the same article twice: the last one stays, as one by one
        for article_id, doc in docs:
            index_articles(conn, [(article_id, doc)])
        return
    for i in range(0, len(ids), _BATCH):  # SQLite's limit on bound parameters
        chunk = docs[i:i + _BATCH]
        marks = ", ".join("?" * len(chunk))
        chunk_ids = tuple(article_id for article_id, _doc in chunk)
        conn.exec_driver_sql(f"DELETE FROM search_docs WHERE article_id IN ({marks})", chunk_ids)
        conn.exec_driver_sql("INSERT INTO search_docs (article_id) VALUES (?)", [(i,) for i in chunk_ids])
        rowid: dict[str, int] = dict(conn.exec_driver_sql(
            f"SELECT article_id, id FROM search_docs WHERE article_id IN ({marks})", chunk_ids).all())
        conn.exec_driver_sql("INSERT INTO search_fts (rowid, stems, terms) VALUES (?, ?, ?)",
                             [(rowid[article_id], doc.stems, doc.terms) for article_id, doc in chunk])


def bounded(doc: IndexDoc, budget: int) -> IndexDoc:
    """``doc`` cut so that its tsvector stays under ``budget`` bytes (half for the stems, half for
    the terms; an estimate: each distinct word's bytes and header, two bytes per position, at most
    256 positions per word): a very long article is indexed from its start rather than failing."""
    n_words = doc.stems.count(" ") + doc.terms.count(" ") + 2
    if 4 * (len(doc.stems) + len(doc.terms)) + 10 * n_words < budget:  # an upper bound: fits
        return doc

    def take(words: Iterable[str], room: int) -> str:
        seen: dict[str, int] = {}
        kept: list[str] = []
        for w in words:
            n = seen.get(w, 0)
            room -= (len(w.encode()) + 8 if n == 0 else 0) + (2 if n < 256 else 0)
            if room < 0:
                break
            seen[w] = n + 1
            kept.append(w)
        return " ".join(kept)

    return IndexDoc(take(doc.stems.split(), budget // 2), take(doc.terms.split(), budget // 2))
