"""Summary tables, kept up to date at ingest: article counts by publication day, language and
outlet, mention counts by actor, and the network's edge weights by day (edge_summaries.py), over
the articles the empty filter keeps (originals).

The one write path (writes.write_batch) adds each batch's counts in the batch's transaction
(``add_batch``, registered in writes.AFTER_WRITE), so a crash never leaves them half counted;
re-extraction and anything that rewrites articles or mentions in place call ``rebuild``. A
reader uses them only through ``usable``: when the articles and mentions tables hold exactly the
rows the summaries account for; otherwise (a writer went around the write path) it reads the
full tables, as before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, func, select, update
from sqlalchemy.sql import Executable

from parley.filters import Filters
from parley.store import edge_summaries
from parley.store.db import store_errors
from parley.store.filters import where
from parley.store.schema import (
    articles,
    corrections,
    extracted_mentions,
    mentions,
    summary_actors,
    summary_days,
    summary_state,
)

_KEY = "rows"


def _day(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)[:10]


_UPSERTS: dict[tuple[str, Any, tuple[str, ...]], Executable] = {}


def upsert_add(conn: Connection, table: Any, rows: Sequence[dict[str, Any]], counted: Sequence[str]) -> None:
    """Insert rows, or on a primary-key clash add their ``counted`` columns to the stored ones."""
    if not rows:
        return
    # built once per dialect, table and counted columns: every batch of an ingest runs five
    memo = (conn.dialect.name, table, tuple(counted))
    stmt = _UPSERTS.get(memo)
    if stmt is None:
        stmt = _UPSERTS[memo] = _upsert_stmt(conn.dialect.name, table, counted)
    conn.execute(stmt, list(rows))


def _upsert_stmt(dialect: str, table: Any, counted: Sequence[str]) -> Executable:
    keys = [c.name for c in table.primary_key.columns]
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        pg = postgresql.insert(table)
        return pg.on_conflict_do_update(index_elements=keys,
                                        set_={c: table.c[c] + pg.excluded[c] for c in counted})
    from sqlalchemy.dialects import sqlite

    lite = sqlite.insert(table)
    return lite.on_conflict_do_update(index_elements=keys,
                                      set_={c: table.c[c] + lite.excluded[c] for c in counted})


def add_batch(conn: Connection, stored: Sequence[Any]) -> None:
    """Add the counts of a batch of just-stored articles (writes.Prepared) to the summaries."""
    days: Counter[tuple[str, str, str]] = Counter()
    actor_mentions: Counter[str] = Counter()
    actor_articles: Counter[str] = Counter()
    n_mentions = 0
    for item in stored:
        actors = item.values(extracted_mentions.name, "actor_id")
        n_mentions += len(actors)
        if item.duplicate_of is not None:
            continue
        row = item.row
        days[(_day(row["published"]), row["lang"], row["outlet"] or "")] += 1
        named = Counter(actors)
        actor_mentions.update(named)
        actor_articles.update(named.keys())
    upsert_add(conn, summary_days, [{"day": d, "lang": lg, "outlet": o, "articles": n}
                                     for (d, lg, o), n in sorted(days.items())], ["articles"])
    upsert_add(conn, summary_actors, [{"actor_id": a, "mentions": n, "articles": actor_articles[a]}
                                       for a, n in sorted(actor_mentions.items())], ["mentions", "articles"])
    edge_summaries.add_articles(conn, [item.id for item in stored if item.duplicate_of is None])
    st = summary_state.c  # an invalidated state stays missing: only a rebuild makes it anew
    conn.execute(update(summary_state).where(st.key == _KEY)
                 .values(articles_rows=st.articles_rows + len(stored),
                         mentions_rows=st.mentions_rows + n_mentions))


def rebuild(conn: Connection) -> None:
    """Count the summaries afresh from the stored articles and mentions (inside the caller's
    transaction): after re-extraction, or any write that went around writes.write_batch."""
    for table in (summary_days, summary_actors, summary_state):
        conn.execute(table.delete())
    kept = where(Filters())
    a = articles.c
    days = conn.execute(select(a.published, a.lang, a.outlet, func.count())
                        .where(kept).group_by(a.published, a.lang, a.outlet)).all()
    merged: Counter[tuple[str, str, str]] = Counter()
    for published, lang, outlet, n in days:
        merged[(_day(published), lang, outlet or "")] += int(n)
    upsert_add(conn, summary_days, [{"day": d, "lang": lg, "outlet": o, "articles": n}
                                     for (d, lg, o), n in sorted(merged.items())], ["articles"])
    m = mentions.c
    named = conn.execute(select(m.actor_id, func.count(), func.count(func.distinct(m.article_id)))
                         .select_from(mentions.join(articles, a.id == mentions.c.article_id))
                         .where(kept).group_by(mentions.c.actor_id)).all()
    upsert_add(conn, summary_actors, [{"actor_id": str(actor), "mentions": int(n), "articles": int(k)}
                                       for actor, n, k in named], ["mentions", "articles"])
    edge_summaries.rebuild(conn)
    n_articles, n_mentions, n_corrections = _counts(conn)
    upsert_add(conn, summary_state, [{"key": _KEY, "articles_rows": n_articles, "mentions_rows": n_mentions,
                                       "corrections": n_corrections}], ["articles_rows", "mentions_rows"])


def after_close(conn: Connection) -> None:
    """The end of an ingest's closing pass (dates borrowed, corrections applied again): count
    afresh when corrections changed since the summaries were counted, else count again the edge
    spans whose events the pass re-dated."""
    if not usable(conn):
        rebuild(conn)
    else:
        edge_summaries.refresh(conn)


def _counts(conn: Connection) -> tuple[int, int, int]:
    """How many articles, mentions (as pages read them: curated) and corrections are stored."""
    return tuple(int(conn.execute(select(func.count()).select_from(t)).scalar() or 0)  # type: ignore[return-value]
                 for t in (articles, mentions, corrections))


def invalidate(conn: Connection) -> None:
    """Mark the summaries as not to be trusted until the next rebuild (init_db rebuilds them when
    the mark is found, so a run killed before its rebuild is caught up by the next start)."""
    conn.execute(summary_state.delete())


def missing(conn: Connection) -> bool:
    """Whether the summaries were never counted, or were invalidated."""
    return conn.execute(select(summary_state.c.key).where(summary_state.c.key == _KEY)).first() is None


def usable(conn: Connection) -> bool:
    """Whether the summaries account for exactly the stored articles and mentions, under the
    corrections they were counted with."""
    state = conn.execute(select(summary_state.c.articles_rows, summary_state.c.mentions_rows,
                                summary_state.c.corrections).where(summary_state.c.key == _KEY)).first()
    if state is None:
        return False
    return _counts(conn) == (int(state.articles_rows), int(state.mentions_rows), int(state.corrections))


def summaries_usable(engine: Engine) -> bool:
    """usable() on a connection of its own."""
    with store_errors("cannot read the summaries"), engine.connect() as conn:
        return usable(conn)
