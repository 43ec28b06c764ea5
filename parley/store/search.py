"""Full-text search, one interface over both backends: SQLite FTS5 (bm25) and PostgreSQL tsvector
(ts_rank), both over the normalised words of store/search_index.py.

``search(engine, query, filters, limit)`` parses the query (text/search_query.py; QueryError
for the user when it cannot be read), keeps to the shared filters (store/filters.where), ranks,
and returns hits with a snippet in the direction of the sentence it comes from; the highlights
are found on the normalised copy and mapped back to the original (text/search_terms.py).
Scores are "higher is better" on both backends (SQLite's bm25 is negated), but not comparable
between them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Engine,
    Integer,
    MetaData,
    Select,
    Table,
    Text,
    func,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR

from parley.filters import Filters, app_href
from parley.store.db import store_errors
from parley.store.filters import where
from parley.store.schema import articles, segments
from parley.store.search_index import search_docs, search_meta
from parley.text.search_query import Node, parse_query
from parley.text.search_query import leaves as query_leaves
from parley.text.search_terms import Leaf, match_spans, snippet, stem

MAX_LIMIT = 200
RANK_POOL = 20_000  # see ranked_ids
PG_RANK_POOL = 5_000  # ts_rank reads each vector from TOAST: several times bm25's cost per match

search_fts = Table("search_fts", search_meta, Column("rowid", Integer), Column("stems", Text),
                   Column("terms", Text))
_pg_docs = Table("search_docs", MetaData(), Column("article_id", Text), Column("seq", Integer),
                 Column("doc", TSVECTOR))


@dataclass(frozen=True)
class SearchHit:
    """One ranked article: its facts, a snippet (its language, highlights relative to it) and the
    first match's span in the article's text (None when only the title matched)."""

    article_id: str
    score: float
    title: str | None
    outlet: str | None
    published: dt.date | None
    lang: str
    snippet: str
    snippet_lang: str
    marks: tuple[tuple[int, int], ...]
    start: int | None
    end: int | None

    @property
    def link(self) -> str:
        """The reading view at the hit: /read?a=ID&s=START&e=END."""
        params = {"a": self.article_id}
        if self.start is not None and self.end is not None:
            params |= {"s": str(self.start), "e": str(self.end)}
        return app_href("/read", params)


def fts5_expression(node: Node) -> str:
    """The FTS5 MATCH expression of a query tree (words are letters and digits, quoted anyway)."""
    if isinstance(node, Leaf):
        if node.is_phrase:
            return 'stems : "' + " ".join(_q(stem(w)) for w in node.words) + '"'
        return f'terms : "{_q(node.words[0])}"' + (" *" if node.prefix else "")
    joiner = {"and": " AND ", "or": " OR ", "not": " NOT "}[node.kind]
    return "(" + joiner.join(fts5_expression(i) for i in node.items) + ")"


def tsquery_expression(node: Node) -> str:
    """The tsquery text of a query tree: a phrase of stems (the stems run in order at the vector's
    start), a word or prefix among the terms (every stem is also a term)."""
    if isinstance(node, Leaf):
        if node.is_phrase:
            return "(" + " <-> ".join(f"'{_q(stem(w))}'" for w in node.words) + ")"
        return f"'{_q(node.words[0])}'" + (":*" if node.prefix else "")
    if node.kind == "not":
        return f"({tsquery_expression(node.items[0])} & !{tsquery_expression(node.items[1])})"
    joiner = " & " if node.kind == "and" else " | "
    return "(" + joiner.join(tsquery_expression(i) for i in node.items) + ")"


def tsquery_candidates(node: Node) -> str:
    """The tsquery of a query tree with each phrase's words ANDed instead of adjacent: GIN answers it
    without reading a vector, and it matches every article the query matches (a NOT whose right side
    holds a phrase excludes nothing here: an article with the phrase's words apart must stay)."""
    if isinstance(node, Leaf):
        if node.is_phrase:
            return "(" + " & ".join(f"'{_q(stem(w))}'" for w in node.words) + ")"
        return tsquery_expression(node)
    if node.kind == "not":
        left, right = node.items[0], node.items[1]
        if any(leaf.is_phrase for leaf in query_leaves(right, positive=False)):
            return tsquery_candidates(left)
        return f"({tsquery_candidates(left)} & !{tsquery_expression(right)})"
    joiner = " & " if node.kind == "and" else " | "
    return "(" + joiner.join(tsquery_candidates(i) for i in node.items) + ")"


def _q(word: str) -> str:
    """A word made safe inside FTS5 double quotes and tsquery single quotes (words never hold
    these; this is the second lock)."""
    return word.replace('"', "").replace("'", "").replace("\\", "")


def ranked_ids(engine: Engine, tree: Node, filters: Filters, limit: int,
               pool: int | None = None) -> list[tuple[str, float]]:
    """(article id, score) of the best ``limit`` matches that the filters keep, best first.

    Ranking costs a few microseconds per match, so a query matching more than ``pool`` articles
    (default RANK_POOL; on PostgreSQL at most PG_RANK_POOL) within the filters is ranked among its
    ``pool`` most recently stored matches: every hit is a match, and the time stays bounded at any
    store size. On PostgreSQL a query with a phrase is checked among its ``pool`` newest candidates
    (articles holding the phrase's words anywhere; see _ranked_pg)."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    pool = RANK_POOL if pool is None else pool
    with store_errors("cannot search the articles"), engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            # The planner prices reading a vector from TOAST like any operator, so it may scan every
            # vector instead of asking the GIN index; and a generic plan (psycopg prepares a statement
            # run five times) cannot see how rare the words are. For this transaction only:
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")
            stmt = _ranked_pg(conn, tree, filters, limit, pool)
        else:
            stmt = _ranked_sqlite(conn, tree, filters, limit, pool)
        return [(str(a), float(s)) for a, s in conn.execute(stmt).all()]


def _ranked_sqlite(conn: Connection, tree: Node, filters: Filters, limit: int, pool: int) -> Select[Any]:
    del conn  # one statement: FTS5 walks the matches newest first, bm25 scores the pool, then sort
    match = text("search_fts MATCH :fts").bindparams(fts=fts5_expression(tree))
    joined = (search_fts.join(search_docs, search_docs.c.id == search_fts.c.rowid)
              .join(articles, articles.c.id == search_docs.c.article_id))
    bm25 = func.bm25(literal_column("search_fts"))  # only valid in the SELECT that holds the MATCH
    newest = (select(search_docs.c.article_id, (-bm25).label("score")).select_from(joined)
              .where(match, where(filters)).order_by(search_fts.c.rowid.desc()).limit(pool).subquery())
    return select(newest.c.article_id, newest.c.score).order_by(newest.c.score.desc(),
                                                                 newest.c.article_id).limit(limit)


def _ranked_pg(conn: Connection, tree: Node, filters: Filters, limit: int, pool: int) -> Select[Any]:
    """One statement: the newest ``pool`` candidates by seq (a GIN match, no vector read), then the
    phrase check (if any) and ts_rank on that pool only.

    GIN keeps no positions, so a phrase (``<->``) makes PostgreSQL read every candidate's vector from
    TOAST to check adjacency: 0.5 s for a phrase of very common words at 100,000 articles. So a query
    with a phrase picks its candidates with the phrase's words ANDed (tsquery_candidates, which GIN
    answers alone) and checks the phrase among them: when a phrase has more candidates than the pool,
    it is checked among its newest candidates (README Limits); with fewer, the hits are the same."""
    del conn
    exact = _tsquery(tsquery_expression(tree))
    phrased = any(leaf.is_phrase for leaf in query_leaves(tree, positive=False))
    candidates = _tsquery(tsquery_candidates(tree)) if phrased else exact
    joined = _pg_docs.join(articles, articles.c.id == _pg_docs.c.article_id)
    newest = (select(_pg_docs.c.article_id, _pg_docs.c.doc).select_from(joined)
              .where(_pg_docs.c.doc.op("@@")(candidates), where(filters))
              .order_by(_pg_docs.c.seq.desc()).limit(min(pool, PG_RANK_POOL)).subquery())
    score: ColumnElement[Any] = func.ts_rank(newest.c.doc, exact)
    ranked = select(newest.c.article_id, score.label("score"))
    if phrased:  # after the LIMIT: the planner cannot move it into the candidates' scan
        ranked = ranked.where(newest.c.doc.op("@@")(exact))
    return ranked.order_by(score.desc(), newest.c.article_id).limit(limit)


def _tsquery(expression: str) -> ColumnElement[Any]:
    return func.to_tsquery(literal_column("'simple'::regconfig"), expression)


def search(engine: Engine, query: str, filters: Filters | None = None, limit: int = 20) -> list[SearchHit]:
    """The ranked hits of ``query`` among the articles the filters keep (QueryError when the query
    cannot be read, StoreError when the store cannot)."""
    tree = parse_query(query)
    ranked = ranked_ids(engine, tree, filters or Filters(), limit)
    if not ranked:
        return []
    ids = [a for a, _ in ranked]
    with store_errors("cannot read the hits"), engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(
            select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.published,
                   articles.c.lang, articles.c.text).where(articles.c.id.in_(ids)))}
        segs: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for aid, s, e, lang in conn.execute(
                select(segments.c.article_id, segments.c.start, segments.c.end, segments.c.lang)
                .where(segments.c.article_id.in_(ids)).order_by(segments.c.article_id, segments.c.start)):
            segs[aid].append((int(s), int(e), str(lang)))
    wanted = query_leaves(tree)
    return [_hit(rows[a], score, segs.get(a, []), wanted) for a, score in ranked if a in rows]


def _hit(row: Any, score: float, segs: list[tuple[int, int, str]], wanted: list[Leaf]) -> SearchHit:
    body: str = row.text
    spans = match_spans(body, wanted)
    bounds, lang = None, str(row.lang)
    if spans:
        first = spans[0][0]
        for s, e, seg_lang in segs:
            if s <= first < e:
                bounds, lang = (s, e), seg_lang
                break
    elif row.title:  # only the title matched: show it, highlighted
        t_spans = match_spans(row.title, wanted)
        if t_spans:
            return SearchHit(str(row.id), score, row.title, row.outlet, _date(row.published), str(row.lang),
                             row.title, str(row.lang), tuple(t_spans), None, None)
    snip = snippet(body, spans, bounds)
    return SearchHit(str(row.id), score, row.title, row.outlet, _date(row.published), str(row.lang),
                     snip.text, lang, snip.marks,
                     snip.hit[0] if snip.hit else None, snip.hit[1] if snip.hit else None)


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


__all__ = ["SearchHit", "fts5_expression", "ranked_ids", "search", "tsquery_candidates", "tsquery_expression"]
